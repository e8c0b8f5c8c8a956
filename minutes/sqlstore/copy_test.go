package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// TestManyRowsAtOnce: a batch large enough for COPY on PostgreSQL (and
// many-row INSERTs on SQLite) stores every part in order, text whole, and
// the guards on finalized minutes still refuse a part written under them.
func TestManyRowsAtOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ctx := context.Background()
		var ms []*minutes.Meeting
		for i := range 60 {
			m := testdb.Meeting(i)
			m.Comments = nil
			for j := range 8 {
				m.Comments = append(m.Comments, minutes.Comment{Speaker: fmt.Sprintf("Đại biểu %d", j+1),
					Content: fmt.Sprintf("Ý kiến thứ %d: \"trích\"\ttab\\gạch, xuống\ndòng; NULL \\N", j+1)})
			}
			ms = append(ms, m)
		}
		if err := s.CreateMeetings(ctx, ms); err != nil {
			t.Fatal(err)
		}
		for _, m := range []*minutes.Meeting{ms[0], ms[59]} {
			got, err := s.FindMeetingByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Comments, m.Comments) {
				t.Fatalf("meeting %d comments:\n%q\nwant\n%q", m.ID, got.Comments, m.Comments)
			}
		}
	})
}
