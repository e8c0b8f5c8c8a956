package sqlstore_test

import (
	"context"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// Task follow-up is not content: it goes on after the minutes are approved.
func TestTaskOnFinalizedMinutes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		m := taskMeeting(t, s, 41)
		if err := s.Finalize(ctx, m.ID, 0); err != nil {
			t.Fatal(err)
		}
		id := m.Conclusions[0].ID
		if _, err := s.AddTaskNote(ctx, id, "đang làm"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetTaskDone(ctx, id, m.Date.AddDays(3), "xong"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DropTask(ctx, m.Conclusions[1].ID, "không làm nữa"); err != nil {
			t.Fatal(err)
		}
		// The content of the conclusions stays closed.
		_, err := s.DB().Exec(s.DB().Rebind(`UPDATE conclusions SET content = 'sửa lén' WHERE id = ?`), id)
		if err == nil {
			t.Fatal("the content of a finalized conclusion was changed by a plain UPDATE")
		}
		// An amendment rewrites the conclusions in place: the follow-up stays.
		cur, err := s.FindMeetingByID(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Conclusions[0].Content += " (đính chính)"
		cur.Conclusions = append(cur.Conclusions[:1], cur.Conclusions[2:]...)
		if err := s.Amend(ctx, cur, "đính chính kết luận 1, bỏ kết luận 2"); err != nil {
			t.Fatal(err)
		}
		if got := taskByID(t, s, id); got.Status != minutes.TaskDone || got.Note != "xong" || len(got.Notes) != 1 || got.Content != cur.Conclusions[0].Content {
			t.Fatalf("after amend: %+v", got)
		}
		if got := taskByID(t, s, m.Conclusions[2].ID); got.Pos != 2 {
			t.Fatalf("third conclusion at position %d after amend, want 2", got.Pos)
		}
	})
}
