package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// generatedFile writes n generated meetings (about fifteen child rows
// each) as one multi-document YAML file.
func generatedFile(b *testing.B, n int) string {
	b.Helper()
	var buf bytes.Buffer
	vals := make([]any, n)
	for i := range vals {
		vals[i] = record.ToWire(testdb.Meeting(i), false)
	}
	if err := record.EncodeYAML(&buf, vals...); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), fmt.Sprintf("gen-%d.yaml", n))
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

func runBench(b *testing.B, dsn string, args ...string) {
	b.Helper()
	var out, errOut bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	env := map[string]string{"MINUTES_DB": dsn}
	if code := Execute(context.Background(), args, io, func(k string) string { return env[k] }); code != 0 {
		b.Fatalf("minutes %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
}

// BenchmarkImport10k is `minutes import` of a 10,000-meeting file into an
// empty database: read, decode, validate and store in one transaction.
// Target (issue 2): ≥ 2,000 meetings/s on SQLite, ≥ 1,000/s on PostgreSQL.
func BenchmarkImport10k(b *testing.B) {
	const n = 10000
	file := generatedFile(b, n)
	for _, db := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dsn := db.dsn(b)
				s, err := sqlstore.Open(context.Background(), dsn) // migrate outside the timing
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				b.StartTimer()
				start := time.Now()
				runBench(b, dsn, "import", "-q", file)
				total += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "meetings/s")
		})
	}
}

// BenchmarkSearch100k is `minutes list --search` over 100,000 meetings,
// the whole command (open, query, print). Target: under 100 ms.
func BenchmarkSearch100k(b *testing.B) {
	const n = 100000
	for _, db := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			dsn := db.dsn(b)
			s, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < n; i += 5000 {
				batch := make([]*minutes.Meeting, 0, 5000)
				for j := i; j < i+5000; j++ {
					m := testdb.Meeting(j)
					if j%10000 == 1234 {
						m.Title = "Hội nghị chuyên đề về Quận Ninh Kiều"
					}
					batch = append(batch, m)
				}
				if err := s.CreateMeetings(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
			}
			s.Close()
			for _, q := range []struct{ name, text string }{{"rare", "quan ninh kieu"}, {"org+word", "phu my ocop"}} {
				b.Run(q.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						runBench(b, dsn, "list", "--search", q.text, "-o", "table")
					}
				})
			}
		})
	}
}

// BenchmarkVerify1k is `minutes verify` over 1,000 finalized meetings (a
// hundred of them amended once), the whole command: open, read every
// record and the history that seals it, compute each seal again.
func BenchmarkVerify1k(b *testing.B) {
	const n = 1000
	for _, db := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			ctx := context.Background()
			dsn := db.dsn(b)
			s, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			ms := make([]*minutes.Meeting, n)
			for i := range ms {
				ms[i] = testdb.Meeting(i)
			}
			if err := s.CreateMeetings(ctx, ms); err != nil {
				b.Fatal(err)
			}
			for i, m := range ms {
				if err := s.Finalize(ctx, m.ID, 0); err != nil {
					b.Fatal(err)
				}
				if i%10 == 0 {
					got, err := s.FindMeetingByID(ctx, m.ID)
					if err != nil {
						b.Fatal(err)
					}
					got.Summary += " Bổ sung."
					if err := s.Amend(ctx, got, "bổ sung"); err != nil {
						b.Fatal(err)
					}
				}
			}
			s.Close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				runBench(b, dsn, "verify")
			}
		})
	}
}
