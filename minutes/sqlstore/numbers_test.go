package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// numbered is generated meeting i of the Thành ủy, numbered n-BB/TU and
// dated in 2021.
func numbered(i int, number string) *minutes.Meeting {
	m := testdb.Meeting(i)
	m.Organization, m.Header, m.Number = "Thành ủy Sóc Trăng", minutes.HeaderParty, number
	return m
}

func mustCreate(t *testing.T, s *sqlstore.Store, ms ...*minutes.Meeting) {
	t.Helper()
	if err := s.CreateMeetings(context.Background(), ms); err != nil {
		t.Fatal(vi(err))
	}
}

func seqs(t *testing.T, s *sqlstore.Store, org, typ string) []int {
	t.Helper()
	rs, err := s.Registrations(context.Background(), org)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, r := range rs {
		if r.Parsed.Type == typ {
			out = append(out, r.Parsed.Seq)
		}
	}
	slices.Sort(out)
	return out
}

func TestNumberRegister(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)

		t.Run("OK", func(t *testing.T) {
			mustCreate(t, s, numbered(10, "14-BB/TU"), numbered(11, "15-BB/TU"))
			if got := seqs(t, s, "thanh uy soc trang", "BB"); !slices.Equal(got, []int{14, 15}) {
				t.Fatalf("register %v", got)
			}
			n, err := s.NextNumber(ctx, "Thành ủy Sóc Trăng", minutes.HeaderParty, "BB", "", minutes.NewDate(2021, 6, 1))
			if err != nil || n.String() != "16-BB/TU" {
				t.Fatalf("next %v %v", n, err)
			}
			// Another body, another type, another numbering period: free.
			other := numbered(12, "15-BB/TU")
			other.Organization = "Huyện ủy Mỹ Tú"
			notice := numbered(13, "16-BB/TU")
			notice.Notice = &minutes.Notice{Number: "15-TB/TU"}
			mustCreate(t, s, other, notice)
		})

		t.Run("ErrNumberTaken", func(t *testing.T) {
			// Exit 4 naming the meeting that holds it, on create, on edit, in a notice.
			err := s.CreateMeetings(ctx, []*minutes.Meeting{numbered(20, "015-BB/TU")})
			recWantCode(t, err, minutes.ECONFLICT, "number 015-BB/TU is already used: the minutes of meeting")
			if !strings.Contains(vi(err), "số 015-BB/TU đã được dùng: biên bản cuộc họp 2 «") {
				t.Errorf("message %q", vi(err))
			}
			m := numbered(21, "17-BB/TU")
			mustCreate(t, s, m)
			m.Number = "14-BB/TU"
			recWantCode(t, s.UpdateMeeting(ctx, m), minutes.ECONFLICT, "of meeting 1 «")
			m.Notice = &minutes.Notice{Number: "15-TB/TU"}
			m.Number = "17-BB/TU"
			recWantCode(t, s.UpdateMeeting(ctx, m), minutes.ECONFLICT, "the notice of conclusions of meeting")
			// Nothing of a refused write stays.
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Number != "17-BB/TU" || got.Notice != nil {
				t.Fatalf("after refusals: %q %+v", got.Number, got.Notice)
			}
		})

		t.Run("EditMovesTheNumber", func(t *testing.T) {
			m := numbered(22, "18-BB/TU")
			mustCreate(t, s, m)
			m.Number = "19-BB/TU"
			if err := s.UpdateMeeting(ctx, m); err != nil {
				t.Fatal(vi(err))
			}
			got := seqs(t, s, "Thành ủy Sóc Trăng", "BB")
			if slices.Contains(got, 18) || !slices.Contains(got, 19) {
				t.Fatalf("register after the edit %v", got)
			}
			// Deleting a draft frees its number: a gap in the register.
			if err := s.DeleteMeeting(ctx, m.ID, 0); err != nil {
				t.Fatal(err)
			}
			if got := seqs(t, s, "Thành ủy Sóc Trăng", "BB"); slices.Contains(got, 19) {
				t.Fatalf("the deleted draft's number stayed: %v", got)
			}
		})

		t.Run("ImportTwiceIsAlreadyThere", func(t *testing.T) {
			a, b := numbered(30, "30-BB/TU"), numbered(30, "30-BB/TU")
			mustCreate(t, s, a)
			n, err := s.CreateMeetingsFrom(ctx, once(b), nil)
			if err != nil || n != 0 || !b.Existing || b.ID != a.ID {
				t.Fatalf("the same record twice: stored %d, existing %v, ID %d of %d, %v", n, b.Existing, b.ID, a.ID, err)
			}
			// Twice in one import: one stored, the second recognised.
			c, d := numbered(31, "31-BB/TU"), numbered(31, "31-BB/TU")
			if n, err := s.CreateMeetingsFrom(ctx, many(c, d), nil); err != nil || n != 1 || !d.Existing || d.ID != c.ID {
				t.Fatalf("twice in one import: %d %v %v", n, d.Existing, err)
			}
			// The same number with other content is a conflict, all or nothing.
			e := numbered(32, "30-BB/TU")
			f := numbered(33, "33-BB/TU")
			if _, err := s.CreateMeetingsFrom(ctx, many(f, e), nil); minutes.ErrorCode(err) != minutes.ECONFLICT {
				t.Fatalf("another record under 30-BB/TU: %v", err)
			}
			if got := seqs(t, s, "Thành ủy Sóc Trăng", "BB"); slices.Contains(got, 33) {
				t.Fatal("a refused import stored part of itself")
			}
		})

		t.Run("FinalizeTakesTheNextNumber", func(t *testing.T) {
			m := numbered(40, "")
			mustCreate(t, s, m)
			if err := s.FinalizeNumbered(ctx, m.ID, m.Version, minutes.NumberRequest{Next: true}, ""); err != nil {
				t.Fatal(vi(err))
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			top := seqs(t, s, "Thành ủy Sóc Trăng", "BB")
			if got.Status != minutes.StatusFinalized || got.Number != fmt.Sprintf("%02d-BB/TU", top[len(top)-1]) {
				t.Fatalf("finalized %s with %q, register %v", got.Status, got.Number, top)
			}
			h, _ := s.History(ctx, m.ID)
			if last := h[len(h)-1]; last.Action != minutes.ActionFinalized || !slices.Equal(last.Fields, []string{"number", "status"}) ||
				last.Snapshot.Number != got.Number {
				t.Fatalf("history %+v", last)
			}
			// A number typed by the secretary, already used: refused, still a draft.
			m2 := numbered(41, "")
			mustCreate(t, s, m2)
			recWantCode(t, s.FinalizeNumbered(ctx, m2.ID, 0, minutes.NumberRequest{Number: "14-BB/TU"}, ""), minutes.ECONFLICT, "already used")
			recWantCode(t, s.FinalizeNumbered(ctx, m2.ID, 0, minutes.NumberRequest{Number: "41-TB/TU"}, ""), minutes.EINVALID, "must carry the type BB")
			if got, _ := s.FindMeetingByID(ctx, m2.ID); got.Status != minutes.StatusDraft || got.Number != "" {
				t.Fatalf("after a refused number: %s %q", got.Status, got.Number)
			}
			if err := s.FinalizeNumbered(ctx, m2.ID, 0, minutes.NumberRequest{Number: "99-BB/TU"}, ""); err != nil {
				t.Fatal(vi(err))
			}
			if got, _ := s.FindMeetingByID(ctx, m2.ID); got.Number != "99-BB/TU" {
				t.Fatalf("typed number %q", got.Number)
			}
		})

		t.Run("IssueNoticeOfFinalizedMinutes", func(t *testing.T) {
			m := numbered(50, "50-BB/TU")
			mustCreate(t, s, m)
			if err := s.Finalize(ctx, m.ID, 0); err != nil {
				t.Fatal(err)
			}
			n, err := s.IssueNotice(ctx, m.ID, minutes.NumberRequest{Next: true}, "")
			if err != nil || n != "16-TB/TU" {
				t.Fatalf("notice number %q %v", n, vi(err))
			}
			// Issued again: the same number, no new one taken.
			if again, err := s.IssueNotice(ctx, m.ID, minutes.NumberRequest{Next: true}, ""); err != nil || again != n {
				t.Fatalf("again %q %v", again, err)
			}
			got, _ := s.FindMeetingByID(ctx, m.ID)
			if got.Notice == nil || got.Notice.Number != n || got.Status != minutes.StatusFinalized || got.Version != 2 {
				t.Fatalf("the minutes after their notice was numbered: %+v v%d", got.Notice, got.Version)
			}
			// No conclusions, no notice.
			bare := numbered(51, "")
			bare.Conclusions = nil
			mustCreate(t, s, bare)
			recWantCode(t, func() error { _, err := s.IssueNotice(ctx, bare.ID, minutes.NumberRequest{Next: true}, ""); return err }(),
				minutes.EINVALID, "records no conclusion")
		})

		t.Run("Reports", func(t *testing.T) {
			r := &minutes.Registration{Organization: "Văn phòng Tỉnh ủy", Subject: "2021-Q1", Date: minutes.NewDate(2021, 4, 5), Title: "Tổng hợp các hội nghị quý I/2021"}
			recWantCode(t, s.RegisterReport(ctx, r, minutes.HeaderParty, minutes.NumberRequest{Next: true}, ""), minutes.EINVALID, "abbreviation")
			if err := s.RegisterReport(ctx, r, minutes.HeaderParty, minutes.NumberRequest{Next: true}, "VPTU"); err != nil || r.Number != "01-BC/VPTU" {
				t.Fatalf("report number %q %v", r.Number, err)
			}
			again := &minutes.Registration{Organization: "văn phòng tỉnh ủy", Subject: "2021-Q1", Date: minutes.NewDate(2021, 4, 6), Title: "x"}
			if err := s.RegisterReport(ctx, again, minutes.HeaderParty, minutes.NumberRequest{Next: true}, ""); err != nil || again.Number != "01-BC/VPTU" {
				t.Fatalf("the same report issued again: %q %v", again.Number, err)
			}
			h1 := &minutes.Registration{Organization: "Văn phòng Tỉnh ủy", Subject: "2021-H1", Date: minutes.NewDate(2021, 7, 5), Title: "6 tháng"}
			recWantCode(t, s.RegisterReport(ctx, h1, minutes.HeaderParty, minutes.NumberRequest{Number: "01-BC/VPTU"}, ""), minutes.ECONFLICT, "the report «Tổng hợp các hội nghị quý I/2021» of 05/04/2021")
			if err := s.RegisterReport(ctx, h1, minutes.HeaderParty, minutes.NumberRequest{Next: true}, ""); err != nil || h1.Number != "02-BC/VPTU" {
				t.Fatalf("the next report %q %v", h1.Number, err)
			}
		})
	})
}

// A State body numbers by calendar year, a Party body by term: 01 again on
// 1 January for the first, on the first day of the next term for the
// second (term_start).
func TestNumberingPeriods(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		state := func(i int, number string, d minutes.Date) *minutes.Meeting {
			m := testdb.Meeting(i)
			m.Organization, m.Header, m.Number, m.Date = "Ủy ban nhân dân Phường 2", minutes.HeaderState, number, d
			for k := range m.Conclusions {
				m.Conclusions[k].Due = d.AddDays(30)
			}
			return m
		}
		mustCreate(t, s, state(1, "07/BB-UBND", minutes.NewDate(2021, 12, 30)), state(2, "07/BB-UBND", minutes.NewDate(2022, 1, 5)))
		if n, _ := s.NextNumber(ctx, "Ủy ban nhân dân Phường 2", minutes.HeaderState, "BB", "", minutes.NewDate(2023, 1, 2)); n.String() != "01/BB-UBND" {
			t.Errorf("a new year: %s", n)
		}
		party := func(i int, number string, d minutes.Date) *minutes.Meeting {
			m := numbered(i, number)
			m.Date = d
			for k := range m.Conclusions {
				m.Conclusions[k].Due = d.AddDays(30)
			}
			return m
		}
		// Without term_start the terms begin on 1 January 2020, 2025…
		mustCreate(t, s, party(3, "40-BB/TU", minutes.NewDate(2021, 3, 1)))
		recWantCode(t, s.CreateMeetings(ctx, []*minutes.Meeting{party(4, "40-BB/TU", minutes.NewDate(2022, 3, 1))}), minutes.ECONFLICT, "already used")
		if err := s.SetSetting(ctx, "term_start", "2020-10-16"); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, s, party(5, "40-BB/TU", minutes.NewDate(2025, 11, 1)))
		if n, _ := s.NextNumber(ctx, "Thành ủy Sóc Trăng", minutes.HeaderParty, "BB", "", minutes.NewDate(2025, 10, 15)); n.String() != "41-BB/TU" {
			t.Errorf("the last day of the 2020 term: %s", n)
		}
		if n, _ := s.NextNumber(ctx, "Thành ủy Sóc Trăng", minutes.HeaderParty, "BB", "", minutes.NewDate(2025, 10, 16)); n.String() != "41-BB/TU" {
			t.Errorf("the first day of the 2025 term: %s", n)
		}
		if n, _ := s.NextNumber(ctx, "Thành ủy Sóc Trăng", minutes.HeaderParty, "BB", "", minutes.NewDate(2030, 10, 16)); n.String() != "01-BB/TU" {
			t.Errorf("the 2030 term: %s", n)
		}
	})
}

// Two secretaries taking the next number at the same moment, each with a
// connection of their own as two machines would: every one gets its own,
// 16 and 17 for the first two, and the register has no gap.
func TestNumbersTakenAtOnce(t *testing.T) {
	const n = 8
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		mustCreate(t, s, numbered(0, "15-BB/TU"))
		ms := make([]*minutes.Meeting, n)
		for i := range ms {
			ms[i] = numbered(60+i, "")
		}
		mustCreate(t, s, ms...)
		clients := make([]*sqlstore.Store, n)
		for i := range clients {
			clients[i] = open(t, dsn)
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				errs[i] = clients[i].FinalizeNumbered(ctx, ms[i].ID, 0, minutes.NumberRequest{Next: true}, "")
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("secretary %d: %v (%v)", i, vi(err), err)
			}
		}
		var got []string
		for _, m := range ms {
			f, _ := s.FindMeetingByID(ctx, m.ID)
			got = append(got, f.Number)
		}
		slices.Sort(got)
		var want []string
		for i := range n {
			want = append(want, fmt.Sprintf("%d-BB/TU", 16+i))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("numbers taken at once: %v, want %v", got, want)
		}
		// And the notices of two meetings, issued at once.
		var nums [2]string
		for i := range 2 {
			wg.Go(func() {
				var err error
				if nums[i], err = clients[i].IssueNotice(ctx, ms[i].ID, minutes.NumberRequest{Next: true}, ""); err != nil {
					t.Errorf("notice %d: %v", i, vi(err))
				}
			})
		}
		wg.Wait()
		if slices.Sort(nums[:]); nums != [2]string{"01-TB/TU", "02-TB/TU"} {
			t.Fatalf("notices issued at once: %v", nums)
		}
	})
}

// The numbers of meetings stored before the register existed are
// registered when the database is first opened by this version; a number
// two of them share stays with the first.
func TestRegisterBackfill(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		mustCreate(t, s, numbered(1, "05-BB/TU"), numbered(2, "06-BB/TU"))
		// As a database of the version before: meetings without registrations.
		for _, q := range []string{`DELETE FROM document_numbers`, `DELETE FROM register_backfill`} {
			if _, err := s.DB().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DB().ExecContext(ctx, s.DB().Rebind(`UPDATE meetings SET number = ? WHERE number = ?`), "05-BB/TU", "06-BB/TU"); err != nil {
			t.Fatal(err)
		}
		s2 := open(t, dsn)
		if got := seqs(t, s2, "Thành ủy Sóc Trăng", "BB"); !slices.Equal(got, []int{5}) {
			t.Fatalf("register after the backfill: %v", got)
		}
		if n, _ := s2.NextNumber(ctx, "Thành ủy Sóc Trăng", minutes.HeaderParty, "BB", "", minutes.NewDate(2021, 6, 1)); n.String() != "06-BB/TU" {
			t.Fatalf("next after the backfill: %s", n)
		}
		open(t, dsn) // once only
		if got := seqs(t, s2, "Thành ủy Sóc Trăng", "BB"); len(got) != 1 {
			t.Fatalf("backfilled twice: %v", got)
		}
	})
}

func once(m *minutes.Meeting) func() (*minutes.Meeting, error) { return many(m) }

func many(ms ...*minutes.Meeting) func() (*minutes.Meeting, error) {
	i := 0
	return func() (*minutes.Meeting, error) {
		if i == len(ms) {
			return nil, nil
		}
		i++
		return ms[i-1], nil
	}
}
