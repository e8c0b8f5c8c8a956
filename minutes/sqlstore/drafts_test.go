package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

func TestDrafts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		m := testdb.Meeting(1)
		if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
			t.Fatal(err)
		}

		t.Run("SaveFindReplace", func(t *testing.T) {
			d := &minutes.Draft{ID: strings.Repeat("a", 32), Kind: minutes.DraftNew, Data: "title=Hội+nghị"}
			if err := s.SaveDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
			created := d.CreatedAt
			d.Data = "title=Hội+nghị+quý+I"
			if err := s.SaveDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
			got, err := s.FindDraft(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Data != "title=Hội+nghị+quý+I" || !got.CreatedAt.Equal(created) || got.UpdatedAt.Before(created) {
				t.Errorf("draft after replace = %+v (created %v)", got, created)
			}
			ds, err := s.FindDrafts(ctx, minutes.DraftNew, 0)
			if err != nil || len(ds) != 1 || ds[0].ID != d.ID {
				t.Errorf("FindDrafts(new) = %+v, %v", ds, err)
			}
		})

		t.Run("EditDraftGoesWithItsMeeting", func(t *testing.T) {
			d := &minutes.Draft{ID: strings.Repeat("b", 32), Kind: minutes.DraftEdit, MeetingID: m.ID, Version: m.Version, Data: "x"}
			if err := s.SaveDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
			if ds, _ := s.FindDrafts(ctx, minutes.DraftEdit, m.ID); len(ds) != 1 {
				t.Fatalf("FindDrafts(edit) = %+v", ds)
			}
			if err := s.DeleteMeeting(ctx, m.ID, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindDraft(ctx, d.ID); code(err) != minutes.ENOTFOUND {
				t.Errorf("draft of a deleted meeting: %v, want ENOTFOUND", err)
			}
		})

		t.Run("ErrMeetingGone", func(t *testing.T) {
			d := &minutes.Draft{ID: strings.Repeat("c", 32), Kind: minutes.DraftEdit, MeetingID: 999, Data: "x"}
			if err := s.SaveDraft(ctx, d); code(err) != minutes.ENOTFOUND {
				t.Errorf("draft of no meeting: %v, want ENOTFOUND", err)
			}
		})

		t.Run("ErrInvalid", func(t *testing.T) {
			for _, d := range []minutes.Draft{
				{ID: strings.Repeat("d", 32), Kind: "other", Data: "x"},
				{ID: strings.Repeat("d", 32), Kind: minutes.DraftNew, Data: "\xff"},
				{ID: strings.Repeat("d", 32), Kind: minutes.DraftNew, Data: strings.Repeat("x", minutes.MaxDraft+1)},
			} {
				if err := s.SaveDraft(ctx, &d); code(err) != minutes.EINVALID {
					t.Errorf("SaveDraft(%.20q kind %s) = %v, want EINVALID", d.Data, d.Kind, err)
				}
			}
		})

		t.Run("Delete", func(t *testing.T) {
			id := strings.Repeat("a", 32)
			if err := s.DeleteDraft(ctx, id); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteDraft(ctx, id); err != nil {
				t.Errorf("deleting a deleted draft: %v", err)
			}
			if _, err := s.FindDraft(ctx, id); code(err) != minutes.ENOTFOUND {
				t.Errorf("after delete: %v", err)
			}
		})
	})
}

func TestFindMeetingsNewestFirst(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		ms := []*minutes.Meeting{testdb.Meeting(30), testdb.Meeting(10), testdb.Meeting(20), testdb.Meeting(395)}
		if err := s.CreateMeetings(ctx, ms); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindMeetings(ctx, minutes.Filter{Newest: true, Limit: 3, Brief: true})
		if err != nil {
			t.Fatal(err)
		}
		var days []string
		for _, m := range got {
			days = append(days, m.Date.String())
		}
		// Meeting 395 falls on day 30 of 2021 too (395 % 365): the later ID first.
		if want := "2021-01-31 2021-01-31 2021-01-21"; strings.Join(days, " ") != want {
			t.Errorf("newest first = %v, want %s", days, want)
		}
		if got[0].ID != ms[3].ID || len(got[0].Chairs) != 2 {
			t.Errorf("first = meeting %d with %d chairs, want %d with its chairs", got[0].ID, len(got[0].Chairs), ms[3].ID)
		}
	})
}

// TestSearchPages checks that a page of a search is the same slice of the
// whole answer whichever way the store finds it: through the trigram index
// (a rare word), by walking the meetings in order (a word most meetings
// hold, more than the index is asked for), or with only short words.
func TestSearchPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		ms := make([]*minutes.Meeting, 2500)
		for i := range ms {
			ms[i] = testdb.Meeting(i)
			// Words held only by the oldest meetings: newest first, the
			// window of the 1,000 or so newest holds none of them, and the
			// index is asked — "hiếm" (about 820 meetings) is then picked
			// among its matches, "thưa thớt" (about 1,370, more than the
			// index is asked for) is walked to the end.
			if day := i % 365; day < 120 {
				ms[i].Title += " chuyên đề hiếm thưa thớt"
			} else if day < 200 {
				ms[i].Title += " thưa thớt"
			}
		}
		if err := s.CreateMeetings(ctx, ms); err != nil {
			t.Fatal(err)
		}
		for _, search := range []string{"quan", "phu my ocop", "so 1234", "so 12", "so 9", "nothing here", "ocop tuyet", "hiem", "thua thot"} {
			for _, newest := range []bool{true, false} {
				all, err := s.FindMeetings(ctx, minutes.Filter{Search: search, Newest: newest, Brief: true})
				if err != nil {
					t.Fatal(err)
				}
				for _, page := range []struct{ offset, limit int }{{0, 51}, {50, 51}, {1200, 51}} {
					got, err := s.FindMeetings(ctx, minutes.Filter{Search: search, Newest: newest, Brief: true, Offset: page.offset, Limit: page.limit})
					if err != nil {
						t.Fatal(err)
					}
					var want []int64
					for i := page.offset; i < min(len(all), page.offset+page.limit); i++ {
						want = append(want, all[i].ID)
					}
					var ids []int64
					for _, m := range got {
						ids = append(ids, m.ID)
					}
					if fmt.Sprint(ids) != fmt.Sprint(want) {
						t.Errorf("search %q newest=%v offset %d: %d meetings %v…, want %d %v…", search, newest, page.offset, len(ids), head(ids), len(want), head(want))
					}
				}
			}
		}
	})
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 5)] }
