package sqlstore_test

import (
	"context"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// maxConclusionID is the highest task number of ms.
func maxConclusionID(ms ...*minutes.Meeting) int64 {
	var top int64
	for _, m := range ms {
		for _, c := range m.Conclusions {
			top = max(top, c.ID)
		}
	}
	return top
}

// TestNumbersNeverGivenTwice: after the newest draft is deleted, the next
// meeting, its conclusions and task notes take new numbers, and the deleted
// draft's history stays its own (issue 15).
func TestNumbersNeverGivenTwice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		a, b := testdb.Meeting(1), testdb.Meeting(2)
		if len(b.Conclusions) == 0 {
			t.Fatal("the generated meeting has no conclusions: the test would prove nothing")
		}
		if err := s.CreateMeetings(ctx, []*minutes.Meeting{a, b}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTaskNote(ctx, b.Conclusions[0].ID, "đã triển khai"); err != nil {
			t.Fatal(err)
		}
		var noteB int64
		if err := s.DB().GetContext(ctx, &noteB, `SELECT MAX(id) FROM task_notes`); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteMeeting(ctx, b.ID, 0); err != nil {
			t.Fatal(err)
		}
		c := testdb.Meeting(3)
		if err := s.CreateMeetings(ctx, []*minutes.Meeting{c}); err != nil {
			t.Fatal(err)
		}
		if c.ID <= b.ID {
			t.Fatalf("the new meeting took number %d; the deleted draft had %d", c.ID, b.ID)
		}
		if min := c.Conclusions[0].ID; min <= maxConclusionID(a, b) {
			t.Fatalf("the new meeting's first task took number %d; the deleted draft's went up to %d", min, maxConclusionID(a, b))
		}
		if _, err := s.AddTaskNote(ctx, c.Conclusions[0].ID, "ghi chú mới"); err != nil {
			t.Fatal(err)
		}
		var noteC int64
		if err := s.DB().GetContext(ctx, &noteC, `SELECT MAX(id) FROM task_notes`); err != nil {
			t.Fatal(err)
		}
		if noteC <= noteB {
			t.Fatalf("the new task note took number %d; the deleted draft's note had %d", noteC, noteB)
		}

		hist, err := s.History(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := hist[len(hist)-1]
		if last.Action != minutes.ActionDeleted || last.Snapshot == nil || last.Snapshot.Title != b.Title {
			t.Fatalf("history of the deleted draft %d ends with %s of %q, want its deletion", b.ID, last.Action, title(last.Snapshot))
		}
		hist, err = s.History(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if hist[0].Action != minutes.ActionCreated || hist[0].Snapshot.Title != c.Title {
			t.Fatalf("history of the new meeting begins with %s of %q", hist[0].Action, title(hist[0].Snapshot))
		}
		for _, h := range hist {
			if h.Action == minutes.ActionDeleted {
				t.Fatalf("the new meeting %d has the deleted draft's history", c.ID)
			}
		}

		// A conclusion dropped by an edit frees no number either.
		edited, err := s.FindMeetingByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		top := maxConclusionID(edited)
		edited.Conclusions = edited.Conclusions[:len(edited.Conclusions)-1]
		if err := s.UpdateMeeting(ctx, edited); err != nil {
			t.Fatal(err)
		}
		edited.Conclusions = append(edited.Conclusions, minutes.Conclusion{Content: "Một kết luận mới hoàn toàn"})
		if err := s.UpdateMeeting(ctx, edited); err != nil {
			t.Fatal(err)
		}
		if got := edited.Conclusions[len(edited.Conclusions)-1].ID; got <= top {
			t.Fatalf("the new conclusion took number %d, not above %d", got, top)
		}
	})
}

func title(m *minutes.Meeting) string {
	if m == nil {
		return ""
	}
	return m.Title
}

// TestSequencesMigration: a database that gave and freed the newest number
// before migration 010 keeps it freed once migrated, as far as its history
// shows it.
func TestSequencesMigration(t *testing.T) {
	ctx := context.Background()
	path := testdb.SQLite(t)
	s := open(t, path)
	a, b := testdb.Meeting(1), testdb.Meeting(2)
	if err := s.CreateMeetings(ctx, []*minutes.Meeting{a, b}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, b.ID, 0); err != nil {
		t.Fatal(err)
	}
	// Back to the schema before 010, which had no counters.
	for _, q := range []string{`DROP TABLE id_counters`, `DELETE FROM schema_migrations WHERE version = 10`} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open(t, path)
	c := testdb.Meeting(3)
	if err := s.CreateMeetings(ctx, []*minutes.Meeting{c}); err != nil {
		t.Fatal(err)
	}
	if c.ID != b.ID+1 {
		t.Fatalf("after migration 010 the new meeting took %d; want %d, past the deleted draft %d in the history", c.ID, b.ID+1, b.ID)
	}
}
