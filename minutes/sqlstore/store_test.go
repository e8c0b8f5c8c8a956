package sqlstore_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

func open(t *testing.T, dsn string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func code(err error) string { return minutes.ErrorCode(err) }

// catalog holds every message the store's errors may carry: the domain's
// rules, the record format's (a snapshot that does not read) and the
// store's own.
var catalog = minutes.NewCatalog(minutes.DomainMessages, record.Messages, sqlstore.Messages)

// vi and en put an error into words as a user reading that language sees it.
func vi(err error) string { return catalog.Printer(minutes.LangVI).Error(err) }
func en(err error) string { return catalog.Printer(minutes.LangEN).Error(err) }

// content strips what the store adds, to compare records by content.
func content(m *minutes.Meeting) *minutes.Meeting {
	c := *m
	c.ID, c.Status, c.Version = 0, "", 0
	c.CreatedAt, c.UpdatedAt, c.FinalizedAt, c.FinalizedBy = time.Time{}, time.Time{}, nil, ""
	cs := make([]minutes.Conclusion, len(m.Conclusions))
	for i, x := range m.Conclusions {
		x.ID = 0
		cs[i] = x
	}
	c.Conclusions = cs
	return &c
}

func TestStore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)

		t.Run("CreateFindRoundTrip", func(t *testing.T) {
			m := testdb.Meeting(7)
			want := content(m)
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			if m.ID == 0 || m.Version != 1 || m.Status != minutes.StatusDraft {
				t.Fatalf("after create: id=%d version=%d status=%q", m.ID, m.Version, m.Status)
			}
			got, err := s.FindMeetingByID(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(content(got), want) {
				t.Fatalf("round trip differs:\n got %+v\nwant %+v", content(got), want)
			}
			for i, c := range got.Conclusions {
				if c.ID == 0 || c.ID != m.Conclusions[i].ID {
					t.Fatalf("conclusion %d: id %d, created with %d", i, c.ID, m.Conclusions[i].ID)
				}
			}
		})

		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.FindMeetingByID(ctx, 999999)
			if code(err) != minutes.ENOTFOUND {
				t.Fatalf("code %q, err %v", code(err), err)
			}
		})

		t.Run("CreateIsAllOrNothing", func(t *testing.T) {
			before, _ := s.FindMeetings(ctx, minutes.Filter{})
			bad := testdb.Meeting(2)
			bad.Chairs = nil
			err := s.CreateMeetings(ctx, []*minutes.Meeting{testdb.Meeting(1), bad})
			if code(err) != minutes.EINVALID || !strings.Contains(vi(err), "chairs") {
				t.Fatalf("want EINVALID naming chairs, got %v", err)
			}
			after, _ := s.FindMeetings(ctx, minutes.Filter{})
			if len(after) != len(before) {
				t.Fatalf("a rejected batch stored %d meetings", len(after)-len(before))
			}
		})

		t.Run("SearchIgnoresCaseAndDiacritics", func(t *testing.T) {
			m := testdb.Meeting(3)
			m.Title = "Hội nghị Ban Chấp hành Đảng bộ Quận Ninh Kiều"
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"quan ninh", "QUẬN", "dang bo", "ĐẢNG", "kieu"} {
				ms, err := s.FindMeetings(ctx, minutes.Filter{Search: q})
				if err != nil {
					t.Fatal(err)
				}
				if !hasID(ms, m.ID) {
					t.Errorf("search %q did not find %q", q, m.Title)
				}
			}
			ms, _ := s.FindMeetings(ctx, minutes.Filter{Search: "50%_"})
			if len(ms) != 0 {
				t.Errorf("LIKE wildcards in the query matched %d meetings", len(ms))
			}
		})

		t.Run("FilterDatesOrgStatus", func(t *testing.T) {
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{testdb.Meeting(0), testdb.Meeting(1), testdb.Meeting(2)}); err != nil {
				t.Fatal(err)
			}
			ms, err := s.FindMeetings(ctx, minutes.Filter{From: minutes.NewDate(2021, 1, 2), To: minutes.NewDate(2021, 1, 2)})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				if m.Date != minutes.NewDate(2021, 1, 2) {
					t.Errorf("date filter let through %v", m.Date)
				}
			}
			if len(ms) == 0 {
				t.Error("no meeting on 2021-01-02, expected the generated one")
			}
			ms, _ = s.FindMeetings(ctx, minutes.Filter{Org: "dang uy xa phu my"})
			for _, m := range ms {
				if m.Organization != "Đảng ủy xã Phú Mỹ" {
					t.Errorf("org filter let through %q", m.Organization)
				}
			}
			if len(ms) == 0 {
				t.Error("org filter found nothing")
			}
		})

		t.Run("UpdateChecksVersion", func(t *testing.T) {
			m := testdb.Meeting(11)
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			a, _ := s.FindMeetingByID(ctx, m.ID)
			b, _ := s.FindMeetingByID(ctx, m.ID)
			a.Title = "Tiêu đề của người thứ nhất"
			b.Title = "Tiêu đề của người thứ hai"
			if err := s.UpdateMeeting(ctx, a); err != nil {
				t.Fatal(err)
			}
			if a.Version != 2 {
				t.Fatalf("version after update = %d, want 2", a.Version)
			}
			err := s.UpdateMeeting(ctx, b)
			if code(err) != minutes.ECONFLICT {
				t.Fatalf("stale update: want ECONFLICT, got %v", err)
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Title != a.Title {
				t.Fatalf("title %q, want the first writer's %q", got.Title, a.Title)
			}
		})

		t.Run("DeleteCascades", func(t *testing.T) {
			m := testdb.Meeting(12)
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteMeeting(ctx, m.ID, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindMeetingByID(ctx, m.ID); code(err) != minutes.ENOTFOUND {
				t.Fatalf("after delete: %v", err)
			}
			var n int
			if err := s.DB().Get(&n, s.DB().Rebind(`SELECT COUNT(*) FROM conclusions WHERE meeting_id = ?`), m.ID); err != nil || n != 0 {
				t.Fatalf("conclusions left after delete: %d (%v)", n, err)
			}
			if err := s.DeleteMeeting(ctx, m.ID, 0); code(err) != minutes.ENOTFOUND {
				t.Fatalf("second delete: %v", err)
			}
		})

		t.Run("NFCOnTheWayIn", func(t *testing.T) {
			m := testdb.Meeting(13)
			m.Title = "Ho\u0302\u0323i nghi\u0323 " // NFD "Hội nghị" with a trailing space
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Title != "Hội nghị" {
				t.Fatalf("stored %q (% x), want NFC \"Hội nghị\"", got.Title, got.Title)
			}
		})
	})
}

func TestConcurrentMigrations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		errs := make(chan error, 6)
		for i := 0; i < 6; i++ {
			go func() {
				s, err := sqlstore.Open(context.Background(), dsn)
				if err == nil {
					s.Close()
				}
				errs <- err
			}()
		}
		for i := 0; i < 6; i++ {
			if err := <-errs; err != nil {
				t.Errorf("client %d: %v", i, err)
			}
		}
	})
}

func TestOpenBadDSN(t *testing.T) {
	_, err := sqlstore.Open(context.Background(), "mysql://x")
	if err == nil || errors.Is(err, context.Canceled) {
		t.Fatalf("want an error for an unknown database kind, got %v", err)
	}
}

func hasID(ms []*minutes.Meeting, id int64) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

// TestInterruptedImportStoresNothing cancels the context half-way through
// a bulk create, as Ctrl-C does during `minutes import`.
func TestInterruptedImportStoresNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		ms := make([]*minutes.Meeting, 2000)
		for i := range ms {
			ms[i] = testdb.Meeting(i)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		err := s.CreateMeetingsProgress(ctx, ms, func(done int) {
			if done >= 500 {
				cancel()
			}
		})
		if err == nil {
			t.Fatal("an interrupted import reported success")
		}
		var n int
		if err := s.DB().Get(&n, `SELECT COUNT(*) FROM meetings`); err != nil || n != 0 {
			t.Fatalf("%d meetings stored by an interrupted import (%v)", n, err)
		}
		if err := s.DB().Get(&n, `SELECT COUNT(*) FROM history`); err != nil || n != 0 {
			t.Fatalf("%d history rows left by an interrupted import (%v)", n, err)
		}
	})
}
