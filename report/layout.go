package report

import (
	"fmt"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
)

// Kind is the role of a block; the renderer picks font, size, alignment and
// spacing from it and from the document's format.
type Kind int

const (
	KindHeader          Kind = iota // the two-column header (Block.Header)
	KindDocType                     // BIÊN BẢN, BÁO CÁO
	KindTitle                       // the title, centred bold
	KindField                       // a labelled line: "– Thời gian: …"
	KindHeading                     // a numbered section heading, bold
	KindParagraph                   // body text, justified, first-line indent
	KindItem                        // a numbered or dashed list item
	KindClosing                     // "Hội nghị kết thúc vào hồi …/."
	KindSignatures                  // the signature blocks (Block.Signatures)
	KindRecipientsLabel             // "Nơi nhận:"
	KindRecipient                   // one recipient
	KindSubheading                  // quarterly: a group heading (organisation, meeting)
	KindTable                       // quarterly: a table (Block.Table)
	KindChart                       // quarterly: the bar chart (Block.Chart)
	KindCaption                     // quarterly: caption under the chart, italic centred
	KindTitleRule                   // the short line under a summary line (trích yếu): dashes, or a rule when Text is ""
	KindSignOff                     // notices and reports: Nơi nhận on the left, the signer on the right (Block.SignOff)
)

var kindNames = [...]string{"header", "doctype", "title", "field", "heading", "paragraph", "item",
	"closing", "signatures", "recipients-label", "recipient", "subheading", "table", "chart", "caption",
	"title-rule", "sign-off"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Block is one unit of the layout: a paragraph, a heading, the header...
type Block struct {
	Kind       Kind
	Text       string
	Header     *Header
	Signatures []Signature
	Table      *Table
	Chart      *Chart
	SignOff    *SignOff
}

// Header is the content of the two header columns.
type Header struct {
	Parent   string // upper case; "" when absent
	Org      string // upper case
	Number   string // with its prefix: "Số 15-BB/TU", "Số: 07/BB-UBND"; "" when absent
	DateLine string // "Sóc Trăng, ngày 25 tháng 3 năm 2021"
}

// Signature is one signature block: the role (and the lines under it) over
// room to sign over the name.
type Signature struct {
	Role  string
	Lines []string // under the role: the signer's own title under "T/M BAN THƯỜNG VỤ"
	Name  string   // "" leaves the room for a hand-written name
}

// SignOff is the foot of an issued document, as Nghị định 30/2020 and
// Hướng dẫn 36-HD/VPTW lay it out: "Nơi nhận:" and its items on the left,
// the signature block on the right, side by side and never split.
type SignOff struct {
	Recipients []string // "- Ban Thường vụ Tỉnh ủy;" … the last ending with "."
	Signer     Signature
}

// Table is a bordered table whose header row repeats on every page.
type Table struct {
	Columns []Column
	Rows    [][]string
	Bold    []bool // per row: a total row is bold
}

// Column is one table column; widths are in millimetres.
type Column struct {
	Title string
	Width float64
	Align string // L, C or R
}

// Chart is a bar chart of a few categories; each series gets its own panel
// with its own axis, since meetings and delegates differ by two orders.
type Chart struct {
	Categories []string
	Series     []Series
}

// Series is one panel of the chart.
type Series struct {
	Name   string
	Values []int
}

// Layout is a document ready to render: its blocks and its metadata.
type Layout struct {
	Style      string // minutes.HeaderParty or minutes.HeaderState
	Blocks     []Block
	Info       Info
	PageNumber string // format of the page number from page 2 on: "%d" or "Trang %d/%d"

	custom *format // a report's adjusted copy of the style's format
}

// Info is the PDF metadata. Date fixes the creation and modification dates so
// that the same record always gives the same bytes.
type Info struct {
	Title, Author, Subject string
	// Keywords carries the seal of finalized minutes, "sha256:" and its
	// hex (record.Seal, which show prints), so that a printed or archived
	// document can be matched to its record; "" for a draft.
	Keywords string
	Date     minutes.Date
}

func (l *Layout) format() *format {
	if l.custom != nil {
		return l.custom
	}
	if l.Style == minutes.HeaderState {
		return &stateFormat
	}
	return &partyFormat
}

// blockStyle is the style of block i with the rules that depend on its
// neighbours: an introduction (a text ending with a colon) stays with what
// it introduces, the block before the signatures stays with them, and the
// first block under the title keeps its distance from it.
func (l *Layout) blockStyle(i int) textStyle {
	b := &l.Blocks[i]
	st := style(l.format(), b.Kind)
	if strings.HasSuffix(b.Text, ":") {
		st.keep = true
	}
	if i+1 < len(l.Blocks) && (l.Blocks[i+1].Kind == KindSignatures || l.Blocks[i+1].Kind == KindSignOff) {
		st.keep = true // the signatures never start a page alone
	}
	if i > 0 && l.Blocks[i-1].Kind == KindTitle {
		st.before = afterTitleSpace
	}
	return st
}

func (l *Layout) add(k Kind, text string) {
	l.Blocks = append(l.Blocks, Block{Kind: k, Text: text})
}

// dateLine is the italic line under the national title: "Sóc Trăng, ngày 25
// tháng 3 năm 2021", or "Ngày 25 tháng 3 năm 2021" when the place is unknown.
func dateLine(place string, d minutes.Date) string {
	if place == "" {
		return capitalize(d.Vietnamese())
	}
	return place + ", " + d.Vietnamese()
}

// header builds the header of a document of style st.
func header(st *format, parent, org, number, place string, d minutes.Date) *Header {
	h := &Header{Parent: upper(parent), Org: upper(org), DateLine: dateLine(place, d)}
	if number != "" {
		h.Number = st.NumberPrefix + number
	}
	return h
}

// person formats a chair or the secretary: "đồng chí Nguyễn Văn Quận – Ủy viên …".
func person(st *format, name, title string) string {
	s := st.PersonPrefix + name
	if title != "" {
		s += " – " + title
	}
	return s
}

// sentence ends s with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?…:;") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

// LayoutMinutes turns a meeting into the blocks of its biên bản, in the
// order of Hướng dẫn 16-HD/VPTW (Party) or Mẫu 1.9 of Nghị định 30/2020 (State).
// It is pure: the same meeting always gives the same layout. Text is
// cleaned for printing; the warnings say which fields were altered.
func LayoutMinutes(m *minutes.Meeting) (*Layout, []Warning) {
	c := &cleaner{}
	l := &Layout{Style: minutes.HeaderParty}
	if m.Header == minutes.HeaderState {
		l.Style = minutes.HeaderState
	}
	st := l.format()

	title := c.line("title", m.Title)
	org := c.line("organization", m.Organization)
	place := c.line("place", m.Place)
	l.Info = Info{
		Title:   minutesDocType + " " + title,
		Author:  org,
		Subject: minutesDocType + " " + title + ", " + dateLine(place, m.Date),
		Date:    m.Date,
	}
	if m.Seal != "" {
		l.Info.Keywords = "sha256:" + m.Seal
	}
	l.PageNumber = "%d"

	l.Blocks = append(l.Blocks, Block{Kind: KindHeader, Header: header(st,
		c.line("parent_organization", m.ParentOrganization), org, c.line("number", m.Number), place, m.Date)})
	l.add(KindDocType, minutesDocType)
	l.add(KindTitle, title)

	// Time, venue, chairs, secretary.
	when := m.Date.Vietnamese()
	if m.StartTime != nil {
		when = st.TimeStartPrefix + m.StartTime.Vietnamese() + ", " + when
	}
	l.add(KindField, st.TimeLabel+when)
	if v := c.line("location", m.Location); v != "" {
		l.add(KindField, st.VenueLabel+v)
	}
	if l.Style == minutes.HeaderState {
		// Mẫu 1.9 lists the attendance before the chair.
		attendance(l, st, c, m)
	}
	chairs := make([]string, 0, len(m.Chairs))
	for i, p := range m.Chairs {
		f := fmt.Sprintf("chairs[%d]", i+1)
		chairs = append(chairs, person(st, c.line(f+".name", p.Name), c.line(f+".title", p.Title)))
	}
	switch len(chairs) {
	case 0:
	case 1:
		l.add(KindField, st.ChairLabel+chairs[0])
	default:
		// A list introduced by a colon: each item ends with a semicolon,
		// the last with a full stop, as the agenda, the comments and Nơi
		// nhận do (Nghị định 30/2020, Phụ lục I).
		l.add(KindField, strings.TrimSpace(st.ChairLabel))
		for i, s := range chairs {
			end := ";"
			if i == len(chairs)-1 {
				end = "."
			}
			l.add(KindItem, "+ "+capitalize(s)+end)
		}
	}
	if s := m.Secretary; s != nil && s.Name != "" {
		l.add(KindField, st.SecretaryLabel+person(st, c.line("secretary.name", s.Name), c.line("secretary.title", s.Title)))
	}

	section := 0
	heading := func(text string) {
		if text == "" {
			return
		}
		if l.Style == minutes.HeaderParty {
			section++
			text = fmt.Sprintf("%d. %s", section, text)
		}
		l.add(KindHeading, text)
	}
	if l.Style == minutes.HeaderParty {
		heading(st.SectionAttendance)
		attendance(l, st, c, m)
	}

	// Proceedings: agenda, summary, comments.
	agenda := make([]string, 0, len(m.Agenda))
	for i, it := range m.Agenda {
		f := fmt.Sprintf("agenda[%d]", i+1)
		s := c.line(f+".title", it.Title)
		if p := c.line(f+".presenter", it.Presenter); p != "" {
			s += fmt.Sprintf(st.PresenterForm, st.PersonPrefix+p)
		}
		agenda = append(agenda, s)
	}
	summary := c.paragraphs("summary", m.Summary)
	turns := m.Turns()
	if len(agenda) > 0 || len(summary) > 0 || turns > 0 || (l.Style == minutes.HeaderState && len(m.Conclusions) > 0) {
		heading(st.SectionProceeding)
	}
	if len(agenda) > 0 {
		l.add(KindParagraph, st.AgendaIntro)
		for i, s := range agenda {
			end := ";"
			if i == len(agenda)-1 {
				end = "."
			}
			l.add(KindItem, fmt.Sprintf("%d. %s%s", i+1, strings.TrimRight(s, ".;"), end))
		}
	}
	for _, p := range summary {
		l.add(KindParagraph, p)
	}
	if turns > 0 {
		s := fmt.Sprintf(st.TurnsSentence, count(turns))
		if len(m.Comments) > 0 {
			s += st.TurnsColon
		} else {
			s += "."
		}
		l.add(KindParagraph, s)
		for i, cm := range m.Comments {
			f := fmt.Sprintf("comments[%d]", i+1)
			text := c.line(f+".content", cm.Content)
			who := c.line(f+".speaker", cm.Speaker)
			if who != "" {
				who = capitalize(st.PersonPrefix + who)
				if t := c.line(f+".title", cm.Title); t != "" {
					who += " (" + t + ")"
				}
				text = who + ": " + text
			} else if t := c.line(f+".title", cm.Title); t != "" {
				text = t + ": " + text
			}
			end := ";"
			if i == len(m.Comments)-1 {
				end = "."
			}
			l.add(KindItem, "– "+strings.TrimRight(text, ".;")+end)
		}
	}

	// Conclusions.
	if len(m.Conclusions) > 0 {
		if l.Style == minutes.HeaderParty {
			heading(st.SectionConclusion)
		} else {
			l.add(KindParagraph, st.ConclusionHead)
		}
		for i, cl := range m.Conclusions {
			l.add(KindItem, fmt.Sprintf("%d. %s", i+1, conclusion(st, c, fmt.Sprintf("conclusions[%d]", i+1), cl)))
		}
	}

	if m.EndTime != nil {
		l.add(KindClosing, fmt.Sprintf(st.ClosingForm, m.EndTime.Vietnamese(), m.Date.Vietnamese()))
	}

	sigs := []Signature{{Role: st.SecretaryRole}, {Role: st.ChairRole}}
	if s := m.Secretary; s != nil {
		sigs[0].Name = c.line("secretary.name", s.Name)
	}
	if len(m.Chairs) > 0 {
		sigs[1].Name = c.line("chairs[1].name", m.Chairs[0].Name)
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindSignatures, Signatures: sigs})

	recipients(l, c, m.Recipients)
	return l, dedupe(c.warnings)
}

// attendance adds who came: counts, absentees and the composition.
func attendance(l *Layout, st *format, c *cleaner, m *minutes.Meeting) {
	a := m.Attendance
	if st.CompositionLabel != "" {
		l.add(KindField, st.CompositionLabel)
	}
	present := count(a.Present)
	if a.AtLeast {
		present = "trên " + present
	}
	switch {
	case a.Invited > 0 && !a.AtLeast:
		present += "/" + count(a.Invited) + " " + st.Unit
	case a.Invited > 0:
		present += " " + st.Unit + " (trên tổng số " + count(a.Invited) + " " + st.Unit + " được triệu tập)"
	default:
		present += " " + st.Unit
	}
	l.add(KindItem, st.PresentLabel+present+".")
	if n := len(a.Absent); n > 0 {
		names := make([]string, 0, n)
		for i, ab := range a.Absent {
			f := fmt.Sprintf("attendance.absent[%d]", i+1)
			s := c.line(f+".name", ab.Name) // "02 đồng chí: Trần Văn A (…)": the unit is said once
			if r := c.line(f+".reason", ab.Reason); r != "" {
				s += " (" + r + ")"
			}
			names = append(names, s)
		}
		l.add(KindItem, st.AbsentLabel+count(n)+" "+st.Unit+": "+strings.Join(names, "; ")+".")
	}
	if s := c.line("attendance.composition", a.Composition); s != "" {
		l.add(KindItem, st.CompositionText+sentence(s))
	}
}

// conclusion formats one conclusion with its owner and due date.
func conclusion(st *format, c *cleaner, f string, cl minutes.Conclusion) string {
	s := strings.TrimRight(c.line(f+".content", cl.Content), ".;")
	var extra []string
	if o := c.line(f+".owner", cl.Owner); o != "" {
		extra = append(extra, st.OwnerLabel+o)
	}
	if !cl.Due.IsZero() {
		label := st.DueLabel
		if len(extra) == 0 {
			label = capitalize(label)
		}
		extra = append(extra, label+cl.Due.Short())
	}
	s += "."
	if len(extra) > 0 {
		s += " " + strings.Join(extra, "; ") + "."
	}
	return s
}

// recipients adds "Nơi nhận:" and its items; the last ends with a full stop.
func recipients(l *Layout, c *cleaner, rs []string) {
	items := recipientItems(c, "recipients", rs)
	if len(items) == 0 {
		return
	}
	l.add(KindRecipientsLabel, recipientsLabel)
	for _, s := range items {
		l.add(KindRecipient, s)
	}
}

// recipientItems are the lines of Nơi nhận: "- Ban Thường vụ Tỉnh ủy;",
// the last ending with a full stop.
func recipientItems(c *cleaner, field string, rs []string) []string {
	var items []string
	for i, r := range rs {
		if s := strings.TrimRight(c.line(fmt.Sprintf("%s[%d]", field, i+1), r), ".;,"); s != "" {
			items = append(items, s)
		}
	}
	for i, s := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		items[i] = "- " + s + end
	}
	return items
}

// dedupe drops repeated warnings: a name printed twice (chair line and
// signature) is cleaned twice but is one problem.
func dedupe(ws []Warning) []Warning {
	seen := make(map[string]bool, len(ws))
	out := ws[:0]
	for _, w := range ws {
		k := w.Field + "\x00" + w.Msg.Key + "\x00" + fmt.Sprint(w.Msg.Args...)
		if !seen[k] {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}
