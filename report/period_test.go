package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

// genYears makes meetings over 2020 and 2021, n a quarter, for the
// organisations given, so that every period has a period before and the
// same period a year before.
func genYears(n int, orgs ...string) []*minutes.Meeting {
	var ms []*minutes.Meeting
	seed := uint64(40)
	for y := 2020; y <= 2021; y++ {
		for q := 1; q <= 4; q++ {
			part := genMeetings(seed, minutes.Quarter{Year: y, Q: q}, n, orgs...)
			for _, m := range part {
				m.ID = int64(len(ms) + 1)
				ms = append(ms, m)
			}
			seed++
		}
	}
	return ms
}

var testSigner = &minutes.Signer{Authority: "T/M", For: "Ban Thường vụ", Title: "Phó Bí thư", Name: "Trần Văn Phúc"}

// periodInputs are reports of every kind of period, issued.
func periodInputs() map[string]ReportInput {
	all := genYears(12)
	in := func(p minutes.Period, number string) ReportInput {
		return ReportInput{Period: p, Org: "Thành ủy Sóc Trăng", Meetings: all, Previous: all, YearBefore: all,
			Number: number, Signer: testSigner, Recipients: []string{"Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Thành ủy"}}
	}
	multi := genYears(12, genOrgs...)
	year := ReportInput{Period: minutes.YearPeriod(2021), Meetings: multi, Previous: multi, Issuer: "Văn phòng", IssuerParent: "Tỉnh ủy Sóc Trăng",
		Number: "03-BC/VPTU", Signer: &minutes.Signer{Authority: "T/L", For: "Ban Thường vụ", Title: "Chánh Văn phòng", Name: "Lê Văn Hùng"},
		Recipients: []string{"Thường trực Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"}, Today: minutes.NewDate(2022, 1, 10)}
	return map[string]ReportInput{
		"period-q2":    in(minutes.QuarterPeriod(minutes.Quarter{Year: 2021, Q: 2}), "07-BC/TU"),
		"period-h1":    in(minutes.HalfPeriod(2021, 1), "08-BC/TU"),
		"period-h2":    in(minutes.HalfPeriod(2021, 2), "      -BC/TU"),
		"period-9m":    in(minutes.NineMonths(2021), "09-BC/TU"),
		"period-year":  year,
		"period-range": in(minutes.RangePeriod(minutes.NewDate(2021, 2, 15), minutes.NewDate(2021, 5, 10)), "10-BC/TU"),
	}
}

func TestPeriods(t *testing.T) {
	d := minutes.NewDate
	for _, c := range []struct {
		in                            string
		name, prev, yearBefore        string
		from, to                      minutes.Date
		buckets                       int
		prevFrom, prevTo, yearBefFrom minutes.Date
	}{
		{"2021-Q1", "quý I/2021", "2020-Q4", "2020-Q1", d(2021, 1, 1), d(2021, 3, 31), 3, d(2020, 10, 1), d(2020, 12, 31), d(2020, 1, 1)},
		{"I/2021", "quý I/2021", "2020-Q4", "2020-Q1", d(2021, 1, 1), d(2021, 3, 31), 3, d(2020, 10, 1), d(2020, 12, 31), d(2020, 1, 1)},
		{"2021-H1", "6 tháng đầu năm 2021", "2020-H2", "2020-H1", d(2021, 1, 1), d(2021, 6, 30), 6, d(2020, 7, 1), d(2020, 12, 31), d(2020, 1, 1)},
		{"H2/2021", "6 tháng cuối năm 2021", "2021-H1", "2020-H2", d(2021, 7, 1), d(2021, 12, 31), 6, d(2021, 1, 1), d(2021, 6, 30), d(2020, 7, 1)},
		{"2021-9M", "9 tháng đầu năm 2021", "2020-04-01..2020-12-31", "2020-9M", d(2021, 1, 1), d(2021, 9, 30), 9, d(2020, 4, 1), d(2020, 12, 31), d(2020, 1, 1)},
		{"2021", "năm 2021", "2020", "2020", d(2021, 1, 1), d(2021, 12, 31), 4, d(2020, 1, 1), d(2020, 12, 31), d(2020, 1, 1)},
	} {
		p, err := minutes.ParsePeriod(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if p.Vietnamese() != c.name || p.Prev().String() != c.prev || p.YearBefore().String() != c.yearBefore ||
			p.From != c.from || p.To != c.to || len(p.Buckets()) != c.buckets ||
			p.Prev().From != c.prevFrom || p.Prev().To != c.prevTo || p.YearBefore().From != c.yearBefFrom {
			t.Errorf("%s: %q prev %s (%s–%s) year before %s, %s–%s, %d buckets", c.in, p.Vietnamese(), p.Prev(), p.Prev().From, p.Prev().To,
				p.YearBefore(), p.From, p.To, len(p.Buckets()))
		}
	}
	// A range: named when it is a named period, its days otherwise.
	if p := minutes.RangePeriod(d(2021, 1, 1), d(2021, 6, 30)); p.Kind != minutes.PeriodHalf {
		t.Errorf("1/1–30/6 is %s", p.Kind)
	}
	r := minutes.RangePeriod(d(2021, 2, 15), d(2021, 5, 10))
	if r.Vietnamese() != "từ ngày 15/02/2021 đến ngày 10/5/2021" || r.Prev().From != d(2020, 11, 22) || r.Prev().To != d(2021, 2, 14) ||
		r.YearBefore().From != d(2020, 2, 15) || len(r.Buckets()) != 4 || r.Buckets()[0].From != d(2021, 2, 15) {
		t.Errorf("range %q prev %s–%s year before %s, buckets %+v", r.Vietnamese(), r.Prev().From, r.Prev().To, r.YearBefore().From, r.Buckets())
	}
	if lp := minutes.RangePeriod(d(2020, 2, 29), d(2020, 3, 31)).YearBefore(); lp.From != d(2019, 2, 28) {
		t.Errorf("29 February a year before: %s", lp.From)
	}
	for _, bad := range []string{"2021-H3", "2021-8M", "21", "Q5/2021", "năm nay", ""} {
		if _, err := minutes.ParsePeriod(bad); minutes.ErrorCode(err) != minutes.EUSAGE {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// Every kind of period: its title in the office's words, the comparisons
// by name (or by the words of a range, dated under the table), the chart
// by month or by quarter, the issued foot.
func TestLayoutReportPeriods(t *testing.T) {
	for name, in := range periodInputs() {
		l, _, err := LayoutReport(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := in.Period
		if got := l.Blocks[2].Text; got != "Tổng hợp các hội nghị "+p.Vietnamese() {
			t.Errorf("%s: title %q", name, got)
		}
		if l.Blocks[3].Kind != KindTitleRule {
			t.Errorf("%s: no rule under the title", name)
		}
		if h := l.Blocks[0].Header; h.Number != "Số "+in.Number {
			t.Errorf("%s: number %q", name, h.Number)
		}
		var figs *Table
		var chart *Chart
		var caption string
		for i, b := range l.Blocks {
			switch {
			case b.Kind == KindTable && figs == nil:
				figs = b.Table
			case b.Kind == KindChart:
				chart = b.Chart
				caption = l.Blocks[i+1].Text
			}
		}
		var titles []string
		for _, c := range figs.Columns {
			titles = append(titles, c.Title)
		}
		want := map[string]string{
			"period-q2":    "Chỉ tiêu|Quý II/2021|Quý II/2020|So với cùng kỳ|Quý I/2021|So với kỳ trước",
			"period-h1":    "Chỉ tiêu|6 tháng đầu năm 2021|6 tháng đầu năm 2020|So với cùng kỳ|6 tháng cuối năm 2020|So với kỳ trước",
			"period-h2":    "Chỉ tiêu|6 tháng cuối năm 2021|6 tháng cuối năm 2020|So với cùng kỳ|6 tháng đầu năm 2021|So với kỳ trước",
			"period-9m":    "Chỉ tiêu|9 tháng đầu năm 2021|9 tháng đầu năm 2020|So với cùng kỳ|Kỳ trước|So với kỳ trước",
			"period-year":  "Chỉ tiêu|Năm 2021|Năm 2020|Tăng (+), giảm (−)",
			"period-range": "Chỉ tiêu|Kỳ báo cáo|Cùng kỳ năm trước|So với cùng kỳ|Kỳ trước|So với kỳ trước",
		}[name]
		if got := strings.Join(titles, "|"); got != want {
			t.Errorf("%s: figures columns\n got %s\nwant %s", name, got, want)
		}
		var width float64
		for _, c := range figs.Columns {
			width += c.Width
		}
		if width != textWidth {
			t.Errorf("%s: figures table %.1f mm wide", name, width)
		}
		if name == "period-9m" {
			if _, ok := findText(l, "Kỳ trước: từ ngày 01/4/2020 đến ngày 31/12/2020."); !ok {
				t.Errorf("9M: the dates of the period before are not given")
			}
		}
		if name == "period-range" {
			if _, ok := findText(l, "Kỳ báo cáo: từ ngày 15/02/2021 đến ngày 10/5/2021; cùng kỳ năm trước: từ ngày 15/02/2020 đến ngày 10/5/2020; kỳ trước: từ ngày 22/11/2020 đến ngày 14/02/2021."); !ok {
				t.Errorf("range: the dates of the periods are not given: %q", texts(l))
			}
		}
		wantCats := map[string]string{
			"period-q2": "Tháng 4|Tháng 5|Tháng 6", "period-h1": "Tháng 1|Tháng 2|Tháng 3|Tháng 4|Tháng 5|Tháng 6",
			"period-h2": "Tháng 7|Tháng 8|Tháng 9|Tháng 10|Tháng 11|Tháng 12", "period-9m": "Tháng 1|Tháng 2|Tháng 3|Tháng 4|Tháng 5|Tháng 6|Tháng 7|Tháng 8|Tháng 9",
			"period-year": "Quý I|Quý II|Quý III|Quý IV", "period-range": "Tháng 2|Tháng 3|Tháng 4|Tháng 5",
		}[name]
		if got := strings.Join(chart.Categories, "|"); got != wantCats {
			t.Errorf("%s: chart by %q", name, got)
		}
		if wantCap := map[bool]string{true: "theo quý", false: "theo tháng"}[name == "period-year"]; !strings.HasSuffix(caption, wantCap) {
			t.Errorf("%s: caption %q", name, caption)
		}
		last := l.Blocks[len(l.Blocks)-1]
		if last.Kind != KindSignOff || last.SignOff.Signer.Name != in.Signer.Name || len(last.SignOff.Recipients) != len(in.Recipients) {
			t.Errorf("%s: the foot %+v", name, last)
		}
	}
}

// The figures beside the same period a year before and the period before,
// counted the plain way; the chart's bars add up to the period.
func TestReportFiguresPeriods(t *testing.T) {
	for name, in := range periodInputs() {
		f := ComputeFigures(in)
		p := in.Period
		count := func(q minutes.Period) int {
			n := 0
			for _, m := range in.Meetings {
				if q.Contains(m.Date) && (in.Org == "" || m.Organization == in.Org) {
					n++
				}
			}
			return n
		}
		if f.Current.Meetings != count(p) || f.Previous.Meetings != count(p.Prev()) || f.YearBefore.Meetings != count(p.YearBefore()) {
			t.Errorf("%s: %d/%d/%d, want %d/%d/%d", name, f.Current.Meetings, f.Previous.Meetings, f.YearBefore.Meetings,
				count(p), count(p.Prev()), count(p.YearBefore()))
		}
		if f.Current.Meetings == 0 || f.Previous.Meetings == 0 || f.YearBefore.Meetings == 0 {
			t.Fatalf("%s: the data should fill every period", name)
		}
		sum := 0
		for _, m := range f.Months {
			sum += m.Meetings
		}
		for _, q := range f.Quarters {
			sum += q.Meetings
		}
		if sum != f.Current.Meetings {
			t.Errorf("%s: the chart's bars add up to %d of %d", name, sum, f.Current.Meetings)
		}
		if f.ChangeYearBefore.Meetings != f.Current.Meetings-f.YearBefore.Meetings {
			t.Errorf("%s: change %+v", name, f.ChangeYearBefore)
		}
		// The CSV and the JSON say the same.
		var b bytes.Buffer
		if err := FiguresCSV(&b, f); err != nil {
			t.Fatal(err)
		}
		rows, _ := csv.NewReader(&b).ReadAll()
		scopes := map[string][]string{}
		for _, r := range rows[1:] {
			scopes[r[0]] = r
		}
		cur := "period"
		if p.Kind == minutes.PeriodQuarter {
			cur = "quarter"
		}
		if r := scopes[cur]; r == nil || r[2] != p.String() || r[3] != fmt.Sprint(f.Current.Meetings) ||
			scopes["year_before"][3] != fmt.Sprint(f.YearBefore.Meetings) {
			t.Errorf("%s: CSV rows %v", name, rows)
		}
		js, _ := json.Marshal(f)
		for _, k := range []string{`"period":"` + p.String() + `"`, `"period_name":"` + p.Vietnamese() + `"`, `"year_before":{"meetings":`, `"change_year_before":`} {
			if !strings.Contains(string(js), k) {
				t.Errorf("%s: JSON lacks %s", name, k)
			}
		}
	}
}

// The reports read back from their PDFs: title, comparisons, number,
// signer and Nơi nhận, in order.
func TestReportPeriodsPDF(t *testing.T) {
	for name, in := range periodInputs() {
		out, _, err := Report(in)
		if err != nil {
			t.Fatal(err)
		}
		text := flat(run(t, out, "pdftotext", "-layout"))
		f := ComputeFigures(in)
		want := []string{"Số " + strings.TrimSpace(in.Number), "BÁO CÁO", "Tổng hợp các hội nghị " + in.Period.Vietnamese(),
			"Trong " + during(in.Period) + " đã tổ chức " + count(f.Current.Meetings) + " hội nghị",
			"Số hội nghị " + vnInt(f.Current.Meetings), "Nơi nhận:", in.Signer.Lines(minutes.HeaderParty)[0], in.Signer.Name}
		if name == "period-h2" {
			want[0] = "Số -BC/TU" // a draft: the number left blank (flat closes the gap)
		}
		at := 0
		for _, w := range want {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Errorf("%s: PDF lacks %q after %d", name, w, at)
				continue
			}
			at += i
		}
		if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check:\n%s", name, s)
		}
	}
}
