package sqlstore_test

import (
	"context"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// BenchmarkFinalize is the cost of approving one meeting: the store's
// Finalize alone, the draft stored outside the timing. Run on the commit
// before the seals and on this one to see what sealing costs (README).
func BenchmarkFinalize(b *testing.B) {
	for _, db := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := sqlstore.Open(ctx, db.dsn(b))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ms := make([]*minutes.Meeting, b.N)
			for i := range ms {
				ms[i] = testdb.Meeting(i)
				ms[i].Number = ""
			}
			if err := s.CreateMeetings(ctx, ms); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for _, m := range ms {
				if err := s.Finalize(ctx, m.ID, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
