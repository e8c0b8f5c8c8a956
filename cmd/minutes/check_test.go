package main

import (
	"os"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// TestCheckCommand: minutes check passes a sound database (exit 0), and on
// a file damaged in the middle — which list still reads — names the
// damaged index, says what to do and exits 1; on PostgreSQL it reads every
// table and checks every index.
func TestCheckCommand(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		for range 3 {
			mustRun(t, dsn, "import", "../../examples")
		}
		r := runCLI(t, dsn, "", []string{"check"})
		if r.code != 0 || !strings.Contains(r.out, "Không phát hiện lỗi.") {
			t.Fatalf("a sound database: exit %d\n%s%s", r.code, r.out, r.errOut)
		}
		if strings.HasPrefix(dsn, "postgres") && !strings.Contains(r.out, "chỉ mục B-tree") {
			t.Errorf("PostgreSQL indexes not checked:\n%s", r.out)
		}
	})
	path := testdb.SQLite(t)
	for range 60 {
		mustRun(t, path, "import", "../../examples")
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Page 5 is the date index on a new database (schema 001).
	if _, err := f.WriteAt([]byte(strings.Repeat("\x55", 3000)), 4*4096+8); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := runCLI(t, path, "", []string{"check"})
	if r.code != 1 {
		t.Fatalf("a damaged file: exit %d, want 1\n%s%s", r.code, r.out, r.errOut)
	}
	for _, want := range []string{"Phát hiện", "(meetings_date)"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("the report lacks %q:\n%s", want, r.out)
		}
	}
	if !strings.Contains(r.errOut, "Cơ sở dữ liệu bị hỏng") || !strings.Contains(r.errOut, "minutes import") {
		t.Errorf("no advice:\n%s", r.errOut)
	}
}
