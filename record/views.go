package record

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

// The JSON that scripts read, from the command line (-o json) and the web
// API alike: keys in English, values as stored, times in UTC, statuses and
// actions untranslated, so that no script needs to know the language.

// TaskView is a task as JSON shows it.
type TaskView struct {
	ID           int64          `json:"id"`
	MeetingID    int64          `json:"meeting_id"`
	MeetingDate  string         `json:"meeting_date"`
	MeetingTitle string         `json:"meeting_title"`
	Organization string         `json:"organization"`
	Position     int            `json:"position"`
	Content      string         `json:"content"`
	Owner        string         `json:"owner"`
	Due          string         `json:"due,omitempty"`
	Status       string         `json:"status"`
	Overdue      bool           `json:"overdue"`
	DaysOverdue  int            `json:"days_overdue"`
	DoneOn       string         `json:"done_on,omitempty"`
	Note         string         `json:"note,omitempty"`
	Reason       string         `json:"reason,omitempty"`
	Notes        []TaskNoteView `json:"notes,omitempty"`
}

// TaskNoteView is a progress note as JSON shows it.
type TaskNoteView struct {
	At   string `json:"at"`
	Text string `json:"text"`
	By   string `json:"by,omitempty"`
}

// TaskViews are ts as JSON shows them, judged on today.
func TaskViews(ts []minutes.Task, today minutes.Date) []TaskView {
	out := make([]TaskView, len(ts))
	for i, t := range ts {
		v := TaskView{
			ID: t.ID, MeetingID: t.MeetingID, MeetingDate: t.MeetingDate.String(), MeetingTitle: t.MeetingTitle,
			Organization: t.Organization, Position: t.Pos, Content: t.Content, Owner: t.Owner,
			Due: t.Due.String(), Status: t.Status, Overdue: t.Overdue(today), DaysOverdue: t.DaysOverdue(today),
			DoneOn: t.DoneOn.String(), Note: t.Note, Reason: t.Reason,
		}
		for _, n := range t.Notes {
			v.Notes = append(v.Notes, TaskNoteView{At: n.At.UTC().Format(time.RFC3339), Text: n.Text, By: n.By})
		}
		out[i] = v
	}
	return out
}

// ChangeView is a history entry as JSON shows it.
type ChangeView struct {
	Version int      `json:"version"`
	Action  string   `json:"action"`
	At      string   `json:"at"`
	DBUser  string   `json:"db_user,omitempty"`
	OSUser  string   `json:"os_user,omitempty"`
	Fields  []string `json:"fields"`
	Reason  string   `json:"reason,omitempty"`
	Hash    string   `json:"hash,omitempty"` // the seal of the version (record.Seal)
}

// ChangeViews are cs as JSON shows them.
func ChangeViews(cs []minutes.Change) []ChangeView {
	out := make([]ChangeView, len(cs))
	for i, c := range cs {
		out[i] = ChangeView{
			Version: c.Version, Action: c.Action, At: c.At.UTC().Format(time.RFC3339Nano),
			DBUser: c.DBUser, OSUser: c.OSUser, Fields: c.Fields, Reason: c.Reason, Hash: c.Hash,
		}
		if out[i].Fields == nil {
			out[i].Fields = []string{}
		}
	}
	return out
}

// MeetingView is a stored meeting as list and show print it in JSON and
// YAML (and the web API answers): the record format's keys in its order,
// every one of them in every meeting, an empty text as "" and an empty
// list as [] (a missing secretary is null), then the record keeping that
// the CSV has too. A script reads the same keys from every meeting. What
// it prints reads back as a record: id, status and version are read and
// ignored, the meeting being stored as a new draft.
type MeetingView struct {
	ID                 int64            `yaml:"id" json:"id"`
	Organization       string           `yaml:"organization" json:"organization"`
	ParentOrganization string           `yaml:"parent_organization" json:"parent_organization"`
	Header             string           `yaml:"header" json:"header"`
	Number             string           `yaml:"number" json:"number"`
	Title              string           `yaml:"title" json:"title"`
	Date               string           `yaml:"date" json:"date"`
	StartTime          string           `yaml:"start_time" json:"start_time"`
	EndTime            string           `yaml:"end_time" json:"end_time"`
	Place              string           `yaml:"place" json:"place"`
	Location           string           `yaml:"location" json:"location"`
	Chairs             []PersonView     `yaml:"chairs" json:"chairs"`
	Secretary          *PersonView      `yaml:"secretary" json:"secretary"`
	Attendance         AttendanceView   `yaml:"attendance" json:"attendance"`
	Agenda             []AgendaView     `yaml:"agenda" json:"agenda"`
	Summary            string           `yaml:"summary" json:"summary"`
	Comments           []CommentView    `yaml:"comments" json:"comments"`
	CommentCount       int              `yaml:"comment_count" json:"comment_count"`
	Conclusions        []ConclusionView `yaml:"conclusions" json:"conclusions"`
	Recipients         []string         `yaml:"recipients" json:"recipients"`
	Notice             *WireNotice      `yaml:"notice" json:"notice"`
	Status             string           `yaml:"status" json:"status"`
	Version            int              `yaml:"version" json:"version"`
	// Hash is the seal of this version of finalized minutes (record.Seal),
	// as show prints it and the PDF's Keywords carry it; absent for drafts
	// and wherever it is not computed (list).
	Hash string `yaml:"hash,omitempty" json:"hash,omitempty"`
}

// The parts of a MeetingView, every key in every entry.
type (
	PersonView struct {
		Name  string `yaml:"name" json:"name"`
		Title string `yaml:"title" json:"title"`
	}
	AttendanceView struct {
		Present     int           `yaml:"present" json:"present"`
		AtLeast     bool          `yaml:"at_least" json:"at_least"`
		Invited     int           `yaml:"invited" json:"invited"`
		Absent      []AbsenceView `yaml:"absent" json:"absent"`
		Composition string        `yaml:"composition" json:"composition"`
	}
	AbsenceView struct {
		Name   string `yaml:"name" json:"name"`
		Reason string `yaml:"reason" json:"reason"`
	}
	AgendaView struct {
		Title     string `yaml:"title" json:"title"`
		Presenter string `yaml:"presenter" json:"presenter"`
	}
	CommentView struct {
		Speaker string `yaml:"speaker" json:"speaker"`
		Title   string `yaml:"title" json:"title"`
		Content string `yaml:"content" json:"content"`
	}
	ConclusionView struct {
		Content string `yaml:"content" json:"content"`
		Owner   string `yaml:"owner" json:"owner"`
		Due     string `yaml:"due" json:"due"`
	}
)

// ViewOf is m as list and show print it.
func ViewOf(m *minutes.Meeting) MeetingView {
	w := ToWire(m, true)
	v := MeetingView{
		ID: m.ID, Organization: w.Organization, ParentOrganization: w.ParentOrganization, Header: w.Header,
		Number: w.Number, Title: w.Title, Date: w.Date, StartTime: w.StartTime, EndTime: w.EndTime,
		Place: w.Place, Location: w.Location, Summary: w.Summary, CommentCount: w.CommentCount,
		Recipients: w.Recipients, Notice: w.Notice, Status: m.Status, Version: m.Version, Hash: m.Seal,
		Chairs: []PersonView{}, Agenda: []AgendaView{}, Comments: []CommentView{}, Conclusions: []ConclusionView{},
		Attendance: AttendanceView{
			Present: w.Attendance.Present, AtLeast: w.Attendance.AtLeast, Invited: w.Attendance.Invited,
			Absent: []AbsenceView{}, Composition: w.Attendance.Composition,
		},
	}
	if v.Recipients == nil {
		v.Recipients = []string{}
	}
	for _, c := range w.Chairs {
		v.Chairs = append(v.Chairs, PersonView(c))
	}
	if w.Secretary != nil {
		p := PersonView(*w.Secretary)
		v.Secretary = &p
	}
	for _, a := range w.Attendance.Absent {
		v.Attendance.Absent = append(v.Attendance.Absent, AbsenceView(a))
	}
	for _, a := range w.Agenda {
		v.Agenda = append(v.Agenda, AgendaView(a))
	}
	for _, c := range w.Comments {
		v.Comments = append(v.Comments, CommentView(c))
	}
	for _, c := range w.Conclusions {
		v.Conclusions = append(v.Conclusions, ConclusionView(c))
	}
	return v
}

// MeetingViews are ms as list and show print them.
func MeetingViews(ms []*minutes.Meeting) []MeetingView {
	out := make([]MeetingView, len(ms))
	for i, m := range ms {
		out[i] = ViewOf(m)
	}
	return out
}

// BOM is the byte order mark that a CSV file for Excel begins with: without
// it Excel reads UTF-8 as the local code page and shows Vietnamese garbled.
// The caller writes it where a person opens the file (a file, a download),
// not where a script reads a pipe.
const BOM = "\ufeff"

// cell is user text as a CSV cell: one that begins with = + - @, a tab or
// a carriage return is taken by Excel and its kin for a formula, which can
// run commands or send data away; a leading ' makes it text (OWASP, "CSV
// Injection").
func cell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// MeetingsCSV writes ms as list -o csv prints them: one row per meeting.
func MeetingsCSV(w io.Writer, ms []*minutes.Meeting) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "date", "organization", "number", "title", "chairs", "present", "at_least", "turns", "conclusions", "status", "version"})
	for _, m := range ms {
		_ = cw.Write([]string{
			strconv.FormatInt(m.ID, 10), m.Date.String(), cell(m.Organization), cell(m.Number), cell(m.Title),
			cell(chairNames(m)), strconv.Itoa(m.Attendance.Present), strconv.FormatBool(m.Attendance.AtLeast),
			strconv.Itoa(m.Turns()), strconv.Itoa(len(m.Conclusions)), m.Status, strconv.Itoa(m.Version),
		})
	}
	cw.Flush()
	return cw.Error()
}

func chairNames(m *minutes.Meeting) string {
	names := make([]string, len(m.Chairs))
	for i, c := range m.Chairs {
		names[i] = c.Name
	}
	return strings.Join(names, "; ")
}

// TasksCSV writes ts as tasks -o csv prints them.
func TasksCSV(w io.Writer, ts []TaskView) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "meeting_id", "meeting_date", "organization", "meeting_title", "position",
		"content", "owner", "due", "status", "overdue", "days_overdue", "done_on", "note", "reason"})
	for _, t := range ts {
		_ = cw.Write([]string{
			strconv.FormatInt(t.ID, 10), strconv.FormatInt(t.MeetingID, 10), t.MeetingDate, cell(t.Organization),
			cell(t.MeetingTitle), strconv.Itoa(t.Position), cell(t.Content), cell(t.Owner), t.Due, t.Status,
			strconv.FormatBool(t.Overdue), strconv.Itoa(t.DaysOverdue), t.DoneOn, cell(t.Note), cell(t.Reason),
		})
	}
	cw.Flush()
	return cw.Error()
}
