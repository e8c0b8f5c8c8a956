package form

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/minutes-vn/minutes/internal/safewrite"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// draft is the record as typed: numbers, dates and times stay text until
// they are checked, so that a half-typed value is never lost.
type draft struct {
	Organization, ParentOrganization, Header, Number string
	Title, Date, Start, End, Place, Location         string
	Chairs                                           []minutes.Person
	Secretary                                        minutes.Person
	Present, Invited                                 string
	AtLeast                                          bool
	Composition                                      string
	Absent                                           []minutes.Absentee
	Agenda                                           []minutes.AgendaItem
	Summary                                          string
	Comments                                         []minutes.Comment
	CommentCount                                     string
	Conclusions                                      []conclusionDraft
	Recipients                                       string
	// Notice is the notice block of a record the form continues (a draft
	// written by hand, a recovered record): the form asks nothing of it,
	// but it is kept.
	Notice *minutes.Notice

	// Section is the first section not yet completed; len(sections) when
	// only the review is left.
	Section int
}

type conclusionDraft struct{ Content, Owner, Due string }

// meeting converts the draft, keeping every value that parses: the record
// for the review, for saving, and for the draft file.
func (d *draft) meeting() *minutes.Meeting {
	m := &minutes.Meeting{
		Organization: d.Organization, ParentOrganization: d.ParentOrganization, Header: d.Header,
		Number: d.Number, Title: d.Title, Place: d.Place, Location: d.Location,
		Chairs: append([]minutes.Person(nil), d.Chairs...), Summary: d.Summary,
		Agenda:   append([]minutes.AgendaItem(nil), d.Agenda...),
		Comments: append([]minutes.Comment(nil), d.Comments...),
		Attendance: minutes.Attendance{
			AtLeast: d.AtLeast, Composition: d.Composition,
			Absent: append([]minutes.Absentee(nil), d.Absent...),
		},
	}
	m.Date, _ = minutes.ParseDate(d.Date)
	if c, err := minutes.ParseClock(d.Start); err == nil {
		m.StartTime = &c
	}
	if c, err := minutes.ParseClock(d.End); err == nil {
		m.EndTime = &c
	}
	if d.Secretary != (minutes.Person{}) {
		p := d.Secretary
		m.Secretary = &p
	}
	m.Attendance.Present, _ = strconv.Atoi(strings.TrimSpace(d.Present))
	m.Attendance.Invited, _ = strconv.Atoi(strings.TrimSpace(d.Invited))
	m.CommentCount, _ = strconv.Atoi(strings.TrimSpace(d.CommentCount))
	for _, c := range d.Conclusions {
		due, _ := minutes.ParseDate(c.Due)
		m.Conclusions = append(m.Conclusions, minutes.Conclusion{Content: c.Content, Owner: c.Owner, Due: due})
	}
	m.Recipients = splitRecipients(d.Recipients)
	if d.Notice != nil {
		n := *d.Notice
		m.Notice = &n
	}
	return m
}

// draftOf turns a stored or recovered record back into a draft.
func draftOf(m *minutes.Meeting, section int) *draft {
	d := &draft{
		Organization: m.Organization, ParentOrganization: m.ParentOrganization, Header: m.Header,
		Number: m.Number, Title: m.Title, Place: m.Place, Location: m.Location,
		Chairs: m.Chairs, Summary: m.Summary, Agenda: m.Agenda, Comments: m.Comments,
		AtLeast: m.Attendance.AtLeast, Composition: m.Attendance.Composition, Absent: m.Attendance.Absent,
		Recipients: strings.Join(m.Recipients, "; "), Section: section, Notice: m.Notice,
	}
	if d.Header == "" {
		d.Header = minutes.HeaderParty
	}
	if !m.Date.IsZero() {
		d.Date = m.Date.Short()
	}
	if m.StartTime != nil {
		d.Start = m.StartTime.String()
	}
	if m.EndTime != nil {
		d.End = m.EndTime.String()
	}
	if m.Secretary != nil {
		d.Secretary = *m.Secretary
	}
	// 0 delegates is a real answer only once the attendance was asked.
	if m.Attendance.Present != 0 || section > sectionIndex("attendance") {
		d.Present = strconv.Itoa(m.Attendance.Present)
	}
	if m.Attendance.Invited != 0 {
		d.Invited = strconv.Itoa(m.Attendance.Invited)
	}
	if m.CommentCount != 0 {
		d.CommentCount = strconv.Itoa(m.CommentCount)
	}
	for _, c := range m.Conclusions {
		cd := conclusionDraft{Content: c.Content, Owner: c.Owner}
		if !c.Due.IsZero() {
			cd.Due = c.Due.Short()
		}
		d.Conclusions = append(d.Conclusions, cd)
	}
	return d
}

func splitRecipients(s string) []string {
	var out []string
	for _, r := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// sectionMark starts the comment line of a draft file that names the first
// section not yet completed.
const sectionMark = "# section: "

// writeDraft writes d to the draft file at path: a record in the usual
// YAML format (it can be finished by hand and loaded with add -f), under a
// comment that says so (header) and one that names the section reached.
// Written to a temporary file and renamed, so a crash mid-write leaves the
// previous draft whole.
func writeDraft(path, header string, d *draft) error {
	y, err := record.MarshalYAML(d.meeting())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n%s%d\n", header, sectionMark, d.Section)
	b.Write(y)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return safewrite.File(path, b.Bytes(), 0o600, true)
}

// loadDraft reads a draft left by an earlier form; os.ErrNotExist when
// there is none.
func loadDraft(p *minutes.Printer, path string) (*draft, time.Time, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	section := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), sectionMark); ok {
			section, _ = strconv.Atoi(strings.TrimSpace(v))
			break
		}
	}
	section = min(max(section, 0), len(sections))
	// Decode, not Meetings: a draft is incomplete by nature, and what it
	// holds is wanted even when required fields are still missing.
	docs, err := record.Decode(path, b)
	if err != nil {
		return nil, time.Time{}, errors.New(p.Error(err))
	}
	return draftOf(docs[0].Meeting, section), st.ModTime(), nil
}
