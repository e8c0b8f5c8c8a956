package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/record"
)

// replaceLine returns validRecord with the line starting with prefix
// replaced by repl (or removed when repl is empty).
func replaceLine(prefix, repl string) string {
	var out []string
	for _, l := range strings.Split(validRecord, "\n") {
		if strings.HasPrefix(l, prefix) {
			if repl != "" {
				out = append(out, repl)
			}
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func TestBadInputs(t *testing.T) {
	long := strings.Repeat("a", 1001)
	huge := strings.Repeat("ă", 100001)
	cases := []struct {
		name    string
		content string
		want    []string // each must appear in the error
	}{
		{"ErrUnknownKeyTypo", "orgnization: X\n" + replaceLine("organization:", ""), []string{"orgnization", `"organization"`, "dòng 1"}},
		{"ErrUnknownKey", validRecord + "venue: Hội trường\n", []string{"venue", "không có trong mẫu"}},
		{"ErrPresentNotNumber", replaceLine("  present:", "  present: tám mươi"), []string{"attendance.present", "số nguyên", "dòng 10"}},
		{"ErrImpossibleDate", replaceLine("date:", "date: 31/02/2021"), []string{"date", "31/02/2021", "không tồn tại", "dòng 3"}},
		{"ErrDateFormat", replaceLine("date:", "date: 25 March 2021"), []string{"date", "không đúng dạng"}},
		{"ErrBadTime", replaceLine("start_time:", "start_time: \"25:00\""), []string{"start_time", "25:00"}},
		{"ErrEndBeforeStart", replaceLine("end_time:", "end_time: \"06:00\""), []string{"end_time", "sớm hơn giờ bắt đầu"}},
		{"ErrNegativePresent", replaceLine("  present:", "  present: -5"), []string{"attendance.present", "số âm"}},
		{"ErrControlCharacter", replaceLine("title:", "title: \"Hội nghị\\u0007 giao ban\""), []string{"title", "ký tự điều khiển", "U+0007"}},
		{"ErrTitleTooLong", replaceLine("title:", "title: "+long), []string{"title", "quá dài", "1001", "1000"}},
		{"ErrTextTooLong", validRecord + "summary: " + huge + "\n", []string{"summary", "quá dài", "100000"}},
		{"ErrInvalidUTF8", "organization: Th\xe0nh \xff\n" + validRecord[strings.Index(validRecord, "\n")+1:], []string{"UTF-8", "dòng 1"}},
		{"ErrEmptyFile", "", []string{"trống"}},
		{"ErrOnlyComments", "# chỉ có chú thích\n", []string{"trống"}},
		{"ErrOrganizationRequired", replaceLine("organization:", ""), []string{"organization", "bắt buộc"}},
		{"ErrTitleRequired", replaceLine("title:", "title: \"   \""), []string{"title", "bắt buộc"}},
		{"ErrDateRequired", replaceLine("date:", ""), []string{"date", "bắt buộc"}},
		{"ErrChairsRequired", strings.Replace(validRecord, "chair:\n  name: Nguyễn Văn Quận\n  title: Bí thư Thành ủy\n", "", 1), []string{"chairs", "người chủ trì"}},
		{"ErrChairName", strings.Replace(validRecord, "  name: Nguyễn Văn Quận\n", "", 1), []string{"chairs[1].name", "bắt buộc"}},
		{"ErrAttendanceRequired", strings.Replace(validRecord, "attendance:\n  present: 80\n  at_least: true\n", "", 1), []string{"attendance.present", "bắt buộc"}},
		{"ErrInvitedBelowPresent", replaceLine("  at_least:", "  invited: 50"), []string{"attendance.invited", "triệu tập"}},
		{"ErrAtLeastNotBool", replaceLine("  at_least:", "  at_least: có lẽ"), []string{"attendance.at_least", "true hoặc false"}},
		{"ErrCommentCountBelowListed", validRecord + "comments:\n  - content: a\n  - content: b\ncomment_count: 1\n", []string{"comment_count", "số lượt phát biểu"}},
		{"ErrConclusionContent", validRecord + "  - owner: Văn phòng\n", []string{"conclusions[2].content", "bắt buộc"}},
		{"ErrConclusionDue", validRecord + "  - content: Việc hai\n    due: 30/02/2021\n", []string{"conclusions[2].due", "không tồn tại", "dòng 16"}},
		{"ErrHeader", validRecord + "header: federal\n", []string{"header", "party", "state"}},
		{"ErrYAMLSyntax", "organization: [Thành ủy\n", []string{"cú pháp"}},
		{"ErrChairAndChairs", validRecord + "chairs:\n  - name: Lê Văn B\n", []string{"chair hoặc chairs"}},
		{"ErrAgendaTitle", validRecord + "agenda:\n  - presenter: Lê Văn B\n", []string{"agenda[1].title", "bắt buộc"}},
		{"ErrTextIsAList", replaceLine("title:", "title: [a, b]"), []string{"title", "văn bản", "danh sách"}},
		{"ErrJSONUnknownKey", `{"organization":"X","title":"T","date":"2021-03-25","chairs":[{"name":"A","titel":"B"}],"attendance":{"present":1}}`, []string{"chairs[1].titel", `"title"`}},
		{"ErrSecondDocument", validRecord + "---\n" + replaceLine("date:", "date: 2021-13-01"), []string{"văn bản thứ 2", "date", "2021-13-01"}},
	}
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		seed := writeFile(t, dir, "seed.yaml", validRecord)
		mustRun(t, dsn, "add", "-f", seed)
		before := mustRun(t, dsn, "list", "-o", "json")
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p := writeFile(t, dir, c.name+".yaml", c.content)
				for _, cmd := range [][]string{{"import", p}, {"add", "-f", p}} {
					r := runCLI(t, dsn, "", cmd)
					if r.code != 3 {
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
	})
}

func TestImportAllOrNothingAndKeepGoing(t *testing.T) {
	dsn := testdb.SQLite(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.yaml", validRecord)
	writeFile(t, dir, "b.yaml", validRecord+"---\n"+replaceLine("date:", "date: 2021-02-30"))
	writeFile(t, dir, "c.json", `{"organization":"Ủy ban nhân dân Phường 2","title":"Họp","date":"2021-04-02","chairs":[{"name":"A"}],"attendance":{"present":3}}`)
	writeFile(t, dir, "notes.txt", "not a record")

	r := runCLI(t, dsn, "", []string{"import", dir})
	if r.code != 3 || !strings.Contains(r.errOut, "b.yaml, văn bản thứ 2") || !strings.Contains(r.errOut, "Không lưu gì") {
		t.Fatalf("all-or-nothing import: exit %d\n%s", r.code, r.errOut)
	}
	if n := countMeetings(t, dsn); n != 0 {
		t.Fatalf("a rejected import stored %d meetings", n)
	}
	r = runCLI(t, dsn, "", []string{"import", "--keep-going", dir})
	if r.code != 3 || !strings.Contains(r.errOut, "Đã nhập 3 cuộc họp từ 3 tệp") || !strings.Contains(r.errOut, "2021-02-30") {
		t.Fatalf("--keep-going: exit %d\n%s", r.code, r.errOut)
	}
	if n := countMeetings(t, dsn); n != 3 {
		t.Fatalf("--keep-going stored %d meetings, want the 3 valid ones", n)
	}
}

func TestSyntaxHints(t *testing.T) {
	dsn := testdb.SQLite(t)
	dir := t.TempDir()
	for name, c := range map[string]struct{ content, hint string }{
		"colon": {validRecord + "  - content: Nhiệm vụ 1: rà soát kế hoạch\n", "ngoặc kép"},
		"tab":   {"organization: X\n\ttitle: Y\n", "dấu cách"},
	} {
		r := runCLI(t, dsn, "", []string{"add", "-f", writeFile(t, dir, name+".yaml", c.content)})
		if r.code != 3 || !strings.Contains(r.errOut, c.hint) || !strings.Contains(r.errOut, "dòng") {
			t.Errorf("%s: exit %d, want 3 with a line and the hint %q:\n%s", name, r.code, c.hint, r.errOut)
		}
	}
}

// TestImportLateProblems: import stores batches while it is still decoding,
// so a problem far into a file comes after hundreds of meetings have been
// written in the transaction. They must all be rolled back, every problem
// of every file reported, and --keep-going must keep a file with a syntax
// error out entirely.
func TestImportLateProblems(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		var many bytes.Buffer
		vals := make([]any, 600) // more than two batches of createBatch
		for i := range vals {
			vals[i] = record.ToWire(testdb.Meeting(i), false)
		}
		if err := record.EncodeYAML(&many, vals...); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "a-many.yaml", many.String()+"---\n"+replaceLine("date:", "date: 2021-02-30"))
		writeFile(t, dir, "b-broken.yaml", validRecord+"---\n"+validRecord+"---\ntitle: [không đóng ngoặc\n")
		writeFile(t, dir, "c-good.yaml", validRecord)

		r := runCLI(t, dsn, "", []string{"import", dir})
		for _, want := range []string{"a-many.yaml, văn bản thứ 601", "2021-02-30", "b-broken.yaml", "Không lưu gì"} {
			if r.code != 3 || !strings.Contains(r.errOut, want) {
				t.Fatalf("exit %d, want 3 and %q in:\n%s", r.code, want, r.errOut)
			}
		}
		if n := countMeetings(t, dsn); n != 0 {
			t.Fatalf("a rejected import left %d meetings", n)
		}

		r = runCLI(t, dsn, "", []string{"import", "--keep-going", dir})
		if r.code != 3 || !strings.Contains(r.errOut, "Đã nhập 601 cuộc họp từ 3 tệp") {
			t.Fatalf("--keep-going: exit %d\n%s", r.code, r.errOut)
		}
		if n := countMeetings(t, dsn); n != 601 {
			t.Fatalf("--keep-going stored %d meetings, want 600 + 1 (none of the broken file)", n)
		}
	})
}

// TestImportInterrupted sends SIGINT to a real `minutes import` once it has
// begun writing (its write-ahead log exists and grows): the process says it
// stopped, exits 1, and the database holds nothing of the import. An
// already-cancelled context, as when Ctrl-C comes before the first write,
// must not report success either.
func TestImportInterrupted(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	vals := make([]any, 4000)
	for i := range vals {
		vals[i] = record.ToWire(testdb.Meeting(i), false)
	}
	if err := record.EncodeYAML(&buf, vals...); err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, dir, "many.yaml", buf.String())
	db := filepath.Join(dir, "minutes.db")
	mustRun(t, db, "config", "set", "secretary", "Lê Minh Đức") // the database exists before the import

	cmd := exec.Command(bin, "import", file)
	cmd.Env = append(os.Environ(), "MINUTES_DB="+db, "LANG=vi_VN.UTF-8")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > 1<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import never began writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(errOut.String(), "Ctrl-C") {
		t.Fatalf("interrupted import: %v, want exit 1 and a message naming Ctrl-C:\n%s", err, errOut.String())
	}
	if n := countMeetings(t, db); n != 0 {
		t.Fatalf("an interrupted import left %d meetings", n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, stderr bytes.Buffer
	code := Execute(ctx, []string{"import", file}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &stderr},
		func(k string) string { return map[string]string{"MINUTES_DB": db}[k] })
	if code != 1 || !strings.Contains(stderr.String(), "Ctrl-C") {
		t.Fatalf("import under a cancelled context: exit %d\n%s", code, stderr.String())
	}
	if n := countMeetings(t, db); n != 0 {
		t.Fatalf("an import cancelled before it began stored %d meetings", n)
	}
}
