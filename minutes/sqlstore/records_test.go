package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// recCreate stores the i-th generated meeting and returns it as stored.
// recNumbers makes every meeting these tests create hold a number of its
// own: the register refuses a number twice (numbers_test.go).
var recNumbers atomic.Int64

func recCreate(t *testing.T, s *sqlstore.Store, i int) *minutes.Meeting {
	t.Helper()
	m := testdb.Meeting(i)
	m.Number = fmt.Sprintf("%d-BB/TU", 1000+recNumbers.Add(1))
	if err := s.CreateMeetings(context.Background(), []*minutes.Meeting{m}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMeetingByID(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// recFinalized stores a meeting and finalizes it.
func recFinalized(t *testing.T, s *sqlstore.Store, i int) *minutes.Meeting {
	t.Helper()
	m := recCreate(t, s, i)
	if err := s.Finalize(context.Background(), m.ID, m.Version); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMeetingByID(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func recWantCode(t *testing.T, err error, code, msgPart string) {
	t.Helper()
	if minutes.ErrorCode(err) != code {
		t.Fatalf("want %s, got %v (%v)", code, minutes.ErrorCode(err), err)
	}
	if msgPart != "" && !strings.Contains(en(err), msgPart) {
		t.Fatalf("message %q does not say %q", en(err), msgPart)
	}
}

func recActions(cs []minutes.Change) string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%d:%s", c.Version, c.Action))
	}
	return strings.Join(out, " ")
}

func TestFinalize(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		clock := time.Date(2021, 3, 26, 9, 0, 0, 123456000, time.UTC)
		s.Now = func() time.Time { return clock }

		t.Run("OK", func(t *testing.T) {
			m := recCreate(t, s, 1)
			if err := s.Finalize(ctx, m.ID, m.Version); err != nil {
				t.Fatal(err)
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Status != minutes.StatusFinalized || got.Version != 2 {
				t.Fatalf("status %q version %d, want finalized 2", got.Status, got.Version)
			}
			if got.FinalizedAt == nil || !got.FinalizedAt.Equal(clock) || got.FinalizedBy == "" {
				t.Fatalf("finalized at %v by %q", got.FinalizedAt, got.FinalizedBy)
			}
			h, err := s.History(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a := recActions(h); a != "1:created 2:finalized" {
				t.Fatalf("history %s", a)
			}
			if h[1].OSUser == "" || (s.Dialect() == "postgres" && h[1].DBUser == "") {
				t.Fatalf("who is missing: db %q os %q", h[1].DBUser, h[1].OSUser)
			}
		})
		t.Run("ErrAlreadyFinalized", func(t *testing.T) {
			m := recFinalized(t, s, 2)
			recWantCode(t, s.Finalize(ctx, m.ID, m.Version), minutes.ECONFLICT, "already finalized")
		})
		t.Run("ErrStale", func(t *testing.T) {
			m := recCreate(t, s, 3)
			recWantCode(t, s.Finalize(ctx, m.ID, m.Version+1), minutes.ECONFLICT, "changed by someone else")
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			recWantCode(t, s.Finalize(ctx, 987654, 0), minutes.ENOTFOUND, "no meeting 987654")
		})
		t.Run("ErrFinalizedUpdate", func(t *testing.T) {
			m := recFinalized(t, s, 4)
			m.Title = "Tiêu đề mới"
			recWantCode(t, s.UpdateMeeting(ctx, m), minutes.ECONFLICT, "minutes amend")
		})
		t.Run("ErrFinalizedDelete", func(t *testing.T) {
			m := recFinalized(t, s, 5)
			recWantCode(t, s.DeleteMeeting(ctx, m.ID, 0), minutes.ECONFLICT, "cannot be deleted")
		})
	})
}

func TestAmend(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)

		t.Run("OK", func(t *testing.T) {
			m := recFinalized(t, s, 1)
			finalizedAt := *m.FinalizedAt
			m.Title = "Hội nghị sơ kết quý I/2021 (đã sửa)"
			m.Conclusions = m.Conclusions[:2]
			if err := s.Amend(ctx, m, "  sửa tên hội nghị theo ý kiến Thường trực  "); err != nil {
				t.Fatal(err)
			}
			if m.Version != 3 {
				t.Fatalf("version %d, want 3", m.Version)
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Title != m.Title || len(got.Conclusions) != 2 || got.Status != minutes.StatusFinalized {
				t.Fatalf("stored %q with %d conclusions, status %s", got.Title, len(got.Conclusions), got.Status)
			}
			if got.FinalizedAt == nil || !got.FinalizedAt.Equal(finalizedAt) {
				t.Fatalf("finalized_at moved: %v, was %v", got.FinalizedAt, finalizedAt)
			}
			h, _ := s.History(ctx, m.ID)
			last := h[len(h)-1]
			if last.Action != minutes.ActionAmended || last.Reason != "sửa tên hội nghị theo ý kiến Thường trực" ||
				!reflect.DeepEqual(last.Fields, []string{"title", "conclusions"}) {
				t.Fatalf("history entry %+v", last)
			}
			recNoOpenWrites(t, s)
		})
		t.Run("ErrReasonRequired", func(t *testing.T) {
			m := recFinalized(t, s, 2)
			m.Title = "Khác"
			recWantCode(t, s.Amend(ctx, m, " \n "), minutes.EINVALID, "needs a reason")
		})
		t.Run("ErrBadReason", func(t *testing.T) {
			m := recFinalized(t, s, 2)
			m.Title = "Khác"
			recWantCode(t, s.Amend(ctx, m, "lý do\x07"), minutes.EINVALID, "control character")
		})
		t.Run("ErrDraft", func(t *testing.T) {
			m := recCreate(t, s, 3)
			m.Title = "Khác"
			recWantCode(t, s.Amend(ctx, m, "lý do"), minutes.ECONFLICT, "minutes edit")
		})
		t.Run("ErrStale", func(t *testing.T) {
			m := recFinalized(t, s, 4)
			a, b := *m, *m
			a.Title, b.Title = "Bản sửa thứ nhất", "Bản sửa thứ hai"
			if err := s.Amend(ctx, &a, "thứ nhất"); err != nil {
				t.Fatal(err)
			}
			recWantCode(t, s.Amend(ctx, &b, "thứ hai"), minutes.ECONFLICT, "changed by someone else")
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Title != a.Title {
				t.Fatalf("title %q, want the first amendment", got.Title)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			m := recFinalized(t, s, 5)
			m.Chairs = nil
			recWantCode(t, s.Amend(ctx, m, "lý do"), minutes.EINVALID, "chairs")
		})
		t.Run("NoChangeNoVersion", func(t *testing.T) {
			m := recFinalized(t, s, 6)
			if err := s.Amend(ctx, m, "không đổi gì"); err != nil {
				t.Fatal(err)
			}
			h, _ := s.History(ctx, m.ID)
			if m.Version != 2 || len(h) != 2 {
				t.Fatalf("an empty amendment made version %d, history %s", m.Version, recActions(h))
			}
		})
	})
}

func TestHistoryAndVersions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)

		t.Run("EveryVersionExactly", func(t *testing.T) {
			m := recCreate(t, s, 1)
			v1 := content(m)
			m.Summary = "Tóm tắt đã sửa"
			if err := s.UpdateMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			v2 := content(m)
			if err := s.Finalize(ctx, m.ID, m.Version); err != nil {
				t.Fatal(err)
			}
			m, _ = s.FindMeetingByID(ctx, m.ID)
			m.Recipients = append(m.Recipients, "Ban Tổ chức Tỉnh ủy")
			if err := s.Amend(ctx, m, "bổ sung nơi nhận"); err != nil {
				t.Fatal(err)
			}
			v4 := content(m)
			h, err := s.History(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a := recActions(h); a != "1:created 2:edited 3:finalized 4:amended" {
				t.Fatalf("history %s", a)
			}
			for _, c := range []struct {
				version int
				want    *minutes.Meeting
				status  string
			}{{1, v1, "draft"}, {2, v2, "draft"}, {3, v2, "finalized"}, {4, v4, "finalized"}} {
				got, err := s.FindMeetingVersion(ctx, m.ID, c.version)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(content(got), c.want) || got.Version != c.version || got.Status != c.status || got.ID != m.ID {
					t.Errorf("version %d: got %s v%d, %+v", c.version, got.Status, got.Version, content(got))
				}
			}
		})
		t.Run("ErrNoSuchVersion", func(t *testing.T) {
			m := recCreate(t, s, 2)
			_, err := s.FindMeetingVersion(ctx, m.ID, 7)
			recWantCode(t, err, minutes.ENOTFOUND, "no version 7 (the latest is 1")
			_, err = s.FindMeetingVersion(ctx, 987654, 1)
			recWantCode(t, err, minutes.ENOTFOUND, "no meeting 987654")
			_, err = s.History(ctx, 987654)
			recWantCode(t, err, minutes.ENOTFOUND, "no meeting 987654")
		})
		t.Run("DeletedDraftKeepsHistory", func(t *testing.T) {
			m := recCreate(t, s, 3)
			if err := s.DeleteMeeting(ctx, m.ID, m.Version); err != nil {
				t.Fatal(err)
			}
			h, err := s.History(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if a := recActions(h); a != "1:created 2:deleted" {
				t.Fatalf("history %s", a)
			}
			old, err := s.FindMeetingVersion(ctx, m.ID, 1)
			if err != nil || old.Title != m.Title {
				t.Fatalf("deleted meeting's version 1: %v %v", old, err)
			}
			// SQLite gives the largest deleted ID to the next meeting: its
			// history must not inherit the deleted one's.
			n := recCreate(t, s, 4)
			h, _ = s.History(ctx, n.ID)
			if a := recActions(h); a != "1:created" {
				t.Fatalf("new meeting %d (deleted was %d) has history %s", n.ID, m.ID, a)
			}
		})
	})
}

func recNoOpenWrites(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	var n int
	if err := s.DB().Get(&n, `SELECT COUNT(*) FROM record_writes`); err != nil || n != 0 {
		t.Fatalf("record_writes holds %d rows after commit (%v): parts of finalized minutes stay open", n, err)
	}
}

// TestTriggers writes through plain SQL, as another program would: the
// database itself must refuse to change finalized minutes.
func TestTriggers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		db := s.DB()
		exec := func(q string, args ...any) error {
			_, err := db.ExecContext(ctx, db.Rebind(q), args...)
			return err
		}
		refused := func(t *testing.T, what string, err error) {
			t.Helper()
			if err == nil || !strings.Contains(err.Error(), "minutes: read-only") {
				t.Errorf("%s: want the trigger's refusal, got %v", what, err)
			}
		}
		partWrites := func(id int64) map[string]string {
			return map[string]string{
				"insert chairs":       fmt.Sprintf(`INSERT INTO chairs (meeting_id, pos, name) VALUES (%d, 99, 'X')`, id),
				"update chairs":       fmt.Sprintf(`UPDATE chairs SET name = 'X' WHERE meeting_id = %d`, id),
				"delete chairs":       fmt.Sprintf(`DELETE FROM chairs WHERE meeting_id = %d`, id),
				"insert absentees":    fmt.Sprintf(`INSERT INTO absentees (meeting_id, pos, name) VALUES (%d, 99, 'X')`, id),
				"update absentees":    fmt.Sprintf(`UPDATE absentees SET reason = 'X' WHERE meeting_id = %d`, id),
				"delete absentees":    fmt.Sprintf(`DELETE FROM absentees WHERE meeting_id = %d`, id),
				"insert agenda_items": fmt.Sprintf(`INSERT INTO agenda_items (meeting_id, pos, title) VALUES (%d, 99, 'X')`, id),
				"update agenda_items": fmt.Sprintf(`UPDATE agenda_items SET title = 'X' WHERE meeting_id = %d`, id),
				"delete agenda_items": fmt.Sprintf(`DELETE FROM agenda_items WHERE meeting_id = %d`, id),
				"insert comments":     fmt.Sprintf(`INSERT INTO comments (meeting_id, pos, content) VALUES (%d, 99, 'X')`, id),
				"update comments":     fmt.Sprintf(`UPDATE comments SET content = 'X' WHERE meeting_id = %d`, id),
				"delete comments":     fmt.Sprintf(`DELETE FROM comments WHERE meeting_id = %d`, id),
				"insert conclusions":  fmt.Sprintf(`INSERT INTO conclusions (meeting_id, pos, content) VALUES (%d, 99, 'X')`, id),
				"update conclusions":  fmt.Sprintf(`UPDATE conclusions SET content = 'X' WHERE meeting_id = %d`, id),
				"move conclusions":    fmt.Sprintf(`UPDATE conclusions SET pos = pos + 100 WHERE meeting_id = %d`, id),
				"owner conclusions":   fmt.Sprintf(`UPDATE conclusions SET owner = 'X' WHERE meeting_id = %d`, id),
				"delete conclusions":  fmt.Sprintf(`DELETE FROM conclusions WHERE meeting_id = %d`, id),
				"insert recipients":   fmt.Sprintf(`INSERT INTO recipients (meeting_id, pos, name) VALUES (%d, 99, 'X')`, id),
				"update recipients":   fmt.Sprintf(`UPDATE recipients SET name = 'X' WHERE meeting_id = %d`, id),
				"delete recipients":   fmt.Sprintf(`DELETE FROM recipients WHERE meeting_id = %d`, id),
			}
		}

		t.Run("DraftIsWritable", func(t *testing.T) {
			m := recCreate(t, s, 1)
			for what, q := range partWrites(m.ID) {
				if err := exec(q); err != nil {
					t.Errorf("%s on a draft: %v", what, err)
				}
			}
			if err := exec(`UPDATE meetings SET title = 'X' WHERE id = ?`, m.ID); err != nil {
				t.Errorf("update draft: %v", err)
			}
			// Finalizing is an update of a draft, which passes.
			if err := exec(`UPDATE meetings SET status = 'finalized', version = version + 1 WHERE id = ?`, m.ID); err != nil {
				t.Errorf("finalize through SQL: %v", err)
			}
			if err := exec(`DELETE FROM meetings WHERE id = ?`, recCreate(t, s, 2).ID); err != nil {
				t.Errorf("delete draft: %v", err)
			}
		})
		t.Run("ErrFinalizedMeeting", func(t *testing.T) {
			m := recFinalized(t, s, 3)
			refused(t, "update title", exec(`UPDATE meetings SET title = 'X' WHERE id = ?`, m.ID))
			refused(t, "bump version", exec(`UPDATE meetings SET title = 'X', version = version + 1 WHERE id = ?`, m.ID))
			refused(t, "back to draft", exec(`UPDATE meetings SET status = 'draft' WHERE id = ?`, m.ID))
			refused(t, "delete", exec(`DELETE FROM meetings WHERE id = ?`, m.ID))
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if !reflect.DeepEqual(got, m) {
				t.Fatalf("finalized meeting changed:\n%+v\n%+v", got, m)
			}
		})
		t.Run("ErrFinalizedParts", func(t *testing.T) {
			m := recFinalized(t, s, 4)
			for what, q := range partWrites(m.ID) {
				refused(t, what, exec(q))
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if !reflect.DeepEqual(got, m) {
				t.Fatalf("finalized meeting changed:\n%+v\n%+v", got, m)
			}
		})
		t.Run("ErrFinalizedPartsAmongOthers", func(t *testing.T) {
			// One statement writing parts of a draft and of finalized
			// minutes is refused whole (PostgreSQL checks inserts once per
			// statement, over all its rows).
			draft, final := recCreate(t, s, 7), recFinalized(t, s, 8)
			for _, table := range []string{"chairs", "absentees", "recipients"} {
				q := fmt.Sprintf(`INSERT INTO %s (meeting_id, pos, name) VALUES (%d, 98, 'A'), (%d, 99, 'B')`, table, draft.ID, final.ID)
				refused(t, "insert into "+table+" of a draft and finalized minutes", exec(q))
			}
			got, _ := s.FindMeetingByID(ctx, draft.ID)
			if len(got.Chairs) != len(draft.Chairs) {
				t.Fatalf("the draft's half of a refused statement was kept: %d chairs, want %d", len(got.Chairs), len(draft.Chairs))
			}
		})
		t.Run("ErrPartsAfterAmendment", func(t *testing.T) {
			// An amendment opens the parts only inside its own transaction.
			m := recFinalized(t, s, 5)
			m.Title = "Đã sửa đổi"
			if err := s.Amend(ctx, m, "sửa tên"); err != nil {
				t.Fatal(err)
			}
			for what, q := range partWrites(m.ID) {
				refused(t, what, exec(q))
			}
			refused(t, "update title at the amended version",
				exec(`UPDATE meetings SET title = 'X' WHERE id = ?`, m.ID))
		})
		t.Run("AmendmentOnRecordPasses", func(t *testing.T) {
			// The rule, written by hand: the history entry first, then the
			// next version.
			m := recFinalized(t, s, 6)
			var uid string
			if err := db.Get(&uid, db.Rebind(`SELECT uid FROM meetings WHERE id = ?`), m.ID); err != nil {
				t.Fatal(err)
			}
			if err := exec(`INSERT INTO history (meeting_id, meeting_uid, version, action, at) VALUES (?, ?, ?, 'amended', ?)`,
				m.ID, uid, m.Version+1, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
				t.Fatal(err)
			}
			if err := exec(`UPDATE meetings SET title = 'Sửa có ghi nhận', version = version + 1 WHERE id = ?`, m.ID); err != nil {
				t.Fatalf("amendment on record refused: %v", err)
			}
		})
		t.Run("ConclusionFollowUpStaysWritable", func(t *testing.T) {
			// Only the content columns of conclusions are guarded; task
			// follow-up lives in other columns (issue 7).
			m := recFinalized(t, s, 7)
			if err := exec(`UPDATE conclusions SET id = id WHERE meeting_id = ?`, m.ID); err != nil {
				t.Fatalf("update of an unguarded conclusion column: %v", err)
			}
		})
		t.Run("ErrHistoryAppendOnly", func(t *testing.T) {
			m := recCreate(t, s, 8)
			refused(t, "update history", exec(`UPDATE history SET reason = 'X' WHERE meeting_id = ?`, m.ID))
			refused(t, "delete history", exec(`DELETE FROM history WHERE meeting_id = ?`, m.ID))
		})
	})
}

// TestConcurrentUpdates runs N clients, each with its own connection pool,
// against one database: N edits from the same version give one winner and
// N-1 conflicts; N clients that retry on conflict all land, one version each.
func TestConcurrentUpdates(t *testing.T) {
	const n = 12
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		clients := make([]*sqlstore.Store, n)
		for i := range clients {
			clients[i] = open(t, dsn)
		}

		t.Run("OneWinner", func(t *testing.T) {
			for _, finalized := range []bool{false, true} {
				m := recCreate(t, s, 1)
				if finalized {
					m = recFinalized(t, s, 1)
				}
				start := time.Now()
				errs := make([]error, n)
				var wg sync.WaitGroup
				for i := range clients {
					wg.Go(func() {
						c := *m
						c.Title = fmt.Sprintf("Tiêu đề của người thứ %d", i)
						if finalized {
							errs[i] = clients[i].Amend(ctx, &c, fmt.Sprintf("người thứ %d sửa", i))
						} else {
							errs[i] = clients[i].UpdateMeeting(ctx, &c)
						}
					})
				}
				wg.Wait()
				winner, conflicts := -1, 0
				for i, err := range errs {
					switch minutes.ErrorCode(err) {
					case "":
						winner = i
					case minutes.ECONFLICT:
						conflicts++
					default:
						t.Errorf("client %d: %v", i, err)
					}
				}
				if winner < 0 || conflicts != n-1 {
					t.Fatalf("finalized=%v: winner %d, %d conflicts of %d", finalized, winner, conflicts, n)
				}
				got, _ := s.FindMeetingByID(ctx, m.ID)
				if want := fmt.Sprintf("Tiêu đề của người thứ %d", winner); got.Title != want || got.Version != m.Version+1 {
					t.Fatalf("stored %q v%d, want the winner's %q v%d", got.Title, got.Version, want, m.Version+1)
				}
				h, _ := s.History(ctx, m.ID)
				if len(h) != m.Version+1 {
					t.Fatalf("history %s: a loser left an entry", recActions(h))
				}
				t.Logf("%s finalized=%v: %d concurrent writers, 1 winner, %d conflicts in %v", s.Dialect(), finalized, n, conflicts, time.Since(start).Round(time.Millisecond))
			}
		})

		t.Run("RetriesLoseNothing", func(t *testing.T) {
			m := recCreate(t, s, 2)
			m.Recipients = nil
			if err := s.UpdateMeeting(ctx, m); err != nil {
				t.Fatal(err)
			}
			base := m.Version
			start := time.Now()
			var wg sync.WaitGroup
			conflicts := make([]int, n)
			for i := range clients {
				wg.Go(func() {
					for {
						c, err := clients[i].FindMeetingByID(ctx, m.ID)
						if err != nil {
							t.Error(err)
							return
						}
						c.Recipients = append(c.Recipients, fmt.Sprintf("Nơi nhận %02d", i))
						err = clients[i].UpdateMeeting(ctx, c)
						if minutes.ErrorCode(err) == minutes.ECONFLICT {
							conflicts[i]++
							continue
						}
						if err != nil {
							t.Error(err)
						}
						return
					}
				})
			}
			wg.Wait()
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if len(got.Recipients) != n || got.Version != base+n {
				t.Fatalf("%d of %d changes landed, version %d (want %d)", len(got.Recipients), n, got.Version, base+n)
			}
			h, _ := s.History(ctx, m.ID)
			seen := map[int]bool{}
			for _, c := range h {
				if seen[c.Version] {
					t.Fatalf("two history entries for version %d: %s", c.Version, recActions(h))
				}
				seen[c.Version] = true
			}
			total := 0
			for _, c := range conflicts {
				total += c
			}
			t.Logf("%s: %d writers retrying on conflict: %d versions, %d conflicts on the way, %v", s.Dialect(), n, n, total, time.Since(start).Round(time.Millisecond))
		})
	})
}

func TestBackupRestore(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		src := open(t, dsn)
		draft := recCreate(t, src, 1)
		draft.Title = "Bản nháp đã sửa"
		if err := src.UpdateMeeting(ctx, draft); err != nil {
			t.Fatal(err)
		}
		fin := recFinalized(t, src, 2)
		fin.Summary = "Tóm tắt sửa đổi"
		if err := src.Amend(ctx, fin, "sửa tóm tắt"); err != nil {
			t.Fatal(err)
		}
		gone := recCreate(t, src, 3)
		if err := src.DeleteMeeting(ctx, gone.ID, 0); err != nil {
			t.Fatal(err)
		}
		// Follow-up on both: done, dropped, reopened, notes alone; the
		// last conclusion of each stays plain open.
		recFollowUp(t, src, draft, fin)
		backup, err := src.Backup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(backup) != 2 {
			t.Fatalf("backup holds %d meetings, want the 2 that exist", len(backup))
		}
		for _, a := range backup {
			if got := recTaskStates(a.Tasks); got != "1:done/1 2:dropped/0 3:open/2" {
				t.Fatalf("backup of meeting %d keeps tasks %q", a.Meeting.ID, got)
			}
		}

		dstDSN := testdb.SQLite(t)
		if src.Dialect() == "postgres" {
			dstDSN = testdb.Postgres(t)
		}
		dst := open(t, dstDSN)
		t.Run("OK", func(t *testing.T) {
			restored, skipped, err := dst.Restore(ctx, backup)
			if err != nil || restored != 2 || skipped != 0 {
				t.Fatalf("restore: %d restored, %d skipped, %v", restored, skipped, err)
			}
			recNoOpenWrites(t, dst)
			again, err := dst.Backup(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(recComparable(again), recComparable(backup)) {
				t.Fatalf("backup after restore differs:\n%+v\n%+v", recComparable(again), recComparable(backup))
			}
			// What the tasks commands read, not only what a backup writes.
			for _, a := range again {
				ts, err := dst.FindTasks(ctx, minutes.TaskFilter{MeetingID: a.Meeting.ID})
				if err != nil {
					t.Fatal(err)
				}
				if got := recTaskStates(ts); got != "1:done/1 2:dropped/0 3:open/2 4:open/0" {
					t.Fatalf("restored tasks of meeting %d: %s", a.Meeting.ID, got)
				}
			}
			for _, a := range again {
				h, _ := dst.History(ctx, a.Meeting.ID)
				if last := h[len(h)-1]; last.Action != minutes.ActionRestored || last.Version != a.Meeting.Version {
					t.Fatalf("last history entry %+v, want restored at v%d", last, a.Meeting.Version)
				}
				for v := 1; v <= a.Meeting.Version; v++ {
					if _, err := dst.FindMeetingVersion(ctx, a.Meeting.ID, v); err != nil {
						t.Fatalf("restored meeting %d version %d: %v", a.Meeting.ID, v, err)
					}
				}
			}
		})
		t.Run("SecondRestoreIsNoOp", func(t *testing.T) {
			tasks, _ := dst.FindTasks(ctx, minutes.TaskFilter{})
			restored, skipped, err := dst.Restore(ctx, backup)
			if err != nil || restored != 0 || skipped != 2 {
				t.Fatalf("second restore: %d restored, %d skipped, %v", restored, skipped, err)
			}
			ms, _ := dst.FindMeetings(ctx, minutes.Filter{})
			if len(ms) != 2 {
				t.Fatalf("%d meetings after a second restore", len(ms))
			}
			if again, _ := dst.FindTasks(ctx, minutes.TaskFilter{}); len(tasks) != 8 || !reflect.DeepEqual(again, tasks) {
				t.Fatalf("a second restore changed the tasks:\n%+v\n%+v", again, tasks)
			}
		})
		t.Run("RestoredTasksFollowUp", func(t *testing.T) {
			ms, _ := dst.FindMeetings(ctx, minutes.Filter{Status: minutes.StatusFinalized})
			ts, _ := dst.FindTasks(ctx, minutes.TaskFilter{MeetingID: ms[0].ID, Status: minutes.TaskDone})
			if len(ts) != 1 {
				t.Fatalf("%d done tasks on the restored finalized minutes", len(ts))
			}
			got, err := dst.ReopenTask(ctx, ts[0].ID, "ghi nhầm trước khi sao lưu")
			if err != nil || got.Status != minutes.TaskOpen || len(got.Notes) != 1 {
				t.Fatalf("reopen a restored task: %+v, %v", got, err)
			}
		})
		t.Run("RestoredFinalizedIsReadOnly", func(t *testing.T) {
			ms, _ := dst.FindMeetings(ctx, minutes.Filter{Status: minutes.StatusFinalized})
			if len(ms) != 1 {
				t.Fatalf("%d finalized meetings restored", len(ms))
			}
			_, err := dst.DB().Exec(dst.DB().Rebind(`DELETE FROM chairs WHERE meeting_id = ?`), ms[0].ID)
			if err == nil || !strings.Contains(err.Error(), "minutes: read-only") {
				t.Fatalf("parts of restored finalized minutes are writable: %v", err)
			}
		})
		t.Run("ConcurrentRestores", func(t *testing.T) {
			// Several clients restore one backup into one empty database at
			// once: each meeting is stored once; a client that lost the race
			// stored nothing and says so (or found them all present).
			dsn := testdb.SQLite(t)
			if src.Dialect() == "postgres" {
				dsn = testdb.Postgres(t)
			}
			open(t, dsn) // migrate before the race
			const n = 6
			errs, counts := make([]error, n), make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				c := open(t, dsn)
				wg.Go(func() { counts[i], _, errs[i] = c.Restore(ctx, backup) })
			}
			wg.Wait()
			total, conflicts := 0, 0
			for i, err := range errs {
				if err != nil && minutes.ErrorCode(err) != minutes.ECONFLICT {
					t.Fatalf("client %d: %v", i, err)
				}
				if err != nil {
					conflicts++
				}
				total += counts[i]
			}
			t.Logf("%s: %d clients restoring at once: %d conflicts", src.Dialect(), n, conflicts)
			ms, _ := open(t, dsn).FindMeetings(ctx, minutes.Filter{})
			if total != len(backup) || len(ms) != len(backup) {
				t.Fatalf("%d restored in all, %d stored, want %d", total, len(ms), len(backup))
			}
		})
		t.Run("ErrTaskOfNoConclusion", func(t *testing.T) {
			bad := *backup[0]
			bad.UID = "uid-of-bad-tasks"
			bad.Tasks = []minutes.Task{{Pos: 9, Status: minutes.TaskOpen}, {Pos: 1, Status: "finished"}, {Pos: 1, Status: minutes.TaskDone}}
			_, _, err := dst.Restore(ctx, []*minutes.Archive{&bad})
			recWantCode(t, err, minutes.EINVALID, "")
			for _, want := range []string{"record.tasks[1].conclusion", "no conclusion 9", "record.tasks[2].status",
				"record.tasks[3].conclusion", "appears twice", "record.tasks[3].done_on"} {
				if !strings.Contains(en(err), want) {
					t.Errorf("problem %q not reported: %v", want, err)
				}
			}
		})
		t.Run("ErrInvalidArchive", func(t *testing.T) {
			bad := *backup[0]
			m := *bad.Meeting
			m.Status, m.Version = "approved", 0
			bad.Meeting, bad.UID = &m, "another-uid"
			_, _, err := dst.Restore(ctx, []*minutes.Archive{&bad})
			recWantCode(t, err, minutes.EINVALID, "record.status")
			if !strings.Contains(en(err), "record.version") {
				t.Fatalf("version problem not reported: %v", err)
			}
		})
	})
}

// recFollowUp gives conclusions 1–3 of each meeting follow-up: 1 done with
// a note, 2 dropped, 3 done then reopened with two progress notes.
func recFollowUp(t *testing.T, s *sqlstore.Store, ms ...*minutes.Meeting) {
	t.Helper()
	ctx := context.Background()
	for _, m := range ms {
		m, err := s.FindMeetingByID(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		must := func(_ *minutes.Task, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("meeting %d: %v", m.ID, err)
			}
		}
		c := m.Conclusions
		must(s.AddTaskNote(ctx, c[0].ID, "Đã họp triển khai"))
		must(s.SetTaskDone(ctx, c[0].ID, m.Date.AddDays(5), "Đã tổ chức xong"))
		must(s.DropTask(ctx, c[1].ID, "Không còn phù hợp"))
		must(s.SetTaskDone(ctx, c[2].ID, m.Date.AddDays(7), "Xong"))
		must(s.ReopenTask(ctx, c[2].ID, "Ghi nhầm: chưa xong"))
		must(s.AddTaskNote(ctx, c[2].ID, "Dự thảo lần 1;\nchờ góp ý"))
		must(s.AddTaskNote(ctx, c[2].ID, "Dự thảo lần 2"))
	}
}

// recTaskStates sums tasks up as pos:status/notes, checking on the way that
// the follow-up recFollowUp wrote came with it.
func recTaskStates(ts []minutes.Task) string {
	var out []string
	for _, t := range ts {
		s := fmt.Sprintf("%d:%s/%d", t.Pos, t.Status, len(t.Notes))
		switch {
		case t.Status == minutes.TaskDone && (t.DoneOn.IsZero() || t.Note != "Đã tổ chức xong"),
			t.Status == minutes.TaskDropped && t.Reason != "Không còn phù hợp",
			t.Pos == 3 && t.Reason != "Ghi nhầm: chưa xong",
			t.Pos < 4 && t.StatusChangedAt == nil:
			s += "(state lost)"
		}
		for _, n := range t.Notes {
			if n.At.IsZero() || n.Text == "" || n.By == "" {
				s += "(note lost)"
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// recComparable drops what differs between databases: the IDs.
func recComparable(as []*minutes.Archive) []minutes.Archive {
	out := make([]minutes.Archive, len(as))
	for i, a := range as {
		c := *a
		m := *a.Meeting
		m.ID = 0
		m.Conclusions = content(&m).Conclusions
		c.Meeting = &m
		c.Tasks = nil
		for _, tk := range a.Tasks {
			tk.ID, tk.MeetingID = 0, 0
			c.Tasks = append(c.Tasks, tk)
		}
		c.History = nil
		for _, h := range a.History {
			h.MeetingID = 0
			if h.Snapshot != nil {
				sn := *h.Snapshot
				sn.ID = 0
				sn.Conclusions = content(&sn).Conclusions
				h.Snapshot = &sn
			}
			c.History = append(c.History, h)
		}
		out[i] = c
	}
	return out
}
