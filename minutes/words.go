package minutes

// Words for the states of things, as every front end shows them: the
// status of minutes, the actions of their history, the state of a task.

// StatusMsg names a status of minutes.
func StatusMsg(status string) Msg {
	if status == StatusFinalized {
		return M("status.finalized")
	}
	return M("status.draft")
}

// ActionMsg names an action of a meeting's history; one this version does
// not know is shown as stored.
func ActionMsg(action string) Msg {
	if _, ok := wordMessages["history.action."+action]; ok {
		return M("history.action." + action)
	}
	return M("error.verbatim", action)
}

// State describes t's status for people, as of today: done (and how late),
// dropped, overdue by so many days, due today, or so many days left.
func (t Task) State(today Date) Msg {
	switch {
	case t.Status == TaskDone && !t.Due.IsZero() && t.Due.Before(t.DoneOn):
		return M("tasks.state.done_late", t.DoneOn.Short(), DaysBetween(t.Due, t.DoneOn))
	case t.Status == TaskDone:
		return M("tasks.state.done", t.DoneOn.Short())
	case t.Status == TaskDropped:
		return M("tasks.state.dropped")
	case t.Overdue(today):
		return M("tasks.state.overdue", t.DaysOverdue(today))
	case t.Due.IsZero():
		return M("tasks.state.open_no_due")
	case t.Due == today:
		return M("tasks.state.due_today")
	default:
		return M("tasks.state.open", DaysBetween(today, t.Due))
	}
}

// OwnerMsg names who carries out t: its owner, or that nobody was given it.
func (t Task) OwnerMsg() Msg {
	if t.Owner == "" {
		return M("tasks.no_owner")
	}
	return M("error.verbatim", t.Owner)
}

var wordMessages = Messages{
	"status.draft":     {"nháp", "draft"},
	"status.finalized": {"đã thông qua", "finalized"},

	"history.action.created":       {"tạo", "created"},
	"history.action.edited":        {"sửa", "edited"},
	"history.action.finalized":     {"thông qua", "finalized"},
	"history.action.amended":       {"sửa đổi", "amended"},
	"history.action.deleted":       {"xóa", "deleted"},
	"history.action.restored":      {"khôi phục", "restored"},
	"history.action.task_done":     {"ghi nhận hoàn thành việc", "task done"},
	"history.action.task_dropped":  {"hủy việc", "task dropped"},
	"history.action.task_reopened": {"mở lại việc", "task reopened"},
	"history.action.task_note":     {"ghi tiến độ việc", "task note"},
	"tasks.no_owner":               {"(chưa giao)", "(not assigned)"},
	"tasks.state.done":             {"hoàn thành %s", "done %s"},
	"tasks.state.done_late":        {"hoàn thành %s, trễ %d ngày", "done %s, %d days late"},
	"tasks.state.dropped":          {"đã hủy", "dropped"},
	"tasks.state.overdue":          {"QUÁ HẠN %d ngày", "OVERDUE by %d days"},
	"tasks.state.open_no_due":      {"đang thực hiện, không có hạn", "open, no due date"},
	"tasks.state.due_today":        {"đang thực hiện, hết hạn hôm nay", "open, due today"},
	"tasks.state.open":             {"đang thực hiện, còn %d ngày", "open, %d days left"},
}
