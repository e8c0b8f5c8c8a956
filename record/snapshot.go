package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// A snapshot is a meeting as it was after one change: what the store keeps
// in each history row, and what a backup writes under
// record.history[].snapshot. Both are the record format: the meeting
// without its ID, and a record: block with status, version, the timestamps
// and who finalized it. Its keys are the format's own, not the names of the
// domain's Go fields, so renaming a field of minutes.Meeting cannot blank
// the history written before (snapshot_test.go keeps a snapshot as it was
// written to prove it). Conclusion IDs are left out, as in a backup: they
// name rows that a later version may have replaced.
//
// The record format carries no version number; a snapshot is told by its
// record: block. Should the format ever change incompatibly, it needs a
// version there, for backups as much as for snapshots.

// snapshotWire is the record form of a snapshot of m, its times written by at.
func snapshotWire(m *minutes.Meeting, at func(time.Time) time.Time) Wire {
	w := ToWire(m, false)
	w.Record = metaOf(m, at)
	return w
}

// exact keeps a time as the store has it, in UTC, where a backup rounds it
// to PostgreSQL's microseconds (stamp). The store's clock keeps
// microseconds already, so the two forms are the same bytes in practice;
// a finer time (from a test's clock, or a snapshot written before) is kept
// as it is, so that a version reads back as the row was.
func exact(t time.Time) time.Time { return t.UTC() }

// MarshalSnapshot returns the snapshot of m as the store keeps it: compact
// JSON in the record format, with a record: block. m.ID and the conclusion
// IDs are not written.
func MarshalSnapshot(m *minutes.Meeting) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(snapshotWire(m, exact)); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// UnmarshalSnapshot reads a snapshot that MarshalSnapshot wrote, with the
// record decoder and as strictly as a backup: a key the format does not
// know is a problem, not something to skip. Snapshots are written by
// programs, not typed, so such a key means a newer version of minutes
// wrote it (or a bug renamed a key); skipping it would show or back up a
// record with a part silently missing. The meeting is normalized, not
// validated: a snapshot is what was stored, under the rules of its day.
// The error is EINVALID with the problems found.
func UnmarshalSnapshot(data []byte) (*minutes.Meeting, error) {
	n, err := jsonNode(data)
	if err != nil {
		return nil, minutes.Invalid([]minutes.Problem{{Reason: minutes.M("record.syntax", err.Error())}})
	}
	r := &reader{lines: map[string]int{}}
	m := r.snapshot(n, "")
	if err := minutes.Invalid(r.problems); err != nil {
		return nil, err
	}
	return m, nil
}

// jsonNode parses one JSON value into the tree of nodes that the record
// decoder walks, tagged as yaml.v3 tags the same JSON. yaml.v3 reads JSON
// too, but a backup reads every snapshot of the database, and yaml.v3 (or
// encoding/json's Token) takes several times as long. Strings with an
// escape are left to encoding/json; the rest is the JSON grammar.
func jsonNode(data []byte) (*yaml.Node, error) {
	p := &jsonParser{data: data}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if p.skip(); p.pos < len(p.data) {
		return nil, p.fail("after the value")
	}
	return n, nil
}

type jsonParser struct {
	data  []byte
	pos   int
	nodes []yaml.Node // allocated a slab at a time: a snapshot has about 150
}

func (p *jsonParser) node(kind yaml.Kind, tag, value string) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 64)
	}
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Tag: tag, Value: value})
	return &p.nodes[len(p.nodes)-1]
}

// maxDepth bounds nesting, so that a damaged row cannot run the stack
// out; a snapshot nests four levels deep.
const maxDepth = 100

func (p *jsonParser) fail(where string) error {
	if p.pos >= len(p.data) {
		return fmt.Errorf("unexpected end of JSON %s", where)
	}
	return fmt.Errorf("unexpected %q at offset %d %s", p.data[p.pos], p.pos, where)
}

func (p *jsonParser) skip() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deep")
	}
	p.skip()
	if p.pos >= len(p.data) {
		return nil, p.fail("where a value belongs")
	}
	scalar := func(tag, value string) *yaml.Node { return p.node(yaml.ScalarNode, tag, value) }
	switch c := p.data[p.pos]; {
	case c == '"':
		s, err := p.str()
		return scalar("!!str", s), err
	case c == '{' || c == '[':
		return p.collection(c, depth)
	case c == '-' || c >= '0' && c <= '9':
		start, tag := p.pos, "!!int"
		for p.pos < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.pos]) >= 0 {
			if strings.IndexByte(".eE", p.data[p.pos]) >= 0 {
				tag = "!!float"
			}
			p.pos++
		}
		if !json.Valid(p.data[start:p.pos]) {
			p.pos = start
			return nil, p.fail("in a number")
		}
		return scalar(tag, string(p.data[start:p.pos])), nil
	}
	for _, lit := range []struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if bytes.HasPrefix(p.data[p.pos:], []byte(lit.text)) {
			p.pos += len(lit.text)
			return scalar(lit.tag, lit.text), nil
		}
	}
	return nil, p.fail("where a value belongs")
}

// collection parses an object or an array, open being its first byte.
func (p *jsonParser) collection(open byte, depth int) (*yaml.Node, error) {
	n, end := p.node(yaml.SequenceNode, "!!seq", ""), byte(']')
	if open == '{' {
		n.Kind, n.Tag, end = yaml.MappingNode, "!!map", '}'
	}
	p.pos++
	p.skip()
	if p.pos < len(p.data) && p.data[p.pos] == end {
		p.pos++
		return n, nil
	}
	for {
		if open == '{' {
			p.skip()
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return nil, p.fail("where a key belongs")
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			if p.skip(); p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return nil, p.fail("after a key")
			}
			p.pos++
			n.Content = append(n.Content, p.node(yaml.ScalarNode, "!!str", k))
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		p.skip()
		switch {
		case p.pos < len(p.data) && p.data[p.pos] == ',':
			p.pos++
		case p.pos < len(p.data) && p.data[p.pos] == end:
			p.pos++
			return n, nil
		default:
			return nil, p.fail("where , or " + string(end) + " belongs")
		}
	}
}

// str parses the string at p.pos, which is a quote.
func (p *jsonParser) str() (string, error) {
	start := p.pos
	escaped := false
	for p.pos++; p.pos < len(p.data); p.pos++ {
		switch c := p.data[p.pos]; {
		case c == '\\':
			escaped = true
			p.pos++
		case c == '"':
			p.pos++
			raw := p.data[start:p.pos]
			if !utf8.Valid(raw) {
				return "", errors.New("JSON string is not UTF-8")
			}
			if !escaped {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", err
			}
			return s, nil
		case c < 0x20:
			return "", p.fail("in a string")
		}
	}
	return "", p.fail("in a string")
}
