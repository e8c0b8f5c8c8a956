//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/minutes-vn/minutes/examples"
)

// TestFileModes: the database is its owner's alone, and so is a backup;
// documents respect the umask, even a strict one.
func TestFileModes(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "minutes.db")
	seed, _ := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	rec := writeFile(t, dir, "seed.yaml", string(seed))
	mustRun(t, db, "add", "-f", rec)
	pdf, backup := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "backup.yaml")
	mustRun(t, db, "export", "1", "-o", pdf)
	mustRun(t, db, "export", "--all", "-o", backup)
	want := map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700 | os.ModeDir, backup: 0o600, pdf: 0o600}
	syscall.Umask(0o022)
	pdf2 := filepath.Join(dir, "b.pdf")
	mustRun(t, db, "export", "1", "-o", pdf2)
	want[pdf2] = 0o644
	for p, m := range want {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != m {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), st.Mode(), m)
		}
	}
}
