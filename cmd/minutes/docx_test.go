package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/examples"
	"github.com/minutes-vn/minutes/internal/docx"
)

// TestWordDocuments: export and report write Word documents, from the
// format flag or the .docx extension, styled after an office's reference
// document given by flag or setting.
func TestWordDocuments(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "minutes.db")
	seed, _ := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	mustRun(t, db, "add", "-f", writeFile(t, dir, "seed.yaml", string(seed)))
	valid := func(path string) []byte {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := docx.Check(b); err != nil {
			t.Fatalf("%s is not a sound Word document: %v", path, err)
		}
		return b
	}
	mustRun(t, db, "export", "1", "-o", "a.docx")
	a := valid("a.docx")
	mustRun(t, db, "export", "1", "--format", "docx")
	if b := valid("bien-ban-1.docx"); string(b) != string(a) {
		t.Fatal("the same record gave two different Word files")
	}
	mustRun(t, db, "report", "quarterly", "--quarter", "2021-Q1", "--format", "docx")
	valid("bao-cao-quy-I-2021.docx")

	// A reference document: by flag, then by setting.
	mustRun(t, db, "export", "1", "-o", "ref.docx", "--reference-doc", "a.docx")
	valid("ref.docx")
	writeFile(t, dir, "not-word.docx", "xin chào")
	for _, args := range [][]string{
		{"export", "1", "-o", "x.docx", "--reference-doc", "not-word.docx"},
		{"export", "1", "-o", "x.docx", "--reference-doc", "missing.docx"},
		{"config", "set", "reference_doc", "not-word.docx"},
	} {
		r := runCLI(t, db, "", args)
		if r.code != exitInvalid || !strings.Contains(r.errOut, "tệp Word mẫu") {
			t.Errorf("%v: exit %d, %s", args, r.code, r.errOut)
		}
	}
	mustRun(t, db, "config", "set", "reference_doc", "a.docx")
	if got := strings.TrimSpace(mustRun(t, db, "config", "get", "reference_doc")); got != filepath.Join(dir, "a.docx") {
		t.Fatalf("reference_doc stored as %q, want the absolute path", got)
	}
	mustRun(t, db, "export", "1", "-o", "b.docx")
	valid("b.docx")
	// A setting whose file has gone says which setting to fix.
	if err := os.Remove("a.docx"); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, db, "", []string{"export", "1", "-o", "c.docx"})
	if r.code != exitInvalid || !strings.Contains(r.errOut, "cài đặt reference_doc") {
		t.Fatalf("exit %d: %s", r.code, r.errOut)
	}
	// The PDF does not need the reference.
	mustRun(t, db, "export", "1", "-o", "c.pdf")
}
