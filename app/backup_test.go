package app_test

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// tableDump is how a table is compared after a restore: its rows, ordered,
// without the columns that are the restoring database's own.
type tableDump struct {
	table, order string
	skip         []string
	where        string
}

// tables lists every table a backup restores, with what may differ:
// history IDs (the restore writes its own entries among them) and the
// restore's own entries; when the register gave a meeting's numbers (the
// restore registers them again); task notes' IDs, which nobody quotes.
// Drafts of the web form are not in a backup (README).
var tables = []tableDump{
	{table: "meetings", order: "id"},
	{table: "chairs", order: "meeting_id, pos"},
	{table: "absentees", order: "meeting_id, pos"},
	{table: "agenda_items", order: "meeting_id, pos"},
	{table: "comments", order: "meeting_id, pos"},
	{table: "conclusions", order: "id"},
	{table: "recipients", order: "meeting_id, pos"},
	{table: "notices", order: "meeting_id"},
	{table: "notice_recipients", order: "meeting_id, pos"},
	{table: "task_notes", order: "conclusion_id, at", skip: []string{"id"}},
	{table: "history", order: "meeting_uid, version, at, action", skip: []string{"id"}, where: "action <> 'restored'"},
	{table: "settings", order: "key"},
	{table: "document_numbers", order: "org_key, doc_type, period_start, seq", skip: []string{"id"}, where: "kind = 'report'"},
	{table: "document_numbers", order: "org_key, doc_type, period_start, seq", skip: []string{"id", "created_at", "created_by"}, where: "kind <> 'report'"},
}

func dump(t *testing.T, s *sqlstore.Store, td tableDump) []map[string]any {
	t.Helper()
	q := "SELECT * FROM " + td.table
	if td.where != "" {
		q += " WHERE " + td.where
	}
	rows, err := s.DB().Queryx(q + " ORDER BY " + td.order)
	if err != nil {
		t.Fatalf("%s: %v", td.table, err)
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		r := map[string]any{}
		if err := rows.MapScan(r); err != nil {
			t.Fatal(err)
		}
		for k, v := range r {
			switch x := v.(type) {
			case []byte:
				r[k] = string(x)
			case time.Time:
				r[k] = x.UTC()
			}
			if slices.Contains(td.skip, k) {
				delete(r, k)
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// fill gives the database one of everything a backup holds: finalized and
// amended minutes, a draft, a deleted draft (the newest), tasks done and
// noted, office settings, a notice's and a report's numbers.
func fill(t *testing.T, a *app.Service, s *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	for _, kv := range [][2]string{{"symbol", "VPTU"}, {"term_start", "16/10/2020"}, {"organization", "Thành ủy Sóc Trăng"}} {
		if _, err := a.SetSetting(ctx, kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	ms := []*minutes.Meeting{testdb.Meeting(1), testdb.Meeting(2), testdb.Meeting(3), testdb.Meeting(4)}
	ms[0].Notice = &minutes.Notice{
		Body:       "Ban Thường vụ Thành ủy",
		Signer:     &minutes.Signer{Authority: "T/M", For: "Ban Thường vụ", Title: "Phó Bí thư", Name: "Trần Văn Phúc"},
		Recipients: []string{"Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Thành ủy"},
	}
	if err := s.CreateMeetings(ctx, ms); err != nil {
		t.Fatal(err)
	}
	if err := s.Finalize(ctx, ms[0].ID, 0); err != nil {
		t.Fatal(err)
	}
	fin, err := s.FindMeetingByID(ctx, ms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	fin.Title += " (bổ sung)"
	if err := s.Amend(ctx, fin, "Sửa tên hội nghị"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetTaskDone(ctx, fin.Conclusions[0].ID, minutes.NewDate(2021, 5, 20), "Đã tổ chức xong"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTaskNote(ctx, ms[1].Conclusions[0].ID, "Đã họp với các phường"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.IssueNotice(ctx, ms[0].ID, minutes.NumberRequest{Next: true}, "TU"); err != nil {
		t.Fatal(err)
	}
	r := &minutes.Registration{Organization: "Thành ủy Sóc Trăng", Subject: "2021-Q1", Date: minutes.NewDate(2021, 4, 5), Title: "Tổng hợp các hội nghị quý I/2021"}
	if err := s.RegisterReport(ctx, r, minutes.HeaderParty, minutes.NumberRequest{Next: true}, "VPTU"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, ms[2].ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, ms[3].ID, 0); err != nil { // the newest: its number is the highest given
		t.Fatal(err)
	}
}

// TestBackupHoldsEverything: a backup restored into an empty database
// gives back every table as it was, the numbers included, and the
// restored database gives none of the numbers given before again.
func TestBackupHoldsEverything(t *testing.T) {
	for _, asJSON := range []bool{false, true} {
		t.Run(map[bool]string{false: "yaml", true: "json"}[asJSON], func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, dsn string) {
				ctx := context.Background()
				src, srcStore := service(t, dsn)
				fill(t, src, srcStore)
				var b bytes.Buffer
				n, err := src.BackupTo(ctx, &b, asJSON)
				if err != nil || n != 2 {
					t.Fatalf("backup: %d meetings, %v", n, err)
				}
				dstDSN := testdb.SQLite(t)
				if srcStore.Dialect() == "postgres" {
					dstDSN = testdb.Postgres(t)
				}
				dst, dstStore := service(t, dstDSN)
				res, err := dst.Import(ctx, []record.Source{record.ReaderSource("sao-luu", bytes.NewReader(b.Bytes()))}, false, nil)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Backup || res.Restored != 2 || res.Skipped != 0 {
					t.Fatalf("restore: backup %v, %d restored, %d skipped", res.Backup, res.Restored, res.Skipped)
				}
				for _, td := range tables {
					want, got := dump(t, srcStore, td), dump(t, dstStore, td)
					if len(want) == 0 {
						t.Fatalf("%s (%s) is empty in the source: the test would prove nothing", td.table, td.where)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s (%s) differs after the restore:\n got %v\nwant %v", td.table, td.where, got, want)
					}
				}

				// The deleted drafts' history is there under their numbers,
				// and those numbers are given no more.
				var deleted []int64
				if err := srcStore.DB().Select(&deleted, `SELECT DISTINCT meeting_id FROM history WHERE action = 'deleted' ORDER BY meeting_id`); err != nil {
					t.Fatal(err)
				}
				for _, id := range deleted {
					h, err := dstStore.History(ctx, id)
					if err != nil || h[len(h)-1].Action != minutes.ActionDeleted {
						t.Fatalf("history of deleted meeting %d after the restore: %v %v", id, h, err)
					}
				}
				// Backed up again, the restored database gives the same bytes.
				var again bytes.Buffer
				if _, err := dst.BackupTo(ctx, &again, asJSON); err != nil {
					t.Fatal(err)
				}
				if again.String() != b.String() {
					t.Errorf("backup of the restored database differs:\n%s", firstDiff(b.String(), again.String()))
				}
				m := testdb.Meeting(9)
				if err := dstStore.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
					t.Fatal(err)
				}
				if m.ID <= deleted[len(deleted)-1] {
					t.Fatalf("the restored database gave number %d again (deleted draft %d)", m.ID, deleted[len(deleted)-1])
				}

				// Restoring the same backup again changes nothing.
				res, err = dst.Import(ctx, []record.Source{record.ReaderSource("sao-luu", bytes.NewReader(b.Bytes()))}, false, nil)
				if err != nil || res.Restored != 0 || res.Skipped != 2 {
					t.Fatalf("second restore: %+v %v", res, err)
				}
			})
		})
	}
}

// TestRestoreFormat1: a backup written by minutes before format 2 (the
// fixture was written by main of 2 December 2026) restores, its meetings
// under new numbers, with their history and follow-up.
func TestRestoreFormat1(t *testing.T) {
	b, err := os.ReadFile("../record/testdata/backup-format1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, s := service(t, dsn)
		res, err := a.Import(ctx, []record.Source{record.ReaderSource("backup-format1.yaml", bytes.NewReader(b))}, false, nil)
		if err != nil || res.Restored != 2 {
			t.Fatalf("restore of a format 1 backup: %+v %v", res, err)
		}
		ms, err := s.FindMeetings(ctx, minutes.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var fin *minutes.Meeting
		for _, m := range ms {
			if m.Status == minutes.StatusFinalized {
				fin = m
			}
		}
		if fin == nil || fin.Version != 3 || !strings.HasPrefix(fin.Title, "Đã sửa - ") {
			t.Fatalf("the amended minutes of the fixture: %+v", fin)
		}
		h, err := s.History(ctx, fin.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, c := range h {
			actions = append(actions, c.Action)
		}
		if got := strings.Join(actions, ","); got != "created,finalized,task_done,task_note,amended,restored" {
			t.Fatalf("history after the restore: %s", got)
		}
		tasks, err := s.FindTasks(ctx, minutes.TaskFilter{MeetingID: fin.ID})
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(tasks, func(a, b minutes.Task) int { return a.Pos - b.Pos })
		if tasks[0].Status != minutes.TaskDone || len(tasks[1].Notes) != 1 {
			t.Fatalf("follow-up after the restore: %+v", tasks)
		}
	})
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "…" + a[from:min(len(a), i+200)] + "\n—— against ——\n…" + b[from:min(len(b), i+200)]
}

// TestRestoreAllOrNothing: a backup whose fourth document breaks a rule,
// or whose header says a newer format, stores nothing — not the header's
// settings, not the meetings before the broken one — and says where.
func TestRestoreAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		src, srcStore := service(t, dsn)
		fill(t, src, srcStore)
		var b bytes.Buffer
		if _, err := src.BackupTo(ctx, &b, false); err != nil {
			t.Fatal(err)
		}
		docs := strings.Split(b.String(), "\n---\n")
		if len(docs) < 4 || !strings.Contains(docs[2], "\nrecord:\n") {
			t.Fatalf("the backup's documents: %d", len(docs))
		}
		broken := slices.Clone(docs)
		broken[2] = strings.Replace(broken[2], "\n  status: finalized\n", "\n  status: approved\n", 1)
		broken[2] = strings.Replace(broken[2], "\n  status: draft\n", "\n  status: approved\n", 1)
		twice := slices.Clone(docs)
		twice[2] = regexp.MustCompile(`\n  id: \d+\n`).ReplaceAllString(twice[2], "\n  id: "+regexp.MustCompile(`\n  id: (\d+)\n`).FindStringSubmatch(docs[1])[1]+"\n")
		newer := slices.Clone(docs)
		newer[0] = strings.Replace(newer[0], "format: 2", "format: 3", 1)
		for _, c := range []struct {
			name, text, says string
		}{
			{"ErrBrokenMeeting", strings.Join(broken, "\n---\n"), "status must be draft or finalized"},
			{"ErrNewerFormat", strings.Join(newer, "\n---\n"), "format 3, written by a newer minutes"},
			{"ErrNumberTwice", strings.Join(twice, "\n---\n"), "appears twice in the backup"},
		} {
			t.Run(c.name, func(t *testing.T) {
				dstDSN := testdb.SQLite(t)
				if srcStore.Dialect() == "postgres" {
					dstDSN = testdb.Postgres(t)
				}
				dst, dstStore := service(t, dstDSN)
				_, err := dst.Import(ctx, []record.Source{record.ReaderSource("sao-luu.yaml", strings.NewReader(c.text))}, false, nil)
				wantErr(t, err, minutes.EINVALID, c.says)
				if !strings.Contains(en.Error(err), "sao-luu.yaml") {
					t.Errorf("the error does not name the file: %s", en.Error(err))
				}
				for _, table := range []string{"meetings", "history", "settings", "document_numbers"} {
					var n int
					if err := dstStore.DB().Get(&n, "SELECT COUNT(*) FROM "+table); err != nil || n != 0 {
						t.Errorf("%s holds %d rows after a refused restore (%v)", table, n, err)
					}
				}
			})
		}
	})
}

// TestRestoreFinalizedOverItsHistory: finalized minutes restored into a
// database that holds part of their history (the draft was deleted there,
// then finalized elsewhere and backed up) get the entries they lack after
// those there, the restore's entry repeating the seal of the version
// restored, and pass verify; restored where none of their history is,
// the same.
func TestRestoreFinalizedOverItsHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		other := func() string {
			if strings.HasPrefix(dsn, "postgres") {
				return testdb.Postgres(t)
			}
			return testdb.SQLite(t)
		}
		backup := func(a *app.Service) []byte {
			var b bytes.Buffer
			if _, err := a.BackupTo(ctx, &b, false); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		restore := func(a *app.Service, b []byte) {
			res, err := a.Import(ctx, []record.Source{record.ReaderSource("sao-luu", bytes.NewReader(b))}, false, nil)
			if err != nil || res.Restored != 1 {
				t.Fatalf("restore: %+v %v", res, err)
			}
		}
		here, hereStore := service(t, dsn)
		m := testdb.Meeting(1)
		if err := hereStore.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
			t.Fatal(err)
		}
		elsewhere, elsewhereStore := service(t, other())
		restore(elsewhere, backup(here))
		if err := elsewhereStore.Finalize(ctx, m.ID, 0); err != nil {
			t.Fatal(err)
		}
		finalized := backup(elsewhere)
		if err := hereStore.DeleteMeeting(ctx, m.ID, 0); err != nil {
			t.Fatal(err)
		}
		fresh, freshStore := service(t, other())
		for _, c := range []struct {
			name  string
			a     *app.Service
			s     *sqlstore.Store
			first []string // the entries there before
		}{
			{"OverPart", here, hereStore, []string{minutes.ActionCreated, minutes.ActionDeleted}},
			{"Anew", fresh, freshStore, nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				restore(c.a, finalized)
				var id int64
				if err := c.s.DB().Get(&id, `SELECT id FROM meetings`); err != nil {
					t.Fatal(err)
				}
				h, err := c.s.History(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range h {
					got = append(got, e.Action)
				}
				// A backup leaves out the entries of restores: elsewhere's
				// history comes as created, finalized.
				want := append(append([]string(nil), c.first...), minutes.ActionFinalized, minutes.ActionRestored)
				if c.first == nil {
					want = []string{minutes.ActionCreated, minutes.ActionFinalized, minutes.ActionRestored}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("history %v, want %v", got, want)
				}
				last, fin := h[len(h)-1], h[len(h)-2]
				if last.Hash == "" || last.Hash != fin.Hash {
					t.Errorf("the restore's entry holds seal %q, the finalized version's is %q", last.Hash, fin.Hash)
				}
				v, err := c.a.Verify(ctx, 0)
				if err != nil || v.Checked != 1 || len(v.Findings) != 0 {
					t.Fatalf("verify: %+v %v", v, err)
				}
				var open int
				if err := c.s.DB().Get(&open, `SELECT COUNT(*) FROM record_writes`); err != nil || open != 0 {
					t.Fatalf("%d record writes left open (%v)", open, err)
				}
			})
		}
	})
}
