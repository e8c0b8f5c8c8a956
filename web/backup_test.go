package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// TestBackupDownload: /backup sends the whole backup, as the command line
// writes it, the history of a deleted draft included.
func TestBackupDownload(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ts := newServer(t, dsn)
		ctx := context.Background()
		a, b := testdb.Meeting(1), testdb.Meeting(2)
		for _, m := range []*minutes.Meeting{a, b} {
			if err := ts.app.Record(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		if err := ts.app.Delete(ctx, b.ID, 0); err != nil {
			t.Fatal(err)
		}
		r := ts.do(t, "GET", "/backup", "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/yaml") ||
			!strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("GET /backup: %d %v", r.status, r.header)
		}
		if !strings.HasPrefix(r.body, "backup:\n  format: 2\n") || strings.Count(r.body, "\nrecord:\n") != 1 || !strings.Contains(r.body, "\ndeleted:\n") {
			t.Fatalf("the backup downloaded lacks its header, the meeting or the deleted draft:\n%s", r.body)
		}
	})
}
