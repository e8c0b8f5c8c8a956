package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/record"
)

// tricky holds values that a careless YAML writer would change on the way
// back: numbers, booleans and times as text, colons, hashes, quotes,
// leading dashes, several paragraphs, decomposed Vietnamese.
const tricky = `organization: "2021"
parent_organization: "true"
number: "07"
title: 'Hội nghị: "đánh giá" # quý I — ''kết luận'''
date: 2021-03-01
start_time: "07:05"
place: "- Sóc Trăng"
chairs:
  - name: "Nguye\u0302\u0303n Va\u0306n Qua\u0323\u0302n"
    title: "null"
attendance:
  present: 0
  invited: 3
  absent:
    - name: "yes"
summary: "Đoạn một.\n\nĐoạn hai, có   khoảng trắng.\n\tThụt đầu dòng."
comments:
  - content: "~"
recipients: ["@Lưu", "a: b"]
`

func TestExportImportRoundTrip(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		var inputs []string
		ex, _ := filepath.Glob("../../examples/*.yaml")
		inputs = append(inputs, ex...)
		inputs = append(inputs, writeFile(t, dir, "tricky.yaml", tricky))
		for i := 0; i < 5; i++ {
			b, err := record.MarshalYAML(testdb.Meeting(i))
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, writeFile(t, dir, fmt.Sprintf("gen%d.yaml", i), string(b)))
		}
		for i, in := range inputs {
			id := strings.TrimSpace(mustRun(t, dsn, "add", "-f", in))
			for _, format := range []string{"yaml", "json"} {
				first := mustRun(t, dsn, "export", id, "--format", format)
				// Into an empty database and out again.
				other := testdb.SQLite(t)
				p := writeFile(t, dir, fmt.Sprintf("export%d.%s", i, format), first)
				id2 := strings.TrimSpace(mustRun(t, other, "add", "-f", p))
				second := mustRun(t, other, "export", id2, "--format", format)
				if first != second {
					t.Errorf("%s as %s: export → import → export differs:\n--- first\n%s\n--- second\n%s", filepath.Base(in), format, first, second)
				}
			}
		}
		// NFD input was composed on the way in.
		out := mustRun(t, dsn, "list", "--search", "nguyen van quan", "-o", "yaml")
		if !strings.Contains(out, "Nguyễn Văn Quận") {
			t.Errorf("decomposed name not stored as NFC, or not found by folded search:\n%s", out)
		}
	})
}

func TestExportWritesFilesAtomically(t *testing.T) {
	dsn := testdb.SQLite(t)
	dir := t.TempDir()
	mustRun(t, dsn, "add", "-f", writeFile(t, dir, "a.yaml", validRecord))
	target := filepath.Join(dir, "hop.yaml")
	mustRun(t, dsn, "export", "1", "-o", target)
	if r := runCLI(t, dsn, "", []string{"export", "1", "-o", target}); r.code != 2 || !strings.Contains(r.errOut, "--force") {
		t.Fatalf("overwrite without --force: exit %d %s", r.code, r.errOut)
	}
	mustRun(t, dsn, "export", "1", "-o", target, "--force")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	if r := runCLI(t, dsn, "", []string{"export", "1", "-o", filepath.Join(dir, "missing-dir", "x.pdf")}); r.code == 0 {
		t.Errorf("export into a missing directory succeeded")
	}
}
