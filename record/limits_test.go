package record_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Issue 15 at the record decoder: nothing silently lost (duplicate keys,
// lenient values, tags), nothing unbounded (counts, lists, unknown keys,
// error lists, document sizes), and the files Windows writes.

var (
	vi = minutes.NewCatalog(minutes.DomainMessages, record.Messages).Printer(minutes.LangVI)
	en = minutes.NewCatalog(minutes.DomainMessages, record.Messages).Printer(minutes.LangEN)
)

// base is a valid record; its lines are numbered as the cases below say.
const base = `organization: Thành ủy Sóc Trăng
title: Hội nghị giao ban quý I/2021
date: 25/3/2021
start_time: 7:30
chairs:
  - name: Nguyễn Văn Quận
attendance:
  present: 80
  invited: 85
`

const baseJSON = `{
  "organization": "Thành ủy Sóc Trăng",
  "title": "Hội nghị giao ban quý I/2021",
  "date": "2021-03-25",
  "chairs": [{"name": "Nguyễn Văn Quận"}],
  "attendance": {"present": 80, "invited": 85}
}
`

// problem is what a case expects: the field, the line and words of the
// English message.
type problem struct {
	field string
	line  int
	says  string
}

// expect decodes input and checks that it is refused with exactly the
// problem p (code EINVALID, field, line and message), or accepted when p
// is the zero problem.
func expect(t *testing.T, input string, p problem) []record.Doc {
	t.Helper()
	docs, err := record.Meetings("r.yaml", []byte(input))
	if p == (problem{}) {
		if err != nil {
			t.Fatalf("refused: %s", en.Error(err))
		}
		return docs
	}
	var e *minutes.Error
	if !errors.As(err, &e) || e.Code != minutes.EINVALID {
		t.Fatalf("got %v, want EINVALID", err)
	}
	if len(e.Problems) != 1 {
		t.Fatalf("want one problem, got %d:\n%s", len(e.Problems), en.Error(err))
	}
	got := e.Problems[0]
	if got.Field != p.field || got.Line != p.line || !strings.Contains(en.Msg(got.Reason), p.says) || got.Source != "r.yaml" {
		t.Fatalf("got %s line %d %q, want %s line %d saying %q", got.Field, got.Line, en.Msg(got.Reason), p.field, p.line, p.says)
	}
	return nil
}

func TestDuplicateKeys(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        problem
	}{
		{"OK", base, problem{}},
		{"OKJSON", baseJSON, problem{}},
		{"ErrTitleTwice", base + "title: Hai\n", problem{"title", 10, "given already at line 2"}},
		{"ErrPresentTwice", base + "  present: 99\n", problem{"attendance.present", 10, "given already at line 8"}},
		{"ErrNameTwice", strings.Replace(base, "  - name: Nguyễn Văn Quận\n", "  - name: Một\n    name: Hai\n", 1), problem{"chairs[1].name", 7, "given already at line 6"}},
		{"ErrHeaderTwice", base + "header: party\nheader: state\n", problem{"header", 11, "given already at line 10"}},
		{"ErrJSONTitleTwice", strings.Replace(baseJSON, `"date"`, `"title": "Hai", "date"`, 1), problem{"title", 4, "given already at line 3"}},
		{"ErrJSONPresentTwice", strings.Replace(baseJSON, `"present": 80,`, `"present": 10, "present": 99,`, 1), problem{"attendance.present", 6, "given already at line 6"}},
		{"ErrBackupTwice", backupDoc + "  status: draft\n", problem{"record.status", 42, "given already at line 17"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := expect(t, tc.input, tc.want)
			if tc.want == (problem{}) && docs[0].Meeting.Attendance.Present != 80 {
				t.Fatalf("present %d", docs[0].Meeting.Attendance.Present)
			}
		})
	}
}

func TestParseDateAndClockStrict(t *testing.T) {
	for _, s := range []string{"25/3/2021", "25/03/2021", "2021-03-25", "25-03-2021", "25.3.2021", "  25/3/2021 "} {
		if d, err := minutes.ParseDate(s); err != nil || d != minutes.NewDate(2021, 3, 25) {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"-1/-3/2021", "+1/3/2021", "1/+3/2021", "25/3/+2021", "25/3-2021", "25//3/2021", "2021/03/25",
		"25/3/21", "025/3/2021", "25/003/2021", "25 /3/2021", "٢٥/٣/٢٠٢١", "2021-03-25T00:00", "0x19/3/2021", "25/3/2021/1"} {
		if d, err := minutes.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, d)
		}
	}
	for s, want := range map[string]string{"7:30": "07:30", "07:30": "07:30", "7h30": "07:30", "7h": "07:00", "07 giờ 30": "07:30", "7 giờ 30 phút": "07:30", "23:59": "23:59"} {
		if c, err := minutes.ParseClock(s); err != nil || c.String() != want {
			t.Errorf("ParseClock(%q) = %v, %v; want %s", s, c, err, want)
		}
	}
	for _, s := range []string{"+7:+5", "-7:30", "7:5", "7:", "7:305", "007:30", "0 7:30", "7:3 0", "24:00", "7:60", "7.30", "７:３０", "7:30:00"} {
		if c, err := minutes.ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) = %v, want an error", s, c)
		}
	}
}

func TestLenientValuesRefused(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        problem
	}{
		{"OK", base, problem{}},
		{"OKCoreTag", base + "number: !!str 2021\n", problem{}},
		{"ErrNegativeDate", strings.Replace(base, "date: 25/3/2021", "date: -1/-3/2021", 1), problem{"date", 3, `"-1/-3/2021" is not in a known form`}},
		{"ErrSignedTime", strings.Replace(base, "start_time: 7:30", `start_time: "+7:+5"`, 1), problem{"start_time", 4, `"+7:+5" is not in a known form`}},
		{"ErrBinary", base + "summary: !!binary aGVsbG8=\n", problem{"summary", 10, "tag !!binary"}},
		{"ErrTimestamp", strings.Replace(base, "date: 25/3/2021", "date: !!timestamp 2021-03-25", 1), problem{"date", 3, "tag !!timestamp"}},
		{"ErrCustomTag", strings.Replace(base, "  present: 80", "  present: !foo 80", 1), problem{"attendance.present", 8, "tag !foo"}},
		{"ErrTagOnList", strings.Replace(base, "chairs:\n", "chairs: !!set\n", 1), problem{"chairs", 5, "tag !!set"}},
		{"ErrTagOnMapping", strings.Replace(base, "attendance:\n", "attendance: !thing\n", 1), problem{"attendance", 7, "tag !thing"}},
		{"ErrTagOnKey", base + "!foo place: Sóc Trăng\n", problem{"place", 10, "tag !foo"}},
		{"ErrTagOnDocument", "--- !meeting\n" + base, problem{"", 1, "tag !meeting"}},
		{"OKVerbatimCoreTag", base + "place: !<tag:yaml.org,2002:str> Sóc Trăng\n", problem{}},
		{"ErrVerbatimTag", base + "place: !<tag:example.com,2021:place> Sóc Trăng\n", problem{"place", 10, "tag tag:example.com,2021:place"}},
	} {
		t.Run(tc.name, func(t *testing.T) { expect(t, tc.input, tc.want) })
	}
}

func TestBounds(t *testing.T) {
	repeat := func(key, item string, n int) string {
		var b strings.Builder
		b.WriteString(key + ":\n")
		for i := range n {
			fmt.Fprintf(&b, item, i+1)
		}
		return b.String()
	}
	withCounts := func(present, invited, turns int) string {
		s := strings.Replace(base, "  present: 80\n  invited: 85\n", fmt.Sprintf("  present: %d\n  invited: %d\n", present, invited), 1)
		return s + fmt.Sprintf("comment_count: %d\n", turns)
	}
	for _, tc := range []struct {
		name, input string
		want        problem
	}{
		{"OKAtEveryLimit", strings.Replace(withCounts(minutes.MaxDelegates, minutes.MaxDelegates, minutes.MaxTurns),
			"chairs:\n  - name: Nguyễn Văn Quận\n", repeat("chairs", "  - name: Người %d\n", minutes.MaxChairs), 1) +
			repeat("agenda", "  - title: Mục %d\n", minutes.MaxItems) + repeat("recipients", "  - Nơi nhận %d\n", minutes.MaxItems), problem{}},
		{"ErrPresent", withCounts(minutes.MaxDelegates+1, 0, 0), problem{"attendance.present", 8, "too large: 10,000,001, at most 10,000,000"}},
		{"ErrPresent2p63", withCounts(1<<62, 0, 0), problem{"attendance.present", 8, "at most 10,000,000"}},
		{"ErrPresentOverflow", strings.Replace(base, "present: 80", "present: 9223372036854775808", 1), problem{"attendance.present", 8, "whole number"}},
		{"ErrInvited", withCounts(80, 1<<31, 0), problem{"attendance.invited", 9, "too large: 2,147,483,648, at most 10,000,000"}},
		{"ErrCommentCount", withCounts(80, 85, minutes.MaxTurns+1), problem{"comment_count", 10, "too large: 100,001, at most 100,000"}},
		{"ErrAttendanceShort", strings.Replace(base, "attendance:\n  present: 80\n  invited: 85\n", "attendance: 10000001\n", 1), problem{"attendance.present", 7, "at most 10,000,000"}},
		{"ErrChairs", strings.Replace(base, "chairs:\n  - name: Nguyễn Văn Quận\n", repeat("chairs", "  - name: Người %d\n", minutes.MaxChairs+1), 1), problem{"chairs", 6, "too many entries: 51, at most 50"}},
		{"ErrAgenda", base + repeat("agenda", "  - Mục %d\n", minutes.MaxItems+1), problem{"agenda", 11, "too many entries: 2,001, at most 2,000"}},
		{"ErrComments", base + repeat("comments", "  - Ý kiến %d\n", minutes.MaxItems+1), problem{"comments", 11, "at most 2,000"}},
		{"ErrConclusions", base + repeat("conclusions", "  - Kết luận %d\n", minutes.MaxItems+1), problem{"conclusions", 11, "at most 2,000"}},
		{"ErrRecipients", base + "recipients: [" + strings.Repeat("Lưu, ", minutes.MaxItems) + "Lưu]\n", problem{"recipients", 10, "too many entries: 2,001"}},
		{"ErrAbsent", base + repeat("  absent", "    - Người %d\n", minutes.MaxItems+1), problem{"attendance.absent", 11, "at most 2,000"}},
		{"ErrBackupVersion", strings.Replace(backupDoc, "  version: 2\n", "  version: 2147483648\n", 1), problem{"record.version", 18, "at most 2,147,483,647"}},
	} {
		t.Run(tc.name, func(t *testing.T) { expect(t, tc.input, tc.want) })
	}

	// The domain holds the same bounds for what comes from elsewhere (the
	// form, the web): Validate refuses them with the field and the limit.
	t.Run("ErrDomain", func(t *testing.T) {
		m := testdb.Meeting(1)
		m.Attendance.Present = 1 << 40
		m.Chairs = make([]minutes.Person, minutes.MaxChairs+1)
		err := m.Validate()
		var e *minutes.Error
		if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].Field != "chairs" || !strings.Contains(vi.Msg(e.Problems[0].Reason), "quá nhiều mục: 51, tối đa 50") {
			t.Fatalf("%v", vi.Error(err))
		}
		m.Chairs = m.Chairs[:1]
		m.Chairs[0].Name = "A"
		e = nil
		if err := m.Validate(); !errors.As(err, &e) || e.Problems[0].Field != "attendance.present" || !strings.Contains(vi.Msg(e.Problems[0].Reason), "tối đa 10.000.000") {
			t.Fatalf("%v", vi.Error(err))
		}
	})

	// A million chairs are refused before the parser builds them, in a
	// fraction of a second and a few megabytes: the document has more
	// parts than any record.
	t.Run("ErrMillionChairs", func(t *testing.T) {
		src := &chairsReader{n: 1_000_000}
		start, before := time.Now(), allocated()
		err := record.DecodeReader("r.yaml", src, func(record.Doc) error { return nil })
		took, alloc := time.Since(start), allocated()-before
		ps := minutes.Problems(err)
		if len(ps) != 1 || ps[0].Field != "chairs" || !strings.Contains(en.Msg(ps[0].Reason), "over 1,000,000 parts") {
			t.Fatalf("%v", en.Error(err))
		}
		if alloc > 64<<20 || took > 5*time.Second {
			t.Fatalf("a million chairs took %v and %d MB", took, alloc>>20)
		}
		t.Logf("a million chairs refused after %d of %d bytes in %v, %d MB allocated", src.read, src.size(), took, alloc>>20)
	})
	// A hundred thousand of them fit the document's bounds: the list is
	// refused without building a hundred thousand people or problems.
	t.Run("ErrHundredThousandChairs", func(t *testing.T) {
		src := &chairsReader{n: 100_000}
		start := time.Now()
		err := record.DecodeReader("r.yaml", src, func(d record.Doc) error { return d.Err })
		ps := minutes.Problems(err)
		if len(ps) != 1 || ps[0].Field != "chairs" || ps[0].Line != 9 || !strings.Contains(en.Msg(ps[0].Reason), "too many entries: 100,000, at most 50") {
			t.Fatalf("%v", en.Error(err))
		}
		t.Logf("100,000 chairs refused in %v", time.Since(start))
	})
}

// chairsReader is base with n chairs, made as it is read.
type chairsReader struct {
	n, i, read int
	buf        []byte
}

func (c *chairsReader) size() int { return len(base) + c.n*len("  - name: Người\n") }

func (c *chairsReader) Read(p []byte) (int, error) {
	for len(c.buf) < len(p) && c.i <= c.n {
		if c.i == 0 {
			c.buf = append(c.buf, strings.Replace(base, "chairs:\n  - name: Nguyễn Văn Quận\n", "", 1)...)
			c.buf = append(c.buf, "chairs:\n"...)
		} else {
			c.buf = append(c.buf, "  - name: Người\n"...)
		}
		c.i++
	}
	if len(c.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	c.read += n
	return n, nil
}

func allocated() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

func TestUnknownKeys(t *testing.T) {
	long := strings.Repeat("x", 1000) // YAML takes keys of at most 1,024 characters
	for _, tc := range []struct {
		name, input string
		want        problem
	}{
		{"ErrTypo", base + "locaton: Hội trường\n", problem{"locaton", 10, `did you mean "location"?`}},
		{"ErrTypoNested", strings.Replace(base, "  invited: 85", "  invted: 85", 1), problem{"attendance.invted", 9, `did you mean "invited"?`}},
		{"ErrUnknown", base + "venue: Hội trường\n", problem{"venue", 10, `unknown field "venue"; valid fields: organization,`}},
		// A long key is named by its start, and not compared with every
		// known key character by character.
		{"ErrLongKey", base + long + ": 1\n", problem{strings.Repeat("x", 40) + "…", 10, `unknown field "` + strings.Repeat("x", 40) + `…"`}},
	} {
		t.Run(tc.name, func(t *testing.T) { expect(t, tc.input, tc.want) })
	}
	t.Run("ErrManyKeys", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(base)
		for i := range 200_000 {
			fmt.Fprintf(&b, "k%d_%s: 1\n", i, strings.Repeat("y", 20))
		}
		start := time.Now()
		_, err := record.Meetings("r.yaml", []byte(b.String()))
		var e *minutes.Error
		if !errors.As(err, &e) || len(e.Problems) != minutes.MaxProblems || e.Unlisted != 200_000-minutes.MaxProblems {
			t.Fatalf("%d problems listed, %d more: %v", len(e.Problems), e.Unlisted, err)
		}
		if s := en.Error(err); !strings.HasPrefix(s, "invalid input (200,000 problems):") || !strings.HasSuffix(s, "\n  … and 199,900 more") {
			t.Fatalf("%s", s[:200]+" … "+s[len(s)-200:])
		}
		t.Logf("%d MB of unknown keys in %v", b.Len()>>20, time.Since(start))
	})
}

func TestErrorListBounded(t *testing.T) {
	// The file of the issue: 1,000,000 documents that are not meetings,
	// 6 MB, each a problem.
	const n = 1_000_000
	file := func() io.Reader { return &repeatReader{doc: "---\n1\n", n: n} }
	check := func(t *testing.T, err error) {
		t.Helper()
		var e *minutes.Error
		if !errors.As(err, &e) || e.Code != minutes.EINVALID || len(e.Problems) != minutes.MaxProblems || e.Unlisted != n-minutes.MaxProblems {
			t.Fatalf("want %d problems and %d more, got %v", minutes.MaxProblems, n-minutes.MaxProblems, err)
		}
		p := e.Problems[minutes.MaxProblems-1]
		if p.Doc != minutes.MaxProblems || p.Line != minutes.MaxProblems*2 || !strings.Contains(en.Msg(p.Reason), "must be a group of fields") {
			t.Fatalf("the last problem listed: %+v", p)
		}
		s := vi.Error(err)
		if !strings.Contains(s, "\n  … và 999.900 lỗi khác") || !strings.Contains(s, "(1.000.000 lỗi)") || len(s) > 20_000 {
			t.Fatalf("%d bytes: %s", len(s), s[len(s)-300:])
		}
	}
	t.Run("ErrMeetings", func(t *testing.T) {
		b, _ := io.ReadAll(file())
		_, err := record.Meetings("r.yaml", b)
		check(t, err)
	})
	t.Run("ErrImport", func(t *testing.T) {
		stored := 0
		st, err := record.Import(t.Context(), []record.Source{record.ReaderSource("r.yaml", file())}, false, func(next func() (*minutes.Meeting, error)) error {
			for {
				m, err := next()
				if m == nil || err != nil {
					return err
				}
				stored++
			}
		}, func(next func() (*minutes.BackupPart, error)) error {
			t.Error("an ordinary file restored as a backup")
			return nil
		})
		if err != nil || stored != 0 || st.Rejected != n {
			t.Fatalf("%v, %d stored, %d rejected", err, stored, st.Rejected)
		}
		check(t, st.Problems.Err())
	})
}

// repeatReader is doc n times, made as it is read.
type repeatReader struct {
	doc string
	n   int
	buf []byte
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && r.n > 0 {
		r.buf = append(r.buf, r.doc...)
		r.n--
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// utf16Bytes is s in UTF-16 with a byte order mark, as PowerShell 5.1
// writes `minutes template > moi.yaml`.
func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return b
}

func TestWindowsEncodings(t *testing.T) {
	emoji := strings.Replace(base, "Hội nghị giao ban", "Hội nghị 🏛 giao ban", 1) // a surrogate pair in UTF-16
	want, err := record.Meetings("r.yaml", []byte(emoji))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		input []byte
		want  problem
	}{
		{"OKUTF8", []byte(emoji), problem{}},
		{"OKUTF8BOM", append([]byte("\xef\xbb\xbf"), emoji...), problem{}},
		{"OKUTF16LE", utf16Bytes(emoji, false), problem{}},
		{"OKUTF16BE", utf16Bytes(emoji, true), problem{}},
		{"OKUTF16LECRLF", utf16Bytes(strings.ReplaceAll(emoji, "\n", "\r\n"), false), problem{}},
		{"OKJSONUTF16", utf16Bytes(baseJSON, false), problem{}},
		// A line longer than the reader's buffer, its runes cut between
		// two pieces.
		{"OKLongLine", []byte(base + "summary: " + strings.Repeat("ă", 99_999) + "\n"), problem{}},
		{"ErrLongLineLatin1", []byte(base + "summary: " + strings.Repeat("ă", 99_999) + "\xe0\n"), problem{"", 10, "not UTF-8"}},
		{"ErrLoneSurrogate", append(utf16Bytes(base, false), 0x00, 0xD8, 'x', 0), problem{"", 10, "not UTF-8"}},
		{"ErrOddByte", append(utf16Bytes(base+"place: A", false), 'x'), problem{"", 10, "not UTF-8"}},
		{"ErrUTF16NoBOM", utf16Bytes(base, false)[2:], problem{"", 1, "not UTF-8"}},
		{"ErrLatin1", []byte(strings.Replace(base, "Hội nghị", "H\xf4i ngh\xec", 1)), problem{"", 2, "not UTF-8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, size := range []int{1, 3, 4096} { // reads of every size, split anywhere
				docs := func() []record.Doc {
					var docs []record.Doc
					err := record.DecodeReader("r.yaml", &slowReader{b: tc.input, n: size}, func(d record.Doc) error {
						docs = append(docs, d)
						return d.Err
					})
					if tc.want == (problem{}) {
						if err != nil {
							t.Fatalf("refused: %s", en.Error(err))
						}
						return docs
					}
					ps := minutes.Problems(err)
					if len(ps) != 1 || ps[0].Line != tc.want.line || !strings.Contains(en.Msg(ps[0].Reason), tc.want.says) {
						t.Fatalf("reads of %d: %v", size, en.Error(err))
					}
					return nil
				}()
				if docs != nil && strings.HasPrefix(tc.name, "OKUTF") {
					if docs[0].Meeting.Title != want[0].Meeting.Title || docs[0].Line != 1 || docs[0].LineOf("attendance.invited") != 9 {
						t.Fatalf("reads of %d: %q, line %d", size, docs[0].Meeting.Title, docs[0].LineOf("attendance.invited"))
					}
				}
			}
		})
	}
}

// slowReader gives b n bytes at a time.
type slowReader struct {
	b []byte
	n int
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.b)
	r.b = r.b[n:]
	return n, nil
}

func TestStreamedDocuments(t *testing.T) {
	// Lines and documents are counted in the whole file as before, however
	// it is split.
	three := base + "---\n# chú thích\n---\n" + strings.Replace(base, "date: 25/3/2021", "date: 30/2/2021", 1) + "...\n%YAML 1.1\n---\n" + base
	t.Run("ErrLineInThirdPiece", func(t *testing.T) { expect(t, three, problem{"date", 15, "does not exist"}) })
	t.Run("ErrSyntaxLine", func(t *testing.T) {
		_, err := record.Meetings("r.yaml", []byte(base+"---\n"+base+"---\ntitle: [không đóng\n"))
		ps := minutes.Problems(err)
		// The parser names the line of the document's ---, as it did when it
		// read the whole file.
		if len(ps) != 1 || ps[0].Line != 20 || !strings.Contains(en.Msg(ps[0].Reason), "did not find expected ',' or ']'") {
			t.Fatalf("%v", en.Error(err))
		}
	})
	for _, tc := range []struct {
		name, input string
		docs        int
	}{
		{"OKJSONArray", "[" + baseJSON + ",\n" + baseJSON + "]\n", 2},
		{"OKJSONLines", strings.ReplaceAll(baseJSON, "\n", "") + "\n" + strings.ReplaceAll(baseJSON, "\n", "") + "\n", 2},
		{"OKJSONStrings", strings.Replace(baseJSON, "giao ban", `giao ban \"quý\" [1] {a}, \\`, 1), 1},
		{"OKYAMLList", "- " + strings.ReplaceAll(strings.TrimSuffix(base, "\n"), "\n", "\n  ") + "\n- " + strings.ReplaceAll(strings.TrimSuffix(base, "\n"), "\n", "\n  ") + "\n", 2},
		{"OKBlankStart", "\n\n   \n" + base, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := expect(t, tc.input, problem{})
			if len(docs) != tc.docs {
				t.Fatalf("%d documents, want %d", len(docs), tc.docs)
			}
		})
	}
	for _, tc := range []struct{ name, input, says string }{
		{"ErrJSONUnclosedArray", "[" + baseJSON, "did not find expected ',' or ']'"},
		{"ErrJSONUnclosedObject", strings.TrimSuffix(baseJSON, "}\n"), "syntax"},
		{"ErrJSONMissingComma", "[" + baseJSON + baseJSON + "]", "unexpected '{'"},
		{"ErrJSONTrailingComma", "[" + baseJSON + ",]", "unexpected ']'"},
		{"ErrJSONGarbage", baseJSON + "x", "unexpected 'x'"},
		{"ErrEmptyArray", "[]", "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := record.Meetings("r.json", []byte(tc.input))
			if minutes.ErrorCode(err) != minutes.EINVALID || !strings.Contains(en.Error(err), tc.says) {
				t.Fatalf("%v", en.Error(err))
			}
		})
	}
}

// TestLargeSources: a source of any size is read a document at a time,
// in bounded memory; what is not text is refused after its first line,
// and a document larger than any record before the parser builds it.
func TestLargeSources(t *testing.T) {
	t.Run("OKManyMeetings", func(t *testing.T) {
		one, err := record.MarshalYAML(testdb.Meeting(7))
		if err != nil {
			t.Fatal(err)
		}
		const n = 20_000 // BenchmarkDecodeBackup measures 100,000
		src := &repeatReader{doc: "---\n" + string(one), n: n}
		var peak uint64
		count := 0
		err = record.DecodeReader("backup.yaml", src, func(d record.Doc) error {
			if count++; count%5000 == 0 {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return d.Err
		})
		if err != nil || count != n {
			t.Fatalf("%d documents: %v", count, err)
		}
		if peak > 32<<20 {
			t.Fatalf("decoding %d MB held %d MB", n*(len(one)+4)>>20, peak>>20)
		}
		t.Logf("%d meetings (%d MB) decoded holding at most %d MB of heap", n, n*(len(one)+4)>>20, peak>>20)
	})
	t.Run("OKReadAheadBounded", func(t *testing.T) {
		// Decoding runs ahead of a slow store, but by a bounded amount of
		// text, not through the whole file.
		one, err := record.MarshalYAML(testdb.Meeting(7))
		if err != nil {
			t.Fatal(err)
		}
		const n = 8000 // 17 MB: twice the bound and more
		src := &atomicCounter{r: &repeatReader{doc: "---\n" + string(one), n: n}}
		count := 0
		_, err = record.Import(t.Context(), []record.Source{record.ReaderSource("r.yaml", src)}, false, func(next func() (*minutes.Meeting, error)) error {
			for {
				m, err := next()
				if err != nil || m == nil {
					return err
				}
				if count++; count == 1 {
					// The store is busy: reading stops once the decoder is far enough ahead.
					read := int64(-1)
					for deadline := time.Now().Add(30 * time.Second); src.n.Load() != read && time.Now().Before(deadline); {
						read = src.n.Load()
						time.Sleep(200 * time.Millisecond)
					}
					if read > 8<<20 {
						t.Errorf("%d MB read ahead of the store (%d MB in all)", read>>20, n*(len(one)+4)>>20)
					}
				}
			}
		}, nil)
		if err != nil || count != n {
			t.Fatalf("%d meetings stored: %v", count, err)
		}
	})
	t.Run("ErrBinaryQuickly", func(t *testing.T) {
		src := &countingReader{r: io.LimitReader(neverText{}, 1<<30)}
		err := record.DecodeReader("video.mp4", src, func(record.Doc) error { return nil })
		if ps := minutes.Problems(err); len(ps) != 1 || ps[0].Line != 1 || !strings.Contains(en.Msg(ps[0].Reason), "not UTF-8") {
			t.Fatalf("%v", en.Error(err))
		}
		if src.n > 1<<20 {
			t.Fatalf("read %d bytes of a file that is not text", src.n)
		}
	})
	t.Run("ErrDocumentTooBig", func(t *testing.T) {
		src := &countingReader{r: io.MultiReader(strings.NewReader(base+"summary: "), io.LimitReader(endless('a'), 1<<30))}
		err := record.DecodeReader("r.yaml", src, func(record.Doc) error { return nil })
		if ps := minutes.Problems(err); len(ps) != 1 || ps[0].Line != 10 || !strings.Contains(en.Msg(ps[0].Reason), "over 64 MB") {
			t.Fatalf("%v", en.Error(err))
		}
		if src.n > 65<<20+64<<10 {
			t.Fatalf("read %d MB for a document over 64 MB", src.n>>20)
		}
	})
}

// atomicCounter is countingReader for a reader read in another goroutine.
type atomicCounter struct {
	r io.Reader
	n atomic.Int64
}

func (c *atomicCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// neverText is bytes that are not UTF-8 (a video, a disk image).
type neverText struct{}

func (neverText) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(0x80 + i%64)
	}
	return len(p), nil
}

type endless byte

func (e endless) Read(p []byte) (int, error) {
	copy(p, bytes.Repeat([]byte{byte(e)}, len(p)))
	return len(p), nil
}

// BenchmarkDecodeBackup decodes a stream of 100,000 meetings as a backup
// restore reads it, and reports the most heap it held (sampled after a
// collection every 10,000 documents) beside the speed.
func BenchmarkDecodeBackup(b *testing.B) {
	one, err := record.MarshalYAML(testdb.Meeting(7))
	if err != nil {
		b.Fatal(err)
	}
	const n = 100_000
	var peak uint64
	b.SetBytes(int64(n * (len(one) + 4)))
	for range b.N {
		count := 0
		err := record.DecodeReader("backup.yaml", &repeatReader{doc: "---\n" + string(one), n: n}, func(d record.Doc) error {
			if count++; count%10_000 == 0 {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			return d.Err
		})
		if err != nil || count != n {
			b.Fatal(count, err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
