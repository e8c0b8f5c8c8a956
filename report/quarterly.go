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

// QuarterlyInput is what the quarterly report summarises.
type QuarterlyInput struct {
	Quarter  minutes.Quarter
	Org      string             // "" = all organisations (then group by organisation)
	Meetings []*minutes.Meeting // the quarter's meetings, full (chairs, conclusions…)
	Previous []*minutes.Meeting // the previous quarter's meetings (for comparison figures)

	// Date is the report's date on its date line. Zero means the last day of
	// the quarter, so that the same data always gives the same PDF.
	Date minutes.Date

	// Tasks are the conclusions due in the quarter, followed up as tasks;
	// Today is the day their state is judged on. A zero Today leaves the
	// section "Tình hình thực hiện kết luận" out (tasks.go).
	Tasks []minutes.Task
	Today minutes.Date

	// Issuer and IssuerParent name the body that issues a report covering
	// several organisations (the office's own name, from `minutes config`).
	// Empty, the report names the body above them all when they share one.
	Issuer, IssuerParent string
}

// Figures are the counts of one period.
type Figures struct {
	Meetings         int     `json:"meetings"`
	Delegates        int     `json:"delegates"`
	DelegatesAverage float64 `json:"delegates_average"` // rounded to one decimal, as printed
	SpeakerTurns     int     `json:"speaker_turns"`     // comment_count where given, else the comments listed
	Conclusions      int     `json:"conclusions"`
}

// MonthFigures are the figures of one month of the quarter.
type MonthFigures struct {
	Month string `json:"month"` // 2021-01
	Figures
}

// OrgFigures are one organisation's figures when a report covers several.
type OrgFigures struct {
	Organization string  `json:"organization"`
	Current      Figures `json:"current"`
	Previous     Figures `json:"previous"`
}

// QuarterlyFigures are the numbers of a quarterly report; the PDF, the CSV
// and the JSON all print these same values.
type QuarterlyFigures struct {
	Quarter         string          `json:"quarter"`          // 2021-Q1
	PreviousQuarter string          `json:"previous_quarter"` // 2020-Q4
	Org             string          `json:"organization"`     // "" for all organisations
	Current         Figures         `json:"current"`
	Previous        Figures         `json:"previous"`
	Change          Figures         `json:"change"` // current minus previous
	Months          [3]MonthFigures `json:"months"`
	Organizations   []OrgFigures    `json:"organizations,omitempty"` // when Org is "" and there are several
	Tasks           *TaskFigures    `json:"tasks,omitempty"`         // when the input has a Today
}

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

// inQuarter returns the meetings of ms dated in q (and of org, when given),
// sorted by date. Dates are calendar days, so no time zone can move a
// meeting of 31 March into April.
func inQuarter(ms []*minutes.Meeting, q minutes.Quarter, org string) []*minutes.Meeting {
	first, last := q.First(), q.Last()
	key := minutes.Fold(strings.TrimSpace(org))
	out := make([]*minutes.Meeting, 0, len(ms))
	for _, m := range ms {
		if m == nil || m.Date.Before(first) || last.Before(m.Date) {
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

// ComputeFigures counts the meetings of the quarter and of the one before.
func ComputeFigures(in QuarterlyInput) QuarterlyFigures {
	cur := inQuarter(in.Meetings, in.Quarter, in.Org)
	prev := inQuarter(in.Previous, in.Quarter.Prev(), in.Org)
	f := QuarterlyFigures{
		Quarter:         in.Quarter.String(),
		PreviousQuarter: in.Quarter.Prev().String(),
		Org:             in.Org,
		Current:         figures(cur),
		Previous:        figures(prev),
	}
	f.Change = f.Current.minus(f.Previous)
	for i, mo := range in.Quarter.Months() {
		var ms []*minutes.Meeting
		for _, m := range cur {
			if m.Date.Month == mo {
				ms = append(ms, m)
			}
		}
		f.Months[i] = MonthFigures{Month: fmt.Sprintf("%04d-%02d", in.Quarter.Year, int(mo)), Figures: figures(ms)}
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

// FiguresCSV writes the figures as CSV: one row per period (the quarter,
// the previous quarter, the change, each month) and, when the report covers
// several organisations, one row per organisation and quarter. Numbers are
// plain (67.5, not 67,5) so that spreadsheets read them.
func FiguresCSV(w io.Writer, f QuarterlyFigures) error {
	cw := csv.NewWriter(w)
	row := func(scope, org, period string, g Figures) []string {
		return []string{scope, org, period, strconv.Itoa(g.Meetings), strconv.Itoa(g.Delegates),
			strconv.FormatFloat(g.DelegatesAverage, 'f', 1, 64), strconv.Itoa(g.SpeakerTurns), strconv.Itoa(g.Conclusions)}
	}
	rows := [][]string{
		{"scope", "organization", "period", "meetings", "delegates", "delegates_average", "speaker_turns", "conclusions"},
		row("quarter", f.Org, f.Quarter, f.Current),
		row("previous_quarter", f.Org, f.PreviousQuarter, f.Previous),
		row("change", f.Org, f.Quarter, f.Change),
	}
	for _, m := range f.Months {
		rows = append(rows, row("month", f.Org, m.Month, m.Figures))
	}
	for _, o := range f.Organizations {
		rows = append(rows, row("organization", o.Organization, f.Quarter, o.Current),
			row("organization_previous", o.Organization, f.PreviousQuarter, o.Previous))
	}
	rows = withTaskCSV(rows, f)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// Quarterly renders the quarterly report as a PDF.
func Quarterly(in QuarterlyInput) ([]byte, []Warning, error) {
	l, warnings := LayoutQuarterly(in)
	out, err := render(l)
	return out, warnings, err
}

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

// LayoutQuarterly turns the quarter's meetings into the blocks of the report.
func LayoutQuarterly(in QuarterlyInput) (*Layout, []Warning) {
	c := &cleaner{}
	cur := inQuarter(in.Meetings, in.Quarter, in.Org)
	prev := inQuarter(in.Previous, in.Quarter.Prev(), in.Org)
	fig := ComputeFigures(in)
	both := append(slices.Clip(cur), prev...)
	sample := cur // whose header style the report takes
	if len(sample) == 0 {
		sample = prev
	}

	// Party or State: the header most of the meetings use.
	// A tie goes to Party, the default header of a record.
	style := minutes.HeaderParty
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
	l := &Layout{Style: style, PageNumber: quarterlyPageForm}
	st := *l.format()
	st.BodySize = quarterlyBodySize
	l.custom = &st

	// The issuing body: the one organisation reported on (as its meetings
	// spell it); else the body above them all, when they share one.
	org := strings.TrimSpace(in.Org)
	parentOf := func(m *minutes.Meeting) string { return strings.TrimSpace(m.ParentOrganization) }
	parent := majority(both, parentOf)
	gs := groups(cur, prev)
	switch {
	case len(gs) == 1:
		org = gs[0].name
	case len(gs) > 1:
		org = ""
		if !slices.ContainsFunc(both, func(m *minutes.Meeting) bool { return parentOf(m) != parent }) {
			org = parent
		}
		parent = ""
		if in.Issuer != "" {
			org, parent = in.Issuer, in.IssuerParent
		}
	}
	org = c.line("organization", org)
	parent = c.line("parent_organization", parent)
	place := c.line("place", majority(both, func(m *minutes.Meeting) string { return strings.TrimSpace(m.Place) }))
	date := in.Date
	if date.IsZero() {
		date = in.Quarter.Last()
	}
	title := fmt.Sprintf(quarterlyTitleForm, in.Quarter.Vietnamese())
	l.Info = Info{Title: quarterlyDocType + " " + title, Author: org, Subject: title, Date: date}

	l.Blocks = append(l.Blocks, Block{Kind: KindHeader, Header: header(&st, parent, org, "", place, date)})
	l.add(KindDocType, quarterlyDocType)
	l.add(KindTitle, title)

	q := in.Quarter.Vietnamese()
	if len(cur) == 0 {
		l.add(KindParagraph, fmt.Sprintf(quarterlyEmptyForm, q))
		if len(prev) > 0 {
			l.add(KindParagraph, fmt.Sprintf("Quý trước (%s) có %s hội nghị với %s đại biểu tham dự.",
				in.Quarter.Prev().Vietnamese(), vnInt(fig.Previous.Meetings), vnInt(fig.Previous.Delegates)))
		}
		addTasksSection(l, c, in, fig, tasksHeadAlone)
		return l, dedupe(c.warnings)
	}

	f := fig.Current
	l.add(KindParagraph, fmt.Sprintf("Trong %s đã tổ chức %s hội nghị với tổng số %s đại biểu tham dự (bình quân %s đại biểu mỗi hội nghị), %s lượt ý kiến phát biểu và %s kết luận, chỉ đạo.",
		q, vnInt(f.Meetings), vnInt(f.Delegates), vnDec(f.DelegatesAverage), vnInt(f.SpeakerTurns), vnInt(f.Conclusions)))

	// I. Figures beside the previous quarter's, then the chart.
	l.add(KindHeading, quarterlyFiguresHead)
	cols := make([]Column, len(figureColumns))
	for i, t := range figureColumns {
		cols[i] = Column{Title: t, Width: figureWidths[i], Align: "R"}
	}
	cols[0].Align = "L"
	cols[1].Title = fmt.Sprintf(cols[1].Title, capitalize(q))
	cols[2].Title = fmt.Sprintf(cols[2].Title, capitalize(in.Quarter.Prev().Vietnamese()))
	p, d := fig.Previous, fig.Change
	l.Blocks = append(l.Blocks, Block{Kind: KindTable, Table: &Table{Columns: cols, Rows: [][]string{
		{figureLabels[0], vnInt(f.Meetings), vnInt(p.Meetings), change(d.Meetings, p.Meetings)},
		{figureLabels[1], vnInt(f.Delegates), vnInt(p.Delegates), change(d.Delegates, p.Delegates)},
		{figureLabels[2], vnDec(f.DelegatesAverage), vnDec(p.DelegatesAverage), signedDec(d.DelegatesAverage)},
		{figureLabels[3], vnInt(f.SpeakerTurns), vnInt(p.SpeakerTurns), change(d.SpeakerTurns, p.SpeakerTurns)},
		{figureLabels[4], vnInt(f.Conclusions), vnInt(p.Conclusions), change(d.Conclusions, p.Conclusions)},
	}}})

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

	ch := &Chart{Series: []Series{{Name: chartSeries[0]}, {Name: chartSeries[1]}}}
	for i, mo := range in.Quarter.Months() {
		ch.Categories = append(ch.Categories, fmt.Sprintf(monthLabel, int(mo)))
		ch.Series[0].Values = append(ch.Series[0].Values, fig.Months[i].Meetings)
		ch.Series[1].Values = append(ch.Series[1].Values, fig.Months[i].Delegates)
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindChart, Chart: ch})
	l.add(KindCaption, quarterlyChartCaption)

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
		l.add(KindParagraph, quarterlyNoConclusions)
	}
	addTasksSection(l, c, in, fig, tasksHead)
	return l, dedupe(c.warnings)
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
// its place among the quarter's meetings.
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
