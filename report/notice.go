package report

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/minutes-vn/minutes/minutes"
)

// NoticeInput is what the notice of conclusions of a meeting needs beside
// the meeting: what the front end resolved from the register and the
// office settings.
type NoticeInput struct {
	Meeting *minutes.Meeting
	// Number is printed after "Số" as it is: the notice's number, or a
	// blank form ("      -TB/TU") for a draft the registry numbers by
	// hand; "" prints no number line.
	Number string
	// Signer and Recipients are the record's notice block's, or the office
	// settings' where it has none; nil and empty leave them out.
	Signer     *minutes.Signer
	Recipients []string
}

// Notice renders the notice of conclusions as a PDF. EINVALID when the
// meeting recorded no conclusion.
func Notice(in NoticeInput) ([]byte, []Warning, error) {
	l, warnings, err := LayoutNotice(in)
	if err != nil {
		return nil, nil, err
	}
	out, err := render(l)
	return out, warnings, err
}

// NoticeDocx renders the notice of conclusions as a Word document, from
// the same layout as Notice.
func NoticeDocx(in NoticeInput, opt DocxOptions) ([]byte, []Warning, error) {
	l, warnings, err := LayoutNotice(in)
	if err != nil {
		return nil, nil, err
	}
	out, err := RenderDocx(l, opt)
	return out, warnings, err
}

func (l *Layout) noticeFormat() *noticeFormat {
	if l.Style == minutes.HeaderState {
		return &stateNotice
	}
	return &partyNotice
}

// LayoutNotice turns a meeting into the blocks of its notice of
// conclusions: header, THÔNG BÁO, the summary line and its rule, an
// opening paragraph from the record (the day, the body, who chaired, what
// was heard), the conclusions numbered with owner and due date, the
// closing sentence, and the signer beside Nơi nhận. EINVALID when the
// meeting recorded no conclusion.
func LayoutNotice(in NoticeInput) (*Layout, []Warning, error) {
	m := in.Meeting
	if m == nil {
		return nil, nil, minutes.Errorf(minutes.EINTERNAL, "report: no meeting to render")
	}
	if err := m.CanIssueNotice(); err != nil {
		return nil, nil, err
	}
	c := &cleaner{}
	l := &Layout{Style: minutes.HeaderParty, PageNumber: "%d"}
	if m.Header == minutes.HeaderState {
		l.Style = minutes.HeaderState
	}
	st, nf := l.format(), l.noticeFormat()
	n := m.Notice
	if n == nil {
		n = &minutes.Notice{}
	}

	org := c.line("organization", m.Organization)
	place := c.line("place", m.Place)
	date := n.Date
	if date.IsZero() {
		date = m.Date
	}
	meetingTitle := c.line("title", m.Title)
	body := c.line("notice.body", n.Body)
	if body == "" {
		body = org
	}
	concluder := n.ConcludedBy
	field := "notice.concluded_by"
	if concluder == nil && len(m.Chairs) > 0 {
		concluder, field = &m.Chairs[0], "chairs[1]"
	}
	var who, whoTitle string // "đồng chí Nguyễn Văn Quận, Bí thư Thành ủy"
	if concluder != nil {
		who = nf.PersonPrefix + c.line(field+".name", concluder.Name)
		if whoTitle = c.line(field+".title", concluder.Title); whoTitle != "" {
			who += ", " + whoTitle
		}
	}

	title := c.line("notice.title", n.Title)
	if title == "" {
		by := body
		if l.Style == minutes.HeaderState && whoTitle != "" {
			by = whoTitle // "Kết luận của Chủ tịch Ủy ban nhân dân … tại cuộc họp …"
		}
		title = fmt.Sprintf(nf.TitleForm, by, meetingTitleIn(nf, meetingTitle))
	}
	if nf.LowerFirst {
		title = lowerFirst(title)
	} else {
		title = capitalize(title)
	}

	l.Info = Info{Title: noticeDocType + " " + title, Author: org, Subject: title + ", " + dateLine(place, date), Date: date}
	h := header(st, c.line("parent_organization", m.ParentOrganization), org, "", place, date)
	if in.Number != "" {
		// As the register or the record has it (checked there), blanks of
		// a draft included: the cleaner would close them up.
		h.Number = st.NumberPrefix + in.Number
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindHeader, Header: h})
	l.add(KindDocType, noticeDocType)
	l.add(KindTitle, title)
	l.add(KindTitleRule, nf.TitleRule)

	// The opening paragraph: when and where, which body held what, who
	// chaired, who attended, what was heard.
	var b strings.Builder
	at := ""
	if loc := c.line("location", m.Location); loc != "" {
		at = ", tại " + loc
	}
	fmt.Fprintf(&b, nf.OpeningForm, capitalize(m.Date.Vietnamese()), at, body, meetingTitleIn(nf, meetingTitle))
	chairs := make([]string, 0, len(m.Chairs))
	for i, p := range m.Chairs {
		f := fmt.Sprintf("chairs[%d]", i+1)
		s := nf.PersonPrefix + c.line(f+".name", p.Name)
		if t := c.line(f+".title", p.Title); t != "" {
			s += ", " + t
		}
		chairs = append(chairs, s)
	}
	switch len(chairs) {
	case 0:
	case 1:
		fmt.Fprintf(&b, nf.ChairForm, capitalize(chairs[0]))
	default:
		fmt.Fprintf(&b, nf.CoChairForm, capitalize(strings.Join(chairs, "; ")))
	}
	if comp := strings.TrimRight(c.line("attendance.composition", m.Attendance.Composition), ".;"); comp != "" {
		fmt.Fprintf(&b, nf.AttendedForm, nf.MeetingWord, inSentence(nf, comp))
	}
	heard := make([]string, 0, len(m.Agenda))
	for i, it := range m.Agenda {
		f := fmt.Sprintf("agenda[%d]", i+1)
		s := strings.TrimRight(c.line(f+".title", it.Title), ".;")
		if p := c.line(f+".presenter", it.Presenter); p != "" {
			s += fmt.Sprintf(st.PresenterForm, st.PersonPrefix+p) // as the minutes name presenters: a unit may present
		}
		heard = append(heard, s)
	}
	if len(heard) > 0 {
		fmt.Fprintf(&b, nf.HeardForm, capitalize(nf.MeetingWord), strings.Join(heard, "; "))
	}
	l.add(KindParagraph, b.String())
	if who == "" {
		who = body
	}
	form := nf.ConcludeForm
	if m.Turns() == 0 {
		form = nf.ConcludeQuiet
	}
	l.add(KindParagraph, fmt.Sprintf(form, who))

	for i, cl := range m.Conclusions {
		l.add(KindItem, fmt.Sprintf("%d. %s", i+1, conclusion(st, c, fmt.Sprintf("conclusions[%d]", i+1), cl)))
	}
	whose := body
	if l.Style == minutes.HeaderState && whoTitle != "" {
		whose = whoTitle
	}
	l.add(KindClosing, fmt.Sprintf(nf.ClosingForm, whose))

	so := &SignOff{Recipients: recipientItems(c, "notice.recipients", in.Recipients)}
	if in.Signer != nil {
		so.Signer = signature(c, "notice.signer", in.Signer, l.Style)
	}
	l.Blocks = append(l.Blocks, Block{Kind: KindSignOff, SignOff: so})
	return l, dedupe(c.warnings), nil
}

// signature is the signature block of an issued document: its authority
// and title lines, then the name.
func signature(c *cleaner, field string, s *minutes.Signer, header string) Signature {
	clean := minutes.Signer{
		Authority: c.line(field+".authority", s.Authority), For: c.line(field+".for", s.For),
		Title: c.line(field+".title", s.Title), Name: c.line(field+".name", s.Name),
	}
	lines := clean.Lines(header)
	sig := Signature{Name: clean.Name}
	if len(lines) > 0 {
		sig.Role, sig.Lines = lines[0], lines[1:]
	}
	return sig
}

// meetingTitleIn is the meeting's title inside a sentence: State notices
// write "tại cuộc họp giao ban …", lowering the first letter of the words
// the format lists.
func meetingTitleIn(nf *noticeFormat, title string) string {
	for _, w := range nf.MeetingLower {
		if strings.HasPrefix(title, w+" ") {
			return lowerFirst(title)
		}
	}
	return title
}

// inSentence is text a record begins with a capital ("Các Phó Chủ tịch,
// …") set inside a sentence: its first word lowered when it is one the
// format lists, names kept as they are.
func inSentence(nf *noticeFormat, s string) string {
	for _, w := range nf.LowerInSentence {
		if s == w || strings.HasPrefix(s, w+" ") {
			return lowerFirst(s)
		}
	}
	return s
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}
