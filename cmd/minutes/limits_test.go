package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Issue 15 through the command line, on SQLite and PostgreSQL: what the
// record decoder refuses is refused by add and import alike with its
// field, line and reason, and nothing is stored; what it takes is stored
// as given.

// TestInputLimits: duplicate keys, lenient values and tags, and counts and
// lists beyond what a meeting reaches (validRecord's lines: 10 present,
// 11 at_least, 12 conclusions, …).
func TestInputLimits(t *testing.T) {
	dup := `{"organization":"X","title":"Một","title":"Hai","date":"2021-03-25","chairs":[{"name":"A"}],"attendance":{"present":1}}`
	cases := []struct {
		name, content string
		want          []string
	}{
		{"ErrDuplicateTitle", validRecord + "title: Hai\n", []string{"dòng 15", "title", "đã ghi ở dòng 2"}},
		{"ErrDuplicatePresent", strings.Replace(validRecord, "  present: 80\n", "  present: 10\n  present: 99\n", 1), []string{"dòng 11", "attendance.present", "đã ghi ở dòng 10"}},
		{"ErrDuplicateJSON", dup, []string{"dòng 1", "title", "đã ghi ở dòng 1"}},
		{"ErrSignedDate", replaceLine("date:", "date: -1/-3/2021"), []string{"dòng 3", "date", `"-1/-3/2021" không đúng dạng`}},
		{"ErrSignedTime", replaceLine("start_time:", `start_time: "+7:+5"`), []string{"dòng 4", "start_time", `"+7:+5" không đúng dạng`}},
		{"ErrBinaryTag", validRecord + "summary: !!binary aGVsbG8=\n", []string{"dòng 15", "summary", "nhãn YAML !!binary"}},
		{"ErrTimestampTag", replaceLine("date:", "date: !!timestamp 2021-03-25"), []string{"dòng 3", "date", "!!timestamp"}},
		{"ErrCustomTag", replaceLine("  present:", "  present: !foo 80"), []string{"dòng 10", "attendance.present", "!foo"}},
		{"ErrPresent2p63", replaceLine("  present:", "  present: 9223372036854775807"), []string{"dòng 10", "attendance.present", "quá lớn: 9.223.372.036.854.775.807, tối đa 10.000.000"}},
		{"ErrPresent2p31", replaceLine("  present:", "  present: 2147483648"), []string{"dòng 10", "attendance.present", "tối đa 10.000.000"}},
		{"ErrCommentCount", validRecord + "comment_count: 100001\n", []string{"dòng 15", "comment_count", "tối đa 100.000"}},
		{"ErrChairs", strings.Replace(validRecord, "chair:\n  name: Nguyễn Văn Quận\n  title: Bí thư Thành ủy\n",
			"chairs: ["+strings.Repeat("A, ", minutes.MaxChairs)+"B]\n", 1), []string{"dòng 6", "chairs", "quá nhiều mục: 51, tối đa 50"}},
		{"ErrConclusions", validRecord + strings.Repeat("  - Việc khác\n", minutes.MaxItems), []string{"dòng 13", "conclusions", "quá nhiều mục: 2.001, tối đa 2.000"}},
	}
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, "seed.yaml", validRecord))
		before := mustRun(t, dsn, "list", "-o", "json")
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := writeFile(t, dir, c.name+".yaml", c.content)
				for _, cmd := range [][]string{{"import", p}, {"add", "-f", p}} {
					r := runCLI(t, dsn, "", cmd)
					if r.code != exitInvalid {
						t.Fatalf("minutes %s: exit %d, want 3\n%s", cmd[0], r.code, r.errOut)
					}
					for _, w := range append([]string{p}, c.want...) {
						if !strings.Contains(r.errOut, w) {
							t.Errorf("minutes %s: error lacks %q:\n%s", cmd[0], w, r.errOut)
						}
					}
				}
				if after := mustRun(t, dsn, "list", "-o", "json"); after != before {
					t.Fatalf("the database changed after a rejected input")
				}
			})
		}

		// At every bound the meeting is stored and read back as given: the
		// store's columns hold the largest counts on both databases, and
		// the quarter's totals add them up.
		t.Run("OKAtTheBounds", func(t *testing.T) {
			max := strings.Replace(validRecord, "  present: 80\n  at_least: true\n",
				fmt.Sprintf("  present: %d\n  invited: %d\n", minutes.MaxDelegates, minutes.MaxDelegates), 1) +
				fmt.Sprintf("comment_count: %d\n", minutes.MaxTurns) +
				"recipients: [" + strings.Repeat("Lưu, ", minutes.MaxItems-1) + "Lưu]\n"
			p := writeFile(t, dir, "max.yaml", max)
			ids := []string{strings.TrimSpace(mustRun(t, dsn, "add", "-f", p)), strings.TrimSpace(mustRun(t, dsn, "add", "-f", p))}
			var shown struct {
				Attendance   struct{ Present, Invited int }
				CommentCount int      `json:"comment_count"`
				Recipients   []string `json:"recipients"`
			}
			if err := json.Unmarshal([]byte(mustRun(t, dsn, "show", ids[1], "-o", "json")), &shown); err != nil {
				t.Fatal(err)
			}
			if shown.Attendance.Present != minutes.MaxDelegates || shown.Attendance.Invited != minutes.MaxDelegates ||
				shown.CommentCount != minutes.MaxTurns || len(shown.Recipients) != minutes.MaxItems {
				t.Fatalf("stored %+v", shown)
			}
			var fig struct {
				Current struct {
					Delegates    int
					SpeakerTurns int `json:"speaker_turns"`
				}
			}
			if err := json.Unmarshal([]byte(mustRun(t, dsn, "report", "quarterly", "--quarter", "I/2021", "--format", "json")), &fig); err != nil {
				t.Fatal(err)
			}
			if fig.Current.Delegates != 2*minutes.MaxDelegates+80 || fig.Current.SpeakerTurns != 2*minutes.MaxTurns {
				t.Fatalf("quarter totals %+v", fig.Current)
			}
			for _, id := range ids {
				mustRun(t, dsn, "delete", id, "--yes")
			}
		})
	})
}

// utf16File is s as Windows PowerShell 5.1 writes it with >: UTF-16 with
// a byte order mark, lines ending in CR LF.
func utf16File(s string, bigEndian bool) string {
	var b []byte
	put := func(u uint16) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	put(0xFEFF)
	for _, u := range utf16.Encode([]rune(strings.ReplaceAll(s, "\n", "\r\n"))) {
		put(u)
	}
	return string(b)
}

// TestWindowsFiles: `minutes template > moi.yaml` in PowerShell 5.1, filled
// in, is taken by add (from a file and from standard input) and by import.
func TestWindowsFiles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		for _, c := range []struct {
			name, content string
		}{
			{"OKUTF16LE", utf16File(validRecord, false)},
			{"OKUTF16BE", utf16File(validRecord, true)},
			{"OKUTF8BOM", "\ufeff" + validRecord},
			{"OKUTF16JSON", utf16File(`{"organization":"Thành ủy Sóc Trăng","title":"Hội nghị giao ban quý I/2021","date":"2021-03-25","chairs":[{"name":"Nguyễn Văn Quận"}],"attendance":{"present":80}}`, false)},
		} {
			t.Run(c.name, func(t *testing.T) {
				p := writeFile(t, dir, c.name+".yaml", c.content)
				ids := []string{strings.TrimSpace(mustRun(t, dsn, "add", "-f", p))}
				r := runCLI(t, dsn, c.content, []string{"add", "-f", "-"})
				if r.code != 0 {
					t.Fatalf("add -f - : exit %d\n%s", r.code, r.errOut)
				}
				ids = append(ids, strings.TrimSpace(r.out))
				r = runCLI(t, dsn, "", []string{"import", p})
				if r.code != 0 || !strings.Contains(r.errOut, "Đã nhập 1 cuộc họp") {
					t.Fatalf("import: exit %d\n%s", r.code, r.errOut)
				}
				for _, id := range ids {
					if out := mustRun(t, dsn, "show", id); !strings.Contains(out, "Hội nghị giao ban quý I/2021") || !strings.Contains(out, "Nguyễn Văn Quận") {
						t.Fatalf("show %s:\n%s", id, out)
					}
				}
			})
		}
		t.Run("ErrUTF16Broken", func(t *testing.T) {
			p := writeFile(t, dir, "broken.yaml", utf16File(validRecord, false)+"\x00\xd8")
			r := runCLI(t, dsn, "", []string{"add", "-f", p})
			if r.code != exitInvalid || !strings.Contains(r.errOut, "dòng 15") || !strings.Contains(r.errOut, "UTF-8") {
				t.Fatalf("exit %d\n%s", r.code, r.errOut)
			}
		})
	})
}

// TestImportOver64MB: a backup larger than the 64 MB that earlier
// versions read whole (they refused it: a 67 MB backup did not restore)
// is imported, into either database.
func TestImportOver64MB(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads files of 40 and 80 MB")
	}
	// Meetings with a long summary (64,000 characters: within the limit of
	// a text), so that a backup of 80 MB is 450 meetings, not 100,000; the
	// backup holds each record twice, with its history.
	summary := strings.Repeat("Nhìn chung tình hình ổn định, ", 64_000/30)
	var b bytes.Buffer
	const n = 450
	for i := range n {
		m := testdb.Meeting(i)
		m.Summary = summary
		if err := record.EncodeYAML(&b, record.ToWire(m, false)); err != nil {
			t.Fatal(err)
		}
		b.WriteString("---\n")
	}
	file := writeFile(t, t.TempDir(), "lon.yaml", b.String())
	testdb.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "-q", file)
		backup := filepath.Join(t.TempDir(), "sao-luu.yaml")
		mustRun(t, dsn, "export", "--all", "-q", "-o", backup)
		st, err := os.Stat(backup)
		if err != nil || st.Size() <= record.MaxInput {
			t.Fatalf("the backup has %d MB: not over 64 (%v)", st.Size()>>20, err)
		}
		dst := testdb.SQLite(t)
		if strings.HasPrefix(dsn, "postgres") {
			dst = testdb.Postgres(t)
		}
		r := runCLI(t, dst, "", []string{"import", backup})
		if r.code != 0 || !strings.Contains(r.errOut, fmt.Sprintf("Đã khôi phục %d cuộc họp", n)) {
			t.Fatalf("restore of a %d MB backup: exit %d\n%s", st.Size()>>20, r.code, r.errOut)
		}
		if got := countMeetings(t, dst); got != n {
			t.Fatalf("%d meetings restored, want %d", got, n)
		}
	})
}

// TestImportErrorList: the file of 1,000,000 documents that are not
// meetings is reported in a screenful: the first problems, then how many
// more.
func TestImportErrorList(t *testing.T) {
	dsn := testdb.SQLite(t)
	file := writeFile(t, t.TempDir(), "hong.yaml", strings.Repeat("---\n1\n", 1_000_000))
	r := runCLI(t, dsn, "", []string{"import", file})
	if r.code != exitInvalid || !strings.Contains(r.errOut, "Không lưu gì: 1.000.000 cuộc họp/tệp bị từ chối") ||
		!strings.Contains(r.errOut, "văn bản thứ 100, dòng 200") || strings.Contains(r.errOut, "văn bản thứ 101,") ||
		!strings.HasSuffix(strings.TrimSpace(r.errOut), "… và 999.900 lỗi khác") || len(r.errOut) > 20_000 {
		t.Fatalf("exit %d, %d bytes:\n%.2000s", r.code, len(r.errOut), r.errOut)
	}
}

// TestCSVForExcel: a CSV file starts with a byte order mark, so that Excel
// shows Vietnamese; a CSV on a pipe, which a script reads, does not. Cells
// that a spreadsheet would take for a formula are written as text.
func TestCSVForExcel(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		rec := strings.Replace(replaceLine("title:", `title: '=HYPERLINK("http://x","bấm")'`), "  - content: Tập trung", "  - content: \"+cmd|' /C calc'!A0\"\n    owner: \"@Văn phòng\"\n  - content: Tập trung", 1)
		rec = strings.Replace(rec, "Thành ủy Sóc Trăng", "-Thành ủy", 1)
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, "a.yaml", rec))
		for _, c := range []struct {
			args []string
			file string
			want []string // cells written as text
		}{
			{[]string{"list", "-o", filepath.Join(dir, "ds.csv")}, filepath.Join(dir, "ds.csv"), []string{"'-Thành ủy", `'=HYPERLINK("http://x","bấm")`}},
			{[]string{"tasks", "-o", filepath.Join(dir, "viec.csv")}, filepath.Join(dir, "viec.csv"), []string{"'-Thành ủy", "'+cmd|' /C calc'!A0", "'@Văn phòng"}},
			{[]string{"list", "-o", "csv"}, "", []string{"'-Thành ủy"}},
		} {
			r := runCLI(t, dsn, "", c.args)
			out := r.out
			if c.file != "" {
				b, err := os.ReadFile(c.file)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(b, []byte("\xef\xbb\xbfid,")) {
					t.Fatalf("%v: %q does not start with a byte order mark", c.args, b[:min(len(b), 20)])
				}
				out = strings.TrimPrefix(string(b), "\ufeff")
			} else if !strings.HasPrefix(out, "id,") {
				t.Fatalf("%v on a pipe: %q", c.args, out[:min(len(out), 20)])
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || r.code != 0 || len(rows) < 2 {
				t.Fatalf("%v: exit %d, %v\n%s", c.args, r.code, err, r.errOut)
			}
			cells := map[string]bool{}
			for _, row := range rows[1:] {
				for i, cell := range row {
					if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
						t.Errorf("%v: %s %q would run as a formula", c.args, rows[0][i], cell)
					}
					cells[cell] = true
				}
			}
			for _, w := range c.want {
				if !cells[w] {
					t.Errorf("%v: no cell %q in\n%s", c.args, w, out)
				}
			}
		}
		// The data itself keeps the text as typed.
		if out := mustRun(t, dsn, "export", "1", "--format", "yaml"); !strings.Contains(out, "=HYPERLINK") || strings.Contains(out, "'=HYPERLINK") {
			t.Fatalf("export:\n%s", out)
		}
	})
}

// TestJSONEveryKey: list and show -o json give every meeting the same keys
// in the same order, empty ones included, with status and version as the
// CSV has them; what show prints reads back with add.
func TestJSONEveryKey(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		minimal := "organization: X\ntitle: Y\ndate: 2021-03-25\nchair: A\nattendance: 1\n"
		seed, err := os.ReadFile("../../examples/01-soc-trang-quy-1-2021.yaml")
		if err != nil {
			t.Fatal(err)
		}
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, "min.yaml", minimal))
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, "seed.yaml", string(seed)))
		mustRun(t, dsn, "finalize", "2", "--yes")
		var list []json.RawMessage
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "list", "-o", "json")), &list); err != nil || len(list) != 2 {
			t.Fatalf("%v, %d meetings", err, len(list))
		}
		first := keysOf(t, list[0])
		for i, raw := range list {
			if got := keysOf(t, raw); strings.Join(got, " ") != strings.Join(first, " ") {
				t.Fatalf("meeting %d has keys\n%v\nthe first\n%v", i+1, got, first)
			}
		}
		want := "id organization parent_organization header number title date start_time end_time place location chairs secretary attendance agenda summary comments comment_count conclusions recipients notice status version"
		if strings.Join(first, " ") != want {
			t.Fatalf("keys %v, want %s", first, want)
		}
		var min, full map[string]any
		_ = json.Unmarshal(list[0], &min)
		_ = json.Unmarshal(list[1], &full)
		att := min["attendance"].(map[string]any)
		if min["status"] != "draft" || min["version"] != 1.0 || min["number"] != "" || min["secretary"] != nil ||
			fmt.Sprint(min["agenda"]) != "[]" || fmt.Sprint(att["absent"]) != "[]" || att["at_least"] != false || full["status"] != "finalized" {
			t.Fatalf("minimal %v\nfull status %v", min, full["status"])
		}
		shown := mustRun(t, dsn, "show", "1", "-o", "json")
		r := runCLI(t, dsn, shown, []string{"add", "-f", "-"})
		if r.code != 0 {
			t.Fatalf("show -o json | add -f -: exit %d\n%s", r.code, r.errOut)
		}
		if again := mustRun(t, dsn, "export", strings.TrimSpace(r.out), "--format", "yaml"); again != mustRun(t, dsn, "export", "1", "--format", "yaml") {
			t.Fatalf("show → add changed the meeting:\n%s", again)
		}
	})
}

// keysOf lists the keys of a JSON object in their order, and those of the
// objects it holds, as path names.
func keysOf(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && dec.More() {
				keys = append(keys, v)
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return keys
}

// TestYAMLModule: the archived gopkg.in/yaml.v3 is no longer built in; its
// maintained successor is.
func TestYAMLModule(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := "\n" + string(out)
	if strings.Contains(deps, "\ngopkg.in/yaml.v3\n") || !strings.Contains(deps, "\ngo.yaml.in/yaml/v3\n") {
		t.Fatalf("the command builds with:\n%s", out)
	}
}
