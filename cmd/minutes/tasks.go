package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// taskTodayEnv fixes "today" for the task commands (YYYY-MM-DD or 25/3/2021).
// It is a testing aid, so that tests of the real binary never depend on the
// wall clock; it is not shown in the help.
const taskTodayEnv = "MINUTES_TODAY"

// taskToday is the day against which tasks are overdue: MINUTES_TODAY when
// set, else the local date of the factory's clock.
func taskToday(f *factory) (minutes.Date, error) {
	if v := f.Getenv(taskTodayEnv); v != "" {
		d, err := minutes.ParseDate(v)
		if err != nil {
			return minutes.Date{}, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", taskTodayEnv, err)
		}
		return d, nil
	}
	return minutes.DateOf(f.Now()), nil
}

type tasksOptions struct {
	Owner, Status, DueBefore, Org, Quarter, Output string
	Overdue                                        bool
}

func newTasksCmd(f *factory) *cobra.Command {
	opts := &tasksOptions{}
	cmd := &cobra.Command{
		Use:   "tasks",
		Short: f.T("cmd.tasks.short"),
		Long:  f.T("cmd.tasks.long"),
		Example: "  minutes tasks --overdue\n" +
			"  minutes tasks --owner \"tuyen giao\" --status open\n" +
			"  minutes tasks --quarter 2021-Q2 --org \"Thành ủy Sóc Trăng\" -o csv > viec-quy2.csv\n" +
			"  minutes tasks done 12 --note \"Đã tổ chức xong\" --on 20/5/2021\n" +
			"  minutes tasks drop 13 --reason \"Không còn phù hợp\"\n" +
			"  minutes tasks note 14 \"Đã họp với các phường\"\n" +
			"  # cron, every morning: mail only when something is overdue\n" +
			"  30 7 * * 1-5  minutes tasks --overdue -q",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output == "" {
				// Cron and mail get the plain list; a person at a terminal, the table.
				opts.Output = fmtText
				if f.IO.OutTTY {
					opts.Output = fmtTable
				}
			}
			if err := checkFormat("-o", opts.Output, fmtTable, fmtText, fmtJSON, fmtCSV); err != nil {
				return err
			}
			return runTasks(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Owner, "owner", "", f.T("flag.tasks.owner"))
	fl.StringVar(&opts.Status, "status", "", f.T("flag.tasks.status"))
	fl.BoolVar(&opts.Overdue, "overdue", false, f.T("flag.tasks.overdue"))
	fl.StringVar(&opts.DueBefore, "due-before", "", f.T("flag.tasks.due_before"))
	fl.StringVar(&opts.Org, "org", "", f.T("flag.org"))
	fl.StringVar(&opts.Quarter, "quarter", "", f.T("flag.tasks.quarter"))
	fl.StringVarP(&opts.Output, "output", "o", "", f.T("flag.tasks.output"))

	subs := []*cobra.Command{newTaskDoneCmd(f), newTaskDropCmd(f), newTaskReopenCmd(f), newTaskNoteCmd(f)}
	for _, c := range subs {
		c.Args = wrapArgs(c.Args)
	}
	cmd.AddCommand(subs...)
	return cmd
}

// filter turns the options into a store filter, checking each flag.
func (o *tasksOptions) filter(today minutes.Date) (minutes.TaskFilter, error) {
	fl := minutes.TaskFilter{Owner: o.Owner, Status: o.Status, Org: o.Org, Overdue: o.Overdue, Today: today}
	if o.Quarter != "" {
		q, err := minutes.ParseQuarter(o.Quarter)
		if err != nil {
			return fl, err
		}
		fl.From, fl.To = q.First(), q.Last()
	}
	if o.DueBefore != "" {
		d, err := minutes.ParseDate(o.DueBefore)
		if err != nil {
			return fl, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--due-before", err)
		}
		fl.DueBefore = d
	}
	return fl, fl.Validate()
}

func runTasks(ctx context.Context, f *factory, opts *tasksOptions) error {
	today, err := taskToday(f)
	if err != nil {
		return err
	}
	fl, err := opts.filter(today)
	if err != nil {
		return err
	}
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ts, err := s.FindTasks(ctx, fl)
	if err != nil {
		return err
	}
	switch opts.Output {
	case fmtJSON:
		return writeTasksJSON(f.IO.Out, ts, today)
	case fmtCSV:
		return writeTasksCSV(f.IO.Out, ts, today)
	}
	if len(ts) == 0 {
		// Nothing on standard output, so that cron sends no mail (with -q,
		// not even this line); the exit status stays 0.
		if opts.Overdue {
			f.say(f.T("tasks.none_overdue", today.Short()))
		} else {
			f.say(f.T("tasks.none"))
		}
		return nil
	}
	if opts.Output == fmtTable {
		return writeTasksTable(f.P, f.IO.Out, ts, today)
	}
	return writeTasksText(f.P, f.IO.Out, ts, today, opts.Overdue)
}

// taskState describes t's status for people, as of today.
func taskState(p *minutes.Printer, t minutes.Task, today minutes.Date) string {
	switch {
	case t.Status == minutes.TaskDone && !t.Due.IsZero() && t.Due.Before(t.DoneOn):
		return p.T("tasks.state.done_late", t.DoneOn.Short(), minutes.DaysBetween(t.Due, t.DoneOn))
	case t.Status == minutes.TaskDone:
		return p.T("tasks.state.done", t.DoneOn.Short())
	case t.Status == minutes.TaskDropped:
		return p.T("tasks.state.dropped")
	case t.Overdue(today):
		return p.T("tasks.state.overdue", t.DaysOverdue(today))
	case t.Due.IsZero():
		return p.T("tasks.state.open_no_due")
	case t.Due == today:
		return p.T("tasks.state.due_today")
	default:
		return p.T("tasks.state.open", minutes.DaysBetween(today, t.Due))
	}
}

func ownerText(p *minutes.Printer, owner string) string {
	if owner == "" {
		return p.T("tasks.no_owner")
	}
	return owner
}

func dueText(d minutes.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Short()
}

func writeTasksTable(p *minutes.Printer, w io.Writer, ts []minutes.Task, today minutes.Date) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, p.T("tasks.header"))
	for _, t := range ts {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, dueText(t.Due), taskState(p, t, today),
			cut(ownerText(p, t.Owner), 28), cut(t.Content, 60),
			p.T("tasks.meeting_ref", t.MeetingDate.Short(), t.MeetingID))
	}
	return tw.Flush()
}

// writeTasksText prints the plain list that cron mails: one short block per
// task, readable in any mail client (no columns to keep aligned).
func writeTasksText(p *minutes.Printer, w io.Writer, ts []minutes.Task, today minutes.Date, overdue bool) error {
	head := "tasks.text_heading"
	if overdue {
		head = "tasks.text_heading_overdue"
	}
	fmt.Fprintln(w, p.T(head, today.Short(), len(ts)))
	for i, t := range ts {
		fmt.Fprintln(w)
		head := p.T("tasks.text_task_no_due", t.ID)
		if !t.Due.IsZero() {
			head = p.T("tasks.text_task", t.ID, t.Due.Short())
		}
		fmt.Fprintf(w, "%d. %s — %s\n", i+1, head, taskState(p, t, today))
		fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_owner"), ownerText(p, t.Owner))
		fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_content"), indentLines(t.Content, "   "))
		fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_meeting"),
			p.T("tasks.text_meeting_ref", t.MeetingDate.Short(), t.MeetingTitle, t.Organization, t.MeetingID, t.Pos))
		switch t.Status {
		case minutes.TaskDone:
			fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_result"), indentLines(t.Note, "   "))
		case minutes.TaskDropped:
			fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_reason"), indentLines(t.Reason, "   "))
		}
		if n := len(t.Notes); n > 0 {
			last := t.Notes[n-1]
			fmt.Fprintf(w, "   %s (%s): %s\n", p.T("tasks.text_last_note"), minutes.DateOf(last.At.Local()).Short(), indentLines(last.Text, "   "))
		}
	}
	return nil
}

func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

type taskJSON struct {
	ID           int64          `json:"id"`
	MeetingID    int64          `json:"meeting_id"`
	MeetingDate  string         `json:"meeting_date"`
	MeetingTitle string         `json:"meeting_title"`
	Organization string         `json:"organization"`
	Position     int            `json:"position"`
	Content      string         `json:"content"`
	Owner        string         `json:"owner"`
	Due          string         `json:"due,omitempty"`
	Status       string         `json:"status"`
	Overdue      bool           `json:"overdue"`
	DaysOverdue  int            `json:"days_overdue"`
	DoneOn       string         `json:"done_on,omitempty"`
	Note         string         `json:"note,omitempty"`
	Reason       string         `json:"reason,omitempty"`
	Notes        []taskNoteJSON `json:"notes,omitempty"`
}

type taskNoteJSON struct {
	At   string `json:"at"`
	Text string `json:"text"`
	By   string `json:"by,omitempty"`
}

func writeTasksJSON(w io.Writer, ts []minutes.Task, today minutes.Date) error {
	out := make([]taskJSON, len(ts))
	for i, t := range ts {
		j := taskJSON{
			ID: t.ID, MeetingID: t.MeetingID, MeetingDate: t.MeetingDate.String(), MeetingTitle: t.MeetingTitle,
			Organization: t.Organization, Position: t.Pos, Content: t.Content, Owner: t.Owner,
			Due: t.Due.String(), Status: t.Status, Overdue: t.Overdue(today), DaysOverdue: t.DaysOverdue(today),
			DoneOn: t.DoneOn.String(), Note: t.Note, Reason: t.Reason,
		}
		for _, n := range t.Notes {
			j.Notes = append(j.Notes, taskNoteJSON{At: n.At.UTC().Format("2006-01-02T15:04:05Z07:00"), Text: n.Text, By: n.By})
		}
		out[i] = j
	}
	return record.EncodeJSON(w, out)
}

func writeTasksCSV(w io.Writer, ts []minutes.Task, today minutes.Date) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "meeting_id", "meeting_date", "organization", "meeting_title", "position",
		"content", "owner", "due", "status", "overdue", "days_overdue", "done_on", "note", "reason"})
	for _, t := range ts {
		_ = cw.Write([]string{
			strconv.FormatInt(t.ID, 10), strconv.FormatInt(t.MeetingID, 10), t.MeetingDate.String(), t.Organization,
			t.MeetingTitle, strconv.Itoa(t.Pos), t.Content, t.Owner, t.Due.String(), t.Status,
			strconv.FormatBool(t.Overdue(today)), strconv.Itoa(t.DaysOverdue(today)), t.DoneOn.String(), t.Note, t.Reason,
		})
	}
	cw.Flush()
	return cw.Error()
}

// parseTaskID reads a task ID argument: the number shown by minutes tasks.
func parseTaskID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, minutes.Errorm(minutes.EUSAGE, "tasks.bad_id", s)
	}
	return id, nil
}

type taskDoneOptions struct {
	ID       int64
	Note, On string
}

func newTaskDoneCmd(f *factory) *cobra.Command {
	opts := &taskDoneOptions{}
	cmd := &cobra.Command{
		Use:     "done TASK --note TEXT [--on DATE]",
		Short:   f.T("cmd.tasks.done.short"),
		Example: "  minutes tasks done 12 --note \"Đã tổ chức xong hội nghị quán triệt\"\n  minutes tasks done 12 --note \"Đã nộp báo cáo\" --on 20/5/2021",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseTaskID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			return runTaskDone(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Note, "note", "", f.T("flag.tasks.note"))
	cmd.Flags().StringVar(&opts.On, "on", "", f.T("flag.tasks.on"))
	return cmd
}

func runTaskDone(ctx context.Context, f *factory, opts *taskDoneOptions) error {
	today, err := taskToday(f)
	if err != nil {
		return err
	}
	on := today
	if opts.On != "" {
		if on, err = minutes.ParseDate(opts.On); err != nil {
			return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--on", err)
		}
		if today.Before(on) {
			return minutes.Errorm(minutes.EINVALID, "tasks.done_future", opts.ID, on.Short(), today.Short())
		}
	}
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	t, err := s.SetTaskDone(ctx, opts.ID, on, opts.Note)
	if err != nil {
		return err
	}
	f.say(f.T("tasks.done_ok", t.ID, t.DoneOn.Short(), taskState(f.P, *t, today)))
	return nil
}

type taskReasonOptions struct {
	ID     int64
	Reason string
}

// taskReasonAction is a status change that needs a reason: drop or reopen.
type taskReasonAction struct {
	use, short, example, done string
	change                    func(s *sqlstore.Store, ctx context.Context, id int64, reason string) (*minutes.Task, error)
}

func newTaskDropCmd(f *factory) *cobra.Command {
	return newTaskReasonCmd(f, taskReasonAction{
		use: "drop TASK --reason TEXT", short: "cmd.tasks.drop.short", done: "tasks.drop_ok",
		example: "  minutes tasks drop 13 --reason \"Ban Thường vụ đã có chỉ đạo khác (Kết luận số 25-KL/TU)\"",
		change:  (*sqlstore.Store).DropTask,
	})
}

func newTaskReopenCmd(f *factory) *cobra.Command {
	return newTaskReasonCmd(f, taskReasonAction{
		use: "reopen TASK --reason TEXT", short: "cmd.tasks.reopen.short", done: "tasks.reopen_ok",
		example: "  minutes tasks reopen 12 --reason \"Ghi nhầm việc số 12, việc chưa xong\"",
		change:  (*sqlstore.Store).ReopenTask,
	})
}

func newTaskReasonCmd(f *factory, a taskReasonAction) *cobra.Command {
	opts := &taskReasonOptions{}
	cmd := &cobra.Command{
		Use:     a.use,
		Short:   f.T(a.short),
		Example: a.example,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseTaskID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			return runTaskReason(cmd.Context(), f, a, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Reason, "reason", "", f.T("flag.tasks.reason"))
	return cmd
}

func runTaskReason(ctx context.Context, f *factory, a taskReasonAction, opts *taskReasonOptions) error {
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	t, err := a.change(s, ctx, opts.ID, opts.Reason)
	if err != nil {
		return err
	}
	f.say(f.T(a.done, t.ID))
	return nil
}

type taskNoteOptions struct {
	ID   int64
	Text string
}

func newTaskNoteCmd(f *factory) *cobra.Command {
	opts := &taskNoteOptions{}
	cmd := &cobra.Command{
		Use:     "note TASK TEXT",
		Short:   f.T("cmd.tasks.note.short"),
		Example: "  minutes tasks note 14 \"Đã làm việc với UBND các phường, dự kiến xong trước 30/6\"",
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseTaskID(args[0])
			if err != nil {
				return err
			}
			// Unquoted words are taken together as the note.
			opts.ID, opts.Text = id, strings.Join(args[1:], " ")
			return runTaskNote(cmd.Context(), f, opts)
		},
	}
	return cmd
}

func runTaskNote(ctx context.Context, f *factory, opts *taskNoteOptions) error {
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	t, err := s.AddTaskNote(ctx, opts.ID, opts.Text)
	if err != nil {
		return err
	}
	f.say(f.T("tasks.note_ok", t.ID, len(t.Notes)))
	return nil
}

var tasksMessages = minutes.Messages{
	"cmd.tasks.short": {"Theo dõi thực hiện kết luận: ai làm gì, hạn nào, việc nào quá hạn", "Follow up conclusions: who does what by when, and what is overdue"},
	"cmd.tasks.long": {"Mỗi kết luận, chỉ đạo của hội nghị là một việc cần theo dõi, có người/đơn vị thực hiện, thời hạn và trạng thái:\n" +
		"open (đang thực hiện), done (hoàn thành, có ngày và kết quả), dropped (đã hủy, có lý do). Việc quá hạn là việc\n" +
		"đang thực hiện mà đã qua thời hạn. Số ở cột SỐ là số hiệu việc dùng cho các lệnh done, drop, reopen, note.\n\n" +
		"Không có lệnh con thì liệt kê các việc. --quarter chọn các việc có thời hạn trong quý. Khi đầu ra không phải\n" +
		"màn hình (cron, thư điện tử), mặc định in danh sách dạng văn bản; không có việc nào thì không in gì ra đầu ra chuẩn.\n" +
		"Ghi nhận thực hiện được phép cả với biên bản đã thông qua, và được ghi vào lịch sử của cuộc họp.",
		"Each conclusion or directive of a meeting is a task to follow up, with an owner, a due date and a status:\n" +
			"open, done (with the day and what was done) or dropped (with a reason). A task is overdue when it is still\n" +
			"open after its due date. The ID column is the task number that done, drop, reopen and note take.\n\n" +
			"Without a subcommand, lists tasks. --quarter selects tasks due in that quarter. When output is not a\n" +
			"terminal (cron, mail) the default is a plain text list; when nothing matches, nothing is written to stdout.\n" +
			"Follow-up may be recorded on finalized minutes too, and goes into the meeting's history."},
	"cmd.tasks.done.short":   {"Ghi nhận một việc đã hoàn thành", "Mark a task done"},
	"cmd.tasks.drop.short":   {"Hủy một việc (không thực hiện nữa), ghi rõ lý do", "Drop a task (it will not be done), with the reason"},
	"cmd.tasks.reopen.short": {"Mở lại một việc đã ghi hoàn thành hoặc đã hủy (sửa ghi nhầm)", "Reopen a task marked done or dropped (to correct a mistake)"},
	"cmd.tasks.note.short":   {"Ghi tiến độ thực hiện một việc", "Add a progress note to a task"},

	"flag.tasks.owner":      {"người/đơn vị thực hiện, chứa các chữ này (không phân biệt hoa thường, dấu)", "owner containing these words (ignoring case and diacritics)"},
	"flag.tasks.status":     {"trạng thái: open (đang thực hiện), done (hoàn thành) hoặc dropped (đã hủy)", "status: open, done or dropped"},
	"flag.tasks.overdue":    {"chỉ các việc quá hạn (đang thực hiện, đã qua thời hạn)", "only overdue tasks (open, past their due date)"},
	"flag.tasks.due_before": {"thời hạn đến hết ngày này (30/6/2021)", "due on or before this day (30/6/2021)"},
	"flag.tasks.quarter":    {"các việc có thời hạn trong quý, ví dụ 2021-Q2", "tasks due in the quarter, such as 2021-Q2"},
	"flag.tasks.output":     {"định dạng: table, text, json hoặc csv (mặc định table trên màn hình, text khi chuyển hướng)", "format: table, text, json or csv (default table on a terminal, text otherwise)"},
	"flag.tasks.note":       {"kết quả thực hiện (bắt buộc)", "what was done (required)"},
	"flag.tasks.on":         {"ngày hoàn thành (mặc định hôm nay)", "day it was done (default today)"},
	"flag.tasks.reason":     {"lý do (bắt buộc)", "the reason (required)"},

	"tasks.bad_id":               {"%q không phải số hiệu việc (một số nguyên dương, xem cột SỐ của minutes tasks)", "%q is not a task ID (a positive whole number; see the ID column of minutes tasks)"},
	"tasks.done_future":          {"việc số %d: ngày hoàn thành %s là ngày trong tương lai (hôm nay là %s)", "task %d: the day it was done, %s, is in the future (today is %s)"},
	"tasks.none":                 {"Không có việc nào.", "No tasks."},
	"tasks.none_overdue":         {"Không có việc nào quá hạn (tính đến ngày %s).", "No task is overdue (as of %s)."},
	"tasks.header":               {"SỐ\tHẠN\tTÌNH TRẠNG\tTHỰC HIỆN\tNỘI DUNG\tCUỘC HỌP", "ID\tDUE\tSTATE\tOWNER\tCONTENT\tMEETING"},
	"tasks.meeting_ref":          {"%s (số %d)", "%s (#%d)"},
	"tasks.no_owner":             {"(chưa giao)", "(not assigned)"},
	"tasks.state.done":           {"hoàn thành %s", "done %s"},
	"tasks.state.done_late":      {"hoàn thành %s, trễ %d ngày", "done %s, %d days late"},
	"tasks.state.dropped":        {"đã hủy", "dropped"},
	"tasks.state.overdue":        {"QUÁ HẠN %d ngày", "OVERDUE by %d days"},
	"tasks.state.open_no_due":    {"đang thực hiện, không có hạn", "open, no due date"},
	"tasks.state.due_today":      {"đang thực hiện, hết hạn hôm nay", "open, due today"},
	"tasks.state.open":           {"đang thực hiện, còn %d ngày", "open, %d days left"},
	"tasks.text_heading":         {"DANH SÁCH VIỆC THỰC HIỆN KẾT LUẬN (tính đến ngày %s): %d việc", "TASKS FROM CONCLUSIONS (as of %s): %d"},
	"tasks.text_heading_overdue": {"CÁC VIỆC QUÁ HẠN THỰC HIỆN KẾT LUẬN (tính đến ngày %s): %d việc", "OVERDUE TASKS FROM CONCLUSIONS (as of %s): %d"},
	"tasks.text_task":            {"Việc số %d, hạn %s", "Task %d, due %s"},
	"tasks.text_task_no_due":     {"Việc số %d", "Task %d"},
	"tasks.text_owner":           {"Thực hiện", "Owner"},
	"tasks.text_content":         {"Nội dung", "Content"},
	"tasks.text_meeting":         {"Hội nghị", "Meeting"},
	"tasks.text_meeting_ref":     {"ngày %s, %s (%s; cuộc họp số %d, kết luận thứ %d)", "%s, %s (%s; meeting %d, conclusion %d)"},
	"tasks.text_result":          {"Kết quả", "Result"},
	"tasks.text_reason":          {"Lý do hủy", "Reason dropped"},
	"tasks.text_last_note":       {"Tiến độ mới nhất", "Latest note"},
	"tasks.done_ok":              {"Đã ghi nhận việc số %d hoàn thành ngày %s (%s).", "Task %d marked done on %s (%s)."},
	"tasks.drop_ok":              {"Đã hủy việc số %d.", "Task %d dropped."},
	"tasks.reopen_ok":            {"Đã mở lại việc số %d.", "Task %d reopened."},
	"tasks.note_ok":              {"Đã ghi tiến độ cho việc số %d (%d ghi chú).", "Note added to task %d (%d notes)."},

	// The task actions as minutes history names them (see actionText).
	"history.action.task_done":     {"ghi nhận hoàn thành việc", "task done"},
	"history.action.task_dropped":  {"hủy việc", "task dropped"},
	"history.action.task_reopened": {"mở lại việc", "task reopened"},
	"history.action.task_note":     {"ghi tiến độ việc", "task note"},
}
