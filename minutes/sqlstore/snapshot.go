package sqlstore

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Each history row keeps a snapshot of the meeting after the change, in
// the record format (record.MarshalSnapshot): keys of the format's own, a
// record: block for status, version and timestamps.
//
// Rows written before that hold json.Marshal of minutes.Meeting as it was
// then: Go field names as keys ({"ID":…,"Organization":…}). They are read
// as they are, not converted: the history is append-only (the triggers of
// schema/*/002_records.sql refuse to update it), a migration is SQL and
// cannot write the record format, and an old row is part of the record as
// it was written. They are told by their first key, "ID", which
// json.Marshal always wrote first and the record format never writes, and
// decoded through copies of the struct frozen as it was, so that renaming
// a field of minutes.Meeting cannot blank them either.

// encodeSnapshot is the snapshot of m as a history row keeps it.
func encodeSnapshot(m *minutes.Meeting) (string, error) {
	b, err := record.MarshalSnapshot(m)
	return string(b), err
}

// decodeSnapshot reads the snapshot of a history row, in either form.
func decodeSnapshot(s string) (*minutes.Meeting, error) {
	if isLegacySnapshot(s) {
		return decodeLegacySnapshot(s)
	}
	return record.UnmarshalSnapshot([]byte(s))
}

func isLegacySnapshot(s string) bool { return strings.HasPrefix(s, `{"ID":`) }

// snapshotError says that the snapshot of a history row cannot be read,
// with the problems the decoder found.
func snapshotError(r *historyRow, err error) error {
	e := minutes.Errorm(minutes.EINTERNAL, "history.snapshot", r.MeetingID, r.Version)
	var me *minutes.Error
	switch {
	case !errors.As(err, &me):
		e.Msgs = append(e.Msgs, minutes.M("error.verbatim", err.Error()))
	case me.Problems != nil:
		e.Problems = me.Problems
	default:
		e.Msgs = append(e.Msgs, me.Msgs...)
	}
	return e
}

// legacyMeeting and the types below are minutes.Meeting and its parts as
// json.Marshal wrote them into the history until the snapshots took the
// record format. Do not change them: they describe data already stored.
type legacyMeeting struct {
	ID                 int64              `json:"ID"`
	Organization       string             `json:"Organization"`
	ParentOrganization string             `json:"ParentOrganization"`
	Header             string             `json:"Header"`
	Number             string             `json:"Number"`
	Title              string             `json:"Title"`
	Date               string             `json:"Date"` // YYYY-MM-DD, "" when zero
	StartTime          *legacyClock       `json:"StartTime"`
	EndTime            *legacyClock       `json:"EndTime"`
	Place              string             `json:"Place"`
	Location           string             `json:"Location"`
	Chairs             []legacyPerson     `json:"Chairs"`
	Secretary          *legacyPerson      `json:"Secretary"`
	Attendance         legacyAttendance   `json:"Attendance"`
	Agenda             []legacyAgendaItem `json:"Agenda"`
	Summary            string             `json:"Summary"`
	Comments           []legacyComment    `json:"Comments"`
	CommentCount       int                `json:"CommentCount"`
	Conclusions        []legacyConclusion `json:"Conclusions"`
	Recipients         []string           `json:"Recipients"`
	Status             string             `json:"Status"`
	Version            int                `json:"Version"`
	CreatedAt          time.Time          `json:"CreatedAt"`
	UpdatedAt          time.Time          `json:"UpdatedAt"`
	FinalizedAt        *time.Time         `json:"FinalizedAt"`
	FinalizedBy        string             `json:"FinalizedBy"`
}

type legacyClock struct {
	Hour   int `json:"Hour"`
	Minute int `json:"Minute"`
}

type legacyPerson struct {
	Name  string `json:"Name"`
	Title string `json:"Title"`
}

type legacyAttendance struct {
	Present     int              `json:"Present"`
	AtLeast     bool             `json:"AtLeast"`
	Invited     int              `json:"Invited"`
	Absent      []legacyAbsentee `json:"Absent"`
	Composition string           `json:"Composition"`
}

type legacyAbsentee struct {
	Name   string `json:"Name"`
	Reason string `json:"Reason"`
}

type legacyAgendaItem struct {
	Title     string `json:"Title"`
	Presenter string `json:"Presenter"`
}

type legacyComment struct {
	Speaker string `json:"Speaker"`
	Title   string `json:"Title"`
	Content string `json:"Content"`
}

type legacyConclusion struct {
	ID      int64  `json:"ID"`
	Content string `json:"Content"`
	Owner   string `json:"Owner"`
	Due     string `json:"Due"` // YYYY-MM-DD, "" when none
}

// decodeLegacySnapshot reads a snapshot in the old form. Its keys are a
// closed set, so one it does not know is an error, not a key to skip.
func decodeLegacySnapshot(s string) (*minutes.Meeting, error) {
	var l legacyMeeting
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, err
	}
	date := func(s string) (minutes.Date, error) {
		if s == "" {
			return minutes.Date{}, nil
		}
		return minutes.ParseDate(s)
	}
	clock := func(c *legacyClock) *minutes.Clock {
		if c == nil {
			return nil
		}
		return &minutes.Clock{Hour: c.Hour, Minute: c.Minute}
	}
	d, err := date(l.Date)
	m := &minutes.Meeting{
		ID: l.ID, Organization: l.Organization, ParentOrganization: l.ParentOrganization, Header: l.Header,
		Number: l.Number, Title: l.Title, Date: d, StartTime: clock(l.StartTime), EndTime: clock(l.EndTime),
		Place: l.Place, Location: l.Location, Summary: l.Summary, CommentCount: l.CommentCount, Recipients: l.Recipients,
		Attendance: minutes.Attendance{
			Present: l.Attendance.Present, AtLeast: l.Attendance.AtLeast, Invited: l.Attendance.Invited,
			Composition: l.Attendance.Composition,
		},
		Status: l.Status, Version: l.Version, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt,
		FinalizedAt: l.FinalizedAt, FinalizedBy: l.FinalizedBy,
	}
	for _, p := range l.Chairs {
		m.Chairs = append(m.Chairs, minutes.Person{Name: p.Name, Title: p.Title})
	}
	if l.Secretary != nil {
		m.Secretary = &minutes.Person{Name: l.Secretary.Name, Title: l.Secretary.Title}
	}
	for _, a := range l.Attendance.Absent {
		m.Attendance.Absent = append(m.Attendance.Absent, minutes.Absentee{Name: a.Name, Reason: a.Reason})
	}
	for _, a := range l.Agenda {
		m.Agenda = append(m.Agenda, minutes.AgendaItem{Title: a.Title, Presenter: a.Presenter})
	}
	for _, c := range l.Comments {
		m.Comments = append(m.Comments, minutes.Comment{Speaker: c.Speaker, Title: c.Title, Content: c.Content})
	}
	for _, c := range l.Conclusions {
		due, e := date(c.Due)
		if err == nil {
			err = e
		}
		m.Conclusions = append(m.Conclusions, minutes.Conclusion{ID: c.ID, Content: c.Content, Owner: c.Owner, Due: due})
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}
