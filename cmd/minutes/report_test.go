package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// pdfTool runs a PDF reader from poppler-utils or qpdf; missing, the test
// skips, except under CI=true where it fails.
func pdfTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed, and CI=true requires the PDF tests to run", name)
		}
		t.Skipf("%s not installed", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	untouched := filepath.Join(t.TempDir(), "mine.db")
	r := runCLI(t, untouched, "", []string{"demo", filepath.Join(dir, "out")})
	if r.code != 0 {
		t.Fatalf("demo: exit %d\n%s", r.code, r.errOut)
	}
	if _, err := os.Stat(untouched); err == nil {
		t.Fatal("demo wrote into the user's database")
	}
	files := strings.Fields(r.out)
	if len(files) != 8 {
		t.Fatalf("demo printed %q, want three minutes, their notices and two reports", r.out)
	}
	for _, f := range files {
		pdfTool(t, "qpdf", "--check", f)
	}
	seed := pdfTool(t, "pdftotext", filepath.Join(dir, "out", "bien-ban-1.pdf"), "-")
	for _, want := range []string{"THÀNH ỦY SÓC TRĂNG", "BIÊN BẢN", "Nguyễn Văn Quận", "ngày 25 tháng 3 năm 2021", "08 lượt ý kiến"} {
		if !strings.Contains(seed, want) {
			t.Errorf("seed minutes lack %q", want)
		}
	}
	rep := pdfTool(t, "pdftotext", filepath.Join(dir, "out", "bao-cao-quy-I-2021.pdf"), "-")
	for _, want := range []string{"VĂN PHÒNG", "BÁO CÁO", "Tổng hợp các hội nghị quý I/2021", "ngày 31 tháng 3 năm 2021", "Số 01-BC/VPTU",
		"T/L BAN THƯỜNG VỤ", "Lê Văn Hùng"} {
		if !strings.Contains(rep, want) {
			t.Errorf("demo report lacks %q", want)
		}
	}
	h1 := pdfTool(t, "pdftotext", filepath.Join(dir, "out", "bao-cao-6-thang-dau-nam-2021.pdf"), "-")
	for _, want := range []string{"Số 02-BC/VPTU", "Tổng hợp các hội nghị 6 tháng đầu năm 2021", "So với cùng kỳ", "ngày 30 tháng 6 năm 2021"} {
		if !strings.Contains(h1, want) {
			t.Errorf("demo six-month report lacks %q", want)
		}
	}
	for name, want := range map[string][]string{
		"thong-bao-1.pdf": {"Số 01-TB/TU", "THÔNG BÁO", "kết luận của Ban Thường vụ Thành ủy", "T/M BAN THƯỜNG VỤ", "Trần Văn Phúc"},
		"thong-bao-2.pdf": {"Số: 12/TB-UBND", "Kết luận của Chủ tịch Ủy ban nhân dân Phường 2", "KT. CHỦ TỊCH", "Võ Thành Lợi"},
		"thong-bao-3.pdf": {"Số 01-TB/ĐU", "T/M ĐẢNG ỦY", "- Ban Thường vụ Huyện ủy Mỹ Tú;"},
	} {
		text := pdfTool(t, "pdftotext", filepath.Join(dir, "out", name), "-")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("demo %s lacks %q", name, w)
			}
		}
	}
}

// quarterFigures are the report's figures as `--format json` prints them.
type quarterFigures struct {
	Quarter  string                                                       `json:"quarter"`
	Current  struct{ Meetings, Delegates, SpeakerTurns, Conclusions int } `json:"current"`
	Previous struct{ Meetings, Delegates int }                            `json:"previous"`
}

func (q *quarterFigures) UnmarshalJSON(b []byte) error {
	var raw struct {
		Quarter  string             `json:"quarter"`
		Current  map[string]float64 `json:"current"`
		Previous map[string]float64 `json:"previous"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	q.Quarter = raw.Quarter
	q.Current.Meetings, q.Current.Delegates = int(raw.Current["meetings"]), int(raw.Current["delegates"])
	q.Current.SpeakerTurns, q.Current.Conclusions = int(raw.Current["speaker_turns"]), int(raw.Current["conclusions"])
	q.Previous.Meetings, q.Previous.Delegates = int(raw.Previous["meetings"]), int(raw.Previous["delegates"])
	return nil
}

func TestReportQuarterly(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		// Meetings over all of 2021, plus a few at the end of 2020 for the
		// previous-quarter figures of Q1 — and one on each side of 31/3–1/4.
		var ms []*minutes.Meeting
		for i := 0; i < 240; i++ {
			m := testdb.Meeting(i * 3)
			ms = append(ms, m)
		}
		for i, d := range []minutes.Date{minutes.NewDate(2020, 12, 31), minutes.NewDate(2020, 10, 1), minutes.NewDate(2021, 3, 31), minutes.NewDate(2021, 4, 1)} {
			m := testdb.Meeting(1000 + i)
			m.Date = d
			for k := range m.Conclusions {
				m.Conclusions[k].Due = d.AddDays(10)
			}
			ms = append(ms, m)
		}
		vals := make([]any, len(ms))
		for i, m := range ms {
			vals[i] = record.ToWire(m, false)
		}
		var b strings.Builder
		if err := record.EncodeYAML(&b, vals...); err != nil {
			t.Fatal(err)
		}
		mustRun(t, dsn, "import", "-q", writeFile(t, t.TempDir(), "year.yaml", b.String()))

		// The expected figures, counted here from the generated data.
		count := func(q minutes.Quarter, org string) (meetings, delegates, turns, conclusions int) {
			for _, m := range ms {
				if m.Date.Before(q.First()) || q.Last().Before(m.Date) || (org != "" && m.Organization != org) {
					continue
				}
				meetings++
				delegates += m.Attendance.Present
				turns += max(m.CommentCount, len(m.Comments))
				conclusions += len(m.Conclusions)
			}
			return
		}
		for _, c := range []struct{ quarter, org string }{{"I/2021", ""}, {"2021-Q2", "Thành ủy Sóc Trăng"}, {"Q1/2021", "Đảng ủy xã Phú Mỹ"}} {
			q, _ := minutes.ParseQuarter(c.quarter)
			args := []string{"report", "quarterly", "--quarter", c.quarter, "--format", "json"}
			if c.org != "" {
				args = append(args, "--org", c.org)
			}
			var got quarterFigures
			if err := json.Unmarshal([]byte(mustRun(t, dsn, args...)), &got); err != nil {
				t.Fatal(err)
			}
			wm, wd, wt, wc := count(q, c.org)
			pm, pd, _, _ := count(q.Prev(), c.org)
			if got.Quarter != q.String() || got.Current.Meetings != wm || got.Current.Delegates != wd ||
				got.Current.SpeakerTurns != wt || got.Current.Conclusions != wc || got.Previous.Meetings != pm || got.Previous.Delegates != pd {
				t.Errorf("%s %s: got %+v, want meetings %d delegates %d turns %d conclusions %d, previous %d/%d",
					c.quarter, c.org, got, wm, wd, wt, wc, pm, pd)
			}
			if wm == 0 || pm == 0 && c.org == "" {
				t.Fatalf("%s: the generated data should fill this quarter and the one before", c.quarter)
			}
			csv := mustRun(t, dsn, append(args[:4], "--format", "csv")...)
			if !strings.Contains(csv, "quarter,") || !strings.Contains(csv, ","+q.String()+",") {
				t.Errorf("--format csv lacks the quarter row:\n%s", csv)
			}
			// Piped to a script: no byte order mark; into a file, for
			// Excel, the mark first and the same figures after it.
			if strings.HasPrefix(csv, "\ufeff") {
				t.Errorf("--format csv piped begins with a byte order mark")
			}
			file := filepath.Join(t.TempDir(), "so-lieu.csv")
			mustRun(t, dsn, append(args[:4], "--format", "csv", "-o", file)...)
			if b, err := os.ReadFile(file); err != nil || string(b) != "\ufeff"+csv {
				t.Errorf("--format csv -o FILE: %v\n%q\nwant the mark, then\n%q", err, b, csv)
			}
		}

		// Over several bodies, a report is issued by the office: refused
		// until it is set, with how to set it, and never printed headless.
		out := filepath.Join(t.TempDir(), "q1.pdf")
		if r := runCLI(t, dsn, "", []string{"report", "quarterly", "--quarter", "2021-Q1", "-o", out}); r.code != 3 ||
			!strings.Contains(r.errOut, "minutes config set organization") {
			t.Fatalf("a report over several bodies without the office: exit %d\n%s", r.code, r.errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatal("a refused report left a file")
		}
		mustRun(t, dsn, "config", "set", "organization", "Văn phòng Tỉnh ủy Sóc Trăng")
		mustRun(t, dsn, "report", "quarterly", "--quarter", "2021-Q1", "--date", "15/4/2021", "-o", out)
		text := pdfTool(t, "pdftotext", "-layout", out, "-")
		for _, want := range []string{"VĂN PHÒNG", "TỈNH ỦY SÓC TRĂNG", "Tổng hợp các hội nghị quý I/2021", "ngày 15 tháng 4 năm 2021", "Quý IV/2020", "TÌNH HÌNH THỰC HIỆN KẾT LUẬN"} {
			if !strings.Contains(text, want) {
				t.Errorf("report PDF lacks %q", want)
			}
		}
		pdfTool(t, "qpdf", "--check", out)

		empty := filepath.Join(t.TempDir(), "empty.pdf")
		if r := runCLI(t, dsn, "", []string{"report", "quarterly", "--quarter", "2019-Q3", "-o", empty}); r.code != 0 {
			t.Fatalf("empty quarter: exit %d %s", r.code, r.errOut)
		}
		if text := pdfTool(t, "pdftotext", empty, "-"); !strings.Contains(text, "quý III/2019") {
			t.Errorf("empty-quarter report:\n%s", text)
		}
		for _, bad := range []string{"2021-Q5", "Q0/2021", "quý 1", ""} {
			if r := runCLI(t, dsn, "", []string{"report", "quarterly", "--quarter", bad}); r.code != 2 {
				t.Errorf("--quarter %q: exit %d, want 2 (%s)", bad, r.code, r.errOut)
			}
		}
	})
}
