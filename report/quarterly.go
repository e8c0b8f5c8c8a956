package report

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
)

// ReportInput is what a report summarises: the meetings of a period — a
// quarter, six or nine months, a year, any range of days — beside those of
// the period before and of the same period a year before.
type ReportInput struct {
	// Period is the span reported on; zero takes Quarter, as the
	// quarterly report always did.
	Period  minutes.Period
	Quarter minutes.Quarter

	Org        string             // "" = all organisations (then group by organisation)
	Meetings   []*minutes.Meeting // the period's meetings, full (chairs, conclusions…)
	Previous   []*minutes.Meeting // the period before (Period.Prev), for comparison
	YearBefore []*minutes.Meeting // the same period a year before (Period.YearBefore); a year's report uses Previous

	// Date is the report's date on its date line. Zero means the last day of
	// the period, so that the same data always gives the same PDF.
	Date minutes.Date

	// Tasks are the conclusions due in the period, followed up as tasks;
	// Today is the day their state is judged on. A zero Today leaves the
	// section "Tình hình thực hiện kết luận" out (tasks.go).
	Tasks []minutes.Task
	Today minutes.Date

	// Issuer and IssuerParent name the body that issues a report covering
	// several organisations: the office (minutes config organization),
	// written in IssuerHeader's style when set. Without an Issuer such a
	// report is refused: it is never printed without the body that issues it.
	Issuer, IssuerParent, IssuerHeader string

	// Number is printed after "Số" as it is: the report's number from the
	// register, or a blank form ("      -BC/TU") for a draft; "" prints
	// none. Signer and Recipients make the foot of an issued report.
	Number     string
	Signer     *minutes.Signer
	Recipients []string
}

// QuarterlyInput is the input of a report, named as the quarterly report
// named it.
type QuarterlyInput = ReportInput

func (in *ReportInput) period() minutes.Period {
	if in.Period.IsZero() {
		return minutes.QuarterPeriod(in.Quarter)
	}
	return in.Period
}

// yearBefore is the meetings of the same period a year before: for a year,
// the year before, which Previous holds.
func (in *ReportInput) yearBefore() []*minutes.Meeting {
	if in.period().Kind == minutes.PeriodYear && in.YearBefore == nil {
		return in.Previous
	}
	return in.YearBefore
}

// Figures are the counts of one period.
type Figures struct {
	Meetings         int     `json:"meetings"`
	Delegates        int     `json:"delegates"`
	DelegatesAverage float64 `json:"delegates_average"` // rounded to one decimal, as printed
	SpeakerTurns     int     `json:"speaker_turns"`     // comment_count where given, else the comments listed
	Conclusions      int     `json:"conclusions"`
}

// MonthFigures are the figures of one month of the period.
type MonthFigures struct {
	Month string `json:"month"` // 2021-01
	Figures
}

// QuarterFigures are the figures of one quarter of a year's report.
type QuarterFigures struct {
	Quarter string `json:"quarter"` // 2021-Q1
	Figures
}

// YearFigures are the figures of one year of a report over several.
type YearFigures struct {
	Year int `json:"year"`
	Figures
}

// OrgFigures are one organisation's figures when a report covers several.
type OrgFigures struct {
	Organization string  `json:"organization"`
	Current      Figures `json:"current"`
	Previous     Figures `json:"previous"`
}

// ReportFigures are the numbers of a report; the PDF, the Word document,
// the CSV and the JSON all print these same values. The chart's bars are
// the months of the period, the quarters of a year, or the years of a
// longer range: whichever of Months, Quarters and Years is set.
type ReportFigures struct {
	Period           string `json:"period"`      // 2021-Q1, 2021-H1, 2021-9M, 2021, 2021-01-01..2021-06-30
	PeriodName       string `json:"period_name"` // quý I/2021
	From             string `json:"from"`
	To               string `json:"to"`
	PreviousPeriod   string `json:"previous_period"`
	YearBeforePeriod string `json:"year_before_period"`
	// Quarter and PreviousQuarter are set for a quarter, as the quarterly
	// report has always written them.
	Quarter          string           `json:"quarter,omitempty"`
	PreviousQuarter  string           `json:"previous_quarter,omitempty"`
	Org              string           `json:"organization"` // "" for all organisations
	Current          Figures          `json:"current"`
	Previous         Figures          `json:"previous"`
	Change           Figures          `json:"change"` // current minus previous
	YearBefore       Figures          `json:"year_before"`
	ChangeYearBefore Figures          `json:"change_year_before"` // current minus the same period a year before
	Months           []MonthFigures   `json:"months,omitempty"`
	Quarters         []QuarterFigures `json:"quarters,omitempty"`
	Years            []YearFigures    `json:"years,omitempty"`
	Organizations    []OrgFigures     `json:"organizations,omitempty"` // when Org is "" and there are several
	Tasks            *TaskFigures     `json:"tasks,omitempty"`         // when the input has a Today
}

// QuarterlyFigures are the figures of a report, named as the quarterly
// report named them.
type QuarterlyFigures = ReportFigures

// figures counts ms.
func figures(ms []*minutes.Meeting) Figures {
	f := Figures{Meetings: len(ms)}
	for _, m := range ms {
		f.Delegates += m.Attendance.Present
		f.SpeakerTurns += m.Turns()
		f.Conclusions += len(m.Conclusions)
	}
	if f.Meetings > 0 {
		f.DelegatesAverage = round1(float64(f.Delegates) / float64(f.Meetings))
	}
	return f
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func (f Figures) minus(g Figures) Figures {
	return Figures{
		Meetings:         f.Meetings - g.Meetings,
		Delegates:        f.Delegates - g.Delegates,
		DelegatesAverage: round1(f.DelegatesAverage - g.DelegatesAverage),
		SpeakerTurns:     f.SpeakerTurns - g.SpeakerTurns,
		Conclusions:      f.Conclusions - g.Conclusions,
	}
}

// inPeriod returns the meetings of ms dated in p (and of org, when given),
// sorted by date. Dates are calendar days, so no time zone can move a
// meeting of 31 March into April.
func inPeriod(ms []*minutes.Meeting, p minutes.Period, org string) []*minutes.Meeting {
	key := minutes.Fold(strings.TrimSpace(org))
	out := make([]*minutes.Meeting, 0, len(ms))
	for _, m := range ms {
		if m == nil || !p.Contains(m.Date) {
			continue
		}
		if key != "" && minutes.Fold(strings.TrimSpace(m.Organization)) != key {
			continue
		}
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b *minutes.Meeting) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// orgGroup is the meetings of one organisation.
type orgGroup struct {
	name           string
	current, prior []*minutes.Meeting
}

// groups splits meetings by organisation (case and diacritics aside, as
// search does), in Vietnamese-folded alphabetical order.
func groups(cur, prev []*minutes.Meeting) []*orgGroup {
	byKey := map[string]*orgGroup{}
	var out []*orgGroup
	get := func(m *minutes.Meeting) *orgGroup {
		k := minutes.Fold(strings.TrimSpace(m.Organization))
		g := byKey[k]
		if g == nil {
			g = &orgGroup{name: strings.TrimSpace(m.Organization)}
			byKey[k] = g
			out = append(out, g)
		}
		return g
	}
	for _, m := range cur {
		g := get(m)
		g.current = append(g.current, m)
	}
	for _, m := range prev {
		g := get(m)
		g.prior = append(g.prior, m)
	}
	slices.SortFunc(out, func(a, b *orgGroup) int {
		if c := strings.Compare(minutes.Fold(a.name), minutes.Fold(b.name)); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

// ComputeFigures counts the meetings of the period, of the period before
// and of the same period a year before.
func ComputeFigures(in ReportInput) ReportFigures {
	p := in.period()
	prevP, yearP := p.Prev(), p.YearBefore()
	cur := inPeriod(in.Meetings, p, in.Org)
	prev := inPeriod(in.Previous, prevP, in.Org)
	f := ReportFigures{
		Period: p.String(), PeriodName: p.Vietnamese(), From: p.From.String(), To: p.To.String(),
		PreviousPeriod: prevP.String(), YearBeforePeriod: yearP.String(), Org: in.Org,
		Current: figures(cur), Previous: figures(prev), YearBefore: figures(inPeriod(in.yearBefore(), yearP, in.Org)),
	}
	if q, ok := p.Quarter(); ok {
		f.Quarter, f.PreviousQuarter = q.String(), q.Prev().String()
	}
	f.Change = f.Current.minus(f.Previous)
	f.ChangeYearBefore = f.Current.minus(f.YearBefore)
	for _, b := range p.Buckets() {
		var ms []*minutes.Meeting
		for _, m := range cur {
			if !m.Date.Before(b.From) && !b.To.Before(m.Date) {
				ms = append(ms, m)
			}
		}
		g := figures(ms)
		switch {
		case b.Month != 0:
			f.Months = append(f.Months, MonthFigures{Month: b.Key, Figures: g})
		case b.Quarter != 0:
			f.Quarters = append(f.Quarters, QuarterFigures{Quarter: b.Key, Figures: g})
		default:
			f.Years = append(f.Years, YearFigures{Year: b.Year, Figures: g})
		}
	}
	if in.Org == "" {
		if gs := groups(cur, prev); len(gs) > 1 {
			for _, g := range gs {
				f.Organizations = append(f.Organizations, OrgFigures{g.name, figures(g.current), figures(g.prior)})
			}
		}
	}
	f.Tasks = taskFigures(in)
	return f
}

// FiguresCSV writes the figures as CSV: one row per period (the period,
// the period before, the same period a year before, the changes, each
// month, quarter or year of the chart) and, when the report covers
// several organisations, one row per organisation and period. Numbers
// are plain (67.5, not 67,5) so that spreadsheets read them. A quarter's
// rows are named quarter and previous_quarter, as they always were.
func FiguresCSV(w io.Writer, f ReportFigures) error {
	cw := csv.NewWriter(w)
	row := func(scope, org, period string, g Figures) []string {
		return []string{scope, csvText(org), period, strconv.Itoa(g.Meetings), strconv.Itoa(g.Delegates),
			strconv.FormatFloat(g.DelegatesAverage, 'f', 1, 64), strconv.Itoa(g.SpeakerTurns), strconv.Itoa(g.Conclusions)}
	}
	scope, prevScope := "period", "previous_period"
	if f.Quarter != "" {
		scope, prevScope = "quarter", "previous_quarter"
	}
	rows := [][]string{
		{"scope", "organization", "period", "meetings", "delegates", "delegates_average", "speaker_turns", "conclusions"},
		row(scope, f.Org, f.Period, f.Current),
		row(prevScope, f.Org, f.PreviousPeriod, f.Previous),
		row("year_before", f.Org, f.YearBeforePeriod, f.YearBefore),
		row("change", f.Org, f.Period, f.Change),
		row("change_year_before", f.Org, f.Period, f.ChangeYearBefore),
	}
	for _, m := range f.Months {
		rows = append(rows, row("month", f.Org, m.Month, m.Figures))
	}
	for _, q := range f.Quarters {
		rows = append(rows, row("quarter_of_period", f.Org, q.Quarter, q.Figures))
	}
	for _, y := range f.Years {
		rows = append(rows, row("year_of_period", f.Org, strconv.Itoa(y.Year), y.Figures))
	}
	for _, o := range f.Organizations {
		rows = append(rows, row("organization", o.Organization, f.Period, o.Current),
			row("organization_previous", o.Organization, f.PreviousPeriod, o.Previous))
	}
	rows = withTaskCSV(rows, f)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// csvText is text a person typed (a body's name, an owner) as a CSV cell:
// one that begins with = + - @, a tab or a carriage return is taken by
// Excel and its kin for a formula, which can run commands or send data
// away; a leading ' makes it text, as the CSV of records does (record's
// cell). Figures are not passed through it: a change of -3 is a number.
func csvText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Report renders a report as a PDF. EINVALID when it covers several
// bodies and no office issues it.
func Report(in ReportInput) ([]byte, []Warning, error) {
	l, warnings, err := LayoutReport(in)
	if err != nil {
		return nil, nil, err
	}
	out, err := render(l)
	return out, warnings, err
}

// Quarterly renders the quarterly report as a PDF: Report of a quarter.
func Quarterly(in QuarterlyInput) ([]byte, []Warning, error) { return Report(in) }

// majority returns the most frequent non-empty value of key over ms; ties go
// to the value seen first.
func majority(ms []*minutes.Meeting, key func(*minutes.Meeting) string) string {
	n := map[string]int{}
	best, bestN := "", 0
	for _, m := range ms {
		k := key(m)
		if k == "" {
			continue
		}
		n[k]++
		if n[k] > bestN {
			best, bestN = k, n[k]
		}
	}
	return best
}

// during names p after "Trong": "quý I/2021", "thời gian từ ngày … đến ngày …".
func during(p minutes.Period) string {
	if p.Kind == minutes.PeriodRange {
		return "thời gian " + p.Vietnamese()
	}
	return p.Vietnamese()
}

// LayoutQuarterly is LayoutReport, named as the quarterly report named it.
func LayoutQuarterly(in QuarterlyInput) (*Layout, []Warning, error) { return LayoutReport(in) }

// issuer is the body that issues the report, the body above it, and the
// header style: the one organisation reported on (as its meetings spell
// it), in the style most of its meetings use; for several, the office
// (ReportInput.Issuer), in its own style when set. EINVALID for several
// bodies and no office.
func issuer(in ReportInput, cur, prev []*minutes.Meeting) (org, parent, style string, err error) {
	both := append(slices.Clip(cur), prev...)
	sample := cur
	if len(sample) == 0 {
		sample = prev
	}
	org = strings.TrimSpace(in.Org)
	parent = majority(both, func(m *minutes.Meeting) string { return strings.TrimSpace(m.ParentOrganization) })
	officeHeader := ""
	gs := groups(cur, prev)
	switch {
	case len(gs) == 1:
		org = gs[0].name
	case len(gs) > 1:
		if in.Issuer == "" {
			return "", "", "", minutes.Errorm(minutes.EINVALID, "report.no_issuer", len(gs))
		}
		org, parent, officeHeader = in.Issuer, in.IssuerParent, in.IssuerHeader
	}
	if org == "" && in.Issuer != "" {
		org, parent, officeHeader = in.Issuer, in.IssuerParent, in.IssuerHeader
	}
	// A tie goes to Party, the default header of a record.
	style = minutes.HeaderParty
	balance := 0
	for _, m := range sample {
		if m.Header == minutes.HeaderState {
			balance--
		} else {
			balance++
		}
	}
	if balance < 0 {
		style = minutes.HeaderState
	}
	if officeHeader == minutes.HeaderParty || officeHeader == minutes.HeaderState {
		style = officeHeader
	}
	return org, parent, style, nil
}

// IssuingBody is the body that issues the report and its header style,
// as the report prints them: what its number is registered under.
// EINVALID when it covers several bodies and no office issues it.
func (in ReportInput) IssuingBody() (org, header string, err error) {
	p := in.period()
	org, _, header, err = issuer(in, inPeriod(in.Meetings, p, in.Org), inPeriod(in.Previous, p.Prev(), in.Org))
	return org, header, err
}

// ReportPeriod is the period the report covers.
func (in ReportInput) ReportPeriod() minutes.Period { return in.period() }

// Title is the report's title: "Tổng hợp các hội nghị quý I/2021".
func (in ReportInput) Title() string {
	return fmt.Sprintf(quarterlyTitleForm, in.period().Vietnamese())
}

// LayoutReport turns the period's meetings into the blocks of the report.
// EINVALID when the report covers several bodies and no office issues it
// (ReportInput.Issuer): a report is never printed without its issuer.
func LayoutReport(in ReportInput) (*Layout, []Warning, error) {
	c := &cleaner{}
	p := in.period()
	cur := inPeriod(in.Meetings, p, in.Org)
	prev := inPeriod(in.Previous, p.Prev(), in.Org)
	fig := ComputeFigures(in)
	both := append(slices.Clip(cur), prev...)

	org, parent, style, err := issuer(in, cur, prev)
	if err != nil {
		return nil, nil, err
	}
	gs := groups(cur, prev)
	l := &Layout{Style: style, PageNumber: quarterlyPageForm}
	st := *l.format()
	st.BodySize = quarterlyBodySize
	l.custom = &st

	org = c.line("organization", org)
	parent = c.line("parent_organization", parent)
	place := c.line("place", majority(both, func(m *minutes.Meeting) string { return strings.TrimSpace(m.Place) }))
	date := in.Date
	if date.IsZero() {
		date = p.To
	}
	title := in.Title()
	l.Info = Info{Title: quarterlyDocType + " " + title, Author: org, Subject: title, Date: date}

	h := header(&st, parent, org, "", place, date)
	if in.Number != "" {
		h.Number = st.NumberPrefix + in.Number // as the register has it, blanks of a draft included
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindHeader, Header: h})
	l.add(KindDocType, quarterlyDocType)
	l.add(KindTitle, title)
	l.add(KindTitleRule, l.noticeFormat().TitleRule)

	if len(cur) == 0 {
		l.add(KindParagraph, fmt.Sprintf(quarterlyEmptyForm, during(p)))
		if len(prev) > 0 {
			l.add(KindParagraph, fmt.Sprintf(reportPreviousForm, p.Prev().Vietnamese(),
				count(fig.Previous.Meetings), count(fig.Previous.Delegates)))
		}
		addTasksSection(l, c, in, fig, tasksHeadAlone)
		signOff(l, c, in)
		return l, dedupe(c.warnings), nil
	}

	f := fig.Current
	l.add(KindParagraph, fmt.Sprintf(reportIntroForm, during(p), count(f.Meetings), count(f.Delegates),
		vnDec(f.DelegatesAverage), count(f.SpeakerTurns), count(f.Conclusions)))

	// I. Figures beside the same period a year before and the period
	// before, then the chart.
	l.add(KindHeading, quarterlyFiguresHead)
	l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: figuresTable(p, fig)})
	if note := periodsNote(p); note != "" {
		l.add(KindCaption, note)
	}

	if len(fig.Organizations) > 0 {
		l.add(KindSubheading, quarterlyByOrgHead)
		cols := make([]Column, len(orgColumns))
		for i, t := range orgColumns {
			cols[i] = Column{Title: t, Width: orgWidths[i], Align: "R"}
		}
		cols[0].Align = "L"
		t := &Table{Columns: cols}
		for i, o := range fig.Organizations {
			g := o.Current
			t.Rows = append(t.Rows, []string{c.line(fmt.Sprintf("organizations[%d]", i+1), o.Organization),
				vnInt(g.Meetings), vnInt(g.Delegates), vnInt(g.SpeakerTurns), vnInt(g.Conclusions)})
		}
		t.Rows = append(t.Rows, []string{quarterlyTotal, vnInt(f.Meetings), vnInt(f.Delegates), vnInt(f.SpeakerTurns), vnInt(f.Conclusions)})
		t.Bold = make([]bool, len(t.Rows))
		t.Bold[len(t.Rows)-1] = true
		l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: t})
	}

	ch, by := reportChart(fig)
	l.Blocks = append(l.Blocks, Block{Kind: KindChart, Chart: ch})
	l.add(KindCaption, fmt.Sprintf(reportChartCaption, by))

	// II. The meetings, by date; one table per organisation when several.
	l.add(KindHeading, quarterlyMeetingsHead)
	multi := len(fig.Organizations) > 0
	if multi {
		for _, g := range gs {
			if len(g.current) > 0 {
				l.add(KindSubheading, c.line("organization", g.name))
				l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: meetingTable(c, g.current)})
			}
		}
	} else {
		l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: meetingTable(c, cur)})
	}

	// III. Conclusions, grouped by meeting.
	l.add(KindHeading, quarterlyConcludeHead)
	n := 0
	for i, m := range cur {
		if len(m.Conclusions) == 0 {
			continue
		}
		n++
		f := meetingField(m, i)
		head := fmt.Sprintf("%d. %s – %s", n, m.Date.Short(), c.line(f+".title", m.Title))
		if multi {
			head += " (" + c.line(f+".organization", m.Organization) + ")"
		}
		l.add(KindSubheading, head)
		for j, cl := range m.Conclusions {
			l.add(KindItem, "– "+conclusion(&st, c, fmt.Sprintf("%s.conclusions[%d]", f, j+1), cl))
		}
	}
	if n == 0 {
		l.add(KindParagraph, fmt.Sprintf(quarterlyNoConclusions, during(p)))
	}
	addTasksSection(l, c, in, fig, tasksHead)
	signOff(l, c, in)
	return l, dedupe(c.warnings), nil
}

// signOff ends an issued report with Nơi nhận and its signer, when the
// input names either.
func signOff(l *Layout, c *cleaner, in ReportInput) {
	if in.Signer == nil && len(in.Recipients) == 0 {
		return
	}
	so := &SignOff{Recipients: recipientItems(c, "recipients", in.Recipients)}
	if in.Signer != nil {
		so.Signer = signature(c, "signer", in.Signer, l.Style)
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindSignOff, SignOff: so})
}

// columnName names a period as a column's title: its name ("Quý I/2021",
// "6 tháng đầu năm 2021"), or generic words for a range of days, whose
// dates periodsNote gives under the table.
func columnName(p minutes.Period, generic string) string {
	if p.Kind == minutes.PeriodRange {
		return generic
	}
	return capitalize(p.Vietnamese())
}

// figuresTable is the table of figures: the period beside the same period
// a year before and the period before, with the changes; a year beside
// the year before only, which is both.
func figuresTable(p minutes.Period, fig ReportFigures) *Table {
	f, prev, year := fig.Current, fig.Previous, fig.YearBefore
	if p.Kind == minutes.PeriodYear {
		cols := make([]Column, len(figureColumns))
		for i, t := range figureColumns {
			cols[i] = Column{Title: t, Width: figureWidths[i], Align: "R"}
		}
		cols[0].Align = "L"
		cols[1].Title = fmt.Sprintf(cols[1].Title, columnName(p, periodThis))
		cols[2].Title = fmt.Sprintf(cols[2].Title, columnName(p.Prev(), periodPrevious))
		d := fig.Change
		return &Table{Columns: cols, Rows: [][]string{
			{figureLabels[0], vnInt(f.Meetings), vnInt(prev.Meetings), change(d.Meetings, prev.Meetings)},
			{figureLabels[1], vnInt(f.Delegates), vnInt(prev.Delegates), change(d.Delegates, prev.Delegates)},
			{figureLabels[2], vnDec(f.DelegatesAverage), vnDec(prev.DelegatesAverage), signedDec(d.DelegatesAverage)},
			{figureLabels[3], vnInt(f.SpeakerTurns), vnInt(prev.SpeakerTurns), change(d.SpeakerTurns, prev.SpeakerTurns)},
			{figureLabels[4], vnInt(f.Conclusions), vnInt(prev.Conclusions), change(d.Conclusions, prev.Conclusions)},
		}}
	}
	titles := []string{figureColumns[0], columnName(p, periodThis), columnName(p.YearBefore(), periodYearBefore),
		periodVsYearBefore, columnName(p.Prev(), periodPrevious), periodVsPrevious}
	cols := make([]Column, len(titles))
	for i, t := range titles {
		cols[i] = Column{Title: t, Width: figureWidths6[i], Align: "R"}
	}
	cols[0].Align = "L"
	dy, dp := fig.ChangeYearBefore, fig.Change
	return &Table{Columns: cols, Rows: [][]string{
		{figureLabels[0], vnInt(f.Meetings), vnInt(year.Meetings), change(dy.Meetings, year.Meetings), vnInt(prev.Meetings), change(dp.Meetings, prev.Meetings)},
		{figureLabels[1], vnInt(f.Delegates), vnInt(year.Delegates), change(dy.Delegates, year.Delegates), vnInt(prev.Delegates), change(dp.Delegates, prev.Delegates)},
		{figureLabels[2], vnDec(f.DelegatesAverage), vnDec(year.DelegatesAverage), signedDec(dy.DelegatesAverage), vnDec(prev.DelegatesAverage), signedDec(dp.DelegatesAverage)},
		{figureLabels[3], vnInt(f.SpeakerTurns), vnInt(year.SpeakerTurns), change(dy.SpeakerTurns, year.SpeakerTurns), vnInt(prev.SpeakerTurns), change(dp.SpeakerTurns, prev.SpeakerTurns)},
		{figureLabels[4], vnInt(f.Conclusions), vnInt(year.Conclusions), change(dy.Conclusions, year.Conclusions), vnInt(prev.Conclusions), change(dp.Conclusions, prev.Conclusions)},
	}}
}

// periodsNote gives the dates of the periods the figures table names with
// generic words; "" when it names them all.
func periodsNote(p minutes.Period) string {
	var parts []string
	for _, c := range []struct {
		p    minutes.Period
		name string
	}{{p, periodThis}, {p.YearBefore(), periodYearBefore}, {p.Prev(), periodPrevious}} {
		if c.p.Kind == minutes.PeriodRange && (p.Kind != minutes.PeriodYear || c.name != periodYearBefore) {
			name := c.name
			if len(parts) > 0 {
				name = lowerFirst(name)
			}
			parts = append(parts, name+": "+c.p.Vietnamese())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

// reportChart is the bar chart of meetings and delegates by month,
// quarter or year, and what it is by.
func reportChart(fig ReportFigures) (*Chart, string) {
	ch := &Chart{Series: []Series{{Name: chartSeries[0]}, {Name: chartSeries[1]}}}
	add := func(label string, g Figures) {
		ch.Categories = append(ch.Categories, label)
		ch.Series[0].Values = append(ch.Series[0].Values, g.Meetings)
		ch.Series[1].Values = append(ch.Series[1].Values, g.Delegates)
	}
	sameYear := func(keys []string) bool {
		for _, k := range keys {
			if k[:4] != keys[0][:4] {
				return false
			}
		}
		return true
	}
	switch {
	case len(fig.Months) > 0:
		keys := make([]string, len(fig.Months))
		for i, m := range fig.Months {
			keys[i] = m.Month
		}
		one := sameYear(keys)
		for _, m := range fig.Months {
			mo, _ := strconv.Atoi(m.Month[5:])
			switch {
			case !one:
				add(fmt.Sprintf(monthYearLabel, mo, m.Month[:4]), m.Figures)
			case len(fig.Months) > chartLongLabels:
				add(fmt.Sprintf(monthShortLabel, mo), m.Figures)
			default:
				add(fmt.Sprintf(monthLabel, mo), m.Figures)
			}
		}
		return ch, chartByMonth
	case len(fig.Quarters) > 0:
		keys := make([]string, len(fig.Quarters))
		for i, q := range fig.Quarters {
			keys[i] = q.Quarter
		}
		one := sameYear(keys)
		for _, q := range fig.Quarters {
			qq, _ := minutes.ParseQuarter(q.Quarter)
			if one {
				add(fmt.Sprintf(quarterLabel, qq.Roman()), q.Figures)
			} else {
				add(fmt.Sprintf(quarterYearLabel, qq.Roman(), qq.Year), q.Figures)
			}
		}
		return ch, chartByQuarter
	}
	for _, y := range fig.Years {
		add(strconv.Itoa(y.Year), y.Figures)
	}
	return ch, chartByYear
}

// change formats a difference with its percentage of the previous value.
func change(diff, prev int) string {
	s := signedInt(diff)
	if prev > 0 {
		s += " (" + signedDec(float64(diff)*100/float64(prev)) + "%)"
	}
	return s
}

// meetingField names a meeting in a warning: by its ID when stored, else by
// its place among the period's meetings.
func meetingField(m *minutes.Meeting, i int) string {
	if m.ID != 0 {
		return fmt.Sprintf("meetings[id=%d]", m.ID)
	}
	return fmt.Sprintf("meetings[%d]", i+1)
}

// meetingTable is the table of ms; STT counts within the table.
func meetingTable(c *cleaner, ms []*minutes.Meeting) *Table {
	cols := make([]Column, len(meetingColumns))
	for i, t := range meetingColumns {
		cols[i] = Column{Title: t, Width: meetingWidths[i], Align: meetingAligns[i]}
	}
	t := &Table{Columns: cols, Rows: make([][]string, 0, len(ms))}
	for i, m := range ms {
		f := meetingField(m, i)
		chairs := make([]string, 0, len(m.Chairs))
		for j, p := range m.Chairs {
			chairs = append(chairs, c.line(fmt.Sprintf("%s.chairs[%d].name", f, j+1), p.Name))
		}
		present := vnInt(m.Attendance.Present)
		if m.Attendance.AtLeast {
			present = "trên " + present
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), m.Date.Short(), c.line(f+".title", m.Title),
			strings.Join(chairs, ", "), present, vnInt(m.Turns())})
	}
	return t
}
