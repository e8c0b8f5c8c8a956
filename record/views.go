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
}

// ChangeViews are cs as JSON shows them.
func ChangeViews(cs []minutes.Change) []ChangeView {
	out := make([]ChangeView, len(cs))
	for i, c := range cs {
		out[i] = ChangeView{
			Version: c.Version, Action: c.Action, At: c.At.UTC().Format(time.RFC3339Nano),
			DBUser: c.DBUser, OSUser: c.OSUser, Fields: c.Fields, Reason: c.Reason,
		}
		if out[i].Fields == nil {
			out[i].Fields = []string{}
		}
	}
	return out
}

// MeetingViews are ms as JSON and YAML show them, with their IDs.
func MeetingViews(ms []*minutes.Meeting) []Wire {
	out := make([]Wire, len(ms))
	for i, m := range ms {
		out[i] = ToWire(m, true)
	}
	return out
}

// MeetingsCSV writes ms as list -o csv prints them: one row per meeting.
func MeetingsCSV(w io.Writer, ms []*minutes.Meeting) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "date", "organization", "number", "title", "chairs", "present", "at_least", "turns", "conclusions", "status", "version"})
	for _, m := range ms {
		_ = cw.Write([]string{
			strconv.FormatInt(m.ID, 10), m.Date.String(), m.Organization, m.Number, m.Title,
			chairNames(m), strconv.Itoa(m.Attendance.Present), strconv.FormatBool(m.Attendance.AtLeast),
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
			strconv.FormatInt(t.ID, 10), strconv.FormatInt(t.MeetingID, 10), t.MeetingDate, t.Organization,
			t.MeetingTitle, strconv.Itoa(t.Position), t.Content, t.Owner, t.Due, t.Status,
			strconv.FormatBool(t.Overdue), strconv.Itoa(t.DaysOverdue), t.DoneOn, t.Note, t.Reason,
		})
	}
	cw.Flush()
	return cw.Error()
}
