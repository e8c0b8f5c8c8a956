package minutes

import (
	"strings"
	"testing"
)

func TestTaskOverdue(t *testing.T) {
	due := NewDate(2021, 5, 23)
	cases := []struct {
		name  string
		task  Task
		today Date
		over  bool
		days  int
	}{
		{"BeforeDue", Task{Status: TaskOpen, Due: due}, NewDate(2021, 5, 22), false, 0},
		{"OnDueDay", Task{Status: TaskOpen, Due: due}, due, false, 0},
		{"DayAfter", Task{Status: TaskOpen, Due: due}, NewDate(2021, 5, 24), true, 1},
		{"AcrossMonths", Task{Status: TaskOpen, Due: due}, NewDate(2021, 6, 1), true, 9},
		{"AcrossLeapDay", Task{Status: TaskOpen, Due: NewDate(2024, 2, 28)}, NewDate(2024, 3, 1), true, 2},
		{"Done", Task{Status: TaskDone, Due: due, DoneOn: NewDate(2021, 6, 1)}, NewDate(2021, 7, 1), false, 0},
		{"Dropped", Task{Status: TaskDropped, Due: due}, NewDate(2021, 7, 1), false, 0},
		{"NoDueDate", Task{Status: TaskOpen}, NewDate(2030, 1, 1), false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.task.Overdue(c.today); got != c.over {
				t.Errorf("Overdue(%v) = %v, want %v", c.today, got, c.over)
			}
			if got := c.task.DaysOverdue(c.today); got != c.days {
				t.Errorf("DaysOverdue(%v) = %d, want %d", c.today, got, c.days)
			}
		})
	}
}

func TestTaskTransitionRules(t *testing.T) {
	en := NewCatalog(DomainMessages).Printer(LangEN)
	meeting := NewDate(2021, 3, 25)
	open := func() Task { return Task{ID: 7, Status: TaskOpen, MeetingDate: meeting} }
	done := func() Task {
		t := open()
		t.Status, t.DoneOn, t.Note = TaskDone, NewDate(2021, 4, 2), "ok"
		return t
	}
	dropped := func() Task {
		t := open()
		t.Status, t.Reason = TaskDropped, "superseded"
		return t
	}
	cases := []struct {
		name string
		task Task
		do   func(t *Task) error
		code string
		msg  string
	}{
		{"DoneOK", open(), func(t *Task) error { return t.MarkDone(meeting, "held") }, "", ""},
		{"ErrDoneTwice", done(), func(t *Task) error { return t.MarkDone(meeting, "again") }, ECONFLICT, "task 7 is already done (on 02/04/2021)"},
		{"ErrDoneDropped", dropped(), func(t *Task) error { return t.MarkDone(meeting, "x") }, ECONFLICT, "was dropped (reason: superseded)"},
		{"ErrNoteRequired", open(), func(t *Task) error { return t.MarkDone(meeting, " ") }, EINVALID, "say what was done"},
		{"ErrNoteControl", open(), func(t *Task) error { return t.MarkDone(meeting, "a\x07b") }, EINVALID, "control character"},
		{"ErrDoneBeforeMeeting", open(), func(t *Task) error { return t.MarkDone(NewDate(2021, 3, 24), "x") }, EINVALID, "before the meeting on 25/03/2021"},
		{"ErrDoneNoDay", open(), func(t *Task) error { return t.MarkDone(Date{}, "x") }, EINVALID, "missing"},
		{"DropOK", open(), func(t *Task) error { return t.Drop("superseded") }, "", ""},
		{"ErrDropDone", done(), func(t *Task) error { return t.Drop("x") }, ECONFLICT, "is done (on 02/04/2021) and cannot be dropped"},
		{"ErrDropTwice", dropped(), func(t *Task) error { return t.Drop("x") }, ECONFLICT, "already dropped"},
		{"ErrDropNoReason", open(), func(t *Task) error { return t.Drop("") }, EINVALID, "give the reason"},
		{"ReopenDone", done(), func(t *Task) error { return t.Reopen("marked by mistake") }, "", ""},
		{"ErrReopenOpen", open(), func(t *Task) error { return t.Reopen("x") }, ECONFLICT, "nothing to reopen"},
		{"ErrReopenNoReason", dropped(), func(t *Task) error { return t.Reopen("") }, EINVALID, "give the reason"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tk := c.task
			before := tk
			err := c.do(&tk)
			if ErrorCode(err) != c.code {
				t.Fatalf("code %q (%v), want %q", ErrorCode(err), err, c.code)
			}
			if err != nil {
				if msg := en.Error(err); !strings.Contains(msg, c.msg) {
					t.Fatalf("message %q does not say %q", msg, c.msg)
				}
				if tk.Status != before.Status || tk.DoneOn != before.DoneOn {
					t.Fatalf("a refused transition changed the task: %+v", tk)
				}
			}
		})
	}
	tk := open()
	if err := tk.MarkDone(NewDate(2021, 4, 1), " Ho\u0302\u0323i nghi\u0323 "); err != nil || tk.Note != "Hội nghị" || tk.Status != TaskDone {
		t.Fatalf("done: %v %+v", err, tk)
	}
	if err := tk.Reopen("nhầm"); err != nil || tk.Status != TaskOpen || !tk.DoneOn.IsZero() || tk.Note != "" {
		t.Fatalf("reopen: %v %+v", err, tk)
	}
}

func TestTaskMessagesBothLanguages(t *testing.T) {
	cat := NewCatalog(DomainMessages)
	for _, k := range cat.Keys() {
		if !strings.HasPrefix(k, "task.") {
			continue
		}
		vi, en, _ := cat.Lookup(k)
		if vi == "" || en == "" || vi == en {
			t.Errorf("%s: vi %q, en %q", k, vi, en)
		}
	}
}
