package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// result is what one run of the command line gave.
type result struct {
	code        int
	out, errOut string
}

// runCLI runs the command line in-process against dsn with buffer IO, as a
// user without a terminal would, and extra environment variables env
// ("KEY=value").
func runCLI(t *testing.T, dsn, stdin string, args []string, env ...string) result {
	t.Helper()
	return runCLIOn(t, false, dsn, stdin, args, env...)
}

// runCLIOn is runCLI with standard input a terminal or not.
func runCLIOn(t *testing.T, terminal bool, dsn, stdin string, args []string, env ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	vars := map[string]string{"MINUTES_DB": dsn}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	io := &IO{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut, InTTY: terminal}
	code := Execute(context.Background(), args, io, func(k string) string { return vars[k] })
	return result{code, out.String(), errOut.String()}
}

// mustRun runs args and fails the test unless the exit status is 0.
func mustRun(t *testing.T, dsn string, args ...string) string {
	t.Helper()
	r := runCLI(t, dsn, "", args)
	if r.code != 0 {
		t.Fatalf("minutes %s: exit %d\n%s", strings.Join(args, " "), r.code, r.errOut)
	}
	return r.out
}

// countMeetings returns how many meetings list -o json finds.
func countMeetings(t *testing.T, dsn string) int {
	t.Helper()
	var ms []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dsn, "list", "-o", "json")), &ms); err != nil {
		t.Fatalf("list -o json is not a JSON array: %v", err)
	}
	return len(ms)
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var binPath string

// buildBinary builds cmd/minutes once per test run, for tests that need a
// real process (an editor that runs minutes itself, exit statuses).
func buildBinary(t *testing.T) string {
	t.Helper()
	if binPath != "" {
		return binPath
	}
	dir, err := os.MkdirTemp("", "minutes-bin-")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "minutes")
	cmd := exec.Command("go", "build", "-o", p, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	binPath = p
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

const validRecord = `organization: Thành ủy Sóc Trăng
title: Hội nghị giao ban quý I/2021
date: 25/3/2021
start_time: 7:30
end_time: "11:15"
chair:
  name: Nguyễn Văn Quận
  title: Bí thư Thành ủy
attendance:
  present: 80
  at_least: true
conclusions:
  - content: Tập trung lãnh đạo công tác bầu cử
    due: 23/5/2021
`

func TestAddShowList(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		p := writeFile(t, dir, "hop.yaml", validRecord)
		id := strings.TrimSpace(mustRun(t, dsn, "add", "-f", p))
		if id != "1" {
			t.Fatalf("add printed %q, want the new ID 1", id)
		}
		// From standard input, as JSON.
		r := runCLI(t, dsn, `{"organization":"Ủy ban nhân dân Phường 2","title":"Họp giao ban","date":"2021-04-02","chairs":[{"name":"Trần Thị Hồng Nhung"}],"attendance":{"present":14}}`, []string{"add", "-f", "-"})
		if r.code != 0 || strings.TrimSpace(r.out) != "2" {
			t.Fatalf("add -f - (JSON): exit %d out %q err %s", r.code, r.out, r.errOut)
		}
		text := mustRun(t, dsn, "show", "1")
		for _, want := range []string{"Hội nghị giao ban quý I/2021", "Nguyễn Văn Quận — Bí thư Thành ủy", "trên 80", "07:30 – 11:15", "hạn 23/05/2021"} {
			if !strings.Contains(text, want) {
				t.Errorf("show lacks %q:\n%s", want, text)
			}
		}
		var shown map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "show", "1", "-o", "json")), &shown); err != nil {
			t.Fatal(err)
		}
		if shown["id"] != float64(1) || shown["organization"] != "Thành ủy Sóc Trăng" || shown["start_time"] != "07:30" {
			t.Errorf("show -o json: %v", shown)
		}
		table := mustRun(t, dsn, "list", "--quarter", "2021-Q1")
		if !strings.Contains(table, "25/03/2021") || strings.Contains(table, "Họp giao ban") {
			t.Errorf("list --quarter 2021-Q1 should show only the March meeting:\n%s", table)
		}
		for _, q := range []string{"I/2021", "Q1/2021", "2021Q1"} {
			if got := mustRun(t, dsn, "list", "--quarter", q, "-o", "csv"); strings.Count(got, "\n") != 2 {
				t.Errorf("list --quarter %s: want header and one row, got:\n%s", q, got)
			}
		}
		if got := mustRun(t, dsn, "list", "--search", "phuong 2", "-o", "csv"); !strings.Contains(got, "Ủy ban nhân dân Phường 2") || strings.Count(got, "\n") != 2 {
			t.Errorf("list --search \"phuong 2\":\n%s", got)
		}
		if got := mustRun(t, dsn, "list", "--limit", "1", "-o", "csv"); strings.Count(got, "\n") != 2 || !strings.Contains(got, "25/3/2021") && !strings.Contains(got, "2021-03-25") {
			t.Errorf("list --limit 1 should print the earliest meeting only:\n%s", got)
		}
		if got := mustRun(t, dsn, "list", "--org", "thanh uy soc trang", "-o", "yaml"); !strings.Contains(got, "id: 1") || strings.Contains(got, "id: 2") {
			t.Errorf("list --org:\n%s", got)
		}
	})
}

func TestExitStatuses(t *testing.T) {
	dsn := testdb.SQLite(t)
	p := writeFile(t, t.TempDir(), "hop.yaml", validRecord)
	mustRun(t, dsn, "add", "-f", p)
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"UnknownCommand", []string{"frobnicate"}, 2, `không có lệnh "frobnicate"`},
		{"UnknownFlag", []string{"list", "--colour"}, 2, "không có tùy chọn --colour"},
		{"MissingArg", []string{"show"}, 2, "minutes --help"},
		{"BadID", []string{"show", "abc"}, 2, "không phải số hiệu cuộc họp"},
		{"BadQuarter", []string{"list", "--quarter", "2021-Q5"}, 2, "quý \"2021-Q5\""},
		{"BadFormat", []string{"list", "-o", "xml"}, 2, "table, json, csv, yaml"},
		{"BadFromDate", []string{"list", "--from", "31/2/2021"}, 2, "--from"},
		{"NotFound", []string{"show", "42"}, 5, "không có cuộc họp số 42"},
		{"ExportNotFound", []string{"export", "42", "--format", "yaml"}, 5, "42"},
		{"DeleteWithoutTerminal", []string{"delete", "1"}, 2, "--yes"},
		{"AddNoFile", []string{"add"}, 2, "minutes add -f"},
		{"AddMissingFile", []string{"add", "-f", "/nonexistent/hop.yaml"}, 3, "/nonexistent/hop.yaml"},
		{"AddDirectory", []string{"add", "-f", t.TempDir()}, 3, "minutes import"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, dsn, "", c.args)
			if r.code != c.code || !strings.Contains(r.errOut, c.msg) {
				t.Fatalf("minutes %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), r.code, r.errOut, c.code, c.msg)
			}
			if r.out != "" {
				t.Errorf("an error printed data on stdout: %q", r.out)
			}
		})
	}
}

func TestEnglishMessages(t *testing.T) {
	dsn := testdb.SQLite(t)
	r := runCLI(t, dsn, "", []string{"show", "7"}, "LANG=en_US.UTF-8")
	if r.code != 5 || !strings.Contains(r.errOut, "there is no meeting 7") {
		t.Fatalf("LANG=en: exit %d %q", r.code, r.errOut)
	}
	r = runCLI(t, dsn, "", []string{"--lang", "en", "show", "7"})
	if !strings.Contains(r.errOut, "there is no meeting 7") {
		t.Fatalf("--lang en: %q", r.errOut)
	}
	r = runCLI(t, dsn, "", []string{"show", "7"})
	if !strings.Contains(r.errOut, "không có cuộc họp số 7") {
		t.Fatalf("default language should be Vietnamese: %q", r.errOut)
	}
}

func TestDelete(t *testing.T) {
	dsn := testdb.SQLite(t)
	p := writeFile(t, t.TempDir(), "hop.yaml", validRecord)
	mustRun(t, dsn, "add", "-f", p)
	mustRun(t, dsn, "delete", "1", "--yes")
	if n := countMeetings(t, dsn); n != 0 {
		t.Fatalf("%d meetings after delete", n)
	}
	if r := runCLI(t, dsn, "", []string{"delete", "1", "--yes"}); r.code != 5 {
		t.Fatalf("deleting again: exit %d %s", r.code, r.errOut)
	}
}

func TestTemplateIsAValidStart(t *testing.T) {
	dsn := testdb.SQLite(t)
	tpl := mustRun(t, dsn, "template")
	// Unfilled, it is refused for the required fields only, not for the
	// blank optional entries.
	p := writeFile(t, t.TempDir(), "blank.yaml", tpl)
	r := runCLI(t, dsn, "", []string{"add", "-f", p})
	if r.code != 3 {
		t.Fatalf("blank template: exit %d", r.code)
	}
	for _, want := range []string{"organization", "title", "date", "chairs"} {
		if !strings.Contains(r.errOut, want) {
			t.Errorf("blank template error lacks %q:\n%s", want, r.errOut)
		}
	}
	for _, unwanted := range []string{"agenda[1]", "comments[1]", "conclusions[1]"} {
		if strings.Contains(r.errOut, unwanted) {
			t.Errorf("blank optional entry %s reported:\n%s", unwanted, r.errOut)
		}
	}
	filled := strings.NewReplacer(
		"\norganization: \"\"", "\norganization: Thành ủy Sóc Trăng",
		"\ntitle: \"\"", "\ntitle: Hội nghị thử",
		"\ndate: \"\"", "\ndate: 25/3/2021",
		"  - name: \"\"\n    title: \"\"\nsecretary", "  - name: Nguyễn Văn Quận\n    title: \"\"\nsecretary",
	).Replace(tpl)
	p = writeFile(t, t.TempDir(), "filled.yaml", filled)
	if r := runCLI(t, dsn, "", []string{"add", "-f", p}); r.code != 0 {
		t.Fatalf("filled template: exit %d\n%s", r.code, r.errOut)
	}
}

func TestShowFollowUp(t *testing.T) {
	dsn := testdb.SQLite(t)
	mustRun(t, dsn, "add", "-f", writeFile(t, t.TempDir(), "hop.yaml", validRecord))
	r := runCLI(t, dsn, "", []string{"show", "1"}, "MINUTES_TODAY=2021-06-01")
	if r.code != 0 || !strings.Contains(r.out, "Thực hiện kết luận:\n  1. việc số 1 — QUÁ HẠN 9 ngày") {
		t.Fatalf("show lacks the follow-up of the conclusion due 23/5/2021:\n%s%s", r.out, r.errOut)
	}
	// Data formats stay the record format: no follow-up in them.
	if r := runCLI(t, dsn, "", []string{"show", "1", "-o", "yaml"}); strings.Contains(r.out, "QUÁ HẠN") {
		t.Fatalf("follow-up leaked into -o yaml:\n%s", r.out)
	}
}

// TestTablesFitTheTerminal: on a terminal the table of meetings is as wide
// as the terminal, long titles cut with "…"; piped, it is as wide as its
// cells.
func TestTablesFitTheTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "minutes.db")
	long := strings.Replace(validRecord, "title: Hội nghị giao ban quý I/2021", "title: Hội nghị đánh giá tình hình kinh tế - xã hội, quốc phòng an ninh, xây dựng hệ thống chính trị quý I/2021 và phương hướng quý II/2021", 1)
	mustRun(t, db, "add", "-f", writeFile(t, t.TempDir(), "hop.yaml", long))
	for _, width := range []int{80, 100} {
		var out, errOut bytes.Buffer
		io := &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, Width: width}
		if code := Execute(context.Background(), []string{"--db", db, "list"}, io, func(string) string { return "" }); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: a line of %d columns: %q", width, n, line)
			}
		}
		if !strings.Contains(out.String(), "…") {
			t.Errorf("width %d: the long title was not cut:\n%s", width, out.String())
		}
	}
	if out := mustRun(t, db, "list"); !strings.Contains(out, "quốc phòng an") {
		t.Errorf("piped, the table lost its text:\n%s", out)
	}
}
