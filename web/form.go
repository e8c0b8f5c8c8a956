package web

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// The meeting form. Its inputs are named by the record's field paths, with
// rows counted from 0 (chairs.0.name, attendance.absent.2.reason,
// recipients.1): what is typed is kept exactly as typed (url.Values, which
// is also what a draft stores), and turned into a record only to be saved,
// through the record format's own decoder, so that the form obeys every
// rule a file obeys, with the same messages.

// column is one input of a repeating section's row.
type column struct {
	Key  string // "" for a section of plain texts (recipients)
	Long bool   // a textarea
	Date bool   // typed as 25/3/2021
}

// section is a repeating part of the record: chairs, absentees, agenda…
type section struct {
	Name string // form and record path
	Cols []column
}

var sections = []section{
	{Name: "chairs", Cols: []column{{Key: "name"}, {Key: "title"}}},
	{Name: "attendance.absent", Cols: []column{{Key: "name"}, {Key: "reason"}}},
	{Name: "agenda", Cols: []column{{Key: "title", Long: true}, {Key: "presenter"}}},
	{Name: "comments", Cols: []column{{Key: "speaker"}, {Key: "title"}, {Key: "content", Long: true}}},
	{Name: "conclusions", Cols: []column{{Key: "content", Long: true}, {Key: "owner"}, {Key: "due", Date: true}}},
	{Name: "recipients", Cols: []column{{Key: ""}}},
}

func sectionNamed(name string) (section, bool) {
	for _, s := range sections {
		if s.Name == name {
			return s, true
		}
	}
	return section{}, false
}

// scalars are the inputs that are not rows, as the form names them.
var scalars = []string{
	"organization", "parent_organization", "header", "number", "title", "date", "start_time", "end_time",
	"place", "location", "secretary.name", "secretary.title", "attendance.present", "attendance.at_least",
	"attendance.invited", "attendance.composition", "summary", "comment_count",
}

// inputName names the input of one cell.
func inputName(sec string, row int, key string) string {
	n := sec + "." + strconv.Itoa(row)
	if key != "" {
		n += "." + key
	}
	return n
}

// fieldID is the HTML id of the input named name.
func fieldID(name string) string { return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(name) }

// rowCount is the number of rows of sec in v: one more than the highest
// row index named, so that a row left blank on purpose stays on screen.
func rowCount(v url.Values, sec section) int {
	n := 0
	prefix := sec.Name + "."
	for k := range v {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(idx); err == nil && i >= 0 && i < 1000 && i+1 > n {
			n = i + 1
		}
	}
	return n
}

func rows(v url.Values, sec section) [][]string {
	out := make([][]string, rowCount(v, sec))
	for i := range out {
		out[i] = make([]string, len(sec.Cols))
		for j, c := range sec.Cols {
			out[i][j] = v.Get(inputName(sec.Name, i, c.Key))
		}
	}
	return out
}

func setRows(v url.Values, sec section, rs [][]string) {
	prefix := sec.Name + "."
	for k := range v {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			delete(v, k)
		}
	}
	for i, r := range rs {
		for j, c := range sec.Cols {
			v.Set(inputName(sec.Name, i, c.Key), r[j])
		}
	}
}

func blankRow(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// applyRowOp adds, removes or moves a row, as the buttons of a form without
// JavaScript ask: add:chairs, del:chairs:2, up:chairs:2, down:chairs:2. It
// returns the section's name, to scroll back to it.
func applyRowOp(v url.Values, op string) (string, bool) {
	parts := strings.Split(op, ":")
	if len(parts) < 2 {
		return "", false
	}
	sec, ok := sectionNamed(parts[1])
	if !ok {
		return "", false
	}
	rs := rows(v, sec)
	if parts[0] == "add" {
		setRows(v, sec, append(rs, make([]string, len(sec.Cols))))
		return sec.Name, true
	}
	if len(parts) != 3 {
		return "", false
	}
	i, err := strconv.Atoi(parts[2])
	if err != nil || i < 0 || i >= len(rs) {
		return "", false
	}
	switch parts[0] {
	case "del":
		rs = append(rs[:i], rs[i+1:]...)
	case "up":
		if i > 0 {
			rs[i-1], rs[i] = rs[i], rs[i-1]
		}
	case "down":
		if i+1 < len(rs) {
			rs[i+1], rs[i] = rs[i], rs[i+1]
		}
	default:
		return "", false
	}
	setRows(v, sec, rs)
	return sec.Name, true
}

// formOf is the form of a stored meeting.
func formOf(m *minutes.Meeting) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("organization", m.Organization)
	set("parent_organization", m.ParentOrganization)
	set("header", m.Header)
	set("number", m.Number)
	set("title", m.Title)
	set("date", dateText(m.Date))
	set("start_time", clockText(m.StartTime))
	set("end_time", clockText(m.EndTime))
	set("place", m.Place)
	set("location", m.Location)
	if m.Secretary != nil {
		set("secretary.name", m.Secretary.Name)
		set("secretary.title", m.Secretary.Title)
	}
	set("attendance.present", strconv.Itoa(m.Attendance.Present))
	if m.Attendance.AtLeast {
		v.Set("attendance.at_least", "on")
	}
	if m.Attendance.Invited > 0 {
		set("attendance.invited", strconv.Itoa(m.Attendance.Invited))
	}
	set("attendance.composition", m.Attendance.Composition)
	set("summary", m.Summary)
	if m.CommentCount > 0 {
		set("comment_count", strconv.Itoa(m.CommentCount))
	}
	put := func(name string, n int, cell func(i int) []string) {
		sec, _ := sectionNamed(name)
		rs := make([][]string, n)
		for i := range rs {
			rs[i] = cell(i)
		}
		setRows(v, sec, rs)
	}
	put("chairs", len(m.Chairs), func(i int) []string { return []string{m.Chairs[i].Name, m.Chairs[i].Title} })
	put("attendance.absent", len(m.Attendance.Absent), func(i int) []string {
		return []string{m.Attendance.Absent[i].Name, m.Attendance.Absent[i].Reason}
	})
	put("agenda", len(m.Agenda), func(i int) []string { return []string{m.Agenda[i].Title, m.Agenda[i].Presenter} })
	put("comments", len(m.Comments), func(i int) []string {
		return []string{m.Comments[i].Speaker, m.Comments[i].Title, m.Comments[i].Content}
	})
	put("conclusions", len(m.Conclusions), func(i int) []string {
		return []string{m.Conclusions[i].Content, m.Conclusions[i].Owner, dateText(m.Conclusions[i].Due)}
	})
	put("recipients", len(m.Recipients), func(i int) []string { return []string{m.Recipients[i]} })
	return v
}

// blankForm is the form of a new meeting: the office defaults, and one
// empty row in the sections a meeting nearly always has.
func blankForm(d minutes.Defaults) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("organization", d.Organization)
	set("parent_organization", d.ParentOrganization)
	set("header", d.Header)
	set("place", d.Place)
	set("secretary.name", d.Secretary.Name)
	set("secretary.title", d.Secretary.Title)
	for _, name := range []string{"chairs", "agenda", "conclusions"} {
		sec, _ := sectionNamed(name)
		setRows(v, sec, [][]string{make([]string, len(sec.Cols))})
	}
	return v
}

// formRecord turns what was typed into a meeting by the rules of the record
// format. Problems name the form's inputs (chairs.1.name), not the record's
// paths (chairs[2].name): rows left blank are not entries, so the n-th
// entry of the record is not always the n-th row on screen.
func formRecord(v url.Values, p *minutes.Printer) (*minutes.Meeting, []minutes.Problem) {
	var bad []minutes.Problem
	text := func(name string) (string, bool) {
		s := v.Get(name)
		if !utf8.ValidString(s) {
			bad = append(bad, minutes.Problem{Field: name, Reason: minutes.M("text.utf8")})
			return "", false
		}
		return s, strings.TrimSpace(s) != ""
	}
	number := func(s string) any {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n
		}
		return s // the decoder says it is not a whole number
	}
	obj := map[string]any{}
	for _, k := range []string{"organization", "parent_organization", "header", "number", "title", "date",
		"start_time", "end_time", "place", "location", "summary"} {
		if s, ok := text(k); ok {
			obj[k] = s
		}
	}
	if s, ok := text("comment_count"); ok {
		obj["comment_count"] = number(s)
	}
	sec := map[string]any{}
	for _, k := range []string{"name", "title"} {
		if s, ok := text("secretary." + k); ok {
			sec[k] = s
		}
	}
	if len(sec) > 0 {
		obj["secretary"] = sec
	}
	att := map[string]any{"at_least": v.Get("attendance.at_least") != ""}
	if s, ok := text("attendance.present"); ok {
		att["present"] = number(s)
	}
	if s, ok := text("attendance.invited"); ok {
		att["invited"] = number(s)
	}
	if s, ok := text("attendance.composition"); ok {
		att["composition"] = s
	}
	obj["attendance"] = att

	// rowOf maps an entry of the record (section path and 1-based index)
	// to its row on screen.
	rowOf := map[string][]int{}
	for _, s := range sections {
		var entries []any
		for i, r := range rows(v, s) {
			if blankRow(r) {
				continue
			}
			for j, c := range s.Cols {
				if !utf8.ValidString(r[j]) {
					bad = append(bad, minutes.Problem{Field: inputName(s.Name, i, c.Key), Reason: minutes.M("text.utf8")})
					r[j] = ""
				}
			}
			rowOf[s.Name] = append(rowOf[s.Name], i)
			if s.Cols[0].Key == "" {
				entries = append(entries, r[0])
				continue
			}
			e := map[string]any{}
			for j, c := range s.Cols {
				if strings.TrimSpace(r[j]) != "" {
					e[c.Key] = r[j]
				}
			}
			entries = append(entries, e)
		}
		if len(entries) == 0 {
			continue
		}
		if s.Name == "attendance.absent" {
			att["absent"] = entries
		} else {
			obj[s.Name] = entries
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return nil, []minutes.Problem{{Reason: minutes.M("error.internal")}}
	}
	docs, err := record.Meetings(p.T("web.form_source"), b.Bytes())
	if err != nil {
		ps := minutes.Problems(err)
		if len(ps) == 0 {
			ps = []minutes.Problem{{Reason: minutes.ReasonOf(err)}}
		}
		out := make([]minutes.Problem, len(ps))
		for i, pr := range ps {
			out[i] = minutes.Problem{Field: inputOf(pr.Field, rowOf), Reason: pr.Reason}
		}
		return nil, out
	}
	return docs[0].Meeting, nil
}

var entryPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([a-z_.]+)\[(\d+)\](?:\.([a-z_]+))?$`)
})

// inputOf names the input of a record field path: chairs[2].name is the
// name input of the chairs row that holds the second entry; a path of a
// whole section (chairs) names the section.
func inputOf(path string, rowOf map[string][]int) string {
	m := entryPath().FindStringSubmatch(path)
	if m == nil {
		return path
	}
	i, _ := strconv.Atoi(m[2])
	rs := rowOf[m[1]]
	if i < 1 || i > len(rs) {
		return m[1]
	}
	return inputName(m[1], rs[i-1], m[3])
}

// fieldErrors puts problems into words by input name, and lists them in
// the order of the form for the summary at its top.
type fieldErrors struct {
	By      map[string]string
	Summary []summaryLine
}

type summaryLine struct {
	ID, Label, Message string
}

func newFieldErrors(ps []minutes.Problem, p *minutes.Printer) *fieldErrors {
	fe := &fieldErrors{By: map[string]string{}}
	order := map[string]int{}
	for i, k := range scalars {
		order[k] = i * 1000
	}
	for si, s := range sections {
		order[s.Name] = (len(scalars)+si)*1000 - 1
	}
	rank := func(name string) int {
		if r, ok := order[name]; ok {
			return r
		}
		for si, s := range sections {
			if rest, ok := strings.CutPrefix(name, s.Name+"."); ok {
				idx, key, _ := strings.Cut(rest, ".")
				i, _ := strconv.Atoi(idx)
				k := 0
				for j, c := range s.Cols {
					if c.Key == key {
						k = j
					}
				}
				return (len(scalars)+si)*1000 + i*10 + k
			}
		}
		return 1 << 30
	}
	sort.SliceStable(ps, func(i, j int) bool { return rank(ps[i].Field) < rank(ps[j].Field) })
	for _, pr := range ps {
		msg := say(p, pr.Reason)
		if prev, ok := fe.By[pr.Field]; ok {
			fe.By[pr.Field] = prev + "; " + msg
		} else {
			fe.By[pr.Field] = msg
		}
		fe.Summary = append(fe.Summary, summaryLine{ID: summaryTarget(pr.Field), Label: fieldLabel(p, pr.Field), Message: msg})
	}
	return fe
}

// summaryTarget is the id a line of the error summary links to: the input,
// or for a whole section its heading.
func summaryTarget(name string) string {
	if _, ok := sectionNamed(name); ok {
		return "sec-" + fieldID(name)
	}
	if name == "" {
		return "form-top"
	}
	return fieldID(name)
}

// fieldLabel names an input for the error summary: its label, with the
// row's number in its section (Người chủ trì 2: Họ và tên).
func fieldLabel(p *minutes.Printer, name string) string {
	if name == "" {
		return ""
	}
	if _, ok := sectionNamed(name); ok {
		return p.T("web.sec." + name)
	}
	for _, s := range sections {
		if rest, ok := strings.CutPrefix(name, s.Name+"."); ok {
			idx, key, _ := strings.Cut(rest, ".")
			i, _ := strconv.Atoi(idx)
			l := p.T("web.row."+s.Name) + " " + strconv.Itoa(i+1)
			if key != "" {
				l += ": " + p.T("web.col."+s.Name+"."+key)
			}
			return l
		}
	}
	return p.T("web.field." + name)
}
