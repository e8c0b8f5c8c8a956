package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
)

// TaskCounts is how the tasks due in a period stand on a given day. Every
// task due is in exactly one of the five states, so they add up to Due.
type TaskCounts struct {
	Due         int     `json:"due"`          // tasks due in the period
	DoneOnTime  int     `json:"done_on_time"` // done on or before the due date
	DoneLate    int     `json:"done_late"`    // done after the due date
	Open        int     `json:"open"`         // open and not yet due
	Overdue     int     `json:"overdue"`      // open and past the due date
	Dropped     int     `json:"dropped"`
	DonePercent float64 `json:"done_percent"` // done of the tasks not dropped, one decimal
}

// OwnerTaskCounts are the counts of one owner (unit or person responsible).
type OwnerTaskCounts struct {
	Owner string `json:"owner"` // "" when the conclusion names nobody
	TaskCounts
}

// OverdueTask is one line of the list of overdue tasks.
type OverdueTask struct {
	ID           int64  `json:"id"`
	Due          string `json:"due"`
	DaysOverdue  int    `json:"days_overdue"`
	Owner        string `json:"owner"`
	Content      string `json:"content"`
	MeetingID    int64  `json:"meeting_id"`
	MeetingDate  string `json:"meeting_date"`
	MeetingTitle string `json:"meeting_title"`
	Organization string `json:"organization"`
}

// TaskFigures are the figures of the section "Tình hình thực hiện kết luận":
// the tasks due in the period as they stand on AsOf.
type TaskFigures struct {
	Period  string            `json:"period"`            // 2021-Q1, 2021-H1…
	Quarter string            `json:"quarter,omitempty"` // a quarter's, as the quarterly report wrote it
	AsOf    string            `json:"as_of"`             // 2021-06-01: the day the report was made
	Total   TaskCounts        `json:"total"`
	ByOwner []OwnerTaskCounts `json:"by_owner"`      // by owner, alphabetically, nobody last
	Overdue []OverdueTask     `json:"overdue_tasks"` // most overdue first
}

// ComputeTaskFigures counts the tasks due in p as they stand today. Tasks
// due outside p, or without a due date, are not counted.
func ComputeTaskFigures(tasks []minutes.Task, p minutes.Period, today minutes.Date) TaskFigures {
	f := TaskFigures{Period: p.String(), AsOf: today.String(), ByOwner: []OwnerTaskCounts{}, Overdue: []OverdueTask{}}
	if q, ok := p.Quarter(); ok {
		f.Quarter = q.String()
	}
	first, last := p.From, p.To
	byOwner := map[string]int{}
	for _, t := range tasks {
		if t.Due.IsZero() || t.Due.Before(first) || last.Before(t.Due) {
			continue
		}
		owner := strings.Join(strings.Fields(t.Owner), " ")
		key := minutes.Fold(owner)
		i, ok := byOwner[key]
		if !ok {
			i = len(f.ByOwner)
			byOwner[key] = i
			f.ByOwner = append(f.ByOwner, OwnerTaskCounts{Owner: owner})
		}
		f.Total.add(t, today)
		f.ByOwner[i].add(t, today)
		if t.Overdue(today) {
			f.Overdue = append(f.Overdue, OverdueTask{
				ID: t.ID, Due: t.Due.String(), DaysOverdue: t.DaysOverdue(today), Owner: owner, Content: t.Content,
				MeetingID: t.MeetingID, MeetingDate: t.MeetingDate.String(), MeetingTitle: t.MeetingTitle, Organization: t.Organization,
			})
		}
	}
	f.Total.percent()
	for i := range f.ByOwner {
		f.ByOwner[i].percent()
	}
	slices.SortFunc(f.ByOwner, func(a, b OwnerTaskCounts) int {
		if (a.Owner == "") != (b.Owner == "") {
			if a.Owner == "" {
				return 1
			}
			return -1
		}
		if c := strings.Compare(minutes.Fold(a.Owner), minutes.Fold(b.Owner)); c != 0 {
			return c
		}
		return strings.Compare(a.Owner, b.Owner)
	})
	slices.SortStableFunc(f.Overdue, func(a, b OverdueTask) int {
		if a.DaysOverdue != b.DaysOverdue {
			return b.DaysOverdue - a.DaysOverdue
		}
		if c := strings.Compare(a.MeetingDate, b.MeetingDate); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return f
}

func (c *TaskCounts) add(t minutes.Task, today minutes.Date) {
	c.Due++
	switch {
	case t.Status == minutes.TaskDone && t.Due.Before(t.DoneOn):
		c.DoneLate++
	case t.Status == minutes.TaskDone:
		c.DoneOnTime++
	case t.Status == minutes.TaskDropped:
		c.Dropped++
	case t.Overdue(today):
		c.Overdue++
	default:
		c.Open++
	}
}

func (c *TaskCounts) percent() {
	if n := c.Due - c.Dropped; n > 0 {
		c.DonePercent = math.Round(float64(c.DoneOnTime+c.DoneLate)*1000/float64(n)) / 10
	}
}

// taskFigures are the section's figures when in asks for the section.
func taskFigures(in QuarterlyInput) *TaskFigures {
	if in.Today.IsZero() {
		return nil
	}
	f := ComputeTaskFigures(tasksOf(in), in.period(), in.Today)
	return &f
}

// tasksOf are the tasks of in that the report counts: those of its
// organisation, when it has one (ignoring case and diacritics, as for meetings).
func tasksOf(in QuarterlyInput) []minutes.Task {
	key := minutes.Fold(strings.TrimSpace(in.Org))
	if key == "" {
		return in.Tasks
	}
	out := make([]minutes.Task, 0, len(in.Tasks))
	for _, t := range in.Tasks {
		if minutes.Fold(strings.TrimSpace(t.Organization)) == key {
			out = append(out, t)
		}
	}
	return out
}

// addTasksSection adds the section after the others, when fig has it.
func addTasksSection(l *Layout, c *cleaner, in QuarterlyInput, fig QuarterlyFigures, head string) {
	if fig.Tasks != nil {
		layoutTasks(l, c, head, *fig.Tasks, in.period(), in.Today)
	}
}

// Texts of the section.
const (
	tasksHead          = "IV. TÌNH HÌNH THỰC HIỆN KẾT LUẬN"
	tasksHeadAlone     = "TÌNH HÌNH THỰC HIỆN KẾT LUẬN" // when the period had no meeting: no sections I–III
	tasksNoneForm      = "Trong %s không có kết luận, chỉ đạo nào đến hạn thực hiện."
	tasksByOwnerHead   = "Theo người, đơn vị thực hiện"
	tasksOverdueHead   = "Các việc quá hạn"
	tasksNoOwner       = "(Chưa giao)"
	tasksNoOverdueForm = "Tính đến ngày %s, không có việc nào quá hạn."
)

var (
	taskCountColumns = [...]string{"Người, đơn vị thực hiện", "Đến hạn", "Đúng hạn", "Trễ hạn", "Chưa đến hạn", "Quá hạn", "Đã hủy"}
	taskCountWidths  = [...]float64{51, 19, 19, 19, 19, 19, 19}

	overdueColumns = [...]string{"STT", "Thời hạn", "Quá hạn (ngày)", "Người, đơn vị thực hiện", "Nội dung", "Hội nghị"}
	overdueWidths  = [...]float64{11, 21, 17, 35, 58, 23}
	overdueAligns  = [...]string{"C", "C", "R", "L", "L", "C"}
)

// layoutTasks adds the section "Tình hình thực hiện kết luận" to l.
func layoutTasks(l *Layout, c *cleaner, head string, f TaskFigures, p minutes.Period, today minutes.Date) {
	l.add(KindHeading, head)
	t := f.Total
	if t.Due == 0 {
		l.add(KindParagraph, fmt.Sprintf(tasksNoneForm, during(p)))
		return
	}
	l.add(KindParagraph, fmt.Sprintf("Trong %s có %s việc (kết luận, chỉ đạo) đến hạn thực hiện. Tính đến %s: "+
		"hoàn thành đúng hạn %s việc, hoàn thành trễ hạn %s việc, chưa đến hạn %s việc, quá hạn %s việc, đã hủy %s việc; "+
		"tỷ lệ hoàn thành %s%% (không tính các việc đã hủy).",
		during(p), count(t.Due), today.Vietnamese(), count(t.DoneOnTime), count(t.DoneLate), count(t.Open),
		count(t.Overdue), count(t.Dropped), vnDec(t.DonePercent)))

	l.add(KindSubheading, tasksByOwnerHead)
	cols := make([]Column, len(taskCountColumns))
	for i, title := range taskCountColumns {
		cols[i] = Column{Title: title, Width: taskCountWidths[i], Align: "R"}
	}
	cols[0].Align = "L"
	row := func(name string, n TaskCounts) []string {
		return []string{name, vnInt(n.Due), vnInt(n.DoneOnTime), vnInt(n.DoneLate), vnInt(n.Open), vnInt(n.Overdue), vnInt(n.Dropped)}
	}
	tb := &Table{Columns: cols}
	for i, o := range f.ByOwner {
		name := tasksNoOwner
		if o.Owner != "" {
			name = c.line(fmt.Sprintf("tasks.by_owner[%d]", i+1), o.Owner)
		}
		tb.Rows = append(tb.Rows, row(name, o.TaskCounts))
	}
	tb.Rows = append(tb.Rows, row(quarterlyTotal, t))
	tb.Bold = make([]bool, len(tb.Rows))
	tb.Bold[len(tb.Rows)-1] = true
	l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: tb})

	l.add(KindSubheading, tasksOverdueHead)
	if len(f.Overdue) == 0 {
		l.add(KindParagraph, fmt.Sprintf(tasksNoOverdueForm, today.Short()))
		return
	}
	cols = make([]Column, len(overdueColumns))
	for i, title := range overdueColumns {
		cols[i] = Column{Title: title, Width: overdueWidths[i], Align: overdueAligns[i]}
	}
	tb = &Table{Columns: cols, Rows: make([][]string, 0, len(f.Overdue))}
	for i, o := range f.Overdue {
		field := fmt.Sprintf("tasks[id=%d]", o.ID)
		owner := tasksNoOwner
		if o.Owner != "" {
			owner = c.line(field+".owner", o.Owner)
		}
		due, _ := minutes.ParseDate(o.Due)
		held, _ := minutes.ParseDate(o.MeetingDate)
		tb.Rows = append(tb.Rows, []string{strconv.Itoa(i + 1), due.Short(), vnInt(o.DaysOverdue), owner,
			c.line(field+".content", o.Content), held.Short()})
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: tb})
}

// taskCSVColumns extend the figures CSV when the report has the section.
var taskCSVColumns = []string{"tasks_due", "tasks_done_on_time", "tasks_done_late", "tasks_open", "tasks_overdue", "tasks_dropped", "tasks_done_percent"}

// withTaskCSV adds the section's figures to the rows of the figures CSV:
// task columns at the end of the header (empty in the meeting rows), and
// the task rows, which leave the meeting columns empty. Without the
// section the CSV is as before.
func withTaskCSV(rows [][]string, f QuarterlyFigures) [][]string {
	if f.Tasks == nil || len(rows) == 0 {
		return rows
	}
	width := len(rows[0]) + len(taskCSVColumns)
	rows[0] = append(rows[0], taskCSVColumns...)
	for i := 1; i < len(rows); i++ {
		rows[i] = append(rows[i], make([]string, len(taskCSVColumns))...)
	}
	return append(rows, taskCSVRows(f.Tasks, f.Org, width)...)
}

// taskCSVRows are the CSV rows of the section: the period's total, then
// one per owner (named in the organization column), each width columns wide
// with the task counts at the end.
func taskCSVRows(f *TaskFigures, org string, width int) [][]string {
	row := func(scope, name string, n TaskCounts) []string {
		r := make([]string, width-len(taskCSVColumns), width)
		r[0], r[1], r[2] = scope, csvText(name), f.Period
		return append(r, strconv.Itoa(n.Due), strconv.Itoa(n.DoneOnTime), strconv.Itoa(n.DoneLate), strconv.Itoa(n.Open),
			strconv.Itoa(n.Overdue), strconv.Itoa(n.Dropped), strconv.FormatFloat(n.DonePercent, 'f', 1, 64))
	}
	rows := [][]string{row("tasks", org, f.Total)}
	for _, o := range f.ByOwner {
		rows = append(rows, row("tasks_owner", o.Owner, o.TaskCounts))
	}
	return rows
}
