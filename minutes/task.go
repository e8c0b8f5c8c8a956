package minutes

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Statuses of a task (a conclusion followed up until it is carried out).
const (
	TaskOpen    = "open"
	TaskDone    = "done"
	TaskDropped = "dropped"
)

// Actions that task changes write to the meeting's history. They record
// follow-up, not content: the meeting's version does not change.
const (
	ActionTaskDone     = "task_done"
	ActionTaskDropped  = "task_dropped"
	ActionTaskReopened = "task_reopened"
	ActionTaskNote     = "task_note"
)

// Task is a conclusion (kết luận, chỉ đạo) seen as work to chase: who does
// what by when, and how far it has got. Its ID is the conclusion's ID.
type Task struct {
	ID           int64 // the conclusion's ID
	MeetingID    int64
	MeetingTitle string
	MeetingDate  Date
	Organization string
	Pos          int // 1-based position among the meeting's conclusions

	Content string
	Owner   string
	Due     Date // zero when none: such a task is never overdue

	Status          string
	DoneOn          Date   // when done
	Note            string // what was done, when done
	Reason          string // why, when dropped or reopened
	StatusChangedAt *time.Time
	Notes           []TaskNote // progress notes, oldest first
}

// TaskNote is a progress note on a task.
type TaskNote struct {
	At     time.Time
	Text   string
	By     string // the operating-system user who wrote it
	DBUser string // the database user, as the history keeps it
}

// Field is the task's path in its meeting's record, for the history.
func (t Task) Field() string { return fmt.Sprintf("conclusions[%d]", t.Pos) }

// Overdue reports whether t is still open after its due date. A task due
// today is not overdue yet; a task without a due date never is.
func (t Task) Overdue(today Date) bool {
	return t.Status == TaskOpen && !t.Due.IsZero() && t.Due.Before(today)
}

// DaysOverdue is the number of days t is past its due date, 0 when it is
// not overdue.
func (t Task) DaysOverdue(today Date) int {
	if !t.Overdue(today) {
		return 0
	}
	return DaysBetween(t.Due, today)
}

// DaysBetween returns the number of days from a to b (negative when b is
// before a).
func DaysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// MarkDone records t as carried out on the given day with a note saying
// what was done. ECONFLICT when t is not open, EINVALID without a note or
// with a day before the meeting.
func (t *Task) MarkDone(on Date, note string) error {
	switch t.Status {
	case TaskDone:
		return Errorm(ECONFLICT, "task.already_done", t.ID, t.DoneOn.Short(), t.ID)
	case TaskDropped:
		return Errorm(ECONFLICT, "task.done_dropped", t.ID, t.Reason, t.ID)
	}
	note = Clean(note)
	if note == "" {
		return Errorm(EINVALID, "task.note_required", t.ID, t.ID)
	}
	if why := CheckText(note, MaxText); !why.IsZero() {
		return Errorm(EINVALID, "task.bad_text", t.ID, "note", why)
	}
	if on.IsZero() {
		return Errorm(EINVALID, "task.done_on_required", t.ID)
	}
	if on.Before(t.MeetingDate) {
		return Errorm(EINVALID, "task.done_before_meeting", t.ID, on.Short(), t.MeetingDate.Short())
	}
	t.Status, t.DoneOn, t.Note, t.Reason = TaskDone, on, note, ""
	return nil
}

// Drop records that t will not be carried out, and why. ECONFLICT when t
// is done or already dropped, EINVALID without a reason.
func (t *Task) Drop(reason string) error {
	switch t.Status {
	case TaskDone:
		return Errorm(ECONFLICT, "task.drop_done", t.ID, t.DoneOn.Short(), t.ID)
	case TaskDropped:
		return Errorm(ECONFLICT, "task.already_dropped", t.ID, t.Reason)
	}
	reason = Clean(reason)
	if reason == "" {
		return Errorm(EINVALID, "task.reason_required", t.ID, "drop", t.ID)
	}
	if why := CheckText(reason, MaxTitle); !why.IsZero() {
		return Errorm(EINVALID, "task.bad_text", t.ID, "reason", why)
	}
	t.Status, t.Reason, t.DoneOn, t.Note = TaskDropped, reason, Date{}, ""
	return nil
}

// Reopen puts a done or dropped task back to open, to correct a mistake;
// the reason is kept. ECONFLICT when t is open, EINVALID without a reason.
func (t *Task) Reopen(reason string) error {
	if t.Status == TaskOpen {
		return Errorm(ECONFLICT, "task.already_open", t.ID)
	}
	reason = Clean(reason)
	if reason == "" {
		return Errorm(EINVALID, "task.reason_required", t.ID, "reopen", t.ID)
	}
	if why := CheckText(reason, MaxTitle); !why.IsZero() {
		return Errorm(EINVALID, "task.bad_text", t.ID, "reason", why)
	}
	t.Status, t.Reason, t.DoneOn, t.Note = TaskOpen, reason, Date{}, ""
	return nil
}

// CheckTaskNote cleans the text of a progress note on task id. EINVALID
// when it is empty or not acceptable text.
func CheckTaskNote(id int64, text string) (string, error) {
	text = Clean(text)
	if text == "" {
		return "", Errorm(EINVALID, "task.text_required", id)
	}
	if why := CheckText(text, MaxText); !why.IsZero() {
		return "", Errorm(EINVALID, "task.bad_text", id, "text", why)
	}
	return text, nil
}

// TaskFilter selects tasks. Zero fields do not filter.
type TaskFilter struct {
	ID        int64
	MeetingID int64
	// MeetingIDs, when not empty, keeps the tasks of these meetings only
	// (a page of a backup).
	MeetingIDs []int64
	Owner      string // every word appears in the owner, ignoring case and diacritics
	Status     string // open, done or dropped
	Overdue    bool   // open and due before Today
	Today      Date   // required with Overdue
	DueBefore  Date   // due on or before this day
	From, To   Date   // due within these days, inclusive (a quarter)
	Org        string // the meeting's organisation, ignoring case and diacritics
}

// Validate reports a filter that cannot be answered: EUSAGE.
func (f TaskFilter) Validate() error {
	switch f.Status {
	case "", TaskOpen, TaskDone, TaskDropped:
	default:
		return Errorm(EUSAGE, "task.bad_status", f.Status)
	}
	if f.Overdue && f.Today.IsZero() {
		return Errorf(EUSAGE, "overdue filter without today's date")
	}
	if f.Overdue && f.Status != "" && f.Status != TaskOpen {
		return Errorm(EUSAGE, "task.overdue_status", f.Status)
	}
	return nil
}

// MatchOwner reports whether owner contains every word of the filter's
// Owner, ignoring case and diacritics ("tuyen giao" matches "Ban Tuyên giáo").
func (f TaskFilter) MatchOwner(owner string) bool {
	folded := Fold(owner)
	for _, w := range strings.Fields(Fold(Clean(f.Owner))) {
		if !strings.Contains(folded, w) {
			return false
		}
	}
	return true
}

// TaskService follows up conclusions. Every method is one transaction;
// status changes and notes are allowed on finalized minutes, are written to
// the meeting's history, and leave the meeting's version alone.
type TaskService interface {
	// FindTasks returns the tasks that match f, by due date (none last),
	// then meeting date and position. EUSAGE for a filter that cannot be answered.
	FindTasks(ctx context.Context, f TaskFilter) ([]Task, error)

	// SetTaskDone marks task id done on the given day. ENOTFOUND,
	// ECONFLICT when it is not open, EINVALID without a note.
	SetTaskDone(ctx context.Context, id int64, on Date, note string) (*Task, error)

	// DropTask marks task id dropped. ENOTFOUND, ECONFLICT when it is done
	// or dropped, EINVALID without a reason.
	DropTask(ctx context.Context, id int64, reason string) (*Task, error)

	// ReopenTask puts task id back to open. ENOTFOUND, ECONFLICT when it is
	// open, EINVALID without a reason.
	ReopenTask(ctx context.Context, id int64, reason string) (*Task, error)

	// AddTaskNote appends a progress note to task id. ENOTFOUND, EINVALID
	// for an empty note.
	AddTaskNote(ctx context.Context, id int64, text string) (*Task, error)
}

var taskMessages = Messages{
	"task.not_found": {
		"không có việc (kết luận) số %d; xem danh sách: minutes tasks",
		"there is no task (conclusion) %d; see the list: minutes tasks"},
	"task.already_done": {
		"việc số %d đã được ghi nhận hoàn thành ngày %s; nếu ghi nhầm, dùng: minutes tasks reopen %d --reason \"lý do\"",
		"task %d is already done (on %s); if that was a mistake, use: minutes tasks reopen %d --reason \"why\""},
	"task.done_dropped": {
		"việc số %d đã bị hủy (lý do: %s) nên không ghi hoàn thành được; muốn mở lại, dùng: minutes tasks reopen %d --reason \"lý do\"",
		"task %d was dropped (reason: %s) and cannot be marked done; to open it again use: minutes tasks reopen %d --reason \"why\""},
	"task.drop_done": {
		"việc số %d đã hoàn thành ngày %s nên không hủy được; nếu ghi nhầm, trước hết dùng: minutes tasks reopen %d --reason \"lý do\"",
		"task %d is done (on %s) and cannot be dropped; if that was a mistake, first use: minutes tasks reopen %d --reason \"why\""},
	"task.already_dropped": {
		"việc số %d đã bị hủy trước đó (lý do: %s)",
		"task %d is already dropped (reason: %s)"},
	"task.already_open": {
		"việc số %d đang mở (chưa hoàn thành, chưa hủy), không cần mở lại",
		"task %d is open (neither done nor dropped): there is nothing to reopen"},
	"task.note_required": {
		"việc số %d: phải ghi kết quả thực hiện, ví dụ: minutes tasks done %d --note \"đã tổ chức xong\"",
		"task %d: say what was done, for example: minutes tasks done %d --note \"carried out\""},
	"task.reason_required": {
		"việc số %d: phải ghi lý do, ví dụ: minutes tasks %s %d --reason \"lý do\"",
		"task %d: give the reason, for example: minutes tasks %s %d --reason \"why\""},
	"task.text_required": {
		"việc số %d: nội dung ghi chú đang để trống",
		"task %d: the note is empty"},
	"task.bad_text": {
		"việc số %d, %s: %s",
		"task %d, %s: %s"},
	"task.done_on_required": {
		"việc số %d: thiếu ngày hoàn thành",
		"task %d: the day it was done is missing"},
	"task.done_before_meeting": {
		"việc số %d: ngày hoàn thành %s trước ngày họp %s",
		"task %d: the day it was done, %s, is before the meeting on %s"},
	"task.bad_status": {
		"trạng thái %q không hợp lệ; dùng open (đang thực hiện), done (hoàn thành) hoặc dropped (đã hủy)",
		"status %q is not valid; use open, done or dropped"},
	"task.overdue_status": {
		"--overdue chỉ chọn việc đang mở, không dùng cùng --status %s",
		"--overdue selects open tasks only; it cannot be used with --status %s"},
}

// OverdueFirst orders ts for following up: the overdue tasks first, most
// overdue first, then the others in their order.
func OverdueFirst(ts []Task, today Date) {
	sort.SliceStable(ts, func(i, j int) bool {
		return ts[i].DaysOverdue(today) > ts[j].DaysOverdue(today)
	})
}
