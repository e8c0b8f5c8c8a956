package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

func taskFixture(id int64, owner string, due minutes.Date, status string, doneOn minutes.Date) minutes.Task {
	return minutes.Task{
		ID: id, MeetingID: 1, MeetingTitle: "Hội nghị giao ban", MeetingDate: minutes.NewDate(2021, 1, 5),
		Organization: "Thành ủy Sóc Trăng", Content: "Việc số " + string(rune('A'+id)), Owner: owner,
		Due: due, Status: status, DoneOn: doneOn,
	}
}

func TestComputeTaskFigures(t *testing.T) {
	d := minutes.NewDate
	q2 := minutes.Quarter{Year: 2021, Q: 2}
	p2 := minutes.QuarterPeriod(q2)
	today := d(2021, 6, 1)
	none := minutes.Date{}
	tasks := []minutes.Task{
		taskFixture(1, "Ban Tuyên giáo", d(2021, 4, 10), minutes.TaskDone, d(2021, 4, 10)),  // on time (the due day itself)
		taskFixture(2, "Ban Tuyên giáo", d(2021, 4, 20), minutes.TaskDone, d(2021, 4, 21)),  // late by a day
		taskFixture(3, "ban tuyen giao ", d(2021, 5, 31), minutes.TaskOpen, none),           // overdue 1 day, same owner folded
		taskFixture(4, "Văn phòng", d(2021, 6, 1), minutes.TaskOpen, none),                  // due today: not overdue
		taskFixture(5, "Văn phòng", d(2021, 6, 30), minutes.TaskOpen, none),                 // not yet due
		taskFixture(6, "Văn phòng", d(2021, 4, 1), minutes.TaskDropped, none),               // dropped
		taskFixture(7, "", d(2021, 4, 2), minutes.TaskOpen, none),                           // overdue 60 days, nobody
		taskFixture(8, "Ban Dân vận", d(2021, 3, 31), minutes.TaskOpen, none),               // previous quarter: not counted
		taskFixture(9, "Ban Dân vận", d(2021, 7, 1), minutes.TaskOpen, none),                // next quarter: not counted
		taskFixture(10, "Ban Dân vận", none, minutes.TaskOpen, none),                        // no due date: not counted
		taskFixture(11, "Ủy ban nhân dân", d(2021, 5, 1), minutes.TaskDone, d(2021, 4, 28)), // early
	}
	f := ComputeTaskFigures(tasks, p2, today)

	want := TaskCounts{Due: 8, DoneOnTime: 2, DoneLate: 1, Open: 2, Overdue: 2, Dropped: 1, DonePercent: 42.9}
	if f.Total != want {
		t.Errorf("total %+v\nwant  %+v", f.Total, want)
	}
	wantOwners := []OwnerTaskCounts{
		{"Ban Tuyên giáo", TaskCounts{Due: 3, DoneOnTime: 1, DoneLate: 1, Overdue: 1, DonePercent: 66.7}},
		{"Ủy ban nhân dân", TaskCounts{Due: 1, DoneOnTime: 1, DonePercent: 100}},
		{"Văn phòng", TaskCounts{Due: 3, Open: 2, Dropped: 1}},
		{"", TaskCounts{Due: 1, Overdue: 1}},
	}
	if !reflect.DeepEqual(f.ByOwner, wantOwners) {
		t.Errorf("by owner:\n%+v\nwant\n%+v", f.ByOwner, wantOwners)
	}
	var ids []int64
	var days []int
	for _, o := range f.Overdue {
		ids, days = append(ids, o.ID), append(days, o.DaysOverdue)
	}
	if !reflect.DeepEqual(ids, []int64{7, 3}) || !reflect.DeepEqual(days, []int{60, 1}) {
		t.Errorf("overdue %v by %v days, want [7 3] by [60 1]", ids, days)
	}
	// Every task due is in exactly one state.
	for _, o := range append(f.ByOwner, OwnerTaskCounts{"", f.Total}) {
		n := o.TaskCounts
		if n.DoneOnTime+n.DoneLate+n.Open+n.Overdue+n.Dropped != n.Due {
			t.Errorf("%q: states do not add up: %+v", o.Owner, n)
		}
	}

	// The same tasks a month later: what was open is now overdue.
	later := ComputeTaskFigures(tasks, p2, d(2021, 7, 1))
	if later.Total.Open != 0 || later.Total.Overdue != 4 || later.AsOf != "2021-07-01" {
		t.Errorf("a month later: %+v", later.Total)
	}
	// Before the quarter starts nothing is overdue yet.
	before := ComputeTaskFigures(tasks, p2, d(2021, 3, 1))
	if before.Total.Overdue != 0 || before.Total.Open != 4 {
		t.Errorf("before the quarter: %+v", before.Total)
	}

	js, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"quarter":"2021-Q2"`, `"as_of":"2021-06-01"`, `"total":{"due":8,"done_on_time":2,"done_late":1,"open":2,"overdue":2,"dropped":1,"done_percent":42.9}`,
		`"by_owner":[{"owner":"Ban Tuyên giáo","due":3`, `"overdue_tasks":[{"id":7,"due":"2021-04-02","days_overdue":60`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON lacks %s:\n%s", key, js)
		}
	}
	empty, _ := json.Marshal(ComputeTaskFigures(nil, p2, today))
	if !strings.Contains(string(empty), `"by_owner":[]`) || !strings.Contains(string(empty), `"overdue_tasks":[]`) {
		t.Errorf("empty figures should have empty lists, not null: %s", empty)
	}
}

func TestLayoutTasksSection(t *testing.T) {
	d := minutes.NewDate
	q2 := minutes.Quarter{Year: 2021, Q: 2}
	p2 := minutes.QuarterPeriod(q2)
	today := d(2021, 6, 1)
	tasks := []minutes.Task{
		taskFixture(1, "Ban Tuyên giáo", d(2021, 4, 10), minutes.TaskDone, d(2021, 4, 12)),
		taskFixture(2, "", d(2021, 4, 2), minutes.TaskOpen, minutes.Date{}),
	}
	l := &Layout{}
	layoutTasks(l, &cleaner{}, tasksHead, ComputeTaskFigures(tasks, p2, today), p2, today)
	if len(l.Blocks) != 6 || l.Blocks[0].Text != tasksHead || l.Blocks[3].Kind != KindTable || l.Blocks[5].Kind != KindTable {
		t.Fatalf("blocks: %+v", l.Blocks)
	}
	para := l.Blocks[1].Text
	// Counts in running text take the leading zero of one to nine, as in every document.
	for _, want := range []string{"quý II/2021 có 02 việc", "ngày 01 tháng 6 năm 2021", "hoàn thành trễ hạn 01 việc", "quá hạn 01 việc",
		"hoàn thành đúng hạn 0 việc", "tỷ lệ hoàn thành 50,0%"} {
		if !strings.Contains(para, want) {
			t.Errorf("summary %q lacks %q", para, want)
		}
	}
	byOwner := l.Blocks[3].Table
	if got := strings.Join(byOwner.Rows[len(byOwner.Rows)-1], "|"); got != "Tổng cộng|2|0|1|0|1|0" {
		t.Errorf("total row %s", got)
	}
	if got := strings.Join(byOwner.Rows[1], "|"); got != "(Chưa giao)|1|0|0|0|1|0" {
		t.Errorf("no-owner row %s", got)
	}
	overdue := l.Blocks[5].Table
	if got := strings.Join(overdue.Rows[0], "|"); got != "1|02/04/2021|60|(Chưa giao)|Việc số C|05/01/2021" {
		t.Errorf("overdue row %s", got)
	}
	for _, c := range append(byOwner.Columns, overdue.Columns...) {
		if c.Width <= 0 {
			t.Errorf("column %q has no width", c.Title)
		}
	}
	sum := func(cs []Column) (w float64) {
		for _, c := range cs {
			w += c.Width
		}
		return w
	}
	if sum(byOwner.Columns) != 165 || sum(overdue.Columns) != 165 {
		t.Errorf("tables are %v and %v mm wide, the text is 165 mm", sum(byOwner.Columns), sum(overdue.Columns))
	}

	l = &Layout{}
	layoutTasks(l, &cleaner{}, tasksHead, ComputeTaskFigures(nil, p2, today), p2, today)
	if len(l.Blocks) != 2 || !strings.Contains(l.Blocks[1].Text, "không có kết luận, chỉ đạo nào đến hạn") {
		t.Errorf("empty section: %+v", l.Blocks)
	}
}

// The section in the quarterly report: after the conclusions, in the
// figures (JSON and CSV), and printed in the PDF.
func TestQuarterlyWithTasks(t *testing.T) {
	d := minutes.NewDate
	q1 := minutes.Quarter{Year: 2021, Q: 1}
	today := d(2021, 4, 15)
	ms := genMeetings(3, q1, 12, genOrgs...)
	var tasks []minutes.Task
	for i, m := range ms {
		st, done := minutes.TaskOpen, minutes.Date{}
		if i%3 == 0 {
			st, done = minutes.TaskDone, m.Date.AddDays(3)
		}
		tasks = append(tasks, minutes.Task{ID: int64(100 + i), MeetingID: m.ID, MeetingTitle: m.Title, MeetingDate: m.Date,
			Organization: m.Organization, Content: "Kiểm tra tiến độ công trình số " + string(rune('A'+i)), Owner: "Ban Kinh tế - Ngân sách",
			Due: m.Date.AddDays(2), Status: st, DoneOn: done})
	}
	in := QuarterlyInput{Quarter: q1, Meetings: ms, Tasks: tasks, Today: today, Issuer: "Văn phòng", IssuerParent: "Tỉnh ủy Sóc Trăng"}

	without := ComputeFigures(QuarterlyInput{Quarter: q1, Meetings: ms, Tasks: tasks})
	if without.Tasks != nil {
		t.Fatal("without Today the report must leave the section out, as before")
	}
	f := ComputeFigures(in)
	if f.Tasks == nil || f.Tasks.Total.Due != len(tasks) || f.Tasks.Total.DoneLate != 4 || f.Tasks.Total.Overdue != 8 {
		t.Fatalf("figures: %+v", f.Tasks)
	}

	// One organisation: only its tasks.
	org := genOrgs[1]
	one := ComputeFigures(QuarterlyInput{Quarter: q1, Org: minutes.Fold(org), Meetings: ms, Tasks: tasks, Today: today})
	want := 0
	for _, tk := range tasks {
		if tk.Organization == org {
			want++
		}
	}
	if want == 0 || one.Tasks.Total.Due != want {
		t.Fatalf("org %s: %d tasks due, want %d", org, one.Tasks.Total.Due, want)
	}

	var buf strings.Builder
	if err := FiguresCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(buf.String())).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, buf.String())
	}
	if got := strings.Join(rows[0], ","); got != "scope,organization,period,meetings,delegates,delegates_average,speaker_turns,conclusions,"+strings.Join(taskCSVColumns, ",") {
		t.Errorf("CSV header %s", got)
	}
	var total []string
	for _, r := range rows {
		if r[0] == "tasks" {
			total = r
		}
	}
	if strings.Join(total, ",") != "tasks,,2021-Q1,,,,,,12,0,4,0,8,0,33.3" {
		t.Errorf("CSV tasks row %q", total)
	}

	l, _, _ := LayoutQuarterly(in)
	heads := []string{}
	for _, b := range l.Blocks {
		if b.Kind == KindHeading {
			heads = append(heads, b.Text)
		}
	}
	if len(heads) < 2 || heads[len(heads)-1] != tasksHead || heads[len(heads)-2] != quarterlyConcludeHead {
		t.Fatalf("headings %q: the section must come after the conclusions", heads)
	}

	pdf, _, err := Quarterly(in)
	if err != nil {
		t.Fatal(err)
	}
	text := flat(run(t, pdf, "pdftotext", "-layout"))
	for _, want := range []string{"IV. TÌNH HÌNH THỰC HIỆN KẾT LUẬN", "Theo người, đơn vị thực hiện", "Các việc quá hạn", "Ban Kinh tế - Ngân sách", "tỷ lệ hoàn thành 33,3%"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	// A quarter without meetings still reports the tasks due in it.
	q2 := q1.Next()
	l, _, _ = LayoutQuarterly(QuarterlyInput{Quarter: q2, Previous: ms, Tasks: []minutes.Task{{ID: 1, Status: minutes.TaskOpen, Due: d(2021, 4, 2), Content: "x", MeetingDate: d(2021, 3, 1)}}, Today: today,
		Issuer: "Văn phòng"})
	if last := l.Blocks[len(l.Blocks)-1]; last.Kind != KindTable || !strings.Contains(fmt.Sprint(l.Blocks), tasksHeadAlone) {
		t.Errorf("empty quarter: %+v", l.Blocks)
	}
}
