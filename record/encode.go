package record

import (
	"bytes"
	"encoding/json"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// Wire is a meeting in the record format, keys in the order a secretary
// fills them in (the order of minutes template).
// Encoding goes through it so that YAML and JSON agree on keys and order.
type Wire struct {
	ID                 int64            `yaml:"id,omitempty" json:"id,omitempty"`
	Organization       string           `yaml:"organization" json:"organization"`
	ParentOrganization string           `yaml:"parent_organization,omitempty" json:"parent_organization,omitempty"`
	Header             string           `yaml:"header" json:"header"`
	Number             string           `yaml:"number,omitempty" json:"number,omitempty"`
	Title              string           `yaml:"title" json:"title"`
	Date               string           `yaml:"date" json:"date"`
	StartTime          string           `yaml:"start_time,omitempty" json:"start_time,omitempty"`
	EndTime            string           `yaml:"end_time,omitempty" json:"end_time,omitempty"`
	Place              string           `yaml:"place,omitempty" json:"place,omitempty"`
	Location           string           `yaml:"location,omitempty" json:"location,omitempty"`
	Chairs             []WirePerson     `yaml:"chairs" json:"chairs"`
	Secretary          *WirePerson      `yaml:"secretary,omitempty" json:"secretary,omitempty"`
	Attendance         WireAttendance   `yaml:"attendance" json:"attendance"`
	Agenda             []WireAgenda     `yaml:"agenda,omitempty" json:"agenda,omitempty"`
	Summary            string           `yaml:"summary,omitempty" json:"summary,omitempty"`
	Comments           []WireComment    `yaml:"comments,omitempty" json:"comments,omitempty"`
	CommentCount       int              `yaml:"comment_count,omitempty" json:"comment_count,omitempty"`
	Conclusions        []WireConclusion `yaml:"conclusions,omitempty" json:"conclusions,omitempty"`
	Recipients         []string         `yaml:"recipients,omitempty" json:"recipients,omitempty"`
	Notice             *WireNotice      `yaml:"notice,omitempty" json:"notice,omitempty"`
	Record             *Meta            `yaml:"record,omitempty" json:"record,omitempty"`
}

type WirePerson struct {
	Name  string `yaml:"name" json:"name"`
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
}

type WireAttendance struct {
	Present     int           `yaml:"present" json:"present"`
	AtLeast     bool          `yaml:"at_least,omitempty" json:"at_least,omitempty"`
	Invited     int           `yaml:"invited,omitempty" json:"invited,omitempty"`
	Absent      []WireAbsence `yaml:"absent,omitempty" json:"absent,omitempty"`
	Composition string        `yaml:"composition,omitempty" json:"composition,omitempty"`
}

type WireAbsence struct {
	Name   string `yaml:"name" json:"name"`
	Reason string `yaml:"reason,omitempty" json:"reason,omitempty"`
}

type WireAgenda struct {
	Title     string `yaml:"title" json:"title"`
	Presenter string `yaml:"presenter,omitempty" json:"presenter,omitempty"`
}

type WireComment struct {
	Speaker string `yaml:"speaker,omitempty" json:"speaker,omitempty"`
	Title   string `yaml:"title,omitempty" json:"title,omitempty"`
	Content string `yaml:"content" json:"content"`
}

type WireConclusion struct {
	Content string `yaml:"content" json:"content"`
	Owner   string `yaml:"owner,omitempty" json:"owner,omitempty"`
	Due     string `yaml:"due,omitempty" json:"due,omitempty"`
}

// ToWire converts m to its record form; withID adds the database ID, as
// show and list print it.
func ToWire(m *minutes.Meeting, withID bool) Wire {
	w := Wire{
		Organization:       m.Organization,
		ParentOrganization: m.ParentOrganization,
		Header:             m.Header,
		Number:             m.Number,
		Title:              m.Title,
		Date:               m.Date.String(),
		Place:              m.Place,
		Location:           m.Location,
		Summary:            m.Summary,
		CommentCount:       m.CommentCount,
		Recipients:         m.Recipients,
		Notice:             noticeWire(m.Notice),
		Attendance: WireAttendance{
			Present:     m.Attendance.Present,
			AtLeast:     m.Attendance.AtLeast,
			Invited:     m.Attendance.Invited,
			Composition: m.Attendance.Composition,
		},
	}
	if withID {
		w.ID = m.ID
	}
	if m.StartTime != nil {
		w.StartTime = m.StartTime.String()
	}
	if m.EndTime != nil {
		w.EndTime = m.EndTime.String()
	}
	for _, c := range m.Chairs {
		w.Chairs = append(w.Chairs, WirePerson(c))
	}
	if m.Secretary != nil {
		p := WirePerson(*m.Secretary)
		w.Secretary = &p
	}
	for _, a := range m.Attendance.Absent {
		w.Attendance.Absent = append(w.Attendance.Absent, WireAbsence(a))
	}
	for _, a := range m.Agenda {
		w.Agenda = append(w.Agenda, WireAgenda(a))
	}
	for _, c := range m.Comments {
		w.Comments = append(w.Comments, WireComment(c))
	}
	for _, c := range m.Conclusions {
		wc := WireConclusion{Content: c.Content, Owner: c.Owner}
		if !c.Due.IsZero() {
			wc.Due = c.Due.String()
		}
		w.Conclusions = append(w.Conclusions, wc)
	}
	return w
}

// EncodeYAML writes values (Wire or anything else) as YAML documents
// separated by ---.
func EncodeYAML(w io.Writer, values ...any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	for _, v := range values {
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	return enc.Close()
}

// EncodeJSON writes v as indented JSON, leaving Vietnamese and <> unescaped.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// MarshalYAML returns the YAML record of one meeting without its ID: the
// form that export writes and import reads back unchanged.
func MarshalYAML(m *minutes.Meeting) ([]byte, error) {
	var b bytes.Buffer
	err := EncodeYAML(&b, ToWire(m, false))
	return b.Bytes(), err
}
