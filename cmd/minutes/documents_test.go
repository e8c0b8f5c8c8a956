package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/minutes-vn/minutes/internal/docx"
	"github.com/minutes-vn/minutes/internal/testdb"
)

// The documents an office issues, from the command line: the notice of
// conclusions, reports for any period, the number register.

const noNumberRecord = `organization: Thành ủy Sóc Trăng
parent_organization: Đảng bộ tỉnh Sóc Trăng
title: Hội nghị Ban Thường vụ Thành ủy tháng 4 năm 2021
date: 20/4/2021
place: Sóc Trăng
chair:
  name: Nguyễn Văn Quận
  title: Bí thư Thành ủy
attendance:
  present: 15
conclusions:
  - content: Hoàn thành kế hoạch kiểm tra, giám sát năm 2021
    owner: Ủy ban Kiểm tra Thành ủy
    due: 30/6/2021
`

func importExamples(t *testing.T, dsn string) {
	t.Helper()
	ex, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, dsn, "import", "-q", ex)
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	return strings.Join(strings.Fields(pdfTool(t, "pdftotext", "-layout", path, "-")), " ")
}

func TestNoticeCommand(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		importExamples(t, dsn)
		dir := t.TempDir()

		// A draft: the number left blank, the signer and Nơi nhận the record's.
		draft := filepath.Join(dir, "draft.pdf")
		r := runCLI(t, dsn, "", []string{"export", "1", "--document", "notice", "-o", draft})
		if r.code != 0 || !strings.Contains(r.errOut, "Chưa có số") {
			t.Fatalf("draft notice: exit %d\n%s", r.code, r.errOut)
		}
		text := pdfText(t, draft)
		for _, w := range []string{"Số -TB/TU", "THÔNG BÁO", "kết luận của Ban Thường vụ Thành ủy", "đồng chí Nguyễn Văn Quận, Bí thư Thành ủy kết luận như sau:",
			"Nơi nhận:", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Văn Phúc", "- Lưu Văn phòng Thành ủy."} {
			if !strings.Contains(text, w) {
				t.Errorf("draft notice lacks %q:\n%s", w, text)
			}
		}

		// Issued: the register's next number, printed and kept.
		tb := filepath.Join(dir, "tb.pdf")
		r = runCLI(t, dsn, "", []string{"export", "1", "--document", "notice", "--issue", "-o", tb})
		if r.code != 0 || !strings.Contains(r.errOut, "Số thông báo: 01-TB/TU") {
			t.Fatalf("issued notice: exit %d\n%s", r.code, r.errOut)
		}
		if text := pdfText(t, tb); !strings.Contains(text, "Số 01-TB/TU") {
			t.Errorf("issued notice:\n%s", text)
		}
		var shown map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "show", "1", "-o", "json")), &shown); err != nil {
			t.Fatal(err)
		}
		if n := shown["notice"].(map[string]any)["number"]; n != "01-TB/TU" {
			t.Errorf("the meeting's notice number %v", n)
		}
		// Issued again: the same number, no new one taken.
		r = runCLI(t, dsn, "", []string{"export", "1", "--document", "notice", "--issue", "-o", tb, "--force"})
		if r.code != 0 || !strings.Contains(r.errOut, "01-TB/TU") {
			t.Fatalf("again: exit %d\n%s", r.code, r.errOut)
		}

		// The State example's own number; Word too.
		word := filepath.Join(dir, "tb-2.docx")
		mustRun(t, dsn, "export", "2", "--document", "notice", "-o", word)
		b, err := os.ReadFile(word)
		if err != nil || docx.Check(b) != nil || !bytes.Contains(b, []byte("PK")) {
			t.Fatalf("Word notice: %v %v", err, docx.Check(b))
		}

		// A new meeting: the secretary types another number on a terminal;
		// a number another document holds is refused with exit 4, naming it.
		id := strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, dir, "m.yaml", noNumberRecord)))
		r = runCLIOn(t, true, dsn, "01-TB/TU\n", []string{"export", id, "--document", "notice", "--issue", "-o", filepath.Join(dir, "x.pdf")})
		if r.code != exitConflict || !strings.Contains(r.errOut, "số 01-TB/TU đã được dùng: thông báo kết luận của cuộc họp 1") {
			t.Fatalf("a number taken: exit %d\n%s", r.code, r.errOut)
		}
		r = runCLIOn(t, true, dsn, "\n", []string{"export", id, "--document", "notice", "--issue", "-o", filepath.Join(dir, "y.pdf"),
			"--signer-name", "Trần Văn Phúc", "--signer-title", "Phó Bí thư", "--signer-authority", "T/M", "--signer-for", "Ban Thường vụ",
			"--recipient", "Các ban xây dựng Đảng; Lưu Văn phòng"})
		if r.code != 0 || !strings.Contains(r.errOut, "[02-TB/TU]") || !strings.Contains(r.errOut, "Số thông báo: 02-TB/TU") {
			t.Fatalf("Enter takes the proposal: exit %d\n%s", r.code, r.errOut)
		}
		if text := pdfText(t, filepath.Join(dir, "y.pdf")); !strings.Contains(text, "- Các ban xây dựng Đảng;") || !strings.Contains(text, "- Lưu Văn phòng.") {
			t.Errorf("recipients from flags:\n%s", text)
		}

		// No conclusions, no notice: exit 3 and why.
		bare := strings.Replace(noNumberRecord, "conclusions:\n  - content: Hoàn thành kế hoạch kiểm tra, giám sát năm 2021\n    owner: Ủy ban Kiểm tra Thành ủy\n    due: 30/6/2021\n", "", 1)
		id2 := strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, dir, "bare.yaml", bare)))
		r = runCLI(t, dsn, "", []string{"export", id2, "--document", "notice", "-o", filepath.Join(dir, "z.pdf")})
		if r.code != exitInvalid || !strings.Contains(r.errOut, "chưa ghi kết luận nào") {
			t.Fatalf("without conclusions: exit %d\n%s", r.code, r.errOut)
		}
		// Usage errors.
		for _, args := range [][]string{
			{"export", "1", "--document", "letter"},
			{"export", "1", "--document", "notice", "--format", "yaml"},
			{"export", "1", "--issue"},
			{"export", "1", "--document", "notice", "--signer-title", "Phó Bí thư"},
			{"export", "1", "--document", "notice", "--signer-name", "X", "--signer-authority", "thay"},
		} {
			if r := runCLI(t, dsn, "", args); r.code != exitUsage {
				t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.errOut)
			}
		}
	})
}

func TestReportPeriodCommand(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		importExamples(t, dsn)
		dir := t.TempDir()
		// Several bodies: refused until the office is set.
		r := runCLI(t, dsn, "", []string{"report", "--period", "2021-H1", "-o", filepath.Join(dir, "h1.pdf")})
		if r.code != exitInvalid || !strings.Contains(r.errOut, "minutes config set organization") {
			t.Fatalf("without the office: exit %d\n%s", r.code, r.errOut)
		}
		for _, kv := range [][2]string{{"organization", "Văn phòng Tỉnh ủy Sóc Trăng"}, {"symbol", "VPTU"}, {"signer_authority", "T/L"},
			{"signer_for", "Ban Thường vụ"}, {"signer_title", "Chánh Văn phòng"}, {"signer_name", "Lê Văn Hùng"},
			{"recipients", "Thường trực Tỉnh ủy; Lưu Văn phòng Tỉnh ủy"}} {
			mustRun(t, dsn, "config", "set", kv[0], kv[1])
		}
		for _, c := range []struct {
			args  []string
			file  string
			title string
		}{
			{[]string{"--period", "2021-Q1"}, "bao-cao-quy-I-2021.pdf", "Tổng hợp các hội nghị quý I/2021"},
			{[]string{"--period", "2021-H1", "--issue"}, "bao-cao-6-thang-dau-nam-2021.pdf", "Tổng hợp các hội nghị 6 tháng đầu năm 2021"},
			{[]string{"--period", "2021-9M"}, "bao-cao-9-thang-dau-nam-2021.pdf", "Tổng hợp các hội nghị 9 tháng đầu năm 2021"},
			{[]string{"--period", "2021", "--number", "15-BC/VPTU"}, "bao-cao-nam-2021.pdf", "Tổng hợp các hội nghị năm 2021"},
			{[]string{"--from", "1/2/2021", "--to", "15/3/2021"}, "bao-cao-01-02-2021-den-15-03-2021.pdf", "Tổng hợp các hội nghị từ ngày 01/02/2021 đến ngày 15/3/2021"},
		} {
			args := append([]string{"report", "--date", "5/4/2021"}, c.args...)
			r := runCLIIn(t, dir, dsn, args)
			if r.code != 0 {
				t.Fatalf("%v: exit %d\n%s", c.args, r.code, r.errOut)
			}
			text := pdfText(t, filepath.Join(dir, c.file))
			for _, w := range []string{c.title, "VĂN PHÒNG", "TỈNH ỦY SÓC TRĂNG", "Nơi nhận:", "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Lê Văn Hùng",
				"- Thường trực Tỉnh ủy;", "Trong "} {
				if !strings.Contains(text, w) {
					t.Errorf("%v: the report lacks %q", c.args, w)
				}
			}
			switch c.args[0] + c.args[len(c.args)-1] {
			case "--period--issue":
				if !strings.Contains(text, "Số 01-BC/VPTU") {
					t.Errorf("H1 issued: %s", text[:200])
				}
			case "--period15-BC/VPTU":
				if !strings.Contains(text, "Số 15-BC/VPTU") || !strings.Contains(text, "Năm 2020") {
					t.Errorf("year: %s", text[:300])
				}
			}
		}
		// H1 printed again keeps its number; the register lists the reports with the gap.
		r = runCLIIn(t, dir, dsn, []string{"report", "--period", "2021-H1", "--date", "5/4/2021", "--force"})
		if r.code != 0 || !strings.Contains(r.errOut, "Số báo cáo: 01-BC/VPTU") {
			t.Fatalf("H1 again: %d\n%s", r.code, r.errOut)
		}
		reg := mustRun(t, dsn, "numbers", "--year", "2021")
		for _, w := range []string{"Sổ đăng ký văn bản của Văn phòng Tỉnh ủy Sóc Trăng, năm 2021", "01-BC/VPTU", "02-BC/VPTU – 14-BC/VPTU", "(13 số chưa dùng)", "15-BC/VPTU"} {
			if !strings.Contains(reg, w) {
				t.Errorf("register lacks %q:\n%s", w, reg)
			}
		}
		// A number another report holds: exit 4.
		r = runCLIIn(t, dir, dsn, []string{"report", "--period", "2021-Q1", "--number", "15-BC/VPTU", "--date", "5/4/2021", "--force"})
		if r.code != exitConflict || !strings.Contains(r.errOut, "báo cáo «Tổng hợp các hội nghị năm 2021»") {
			t.Fatalf("a report number taken: exit %d\n%s", r.code, r.errOut)
		}
		// The figures, as before, for any period.
		var js map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "report", "--period", "2021-H1", "--format", "json")), &js); err != nil {
			t.Fatal(err)
		}
		if js["period"] != "2021-H1" || js["period_name"] != "6 tháng đầu năm 2021" || js["year_before_period"] != "2020-H1" {
			t.Errorf("JSON %v", js)
		}
		if csv := mustRun(t, dsn, "report", "--period", "2021-9M", "--format", "csv"); !strings.Contains(csv, "period,,2021-9M,3,") ||
			!strings.Contains(csv, "previous_period,,2020-04-01..2020-12-31,0,") {
			t.Errorf("CSV:\n%s", csv)
		}
		for _, args := range [][]string{
			{"report"}, {"report", "--period", "2021-H3"}, {"report", "--from", "1/1/2021"}, {"report", "--period", "2021", "--from", "1/1/2021", "--to", "2/2/2021"},
			{"report", "--from", "1/5/2021", "--to", "1/1/2021"},
		} {
			if r := runCLI(t, dsn, "", args); r.code != exitUsage {
				t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.errOut)
			}
		}
	})
}

// runCLIIn runs the command line with the working folder dir, where the
// files of the default names are written.
func runCLIIn(t *testing.T, dir, dsn string, args []string) result {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	return runCLI(t, dsn, "", args)
}

func TestFinalizeNumbersAndTheRegister(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		importExamples(t, dsn) // 15-BB/TU for the Thành ủy
		dir := t.TempDir()
		add := func() string {
			return strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, dir, "m.yaml", noNumberRecord)))
		}
		a, b, c := add(), add(), add()
		r := runCLI(t, dsn, "", []string{"finalize", a, "--yes"})
		if r.code != 0 || !strings.Contains(r.errOut, "Số biên bản: 16-BB/TU") {
			t.Fatalf("finalize: exit %d\n%s", r.code, r.errOut)
		}
		// On a terminal the proposal is offered and another may be typed.
		r = runCLIOn(t, true, dsn, "20-BB/TU\nc\n", []string{"finalize", b})
		if r.code != 0 || !strings.Contains(r.errOut, "Số biên bản [17-BB/TU]:") || !strings.Contains(r.errOut, "Số biên bản: 20-BB/TU") {
			t.Fatalf("typed number: exit %d\n%s", r.code, r.errOut)
		}
		// A number already used: exit 4 naming the meeting, still a draft.
		r = runCLI(t, dsn, "", []string{"finalize", c, "--yes", "--number", "16-BB/TU"})
		if r.code != exitConflict || !strings.Contains(r.errOut, "số 16-BB/TU đã được dùng: biên bản cuộc họp "+a) {
			t.Fatalf("a number taken: exit %d\n%s", r.code, r.errOut)
		}
		if r := runCLI(t, dsn, "", []string{"finalize", c, "--yes", "--no-number"}); r.code != 0 {
			t.Fatalf("--no-number: %d %s", r.code, r.errOut)
		}
		// Importing the same record twice: already there, not two 15-BB/TU.
		ex, _ := filepath.Abs("../../examples/01-soc-trang-quy-1-2021.yaml")
		before := countMeetings(t, dsn)
		r = runCLI(t, dsn, "", []string{"import", ex})
		if r.code != 0 || !strings.Contains(r.errOut, "Đã có, không nhập lại: biên bản số 15-BB/TU (cuộc họp 1)") || countMeetings(t, dsn) != before {
			t.Fatalf("import twice: exit %d\n%s", r.code, r.errOut)
		}
		// The same number under other content is refused, exit 4.
		other := strings.Replace(noNumberRecord, "date: 20/4/2021", "number: 15-BB/TU\ndate: 21/4/2021", 1)
		r = runCLI(t, dsn, "", []string{"add", "-f", writeFile(t, dir, "o.yaml", other)})
		if r.code != exitConflict || !strings.Contains(r.errOut, "số 15-BB/TU đã được dùng: biên bản cuộc họp 1 «Hội nghị đánh giá") {
			t.Fatalf("a number twice: exit %d\n%s", r.code, r.errOut)
		}
		reg := mustRun(t, dsn, "numbers", "--org", "thanh uy soc trang", "--year", "2021")
		for _, w := range []string{"01-BB/TU – 14-BB/TU", "15-BB/TU", "16-BB/TU", "17-BB/TU – 19-BB/TU", "(3 số chưa dùng)", "20-BB/TU", "cuộc họp " + b} {
			if !strings.Contains(reg, w) {
				t.Errorf("register lacks %q:\n%s", w, reg)
			}
		}
		var lines []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "numbers", "--org", "Thành ủy Sóc Trăng", "--year", "2021", "-o", "json")), &lines); err != nil {
			t.Fatal(err)
		}
		var used, gaps []string
		for _, l := range lines {
			if l["used"] == true {
				used = append(used, l["number"].(string))
			} else {
				gaps = append(gaps, l["number"].(string))
			}
		}
		if !slices.Equal(used, []string{"15-BB/TU", "16-BB/TU", "20-BB/TU"}) || len(gaps) != 14+3 {
			t.Errorf("register as JSON: used %v, %d gaps", used, len(gaps))
		}
		if r := runCLI(t, dsn, "", []string{"numbers"}); r.code != exitUsage {
			t.Errorf("numbers without an office: %d", r.code)
		}
	})
}

// Secretaries at several machines finalizing at the same moment, each a
// real process: every one gets its own number, 16, 17, … with no gap.
func TestNumbersTakenAtOnceByProcesses(t *testing.T) {
	const n = 4
	bin := buildBinary(t)
	testdb.Each(t, func(t *testing.T, dsn string) {
		importExamples(t, dsn)
		dir := t.TempDir()
		ids := make([]string, n)
		for i := range ids {
			ids[i] = strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, dir, "m.yaml", noNumberRecord)))
		}
		var wg sync.WaitGroup
		outs := make([]string, n)
		for i := range n {
			wg.Go(func() {
				cmd := exec.Command(bin, "finalize", ids[i], "--yes")
				cmd.Env = append(os.Environ(), "MINUTES_DB="+dsn, "LANG=vi_VN.UTF-8")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Errorf("finalize %s: %v\n%s", ids[i], err, out)
				}
				outs[i] = string(out)
			})
		}
		wg.Wait()
		var got []string
		for _, id := range ids {
			var m map[string]any
			if err := json.Unmarshal([]byte(mustRun(t, dsn, "show", id, "-o", "json")), &m); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprint(m["number"]))
		}
		slices.Sort(got)
		if want := []string{"16-BB/TU", "17-BB/TU", "18-BB/TU", "19-BB/TU"}; !slices.Equal(got, want) {
			t.Fatalf("numbers taken at once by %d processes: %v, want %v\n%s", n, got, want, strings.Join(outs, "\n"))
		}
	})
}
