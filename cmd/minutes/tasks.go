package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type tasksOptions struct {
	app.TaskQuery
	dataOut
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
			if err := opts.resolve(); err != nil {
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
	opts.outputFlags(f, cmd, "", fmtTable, fmtText, fmtJSON, fmtCSV)
	cmd.Flags().Lookup("output").Usage = f.T("flag.tasks.output")

	subs := []*cobra.Command{newTaskDoneCmd(f), newTaskDropCmd(f), newTaskReopenCmd(f), newTaskNoteCmd(f)}
	for _, c := range subs {
		c.Args = wrapArgs(c.Args)
	}
	cmd.AddCommand(subs...)
	return cmd
}

func runTasks(ctx context.Context, f *factory, opts *tasksOptions) error {
	a := f.App()
	today := a.Today()
	fl, err := opts.Filter(today)
	if err != nil {
		return err
	}
	ts, err := a.Tasks(ctx, fl)
	if err != nil {
		return err
	}
	switch opts.Output {
	case fmtJSON:
		return opts.write(f, func(w io.Writer) error { return record.EncodeJSON(w, record.TaskViews(ts, today)) })
	case fmtCSV:
		return opts.write(f, func(w io.Writer) error { return record.TasksCSV(w, record.TaskViews(ts, today)) })
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
	return opts.write(f, func(w io.Writer) error {
		if opts.Output == fmtTable {
			return writeTasksTable(f.P, w, opts.width(f), ts, today)
		}
		return writeTasksText(f.P, w, ts, today, opts.Overdue)
	})
}

func dueText(d minutes.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Short()
}

func writeTasksTable(p *minutes.Printer, w io.Writer, width int, ts []minutes.Task, today minutes.Date) error {
	tb := table{header: p.T("tasks.header"), shrink: []int{4, 3}}
	for _, t := range ts {
		tb.add(strconv.FormatInt(t.ID, 10), dueText(t.Due), p.Msg(t.State(today)),
			cut(p.Msg(t.OwnerMsg()), 28), cut(oneLine(t.Content), 60),
			p.T("tasks.meeting_ref", t.MeetingDate.Short(), t.MeetingID))
	}
	return tb.write(w, width)
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
		fmt.Fprintf(w, "%d. %s — %s\n", i+1, head, p.Msg(t.State(today)))
		fmt.Fprintf(w, "   %s: %s\n", p.T("tasks.text_owner"), p.Msg(t.OwnerMsg()))
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

// parseTaskID reads a task ID argument: the number shown by minutes tasks.
func parseTaskID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, minutes.Errorm(minutes.EUSAGE, "tasks.bad_id", s)
	}
	return id, nil
}

// taskAction is one change to a task: done, drop, reopen or note. Its
// argument is the note, the reason or the text.
type taskAction struct {
	use, short, example, flag, flagUsage string
	args                                 cobra.PositionalArgs
	run                                  func(ctx context.Context, f *factory, id int64, text string) error
}

func newTaskDoneCmd(f *factory) *cobra.Command {
	var on string
	cmd := newTaskCmd(f, taskAction{
		use: "done TASK --note TEXT [--on DATE]", short: "cmd.tasks.done.short", flag: "note", flagUsage: "flag.tasks.note",
		example: "  minutes tasks done 12 --note \"Đã tổ chức xong hội nghị quán triệt\"\n  minutes tasks done 12 --note \"Đã nộp báo cáo\" --on 20/5/2021",
		run: func(ctx context.Context, f *factory, id int64, note string) error {
			var day minutes.Date
			if on != "" {
				var err error
				if day, err = minutes.ParseDate(on); err != nil {
					return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--on", err)
				}
			}
			a := f.App()
			t, err := a.TaskDone(ctx, id, day, note)
			if err != nil {
				return err
			}
			f.say(f.T("tasks.done_ok", t.ID, t.DoneOn.Short(), f.P.Msg(t.State(a.Today()))))
			return nil
		},
	})
	cmd.Flags().StringVar(&on, "on", "", f.T("flag.tasks.on"))
	return cmd
}

func newTaskDropCmd(f *factory) *cobra.Command {
	return newTaskCmd(f, taskAction{
		use: "drop TASK --reason TEXT", short: "cmd.tasks.drop.short", flag: "reason", flagUsage: "flag.tasks.reason",
		example: "  minutes tasks drop 13 --reason \"Ban Thường vụ đã có chỉ đạo khác (Kết luận số 25-KL/TU)\"",
		run: func(ctx context.Context, f *factory, id int64, reason string) error {
			t, err := f.App().DropTask(ctx, id, reason)
			if err == nil {
				f.say(f.T("tasks.drop_ok", t.ID))
			}
			return err
		},
	})
}

func newTaskReopenCmd(f *factory) *cobra.Command {
	return newTaskCmd(f, taskAction{
		use: "reopen TASK --reason TEXT", short: "cmd.tasks.reopen.short", flag: "reason", flagUsage: "flag.tasks.reason",
		example: "  minutes tasks reopen 12 --reason \"Ghi nhầm việc số 12, việc chưa xong\"",
		run: func(ctx context.Context, f *factory, id int64, reason string) error {
			t, err := f.App().ReopenTask(ctx, id, reason)
			if err == nil {
				f.say(f.T("tasks.reopen_ok", t.ID))
			}
			return err
		},
	})
}

func newTaskNoteCmd(f *factory) *cobra.Command {
	return newTaskCmd(f, taskAction{
		use: "note TASK TEXT", short: "cmd.tasks.note.short", args: cobra.MinimumNArgs(2),
		example: "  minutes tasks note 14 \"Đã làm việc với UBND các phường, dự kiến xong trước 30/6\"",
		run: func(ctx context.Context, f *factory, id int64, text string) error {
			t, err := f.App().AddTaskNote(ctx, id, text)
			if err == nil {
				f.say(f.T("tasks.note_ok", t.ID, len(t.Notes)))
			}
			return err
		},
	})
}

func newTaskCmd(f *factory, a taskAction) *cobra.Command {
	var text string
	if a.args == nil {
		a.args = cobra.ExactArgs(1)
	}
	cmd := &cobra.Command{
		Use:     a.use,
		Short:   f.T(a.short),
		Example: a.example,
		Args:    a.args,
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseTaskID(args[0])
			if err != nil {
				return err
			}
			if a.flag == "" {
				// Unquoted words are taken together as the note.
				text = strings.Join(args[1:], " ")
			}
			return a.run(cmd.Context(), f, id, text)
		},
	}
	if a.flag != "" {
		cmd.Flags().StringVar(&text, a.flag, "", f.T(a.flagUsage))
	}
	return cmd
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
	"tasks.none":                 {"Không có việc nào.", "No tasks."},
	"tasks.none_overdue":         {"Không có việc nào quá hạn (tính đến ngày %s).", "No task is overdue (as of %s)."},
	"tasks.header":               {"SỐ\tHẠN\tTÌNH TRẠNG\tTHỰC HIỆN\tNỘI DUNG\tCUỘC HỌP", "ID\tDUE\tSTATE\tOWNER\tCONTENT\tMEETING"},
	"tasks.meeting_ref":          {"%s (số %d)", "%s (#%d)"},
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
}
