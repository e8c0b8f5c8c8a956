package record

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// A record file is read one document at a time, so that a backup of any
// size restores while what is held stays bounded: the documents are split
// off the stream here, each is parsed on its own, and only the document
// being parsed is in memory. YAML documents end where a line starts with
// --- or ... (the YAML spec forbids those at the start of a line inside any
// scalar, so the split is exact); a JSON file is one object, an array of
// them, or several of either, split at the top level.

// Bounds of one document, far above any real meeting (a record at every
// limit of minutes, with a long history in a backup, is a few megabytes
// and a few hundred thousand parts), low enough that a wrong file is
// refused before the YAML parser builds its tree: yaml.v3 takes 15 to 100
// bytes of memory for each byte of a document, the most for a long list of
// tiny items.
const (
	// MaxDocument is the most bytes of one document: the whole-file limit
	// of earlier versions, so that no document they read is refused.
	MaxDocument = 64 << 20
	// MaxParts bounds the parts of one document (keys, values, list
	// entries), counted from the characters that can start one: a million
	// parts is about 200 MB of parse tree at worst, where a record at
	// every limit of minutes has about 100,000.
	MaxParts = 1_000_000
)

// DecodeReader is DecodeFunc reading r: each document is decoded and given
// to fn as soon as it has been read, before the rest of r is read. The
// text may be UTF-8 (with or without a byte order mark) or UTF-16 with a
// byte order mark, as Windows PowerShell 5.1 writes `>` redirects. A
// problem that spoils the whole file (not text, a document too large,
// broken syntax) is returned as the error once fn has seen the documents
// before it; an error reading r is EINVALID naming the source.
func DecodeReader(source string, r io.Reader, fn func(Doc) error) error {
	return newSplitter(source, r, false).run(fn)
}

// checkReader reads r as DecodeReader does, parsing every document but
// decoding none: the problems that spoil the whole file, found before any
// of it is stored.
func checkReader(source string, r io.Reader) error {
	return newSplitter(source, r, true).run(func(Doc) error { return nil })
}

type splitter struct {
	source    string
	in        *bufio.Reader
	line      int  // lines read so far
	parseOnly bool // parse the documents, decode none
	n         int  // documents decoded
	long      []byte
	fn        func(Doc) error
}

func newSplitter(source string, r io.Reader, parseOnly bool) *splitter {
	br := bufio.NewReaderSize(r, 64<<10)
	switch b, _ := br.Peek(3); {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")): // UTF-8 from Windows Notepad
		_, _ = br.Discard(3)
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		_, _ = br.Discard(2)
		br = bufio.NewReaderSize(&utf16Reader{in: br}, 64<<10)
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		_, _ = br.Discard(2)
		br = bufio.NewReaderSize(&utf16Reader{in: br, bigEndian: true}, 64<<10)
	}
	return &splitter{source: source, in: br, parseOnly: parseOnly}
}

func (s *splitter) fileErr(line int, field string, reason minutes.Msg) error {
	return minutes.Invalid([]minutes.Problem{{Source: s.source, Line: line, Field: field, Reason: reason}})
}

// next returns the next line with its end, or io.EOF after the last. A
// line that is not UTF-8 text is refused there, so that a video or a
// disk image is refused after its first line, not read whole.
func (s *splitter) next() ([]byte, error) {
	s.long = s.long[:0]
	checked := 0 // bytes of s.long known to be text
	for {
		b, err := s.in.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(s.long)+len(b) > MaxDocument {
				return nil, s.fileErr(s.line+1, "", minutes.M("record.doc_too_big", minutes.Number(MaxDocument>>20)))
			}
			s.long = append(s.long, b...)
			// A line as long as the buffer: a binary file, likely.
			// Checked as it comes, a rune cut at the end of a piece
			// checked with the next.
			n, ok := text(s.long[checked:])
			if !ok {
				return nil, s.fileErr(s.line+1, "", minutes.M("record.utf8"))
			}
			checked += n
			continue
		}
		if len(s.long) > 0 {
			s.long = append(s.long, b...)
			b = s.long
		}
		if len(b) == 0 {
			if err == nil || errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", s.source, err)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", s.source, err)
		}
		s.line++
		if n, ok := text(b[checked:]); !ok || checked+n != len(b) {
			return nil, s.fileErr(s.line, "", minutes.M("record.utf8"))
		}
		return b, nil
	}
}

// text reports whether b is UTF-8 text but for a rune cut at its end, and
// how many bytes before that rune are. NUL is UTF-8 but never text: it is
// what UTF-16 without a byte order mark, or a binary file, looks like.
func text(b []byte) (n int, ok bool) {
	n = len(b)
	for i := max(len(b)-utf8.UTFMax+1, 0); i < len(b); i++ {
		if utf8.RuneStart(b[i]) && !utf8.FullRune(b[i:]) {
			n = i
			break
		}
	}
	return n, utf8.Valid(b[:n]) && bytes.IndexByte(b[:n], 0) < 0
}

func (s *splitter) run(fn func(Doc) error) error {
	s.fn = fn
	for {
		line, err := s.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		t := bytes.TrimLeft(line, " \t\r\n")
		if len(t) == 0 {
			continue // blank lines before the first document
		}
		if t[0] == '{' || t[0] == '[' {
			err = s.json(line)
		} else {
			err = s.yaml(line)
		}
		if err != nil {
			return err
		}
		break
	}
	if s.n == 0 {
		return s.fileErr(0, "", minutes.M("record.empty"))
	}
	return nil
}

// parts counts the characters that can start a part of a document: an
// upper bound of the nodes the YAML parser makes of the line.
func parts(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case ',', ':', '-', '[', '{', '?', '\n', '*', '&', '!':
			n++
		}
	}
	return n
}

// isMarker reports whether line starts with the document marker m (--- or
// ...) followed by a space or the end of the line.
func isMarker(line []byte, m string) bool {
	if !bytes.HasPrefix(line, []byte(m)) {
		return false
	}
	rest := line[len(m):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r' || rest[0] == '\n'
}

// yaml splits the stream at its document markers, first being the first
// line that is not blank.
func (s *splitter) yaml(first []byte) error {
	var doc []byte
	start, count, content, key := 0, 0, false, ""
	flush := func() error {
		err := s.parse(start, doc)
		doc, count, content, key = doc[:0], 0, false, ""
		return err
	}
	line := first
	for {
		if isMarker(line, "---") && content {
			if err := flush(); err != nil {
				return err
			}
		}
		if len(doc) == 0 {
			start = s.line
		}
		if len(doc)+len(line) > MaxDocument {
			return s.fileErr(s.line, key, minutes.M("record.doc_too_big", minutes.Number(MaxDocument>>20)))
		}
		doc = append(doc, line...)
		if count += parts(line); count > MaxParts {
			return s.fileErr(s.line, key, minutes.M("record.doc_too_many_parts", minutes.Number(MaxParts)))
		}
		switch t := bytes.TrimLeft(line, " \t\r\n"); {
		case len(t) == 0 || t[0] == '#' || (!content && line[0] == '%') || (!content && isMarker(line, "---") && len(bytes.TrimSpace(line)) == 3):
			// nothing yet: a comment, a directive, a bare ---
		default:
			content = true
			if c := line[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' {
				if k, _, ok := bytes.Cut(line, []byte(":")); ok {
					key = minutes.Brief(string(k)) // the top-level field, to name in a message
				}
			}
		}
		if isMarker(line, "...") {
			if err := flush(); err != nil { // what follows belongs to the next document
				return err
			}
		}
		var err error
		if line, err = s.next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
	}
	if len(doc) == 0 {
		return nil
	}
	return flush()
}

// json splits a JSON stream into its top-level values, and an array at the
// top level into its elements, each decoded as one document.
func (s *splitter) json(first []byte) error {
	var (
		elem            []byte
		start, count    int
		depth           int  // nesting within the element
		inStr, esc      bool // within a string of the element
		scalar          bool // the element is a bare value (an error, found by the decoder)
		inArray, needed bool // within the top-level array; an element must come next
		after           bool // an element was read: a comma or ] must come next
	)
	flush := func() error {
		err := s.parse(start, elem)
		elem, count, scalar = elem[:0], 0, false
		return err
	}
	syntax := func(what string) error {
		return s.fileErr(s.line, "", minutes.M("record.syntax", what))
	}
	line := first
	for {
		for i := 0; i < len(line); i++ {
			c := line[i]
			if depth > 0 || scalar {
				if scalar && !inStr && (c == ',' || c == ']' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
					if err := flush(); err != nil {
						return err
					}
					after = true
					i-- // the delimiter is read again, between elements
					continue
				}
				if len(elem) >= MaxDocument {
					return s.fileErr(s.line, "", minutes.M("record.doc_too_big", minutes.Number(MaxDocument>>20)))
				}
				if c == '\t' {
					c = ' ' // white space in valid JSON; YAML refuses tabs as indentation
				}
				elem = append(elem, c)
				switch {
				case inStr && esc:
					esc = false
				case inStr && c == '\\':
					esc = true
				case inStr:
					inStr = c != '"'
				case c == '"':
					inStr = true
				case c == '{' || c == '[':
					depth++
				case c == '}' || c == ']':
					depth--
				}
				if !inStr && (c == ',' || c == ':' || c == '{' || c == '[') {
					if count++; count > MaxParts {
						return s.fileErr(s.line, "", minutes.M("record.doc_too_many_parts", minutes.Number(MaxParts)))
					}
				}
				if depth == 0 && !scalar {
					if err := flush(); err != nil {
						return err
					}
					after = true
				}
				continue
			}
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			case !inArray && c == '[':
				inArray, needed, after = true, false, false
			case inArray && after && c == ',':
				after, needed = false, true
			case inArray && !needed && c == ']': // also [] and [{…}]
				inArray, after = false, false
			case inArray && (c == ']' || c == ','):
				return syntax("unexpected " + strconv.QuoteRune(rune(c)) + " in JSON")
			case !inArray && c == '{', inArray && !after:
				start, needed = s.line, false
				elem, count = append(elem[:0], c), 1
				switch c {
				case '{', '[':
					depth = 1
				case '"':
					scalar, inStr = true, true
				default:
					scalar = true
				}
			default:
				return syntax("unexpected " + strconv.QuoteRune(rune(c)) + " in JSON")
			}
		}
		var err error
		if line, err = s.next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
	}
	switch {
	case depth > 0 || inStr:
		// Unfinished: the YAML parser says what is missing, and where.
		if err := s.parse(start, elem); err != nil {
			return err
		}
		return syntax("unexpected end of JSON")
	case scalar:
		return flush()
	case inArray:
		return syntax("did not find expected ',' or ']'")
	}
	return nil
}

// parse decodes the documents of one piece of the stream, whose first line
// is line start of the file, and gives each to fn.
func (s *splitter) parse(start int, data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			msg := shiftLines(cleanYAMLError(err), start-1)
			line := syntaxLine(err)
			if line > 0 {
				line += start - 1
			}
			if hint := syntaxHint(err); !hint.IsZero() {
				return s.fileErr(line, "", minutes.M("record.syntax_hint", msg, hint))
			}
			return s.fileErr(line, "", minutes.M("record.syntax", msg))
		}
		if len(root.Content) == 0 {
			continue
		}
		node := root.Content[0]
		if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
			continue // an empty document between two ---
		}
		shift(&root, start-1)
		items := []*yaml.Node{node}
		if node.Kind == yaml.SequenceNode { // a list of meetings in one document
			if tag := badTag(node); tag != "" {
				return s.fileErr(node.Line, "", minutes.M("record.tag", tag))
			}
			items = node.Content
		}
		size := len(data)
		for _, it := range items {
			s.n++
			if s.parseOnly {
				continue
			}
			d := decodeDoc(s.source, s.n, it)
			d.size, size = size, 0
			if err := s.fn(d); err != nil {
				return err
			}
		}
	}
}

// shift moves the lines of n and everything under it by off: a document is
// parsed on its own, its lines counted from 1.
func shift(n *yaml.Node, off int) {
	if off == 0 {
		return
	}
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Line > 0 {
			n.Line += off
		}
		stack = append(stack, n.Content...)
	}
}

// shiftLines moves each "line N" of a parser's message by off.
func shiftLines(msg string, off int) string {
	if off == 0 || !strings.Contains(msg, "line ") {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.Index(msg, "line ")
		if i < 0 {
			break
		}
		b.WriteString(msg[:i+5])
		msg = msg[i+5:]
		j := 0
		for j < len(msg) && msg[j] >= '0' && msg[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(msg[:j]); err == nil {
			b.WriteString(strconv.Itoa(n + off))
		} else {
			b.WriteString(msg[:j])
		}
		msg = msg[j:]
	}
	b.WriteString(msg)
	return b.String()
}

// utf16Reader turns UTF-16 text (after its byte order mark) into UTF-8. A
// code unit that is not text (a lone surrogate, an odd last byte) becomes
// a byte that is not UTF-8, refused where it stands like any such byte.
type utf16Reader struct {
	in        io.Reader
	bigEndian bool
	raw       [8 << 10]byte
	keep      int // bytes of raw left from the last read: an odd byte, a high surrogate
	out       []byte
	err       error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 && u.err == nil {
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	if len(u.out) == 0 && u.err != nil {
		return n, u.err
	}
	return n, nil
}

func (u *utf16Reader) fill() {
	n, err := u.in.Read(u.raw[u.keep:])
	n += u.keep
	u.keep = 0
	u.out = u.out[:0]
	unit := func(i int) rune {
		if u.bigEndian {
			return rune(u.raw[i])<<8 | rune(u.raw[i+1])
		}
		return rune(u.raw[i+1])<<8 | rune(u.raw[i])
	}
	i := 0
	for ; i+1 < n; i += 2 {
		r := unit(i)
		switch {
		case r >= 0xD800 && r < 0xDC00: // high surrogate: its pair follows
			if i+3 >= n {
				if err == nil {
					u.keep = copy(u.raw[:], u.raw[i:n])
					i = n
					continue
				}
				u.out = append(u.out, 0xff)
				continue
			}
			lo := unit(i + 2)
			if lo < 0xDC00 || lo > 0xDFFF {
				u.out = append(u.out, 0xff)
				continue
			}
			u.out = utf8.AppendRune(u.out, 0x10000+(r-0xD800)<<10+(lo-0xDC00))
			i += 2
		case r >= 0xDC00 && r <= 0xDFFF:
			u.out = append(u.out, 0xff)
		default:
			u.out = utf8.AppendRune(u.out, r)
		}
	}
	if i < n { // an odd byte
		if err == nil {
			u.keep = copy(u.raw[:], u.raw[i:n])
		} else {
			u.out = append(u.out, 0xff)
		}
	}
	u.err = err
}
