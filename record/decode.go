// Package record reads and writes meetings in the record format: YAML
// (several documents per file) or JSON with the same keys, strictly
// (unknown keys, wrong types and impossible values are problems with their
// field path and line). It owns the YAML dependency, the reading of record
// sources (files, standard input, uploads) and the import stream that
// stores them while they are read, backups, and the JSON and CSV views that
// scripts read. It imports only the domain (minutes): never the store,
// report or a front end.
package record

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// Doc is one decoded document of a file.
type Doc struct {
	Source  string // file name as the user gave it
	Index   int    // 1-based position in the file
	Line    int    // line where the document starts
	Meeting *minutes.Meeting
	Meta    *Meta // the backup block (record:), nil in ordinary records
	Err     error // EINVALID *minutes.Error, located; nil when valid
	lines   map[string]int
	part    *minutes.BackupPart // a backup's document that is not a meeting (BackupPart)
	size    int                 // bytes of text it was decoded from; 0 for the later items of a list
}

// LineOf returns the line of a field path, or of its nearest parent.
func (d *Doc) LineOf(field string) int {
	for field != "" {
		if l, ok := d.lines[field]; ok {
			return l
		}
		i := strings.LastIndexAny(field, ".[")
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return d.Line
}

// Decode reads every document of data. A problem that spoils the whole file
// (not UTF-8, empty, broken YAML syntax) is returned as the error; problems
// within a document are in that Doc's Err, each with its field and line, so
// the caller decides between all-or-nothing and keeping the valid ones.
func Decode(source string, data []byte) ([]Doc, error) {
	var docs []Doc
	err := DecodeFunc(source, data, func(d Doc) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// DecodeFunc is Decode calling fn with each document as soon as it is read,
// so that a caller can store a large file while the rest is decoded. An
// error from fn stops decoding and is returned. A syntax error later in the
// file is returned after fn has seen the documents before it.
func DecodeFunc(source string, data []byte, fn func(Doc) error) error {
	return DecodeReader(source, bytes.NewReader(data), fn)
}

// Meetings decodes data and fails on the first document with problems,
// reporting the problems of all documents (the first MaxProblems, and how
// many more). Once a document has problems the others are no longer kept,
// so that a file of a million broken documents is reported in bounded
// memory.
func Meetings(source string, data []byte) ([]Doc, error) {
	var docs []Doc
	var ps minutes.ProblemList
	err := DecodeFunc(source, data, func(d Doc) error {
		var e *minutes.Error
		switch {
		case errors.As(d.Err, &e):
			ps.AddErr(e)
			docs = nil
		case d.Err != nil:
			return d.Err
		case ps.Len() == 0:
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return docs, nil
}

func decodeDoc(source string, index int, n *yaml.Node) Doc {
	d := Doc{Source: source, Index: index, Line: n.Line, lines: map[string]int{}}
	r := &reader{lines: d.lines}
	if partKey(n) != "" {
		// A backup's header, deleted drafts or reports: no meeting. To any
		// reader but a restore it is a problem.
		p := r.part(n)
		if err := r.err(); err != nil {
			d.Err = minutes.WithSource(err, source, index, d.LineOf)
			return d
		}
		d.part = p
		d.Err = minutes.WithSource(minutes.Invalid([]minutes.Problem{{Line: n.Line, Field: partKey(n), Reason: minutes.M("backup.part_only")}}), source, index, d.LineOf)
		return d
	}
	m := r.meeting(n)
	if meta := r.metaNode; meta != nil {
		d.Meta = r.meta(meta)
		if ids := d.Meta.ConclusionIDs; len(ids) > 0 && len(ids) != len(m.Conclusions) && len(r.problems) == 0 {
			r.fail(meta, "record.conclusion_ids", "backup.conclusion_ids", len(ids), len(m.Conclusions))
		}
	}
	if len(r.problems) == 0 {
		m.Normalize()
		if err := m.Validate(); err != nil {
			var e *minutes.Error
			errors.As(err, &e)
			r.problems = append(r.problems, e.Problems...)
			r.unlisted += e.Unlisted
		}
	}
	d.Meeting = m
	d.Err = minutes.WithSource(r.err(), source, index, d.LineOf)
	return d
}

// reader walks one document, collecting problems instead of stopping at the
// first, and remembering the line of every field for later messages.
type reader struct {
	problems []minutes.Problem // at most MaxProblems
	unlisted int               // problems found beyond them
	lines    map[string]int
	metaNode *yaml.Node
}

// add records p, or counts it once MaxProblems are listed: a document of a
// million unknown keys is reported in bounded memory.
func (r *reader) add(p minutes.Problem) {
	if len(r.problems) >= minutes.MaxProblems {
		r.unlisted++
		return
	}
	r.problems = append(r.problems, p)
}

// err is the EINVALID error of the problems found; nil when none.
func (r *reader) err() error {
	var l minutes.ProblemList
	l.AddErr(&minutes.Error{Problems: r.problems, Unlisted: r.unlisted})
	return l.Err()
}

func (r *reader) fail(n *yaml.Node, field, key string, args ...any) {
	r.failMsg(n, field, minutes.M(key, args...))
}

func (r *reader) failMsg(n *yaml.Node, field string, reason minutes.Msg) {
	line := 0
	if n != nil {
		line = n.Line
	}
	r.add(minutes.Problem{Field: field, Line: line, Reason: reason})
}

// failErr records the error of parsing a field's value as its problem.
func (r *reader) failErr(n *yaml.Node, field string, err error) {
	r.add(minutes.Problem{Field: field, Line: n.Line, Reason: minutes.ReasonOf(err)})
}

// badTag returns the tag written on n when it is one the record format
// does not take: a tag changes what a value means (!!binary is base64,
// !!timestamp a time, !foo anything an application likes), and a record
// holds only text, numbers and yes or no. The core tags that the parser
// would have given the same value anyway (!!str, !!int, …) are taken.
func badTag(n *yaml.Node) string {
	if n.Style&yaml.TaggedStyle == 0 {
		return ""
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str", "!!int", "!!float", "!!bool", "!!null":
			return ""
		}
	case yaml.MappingNode:
		if n.Tag == "!!map" {
			return ""
		}
	case yaml.SequenceNode:
		if n.Tag == "!!seq" {
			return ""
		}
	}
	return minutes.Brief(n.Tag)
}

// tagged reports, as a problem of field, a tag that n may not carry.
func (r *reader) tagged(n *yaml.Node, field string) bool {
	if tag := badTag(n); tag != "" {
		r.fail(n, field, "record.tag", tag)
		return true
	}
	return false
}

// fields iterates a mapping node, rejecting unknown and repeated keys. A
// key given twice is refused, as an unknown one is: otherwise the second
// would silently replace the first.
func (r *reader) fields(n *yaml.Node, path string, known []string, f func(key string, v *yaml.Node, field string)) {
	if r.tagged(n, path) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.fail(n, path, "record.want_mapping", kindName(n))
		return
	}
	var seen [64]int // line+1 of each known key given; known lists are short
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if k.Kind != yaml.ScalarNode {
			name = fmt.Sprint(kindName(k))
		}
		field := minutes.Brief(name)
		if path != "" {
			field = path + "." + field
		}
		if r.tagged(k, field) {
			continue
		}
		at := index(known, k.Value)
		if at < 0 || k.Kind != yaml.ScalarNode {
			if len(r.problems) >= minutes.MaxProblems {
				r.unlisted++ // not shown: no suggestion to look for
				continue
			}
			if s := suggest(k.Value, known); s != "" {
				r.fail(k, field, "record.unknown_key_suggest", minutes.Brief(name), s)
			} else {
				r.fail(k, field, "record.unknown_key", minutes.Brief(name), strings.Join(known, ", "))
			}
			continue
		}
		if first := seen[at]; first > 0 {
			if first > 1 {
				r.fail(k, field, "record.duplicate_key_at", k.Value, first-1)
			} else {
				r.fail(k, field, "record.duplicate_key", k.Value)
			}
			continue
		}
		seen[at] = k.Line + 1
		if k.Line > 0 { // 0 in a snapshot (snapshot.go): nothing to point at
			r.lines[field] = k.Line
		}
		f(k.Value, v, field)
	}
}

func (r *reader) str(n *yaml.Node, field string) string {
	switch {
	case r.tagged(n, field):
		return ""
	case n.Kind == yaml.AliasNode:
		return r.str(n.Alias, field)
	case n.Kind != yaml.ScalarNode:
		r.fail(n, field, "record.want_text", kindName(n))
		return ""
	case n.Tag == "!!null":
		return ""
	}
	return n.Value
}

// integer reads a whole number of at most max: the domain's bound where
// it has one, else what an INTEGER column of the store holds.
func (r *reader) integer(n *yaml.Node, field string, max int) int {
	if r.tagged(n, field) {
		return 0
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!str") {
		r.fail(n, field, "record.want_integer", minutes.Brief(n.Value))
		return 0
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if err != nil {
		r.fail(n, field, "record.want_integer", minutes.Brief(n.Value))
		return 0
	}
	if v > max {
		r.failMsg(n, field, minutes.TooBig(v, max))
		return 0
	}
	return v
}

// maxStored is the largest number an INTEGER column holds on PostgreSQL
// (int4): a larger version or position would fail there as an internal
// error.
const maxStored = math.MaxInt32

func (r *reader) boolean(n *yaml.Node, field string) bool {
	if r.tagged(n, field) {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "có":
			return true
		case "false", "no", "không":
			return false
		}
	}
	r.fail(n, field, "record.want_bool", minutes.Brief(n.Value))
	return false
}

func (r *reader) date(n *yaml.Node, field string) minutes.Date {
	s := r.str(n, field)
	if s == "" {
		return minutes.Date{}
	}
	d, err := minutes.ParseDate(s)
	if err != nil {
		r.failErr(n, field, err)
	}
	return d
}

func (r *reader) clock(n *yaml.Node, field string) *minutes.Clock {
	s := r.str(n, field)
	if n.Tag == "!!int" && !strings.Contains(s, ":") {
		// YAML 1.1 would read 7:30 as the number 450; yaml.v3 does not, but a
		// value such as 730 is a typo we should not guess at.
		r.fail(n, field, "time.format", s)
		return nil
	}
	if s == "" {
		return nil
	}
	c, err := minutes.ParseClock(s)
	if err != nil {
		r.failErr(n, field, err)
		return nil
	}
	return &c
}

// list iterates a sequence node; a single mapping or scalar is taken as a
// list of one, since secretaries often write a single item without a dash.
func (r *reader) list(n *yaml.Node, field string, f func(v *yaml.Node, field string)) {
	r.bounded(n, field, 0, f)
}

// bounded is list for a list of at most max entries (0: no bound but the
// document's). A longer one is refused before any entry is read, so that a
// million chairs cost neither a million people nor a million problems.
func (r *reader) bounded(n *yaml.Node, field string, max int, f func(v *yaml.Node, field string)) {
	if r.tagged(n, field) {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		f(n, field+"[1]")
		return
	}
	if max > 0 && len(n.Content) > max {
		r.failMsg(n, field, minutes.ListTooLong(len(n.Content), max))
		return
	}
	for i, v := range n.Content {
		p := fmt.Sprintf("%s[%d]", field, i+1)
		if v.Line > 0 {
			r.lines[p] = v.Line
		}
		f(v, p)
	}
}

func (r *reader) person(n *yaml.Node, field string) minutes.Person {
	var p minutes.Person
	if n.Kind == yaml.ScalarNode { // "chair: Nguyễn Văn Quận"
		p.Name = r.str(n, field)
		return p
	}
	r.fields(n, field, []string{"name", "title"}, func(k string, v *yaml.Node, f string) {
		switch k {
		case "name":
			p.Name = r.str(v, f)
		case "title":
			p.Title = r.str(v, f)
		}
	})
	return p
}

var meetingKeys = []string{
	"organization", "parent_organization", "header", "number", "title", "date",
	"start_time", "end_time", "place", "location", "chairs", "chair", "secretary",
	"attendance", "agenda", "summary", "comments", "comment_count", "conclusions",
	"recipients", "notice", "id", "status", "version", "hash", "record",
}

func (r *reader) meeting(n *yaml.Node) *minutes.Meeting {
	m := &minutes.Meeting{}
	if r.tagged(n, "") {
		return m
	}
	seen := map[string]bool{}
	r.fields(n, "", meetingKeys, func(k string, v *yaml.Node, f string) {
		seen[k] = true
		switch k {
		case "organization":
			m.Organization = r.str(v, f)
		case "parent_organization":
			m.ParentOrganization = r.str(v, f)
		case "header":
			m.Header = r.str(v, f)
		case "number":
			m.Number = r.str(v, f)
		case "title":
			m.Title = r.str(v, f)
		case "date":
			m.Date = r.date(v, f)
		case "start_time":
			m.StartTime = r.clock(v, f)
		case "end_time":
			m.EndTime = r.clock(v, f)
		case "place":
			m.Place = r.str(v, f)
		case "location":
			m.Location = r.str(v, f)
		case "chairs", "chair":
			r.bounded(v, "chairs", minutes.MaxChairs, func(v *yaml.Node, f string) { m.Chairs = append(m.Chairs, r.person(v, f)) })
		case "secretary":
			if v.Tag != "!!null" {
				p := r.person(v, f)
				m.Secretary = &p
			}
		case "attendance":
			r.attendance(v, f, &m.Attendance)
		case "agenda":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) {
				var it minutes.AgendaItem
				if v.Kind == yaml.ScalarNode {
					it.Title = r.str(v, f)
				} else {
					r.fields(v, f, []string{"title", "presenter"}, func(k string, v *yaml.Node, f string) {
						switch k {
						case "title":
							it.Title = r.str(v, f)
						case "presenter":
							it.Presenter = r.str(v, f)
						}
					})
				}
				m.Agenda = append(m.Agenda, it)
			})
		case "summary":
			m.Summary = r.str(v, f)
		case "comments":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) {
				var c minutes.Comment
				if v.Kind == yaml.ScalarNode {
					c.Content = r.str(v, f)
				} else {
					r.fields(v, f, []string{"speaker", "title", "content"}, func(k string, v *yaml.Node, f string) {
						switch k {
						case "speaker":
							c.Speaker = r.str(v, f)
						case "title":
							c.Title = r.str(v, f)
						case "content":
							c.Content = r.str(v, f)
						}
					})
				}
				m.Comments = append(m.Comments, c)
			})
		case "comment_count":
			m.CommentCount = r.integer(v, f, minutes.MaxTurns)
		case "conclusions":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) {
				var c minutes.Conclusion
				if v.Kind == yaml.ScalarNode {
					c.Content = r.str(v, f)
				} else {
					r.fields(v, f, conclusionKeys, func(k string, v *yaml.Node, f string) { r.conclusion(k, v, f, &c) })
				}
				m.Conclusions = append(m.Conclusions, c)
			})
		case "recipients":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) { m.Recipients = append(m.Recipients, r.str(v, f)) })
		case "notice":
			m.Notice = r.notice(v, f)
		case "id":
			m.ID = int64(r.integer(v, f, math.MaxInt)) // as show -o json prints it; ignored on import
		case "status":
			// As show -o json prints it, so that what it prints reads back;
			// ignored on import: a record is stored as a new draft.
			switch s := r.str(v, f); s {
			case "", minutes.StatusDraft, minutes.StatusFinalized:
			default:
				r.fail(v, f, "record.status", minutes.Brief(s))
			}
		case "version":
			r.integer(v, f, maxStored) // as status
		case "hash":
			r.str(v, f) // as status: the seal that show prints, computed again when finalized
		case "record":
			r.metaNode = v
		}
	})
	if seen["chair"] && seen["chairs"] {
		r.fail(n, "chair", "record.chair_and_chairs")
	}
	if !seen["attendance"] && n.Kind == yaml.MappingNode {
		r.fail(n, "attendance.present", "field.required")
	}
	return m
}

var conclusionKeys = []string{"content", "owner", "due"}

func (r *reader) conclusion(k string, v *yaml.Node, f string, c *minutes.Conclusion) {
	switch k {
	case "content":
		c.Content = r.str(v, f)
	case "owner":
		c.Owner = r.str(v, f)
	case "due":
		c.Due = r.date(v, f)
	}
}

func (r *reader) attendance(n *yaml.Node, path string, a *minutes.Attendance) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" { // "attendance: 80"
		a.Present = r.integer(n, path+".present", minutes.MaxDelegates)
		return
	}
	if r.tagged(n, path) {
		return
	}
	seenPresent := false
	r.fields(n, path, []string{"present", "at_least", "invited", "absent", "composition"}, func(k string, v *yaml.Node, f string) {
		switch k {
		case "present":
			seenPresent = true
			a.Present = r.integer(v, f, minutes.MaxDelegates)
		case "at_least":
			a.AtLeast = r.boolean(v, f)
		case "invited":
			a.Invited = r.integer(v, f, minutes.MaxDelegates)
		case "absent":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) {
				var ab minutes.Absentee
				if v.Kind == yaml.ScalarNode {
					ab.Name = r.str(v, f)
				} else {
					r.fields(v, f, []string{"name", "reason"}, func(k string, v *yaml.Node, f string) {
						switch k {
						case "name":
							ab.Name = r.str(v, f)
						case "reason":
							ab.Reason = r.str(v, f)
						}
					})
				}
				a.Absent = append(a.Absent, ab)
			})
		case "composition":
			a.Composition = r.str(v, f)
		}
	})
	if !seenPresent && n.Kind == yaml.MappingNode {
		r.fail(n, path+".present", "field.required")
	}
}

// kindName names what n is, for a message: a kind of node, or its value.
func kindName(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		return minutes.M("record.kind_mapping")
	case yaml.SequenceNode:
		return minutes.M("record.kind_list")
	}
	return fmt.Sprintf("%q", minutes.Brief(n.Value))
}

func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// suggest returns the known key closest to k when it is a likely typo:
// within two edits. Only a key of about a known key's length can be, so a
// long one is not compared at all, and the work per key is bounded (a file
// of 20 MB of unknown keys took 26 s when each was compared whole).
func suggest(k string, known []string) string {
	const most = 32 // the longest known key, parent_organization, has 19
	if len(k) > most {
		return ""
	}
	k = strings.ToLower(k)
	n := utf8.RuneCountInString(k)
	best, bestD := "", 3
	for _, c := range known {
		if d := len(c) - n; d > 2 || d < -2 {
			continue
		}
		if d := distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func syntaxLine(err error) int {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		n := 0
		for _, c := range s[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	return 0
}

// syntaxHint explains the two YAML slips secretaries make most: a ": "
// inside unquoted text, and indenting with tabs.
func syntaxHint(err error) minutes.Msg {
	switch s := err.Error(); {
	case strings.Contains(s, "mapping values are not allowed"):
		return minutes.M("record.hint_colon")
	case strings.Contains(s, "found character that cannot start any token"), strings.Contains(s, "found a tab character"):
		return minutes.M("record.hint_tab")
	}
	return minutes.Msg{}
}

func cleanYAMLError(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(s, ": "); i >= 0 && strings.HasPrefix(s, "line ") {
		s = s[i+2:]
	}
	return s
}
