package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

var q1 = minutes.Quarter{Year: 2021, Q: 1}

// tally counts meetings the plain way: by the month printed in the date,
// independent of Quarter.First/Last and of the report's own filter.
type tally struct{ meetings, delegates, turns, conclusions int }

func count3(ms []*minutes.Meeting, months []string, org string) tally {
	var t tally
	for _, m := range ms {
		if !slices.Contains(months, m.Date.String()[:7]) || (org != "" && m.Organization != org) {
			continue
		}
		t.meetings++
		t.delegates += m.Attendance.Present
		turns := len(m.Comments)
		if m.CommentCount > turns {
			turns = m.CommentCount
		}
		t.turns += turns
		t.conclusions += len(m.Conclusions)
	}
	return t
}

func (t tally) equal(f Figures) bool {
	avg := 0.0
	if t.meetings > 0 {
		avg = math.Round(float64(t.delegates)/float64(t.meetings)*10) / 10
	}
	return f == Figures{t.meetings, t.delegates, avg, t.turns, t.conclusions}
}

// boundaryMeetings are dated on the edges of the quarter, to be counted in
// exactly the right period.
func boundaryMeetings() (cur, prev []*minutes.Meeting) {
	at := func(y int, mo time.Month, d int) *minutes.Meeting {
		m := seedMeeting()
		m.Date = minutes.NewDate(y, mo, d)
		return m
	}
	// 31 March at 23:30 in Vietnam is 16:30 UTC; 1 January at 00:30 in
	// Vietnam is still 31 December in UTC. Dates are taken in the
	// meeting's own zone and never converted.
	ict := time.FixedZone("ICT", 7*3600)
	late := seedMeeting()
	late.Date = minutes.DateOf(time.Date(2021, 3, 31, 23, 30, 0, 0, ict))
	early := seedMeeting()
	early.Date = minutes.DateOf(time.Date(2021, 1, 1, 0, 30, 0, 0, ict))
	cur = []*minutes.Meeting{at(2021, 3, 31), at(2021, 4, 1), at(2021, 1, 1), at(2020, 12, 31), late, early}
	prev = []*minutes.Meeting{at(2020, 12, 31), at(2020, 10, 1), at(2020, 9, 30), at(2021, 1, 1)}
	return cur, prev
}

func TestComputeFigures(t *testing.T) {
	cur := genMeetings(10, q1, 300, genOrgs...)
	prev := genMeetings(11, q1.Prev(), 200, genOrgs...)
	// Meetings of other quarters handed in by mistake are not counted.
	cur = append(cur, genMeetings(12, minutes.Quarter{Year: 2021, Q: 2}, 20, genOrgs...)...)
	bc, bp := boundaryMeetings()
	cur, prev = append(cur, bc...), append(prev, bp...)

	months := []string{"2021-01", "2021-02", "2021-03"}
	prevMonths := []string{"2020-10", "2020-11", "2020-12"}
	for _, org := range append([]string{""}, genOrgs...) {
		f := ComputeFigures(QuarterlyInput{Quarter: q1, Org: org, Meetings: cur, Previous: prev})
		if want := count3(cur, months, org); !want.equal(f.Current) {
			t.Errorf("org %q: current %+v, counted %+v", org, f.Current, want)
		}
		if want := count3(prev, prevMonths, org); !want.equal(f.Previous) {
			t.Errorf("org %q: previous %+v, counted %+v", org, f.Previous, want)
		}
		for i, mo := range months {
			if want := count3(cur, []string{mo}, org); !want.equal(f.Months[i].Figures) || f.Months[i].Month != mo {
				t.Errorf("org %q: month %s %+v, counted %+v", org, f.Months[i].Month, f.Months[i], want)
			}
		}
		d := f.Current.Meetings - f.Previous.Meetings
		if f.Change.Meetings != d || f.Change.Delegates != f.Current.Delegates-f.Previous.Delegates ||
			math.Abs(f.Change.DelegatesAverage-(f.Current.DelegatesAverage-f.Previous.DelegatesAverage)) > 0.051 {
			t.Errorf("org %q: change %+v", org, f.Change)
		}
		if f.Quarter != "2021-Q1" || f.PreviousQuarter != "2020-Q4" {
			t.Errorf("quarters %q %q", f.Quarter, f.PreviousQuarter)
		}
		if org == "" {
			if len(f.Organizations) != len(genOrgs)+0 {
				t.Fatalf("organisations: %+v", f.Organizations)
			}
			var sum Figures
			for _, o := range f.Organizations {
				if want := count3(cur, months, o.Organization); !want.equal(o.Current) {
					t.Errorf("%s: %+v, counted %+v", o.Organization, o.Current, want)
				}
				sum.Meetings += o.Current.Meetings
				sum.Delegates += o.Current.Delegates
			}
			if sum.Meetings != f.Current.Meetings || sum.Delegates != f.Current.Delegates {
				t.Errorf("organisations do not add up: %+v vs %+v", sum, f.Current)
			}
		} else if f.Organizations != nil {
			t.Errorf("org %q: per-organisation figures for one organisation", org)
		}
	}

	// The edges alone: 31 March (twice) and 1 January (twice) are Q1;
	// 1 April and 31 December are not.
	f := ComputeFigures(QuarterlyInput{Quarter: q1, Meetings: bc, Previous: bp})
	if f.Current.Meetings != 4 || f.Months[0].Meetings != 2 || f.Months[2].Meetings != 2 || f.Previous.Meetings != 2 {
		t.Errorf("boundaries: %+v", f)
	}
}

func TestComputeFiguresOrgMatch(t *testing.T) {
	ms := genMeetings(1, q1, 30, genOrgs...)
	a := ComputeFigures(QuarterlyInput{Quarter: q1, Org: "Thành ủy Sóc Trăng", Meetings: ms})
	b := ComputeFigures(QuarterlyInput{Quarter: q1, Org: " thanh uy soc trang", Meetings: ms})
	if a.Current.Meetings == 0 || a.Current != b.Current {
		t.Errorf("organisation not matched ignoring case and marks: %+v vs %+v", a.Current, b.Current)
	}
}

func TestFiguresCSVAndJSON(t *testing.T) {
	f := ComputeFigures(QuarterlyInput{Quarter: q1, Meetings: genMeetings(5, q1, 50, genOrgs...), Previous: genMeetings(6, q1.Prev(), 40, genOrgs...)})
	var buf bytes.Buffer
	if err := FiguresCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "scope,organization,period,meetings,delegates,delegates_average,speaker_turns,conclusions" {
		t.Errorf("CSV header %s", got)
	}
	want := map[string]Figures{"quarter/2021-Q1": f.Current, "previous_quarter/2020-Q4": f.Previous, "change/2021-Q1": f.Change}
	for _, m := range f.Months {
		want["month/"+m.Month] = m.Figures
	}
	for _, o := range f.Organizations {
		want["organization/"+o.Organization] = o.Current
	}
	seen := 0
	for _, r := range rows[1:] {
		key := r[0] + "/" + r[2]
		if r[0] == "organization" {
			key = r[0] + "/" + r[1]
		}
		w, ok := want[key]
		if !ok {
			continue
		}
		seen++
		avg, _ := strconv.ParseFloat(r[5], 64)
		got := Figures{atoi(r[3]), atoi(r[4]), avg, atoi(r[6]), atoi(r[7])}
		if got != w {
			t.Errorf("CSV %s: %+v, want %+v", key, got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("CSV has %d of %d expected rows:\n%v", seen, len(want), rows)
	}

	js, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var back QuarterlyFigures
	if err := json.Unmarshal(js, &back); err != nil || !reflect.DeepEqual(back, f) {
		t.Errorf("JSON round trip: %v\n%s", err, js)
	}
	for _, key := range []string{`"quarter":"2021-Q1"`, `"previous_quarter":"2020-Q4"`, `"current":{"meetings":`, `"delegates_average":`,
		`"speaker_turns":`, `"months":[{"month":"2021-01","meetings":`, `"organizations":[{"organization":`} {
		if !strings.Contains(string(js), key) {
			t.Errorf("JSON lacks %s:\n%s", key, js)
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func TestLayoutQuarterly(t *testing.T) {
	ms := genMeetings(7, q1, 25)
	ms[3].Title += " 👍"
	l, ws, _ := LayoutQuarterly(QuarterlyInput{Quarter: q1, Org: "Thành ủy Sóc Trăng", Meetings: ms, Previous: genMeetings(8, q1.Prev(), 20)})
	if len(ws) != 1 || ws[0].Field != "meetings[id=4].title" {
		t.Errorf("warnings %v", ws)
	}
	want := "header doctype title title-rule paragraph heading table chart caption heading table heading"
	if got := kinds(l); !strings.HasPrefix(got, want) {
		t.Errorf("kinds\n got %s\nwant %s…", got, want)
	}
	h := l.Blocks[0].Header
	if h.Org != "THÀNH ỦY SÓC TRĂNG" || h.Number != "" || h.DateLine != "Sóc Trăng, ngày 31 tháng 3 năm 2021" {
		t.Errorf("header %+v", *h)
	}
	if l.Blocks[1].Text != "BÁO CÁO" || l.Blocks[2].Text != "Tổng hợp các hội nghị quý I/2021" {
		t.Errorf("doc type and title: %q %q", l.Blocks[1].Text, l.Blocks[2].Text)
	}
	var table *Table
	for _, b := range l.Blocks {
		if b.Kind == KindTable && b.Table.Columns[0].Title == "STT" {
			table = b.Table
		}
	}
	cols := []string{}
	width := 0.0
	for _, c := range table.Columns {
		cols = append(cols, c.Title)
		width += c.Width
	}
	if strings.Join(cols, "|") != "STT|Ngày|Tên hội nghị|Chủ trì|Đại biểu|Lượt phát biểu" || math.Abs(width-textWidth) > 0.01 {
		t.Errorf("columns %v, width %.1f", cols, width)
	}
	if len(table.Rows) != 25 {
		t.Fatalf("%d rows", len(table.Rows))
	}
	for i, r := range table.Rows {
		if r[0] != strconv.Itoa(i+1) {
			t.Errorf("row %d numbered %s", i+1, r[0])
		}
		if i > 0 {
			prev, _ := time.Parse("02/01/2006", table.Rows[i-1][1])
			cur, _ := time.Parse("02/01/2006", r[1])
			if cur.Before(prev) {
				t.Errorf("rows not by date: %s after %s", r[1], table.Rows[i-1][1])
			}
		}
	}
	// Every meeting with conclusions has its group, in date order.
	groups := 0
	for _, b := range l.Blocks {
		if b.Kind == KindSubheading {
			groups++
			if !strings.HasPrefix(b.Text, fmt.Sprintf("%d. ", groups)) {
				t.Errorf("group heading %q", b.Text)
			}
		}
	}
	withConclusions := 0
	for _, m := range ms {
		if len(m.Conclusions) > 0 {
			withConclusions++
		}
	}
	if groups != withConclusions {
		t.Errorf("%d conclusion groups, %d meetings with conclusions", groups, withConclusions)
	}
}

func TestLayoutQuarterlyHeaderStyle(t *testing.T) {
	ms := genMeetings(1, q1, 9, "Ủy ban nhân dân Phường 5", "Ủy ban nhân dân Phường 7", "Đảng ủy Phường 2")
	// Several organisations and no office to issue the report: refused,
	// with how to set one, rather than printed with an empty header.
	if _, _, err := LayoutQuarterly(QuarterlyInput{Quarter: q1, Meetings: ms}); minutes.ErrorCode(err) != minutes.EINVALID ||
		!strings.Contains(testPrinter.Error(err), "minutes config set organization") {
		t.Fatalf("several bodies without an office: %v", err)
	}
	if _, _, err := Quarterly(QuarterlyInput{Quarter: q1, Meetings: ms}); minutes.ErrorCode(err) != minutes.EINVALID {
		t.Fatalf("Quarterly without an office: %v", err)
	}
	l, _, err := LayoutQuarterly(QuarterlyInput{Quarter: q1, Meetings: ms, Issuer: "Văn phòng", IssuerParent: "Ủy ban nhân dân thành phố Sóc Trăng"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Style != minutes.HeaderState {
		t.Errorf("6 State meetings of 9 give a %s header", l.Style)
	}
	// The office issues the report, in its own style when it has one.
	if h := l.Blocks[0].Header; h.Org != "VĂN PHÒNG" || h.Parent != "ỦY BAN NHÂN DÂN THÀNH PHỐ SÓC TRĂNG" {
		t.Errorf("header %+v", *h)
	}
	if l, _, _ := LayoutQuarterly(QuarterlyInput{Quarter: q1, Meetings: ms, Issuer: "Văn phòng", IssuerHeader: minutes.HeaderParty}); l.Style != minutes.HeaderParty {
		t.Errorf("an office of Party style issues in %s style", l.Style)
	}
	subs := 0
	for _, b := range l.Blocks {
		if b.Kind == KindSubheading && strings.HasPrefix(b.Text, "Ủy ban nhân dân Phường") {
			subs++
		}
	}
	if subs != 2 {
		t.Errorf("meetings not grouped by organisation: %d State groups", subs)
	}
}

func TestQuarterlyPDF(t *testing.T) {
	ms := genMeetings(3, q1, 120)
	long := strings.Repeat("Hội nghị chuyên đề về công tác xây dựng Đảng và hệ thống chính trị ", 12) + "kết thúc ở đây"
	ms[0].Title = long
	in := QuarterlyInput{Quarter: q1, Org: "Thành ủy Sóc Trăng", Meetings: ms, Previous: genMeetings(4, q1.Prev(), 90),
		YearBefore: genMeetings(5, minutes.Quarter{Year: 2020, Q: 1}, 70)}
	out, _, err := Quarterly(in)
	if err != nil {
		t.Fatal(err)
	}
	if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", s)
	}
	info := pdfinfo(t, out)
	pages := atoi(info["Pages"])
	if pages < 5 {
		t.Fatalf("%d pages", pages)
	}
	f := ComputeFigures(in)
	all := run(t, out, "pdftotext", "-layout")
	text := flat(all)
	for _, want := range []string{
		"BÁO CÁO", "Tổng hợp các hội nghị quý I/2021", "ĐẢNG CỘNG SẢN VIỆT NAM", "Sóc Trăng, ngày 31 tháng 3 năm 2021",
		"Quý I/2021 Quý I/2020 So với cùng kỳ Quý IV/2020 So với kỳ trước",
		fmt.Sprintf("Số hội nghị %s %s %s %s %s", vnInt(f.Current.Meetings), vnInt(f.YearBefore.Meetings), change(f.ChangeYearBefore.Meetings, f.YearBefore.Meetings),
			vnInt(f.Previous.Meetings), change(f.Change.Meetings, f.Previous.Meetings)),
		fmt.Sprintf("Tổng số đại biểu %s %s", vnInt(f.Current.Delegates), vnInt(f.YearBefore.Delegates)),
		fmt.Sprintf("%s %s %s %s %s", vnDec(f.Current.DelegatesAverage), vnDec(f.YearBefore.DelegatesAverage),
			signedDec(f.ChangeYearBefore.DelegatesAverage), vnDec(f.Previous.DelegatesAverage), signedDec(f.Change.DelegatesAverage)),
		fmt.Sprintf("%s %s %s", vnInt(f.Current.SpeakerTurns), vnInt(f.YearBefore.SpeakerTurns), change(f.ChangeYearBefore.SpeakerTurns, f.YearBefore.SpeakerTurns)),
		fmt.Sprintf("Kết luận, chỉ đạo %s %s", vnInt(f.Current.Conclusions), vnInt(f.YearBefore.Conclusions)),
		"Số hội nghị Số đại biểu", "Tháng 1 Tháng 2 Tháng 3",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	if !strings.Contains(strings.ReplaceAll(all, "\n", " "), "kết thúc ở đây") {
		t.Error("the end of a long title is missing from its cell")
	}
	// Every conclusion of the quarter is printed.
	for _, m := range ms[:10] {
		for _, c := range m.Conclusions {
			if !strings.Contains(text, c.Content[:40]) {
				t.Errorf("conclusion %q missing", c.Content[:40])
			}
		}
	}
	// The table header repeats on every page the table runs over, and a
	// page number "Trang x/y" with the real total heads every page after the first.
	tablePages := 0
	for p := 2; p <= pages; p++ {
		pt := run(t, out, "pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
		if first := strings.TrimSpace(strings.SplitN(strings.TrimLeft(pt, "\n"), "\n", 2)[0]); first != fmt.Sprintf("Trang %d/%d", p, pages) {
			t.Errorf("page %d starts with %q", p, first)
		}
		if strings.Contains(pt, "III. KẾT LUẬN") {
			break
		}
		tablePages++
		if !regexp1(`STT\s+Ngày\s+Tên hội nghị\s+Chủ trì\s+Đại biểu`).MatchString(pt) {
			t.Errorf("page %d: no table header:\n%s", p, pt[:min(len(pt), 600)])
		}
	}
	if tablePages < 2 {
		t.Errorf("the meetings table should run over several pages, ran over %d", tablePages)
	}
	if strings.Contains(run(t, out, "pdftotext", "-layout", "-f", "1", "-l", "1"), "Trang 1/") {
		t.Error("page 1 carries a page number")
	}

	// The long title wraps inside its cell: its row is many lines tall.
	l, _, _ := LayoutQuarterly(in)
	tallest := 0.0
	for _, b := range boxesOf(l) {
		if b.repeat != nil {
			tallest = max(tallest, b.h)
		}
	}
	if lh := (textStyle{size: tableSize}).lineHeight(); tallest < 8*lh {
		t.Errorf("tallest row %.1f mm: the long title did not wrap in its cell", tallest)
	}

	again, _, _ := Quarterly(in)
	if !bytes.Equal(out, again) {
		t.Error("same quarter, different bytes")
	}
}

func TestQuarterlyEmpty(t *testing.T) {
	for _, in := range []QuarterlyInput{
		{Quarter: q1},
		{Quarter: q1, Org: "Thành ủy Sóc Trăng", Previous: genMeetings(2, q1.Prev(), 5)},
	} {
		out, ws, err := Quarterly(in)
		if err != nil || len(ws) > 0 {
			t.Fatalf("empty quarter: %v %v", err, ws)
		}
		if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", s)
		}
		if p := pdfinfo(t, out)["Pages"]; p != "1" {
			t.Errorf("empty quarter takes %s pages", p)
		}
		text := flat(run(t, out, "pdftotext", "-layout"))
		for _, want := range []string{"BÁO CÁO", "Tổng hợp các hội nghị quý I/2021", "Trong quý I/2021 không có hội nghị nào được ghi nhận."} {
			if !strings.Contains(text, want) {
				t.Errorf("empty report lacks %q:\n%s", want, text)
			}
		}
		if in.Previous != nil && !strings.Contains(text, "Kỳ trước (quý IV/2020) có 05 hội nghị") {
			t.Errorf("empty report does not mention the previous quarter:\n%s", text)
		}
	}
}

func regexp1(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// TestFiguresCSVFormulas: a body's name that a spreadsheet would run as a
// formula is written as text; figures, negative changes included, stay
// numbers.
func TestFiguresCSVFormulas(t *testing.T) {
	orgs := []string{"=HYPERLINK(\"http://x\")", "+84 Ủy ban", "-Ban Tuyên giáo", "@Đảng ủy"}
	f := ComputeFigures(QuarterlyInput{Quarter: q1, Meetings: genMeetings(2, q1, 10, orgs...), Previous: genMeetings(8, q1.Prev(), 90, orgs...)})
	var buf bytes.Buffer
	if err := FiguresCSV(&buf, f); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	named, negative := 0, 0
	for _, r := range rows[1:] {
		if r[1] != "" {
			named++
			if !strings.HasPrefix(r[1], "'") {
				t.Errorf("%s row: organisation cell %q would run as a formula", r[0], r[1])
			}
		}
		if r[0] == "change" {
			for _, c := range r[3:] {
				if strings.HasPrefix(c, "-") {
					negative++
				} else if strings.HasPrefix(c, "'") {
					t.Errorf("change figure %q written as text", c)
				}
			}
		}
	}
	if named == 0 || negative == 0 {
		t.Fatalf("%d named rows, %d negative changes: the test would prove nothing\n%v", named, negative, rows)
	}
}
