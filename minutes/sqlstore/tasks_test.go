package sqlstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// taskMeeting stores generated meeting i and returns it with its conclusion IDs.
func taskMeeting(t *testing.T, s *sqlstore.Store, i int) *minutes.Meeting {
	t.Helper()
	m := testdb.Meeting(i)
	if err := s.CreateMeetings(context.Background(), []*minutes.Meeting{m}); err != nil {
		t.Fatal(err)
	}
	return m
}

func taskByID(t *testing.T, s *sqlstore.Store, id int64) minutes.Task {
	t.Helper()
	ts, err := s.FindTasks(context.Background(), minutes.TaskFilter{ID: id})
	if err != nil || len(ts) != 1 {
		t.Fatalf("find task %d: %v (%d found)", id, err, len(ts))
	}
	return ts[0]
}

func wantCode(t *testing.T, err error, code, msgPart string) {
	t.Helper()
	if minutes.ErrorCode(err) != code {
		t.Fatalf("want %s, got %v (%s)", code, err, minutes.ErrorCode(err))
	}
	if msgPart != "" && !strings.Contains(vi(err), msgPart) {
		t.Fatalf("message %q does not say %q", vi(err), msgPart)
	}
}

func TestTaskTransitions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		m := taskMeeting(t, s, 40) // meeting on 2021-02-10
		c1, c2, c3 := m.Conclusions[0].ID, m.Conclusions[1].ID, m.Conclusions[2].ID
		on := minutes.NewDate(2021, 3, 1)

		t.Run("NewTasksAreOpen", func(t *testing.T) {
			got := taskByID(t, s, c1)
			if got.Status != minutes.TaskOpen || got.MeetingID != m.ID || got.Pos != 1 ||
				got.Content != m.Conclusions[0].Content || got.Due != m.Conclusions[0].Due || got.MeetingDate != m.Date {
				t.Fatalf("task as loaded: %+v", got)
			}
		})
		t.Run("OK", func(t *testing.T) {
			got, err := s.SetTaskDone(ctx, c1, on, "  Đã tổ chức xong ")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != minutes.TaskDone || got.DoneOn != on || got.Note != "Đã tổ chức xong" || got.StatusChangedAt == nil {
				t.Fatalf("after done: %+v", got)
			}
		})
		t.Run("ErrDoneTwice", func(t *testing.T) {
			_, err := s.SetTaskDone(ctx, c1, on, "lần nữa")
			wantCode(t, err, minutes.ECONFLICT, "đã được ghi nhận hoàn thành ngày 01/03/2021")
		})
		t.Run("ErrDropDone", func(t *testing.T) {
			_, err := s.DropTask(ctx, c1, "không cần nữa")
			wantCode(t, err, minutes.ECONFLICT, "đã hoàn thành ngày 01/03/2021 nên không hủy được")
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.SetTaskDone(ctx, 987654, on, "x")
			wantCode(t, err, minutes.ENOTFOUND, "không có việc (kết luận) số 987654")
			_, err = s.DropTask(ctx, 987654, "x")
			wantCode(t, err, minutes.ENOTFOUND, "987654")
			_, err = s.AddTaskNote(ctx, 987654, "x")
			wantCode(t, err, minutes.ENOTFOUND, "987654")
		})
		t.Run("ErrReasonRequired", func(t *testing.T) {
			_, err := s.DropTask(ctx, c2, " \t")
			wantCode(t, err, minutes.EINVALID, "phải ghi lý do")
			if got := taskByID(t, s, c2); got.Status != minutes.TaskOpen {
				t.Fatalf("a rejected drop changed the status to %q", got.Status)
			}
		})
		t.Run("ErrNoteRequired", func(t *testing.T) {
			_, err := s.SetTaskDone(ctx, c2, on, "")
			wantCode(t, err, minutes.EINVALID, "phải ghi kết quả thực hiện")
		})
		t.Run("ErrDoneBeforeMeeting", func(t *testing.T) {
			_, err := s.SetTaskDone(ctx, c2, minutes.NewDate(2012, 2, 10), "gõ nhầm năm")
			wantCode(t, err, minutes.EINVALID, "trước ngày họp 10/02/2021")
		})
		t.Run("DropThenDoneConflicts", func(t *testing.T) {
			if _, err := s.DropTask(ctx, c2, "Đã có chỉ đạo khác"); err != nil {
				t.Fatal(err)
			}
			_, err := s.SetTaskDone(ctx, c2, on, "x")
			wantCode(t, err, minutes.ECONFLICT, "đã bị hủy (lý do: Đã có chỉ đạo khác)")
			_, err = s.DropTask(ctx, c2, "lần nữa")
			wantCode(t, err, minutes.ECONFLICT, "đã bị hủy trước đó")
		})
		t.Run("Reopen", func(t *testing.T) {
			_, err := s.ReopenTask(ctx, c3, "x")
			wantCode(t, err, minutes.ECONFLICT, "đang mở")
			got, err := s.ReopenTask(ctx, c2, "Hủy nhầm")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != minutes.TaskOpen || got.Reason != "Hủy nhầm" {
				t.Fatalf("after reopen: %+v", got)
			}
		})
		t.Run("Notes", func(t *testing.T) {
			if _, err := s.AddTaskNote(ctx, c3, "Đã họp với các phường"); err != nil {
				t.Fatal(err)
			}
			got, err := s.AddTaskNote(ctx, c3, "Ho\u0302\u0323i nghi\u0323 xong") // NFD
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Notes) != 2 || got.Notes[0].Text != "Đã họp với các phường" || got.Notes[1].Text != "Hội nghị xong" || got.Notes[1].At.IsZero() {
				t.Fatalf("notes: %+v", got.Notes)
			}
			_, err = s.AddTaskNote(ctx, c3, "  ")
			wantCode(t, err, minutes.EINVALID, "đang để trống")
		})
		t.Run("HistoryWithoutNewVersion", func(t *testing.T) {
			now, err := s.FindMeetingByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if now.Version != m.Version {
				t.Fatalf("task changes bumped the meeting to version %d (was %d)", now.Version, m.Version)
			}
			var rows []struct {
				Action  string `db:"action"`
				Fields  string `db:"fields"`
				Reason  string `db:"reason"`
				Version int    `db:"version"`
			}
			if err := s.DB().Select(&rows, s.DB().Rebind(`SELECT action, fields, reason, version FROM history WHERE meeting_id = ? ORDER BY id`), m.ID); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				if r.Version != m.Version {
					t.Errorf("history %s at version %d, want %d", r.Action, r.Version, m.Version)
				}
				got = append(got, r.Action+" "+r.Fields+" "+r.Reason)
			}
			want := []string{
				"created  ",
				"task_done conclusions[1] 2021-03-01 — Đã tổ chức xong",
				"task_dropped conclusions[2] Đã có chỉ đạo khác",
				"task_reopened conclusions[2] Hủy nhầm",
				"task_note conclusions[3] Đã họp với các phường",
				"task_note conclusions[3] Hội nghị xong",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	})
}

// Editing a meeting keeps the IDs and the follow-up of its conclusions.
func TestEditKeepsTaskState(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		m := taskMeeting(t, s, 42)
		ids := []int64{m.Conclusions[0].ID, m.Conclusions[1].ID, m.Conclusions[2].ID, m.Conclusions[3].ID}
		on := m.Date.AddDays(5)
		if _, err := s.SetTaskDone(ctx, ids[0], on, "xong 1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DropTask(ctx, ids[1], "bỏ 2"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTaskNote(ctx, ids[2], "tiến độ 3"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetTaskDone(ctx, ids[3], on, "xong 4"); err != nil {
			t.Fatal(err)
		}
		edit := func(change func(m *minutes.Meeting)) *minutes.Meeting {
			t.Helper()
			cur, err := s.FindMeetingByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			change(cur)
			if err := s.UpdateMeeting(ctx, cur); err != nil {
				t.Fatal(err)
			}
			got, err := s.FindMeetingByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range got.Conclusions {
				if c.ID != cur.Conclusions[i].ID || c.Content != cur.Conclusions[i].Content {
					t.Fatalf("conclusion %d stored as %+v, UpdateMeeting reported %+v", i+1, c, cur.Conclusions[i])
				}
			}
			return got
		}
		state := func(id int64) string {
			tk := taskByID(t, s, id)
			return tk.Status + "|" + tk.Note + tk.Reason + "|" + strings.Repeat("n", len(tk.Notes))
		}

		t.Run("EditContentOwnerDue", func(t *testing.T) {
			got := edit(func(m *minutes.Meeting) {
				m.Conclusions[0].Content += " (sửa lỗi chính tả)"
				m.Conclusions[1].Owner = "Văn phòng Thành ủy"
				m.Conclusions[2].Due = m.Conclusions[2].Due.AddDays(10)
				m.Title = "Tiêu đề đã sửa"
			})
			for i, id := range ids {
				if got.Conclusions[i].ID != id {
					t.Fatalf("conclusion %d changed ID %d → %d", i+1, id, got.Conclusions[i].ID)
				}
			}
			if state(ids[0]) != "done|xong 1|" || state(ids[1]) != "dropped|bỏ 2|" || state(ids[2]) != "open||n" || state(ids[3]) != "done|xong 4|" {
				t.Fatalf("task state lost: %s %s %s %s", state(ids[0]), state(ids[1]), state(ids[2]), state(ids[3]))
			}
			if tk := taskByID(t, s, ids[1]); tk.Owner != "Văn phòng Thành ủy" {
				t.Fatalf("owner not updated: %q", tk.Owner)
			}
		})
		t.Run("RemoveMiddleDoesNotShiftState", func(t *testing.T) {
			got := edit(func(m *minutes.Meeting) {
				m.Conclusions = append(m.Conclusions[:1], m.Conclusions[2:]...)
			})
			if len(got.Conclusions) != 3 || got.Conclusions[1].ID != ids[2] || got.Conclusions[2].ID != ids[3] {
				t.Fatalf("after removing the second: %+v", got.Conclusions)
			}
			if state(ids[2]) != "open||n" || state(ids[3]) != "done|xong 4|" {
				t.Fatalf("state shifted: %s %s", state(ids[2]), state(ids[3]))
			}
			if gone, err := s.FindTasks(ctx, minutes.TaskFilter{ID: ids[1]}); err != nil || len(gone) != 0 {
				t.Fatalf("the removed conclusion is still a task: %v %v", gone, err)
			}
			if tk := taskByID(t, s, ids[2]); tk.Pos != 2 {
				t.Fatalf("moved conclusion at position %d, want 2", tk.Pos)
			}
		})
		t.Run("InsertFrontAndReorder", func(t *testing.T) {
			got := edit(func(m *minutes.Meeting) {
				cs := m.Conclusions
				m.Conclusions = []minutes.Conclusion{{Content: "Kết luận mới", Owner: "Ban Dân vận"}, cs[2], cs[0], cs[1]}
			})
			if len(got.Conclusions) != 4 || got.Conclusions[1].ID != ids[3] || got.Conclusions[2].ID != ids[0] || got.Conclusions[3].ID != ids[2] {
				t.Fatalf("after insert and reorder: %+v", got.Conclusions)
			}
			if fresh := taskByID(t, s, got.Conclusions[0].ID); fresh.Status != minutes.TaskOpen || fresh.Pos != 1 {
				t.Fatalf("new conclusion: %+v", fresh)
			}
			if state(ids[0]) != "done|xong 1|" || state(ids[2]) != "open||n" || state(ids[3]) != "done|xong 4|" {
				t.Fatal("state lost on reorder")
			}
		})
		t.Run("RemoveAll", func(t *testing.T) {
			edit(func(m *minutes.Meeting) { m.Conclusions = nil })
			var n int
			if err := s.DB().Get(&n, s.DB().Rebind(`SELECT COUNT(*) FROM task_notes n JOIN conclusions x ON x.id = n.conclusion_id WHERE x.meeting_id = ?`), m.ID); err != nil || n != 0 {
				t.Fatalf("notes left: %d (%v)", n, err)
			}
		})
	})
}

func TestFindTasksFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		for i := 0; i < 12; i++ {
			taskMeeting(t, s, i*25)
		}
		all, err := s.FindTasks(ctx, minutes.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 48 {
			t.Fatalf("%d tasks, want 48", len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].Due.Before(all[i-1].Due) {
				t.Fatalf("not ordered by due date at %d: %v after %v", i, all[i].Due, all[i-1].Due)
			}
		}
		// Mark every third done, every fifth (not done) dropped.
		for i, tk := range all {
			switch {
			case i%3 == 0:
				if _, err := s.SetTaskDone(ctx, tk.ID, tk.MeetingDate.AddDays(1), "xong"); err != nil {
					t.Fatal(err)
				}
			case i%5 == 0:
				if _, err := s.DropTask(ctx, tk.ID, "bỏ"); err != nil {
					t.Fatal(err)
				}
			}
		}
		all, _ = s.FindTasks(ctx, minutes.TaskFilter{})
		today := minutes.NewDate(2021, 7, 1)
		count := func(keep func(minutes.Task) bool) int {
			n := 0
			for _, tk := range all {
				if keep(tk) {
					n++
				}
			}
			return n
		}
		cases := []struct {
			name string
			f    minutes.TaskFilter
			keep func(minutes.Task) bool
		}{
			{"Overdue", minutes.TaskFilter{Overdue: true, Today: today}, func(tk minutes.Task) bool { return tk.Overdue(today) }},
			{"StatusDone", minutes.TaskFilter{Status: minutes.TaskDone}, func(tk minutes.Task) bool { return tk.Status == minutes.TaskDone }},
			{"StatusDropped", minutes.TaskFilter{Status: minutes.TaskDropped}, func(tk minutes.Task) bool { return tk.Status == minutes.TaskDropped }},
			{"DueBeforeInclusive", minutes.TaskFilter{DueBefore: all[10].Due}, func(tk minutes.Task) bool { return !all[10].Due.Before(tk.Due) }},
			{"Quarter", minutes.TaskFilter{From: minutes.NewDate(2021, 4, 1), To: minutes.NewDate(2021, 6, 30)}, func(tk minutes.Task) bool {
				return minutes.QuarterOf(tk.Due) == minutes.Quarter{Year: 2021, Q: 2}
			}},
			{"OrgFolded", minutes.TaskFilter{Org: "dang uy xa phu my"}, func(tk minutes.Task) bool { return tk.Organization == "Đảng ủy xã Phú Mỹ" }},
			{"OwnerFolded", minutes.TaskFilter{Owner: "TRAN thi"}, func(tk minutes.Task) bool { return strings.HasPrefix(tk.Owner, "Trần Thị") }},
			{"OverdueOwner", minutes.TaskFilter{Overdue: true, Today: today, Owner: "duc"}, func(tk minutes.Task) bool {
				return tk.Overdue(today) && tk.Owner == "Lê Minh Đức"
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := s.FindTasks(ctx, c.f)
				if err != nil {
					t.Fatal(err)
				}
				want := count(c.keep)
				if want == 0 {
					t.Fatal("the case selects nothing: it would prove nothing")
				}
				if len(got) != want {
					t.Fatalf("%d tasks, want %d", len(got), want)
				}
				for _, tk := range got {
					if !c.keep(tk) {
						t.Fatalf("filter let through %+v", tk)
					}
				}
			})
		}
		t.Run("ErrBadStatus", func(t *testing.T) {
			_, err := s.FindTasks(ctx, minutes.TaskFilter{Status: "finished"})
			wantCode(t, err, minutes.EUSAGE, "finished")
		})
	})
}

// Two secretaries mark the same task at once: one wins, the other is told.
func TestTaskConcurrentDone(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		m := taskMeeting(t, s, 43)
		id := m.Conclusions[0].ID
		const n = 6
		errs := make([]error, n)
		stores := make([]*sqlstore.Store, n) // one client each, as separate processes would be
		for i := range stores {
			stores[i] = open(t, dsn)
		}
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, errs[i] = stores[i].SetTaskDone(ctx, id, m.Date, "xong")
			}(i)
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch minutes.ErrorCode(err) {
			case "":
				ok++
			case minutes.ECONFLICT:
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d writers succeeded, want exactly 1", ok)
		}
		var h int
		if err := s.DB().Get(&h, s.DB().Rebind(`SELECT COUNT(*) FROM history WHERE meeting_id = ? AND action = 'task_done'`), m.ID); err != nil || h != 1 {
			t.Fatalf("%d task_done history rows (%v), want 1", h, err)
		}
	})
}
