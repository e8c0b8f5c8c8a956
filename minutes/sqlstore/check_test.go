package sqlstore_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// TestCheckClean: a sound database passes its own check, and says what
// was checked — on PostgreSQL every table and, with amcheck, every index.
func TestCheckClean(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ctx := context.Background()
		if err := s.CreateMeetings(ctx, []*minutes.Meeting{testdb.Meeting(1), testdb.Meeting(2), testdb.Meeting(3)}); err != nil {
			t.Fatal(err)
		}
		in, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !in.OK() {
			t.Fatalf("a sound database: %q", in.Problems)
		}
		var keys []string
		for _, m := range in.Checked {
			keys = append(keys, m.Key)
		}
		want := []string{"check.sqlite_integrity", "check.sqlite_foreign_keys"}
		if strings.HasPrefix(dsn, "postgres") {
			want = []string{"check.pg_tables", "check.pg_indexes"}
			if n := in.Checked[0].Args[0].(int); n < 10 {
				t.Errorf("only %d tables read", n)
			}
		}
		if strings.Join(keys, " ") != strings.Join(want, " ") {
			t.Errorf("checked %v, want %v", keys, want)
		}
	})
}

// TestCheckFindsDamage: bytes overwritten in the middle of an index page —
// where list and show may never look — are found and named.
func TestCheckFindsDamage(t *testing.T) {
	path := testdb.SQLite(t)
	s := open(t, path)
	ctx := context.Background()
	var ms []*minutes.Meeting
	for i := range 200 {
		ms = append(ms, testdb.Meeting(i))
	}
	if err := s.CreateMeetings(ctx, ms); err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := s.DB().QueryRowContext(ctx, `SELECT rootpage FROM sqlite_schema WHERE name = 'meetings_date'`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	s.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\x55", 3000)), (root-1)*size+8); err != nil {
		t.Fatal(err)
	}
	f.Close()

	in, err := open(t, path).Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in.OK() {
		t.Fatal("overwritten index page not found")
	}
	if !strings.Contains(strings.Join(in.Problems, "\n"), "(meetings_date)") {
		t.Errorf("the damaged index is not named: %q", in.Problems)
	}
}

// The result bounds what it holds however damaged the file.
func TestIntegrityBounded(t *testing.T) {
	var in minutes.Integrity
	for range minutes.MaxProblems + 50 {
		in.Add("x")
	}
	if len(in.Problems) != minutes.MaxProblems || in.Unlisted != 50 || in.OK() {
		t.Errorf("%d listed, %d more", len(in.Problems), in.Unlisted)
	}
}
