package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// The operations over a real store, on SQLite and PostgreSQL: the rules
// that every front end gets by calling them.

var en = minutes.NewCatalog(minutes.DomainMessages, record.Messages, sqlstore.Messages, app.Messages).Printer(minutes.LangEN)

func service(t *testing.T, dsn string) (*app.Service, *sqlstore.Store) {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := app.Over(s)
	a.Today = func() minutes.Date { return minutes.NewDate(2021, 6, 1) }
	return a, s
}

func wantErr(t *testing.T, err error, code, says string) {
	t.Helper()
	if minutes.ErrorCode(err) != code || !strings.Contains(en.Error(err), says) {
		t.Fatalf("got %s %q, want %s saying %q", minutes.ErrorCode(err), en.Error(err), code, says)
	}
}

const goodRecord = `organization: Thành ủy Sóc Trăng
title: Hội nghị giao ban
date: 25/3/2021
chair: {name: Nguyễn Văn Quận}
attendance: {present: 30}
conclusions:
  - content: Tập trung chỉ đạo
    due: 30/6/2021
`

func TestLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		m := testdb.Meeting(1)
		if err := a.Record(ctx, m); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrStaleUpdate", func(t *testing.T) {
			first, _ := a.ForEdit(ctx, m.ID)
			second, _ := a.ForEdit(ctx, m.ID)
			first.Title = "Sửa lần một"
			if err := a.Update(ctx, first); err != nil {
				t.Fatal(err)
			}
			second.Title = "Sửa lần hai"
			wantErr(t, a.Update(ctx, second), minutes.ECONFLICT, "changed by someone else")
		})
		t.Run("ErrAmendDraft", func(t *testing.T) {
			_, err := a.ForAmend(ctx, m.ID)
			wantErr(t, err, minutes.ECONFLICT, "still a draft")
		})
		t.Run("FinalizeThenNoEdit", func(t *testing.T) {
			cur, _ := a.Meeting(ctx, m.ID)
			if err := a.Finalize(ctx, m.ID, cur.Version); err != nil {
				t.Fatal(err)
			}
			_, err := a.ForEdit(ctx, m.ID)
			wantErr(t, err, minutes.ECONFLICT, "finalized and cannot be edited")
			wantErr(t, a.Delete(ctx, m.ID, 0), minutes.ECONFLICT, "cannot be deleted")
			wantErr(t, a.Finalize(ctx, m.ID, 0), minutes.ECONFLICT, "already finalized")
		})
		t.Run("ErrAmendWithoutReason", func(t *testing.T) {
			cur, err := a.ForAmend(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			cur.Title = "Sửa đổi"
			wantErr(t, a.Amend(ctx, cur, "  "), minutes.EINVALID, "needs a reason")
			if err := a.Amend(ctx, cur, "sửa tên hội nghị"); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("EarlierVersion", func(t *testing.T) {
			v, err := a.MeetingVersion(ctx, m.ID, 1)
			if err != nil || v.Meeting.Title != m.Title || v.Current <= 1 {
				t.Fatalf("version 1: %+v, %v", v, err)
			}
		})
	})
}

func TestImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		bad := strings.Replace(goodRecord, "25/3/2021", "31/2/2021", 1)
		t.Run("ErrAllOrNothing", func(t *testing.T) {
			_, err := a.Import(ctx, []record.Source{
				record.ReaderSource("a.yaml", strings.NewReader(goodRecord)),
				record.ReaderSource("b.yaml", strings.NewReader(bad)),
			}, false, nil)
			wantErr(t, err, minutes.EINVALID, "Nothing stored: 1 meetings/files rejected")
			wantErr(t, err, minutes.EINVALID, "b.yaml, document 1, line 3: date")
			if ms, _ := a.Meetings(ctx, minutes.Filter{}); len(ms) != 0 {
				t.Fatalf("%d meetings stored by a rejected import", len(ms))
			}
		})
		t.Run("ErrUnreadableSourceIsAProblem", func(t *testing.T) {
			_, err := a.Import(ctx, []record.Source{
				record.ReaderSource("a.yaml", strings.NewReader(goodRecord)),
				record.FileSource(filepath.Join(t.TempDir(), "missing.yaml")),
			}, true, nil)
			wantErr(t, err, minutes.EINVALID, "missing.yaml not found")
		})
		t.Run("KeepGoing", func(t *testing.T) {
			res, err := a.Import(ctx, []record.Source{
				record.ReaderSource("a.yaml", strings.NewReader(goodRecord)),
				record.ReaderSource("b.yaml", strings.NewReader(bad)),
			}, true, nil)
			wantErr(t, err, minutes.EINVALID, "1 meetings/files rejected")
			if res == nil || res.Stored != 1 {
				t.Fatalf("keep-going stored %+v", res)
			}
		})
	})
}

func TestSettingsAndTasks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		v, err := a.SetSetting(ctx, "organization", " Tha\u0300nh u\u0309y So\u0301c Tra\u0306ng ")
		if err != nil || v != "Thành ủy Sóc Trăng" {
			t.Fatalf("SetSetting = %q, %v; want NFC, trimmed", v, err)
		}
		_, err = a.SetSetting(ctx, "chair", "x")
		wantErr(t, err, minutes.EUSAGE, "there is no setting")
		_, err = a.UnsetSetting(ctx, "chair")
		wantErr(t, err, minutes.EUSAGE, "there is no setting")
		d, err := a.Defaults(ctx)
		if err != nil || d.Organization != "Thành ủy Sóc Trăng" || d.Header != minutes.HeaderParty {
			t.Fatalf("Defaults = %+v, %v", d, err)
		}

		docs, err := record.Meetings("r.yaml", []byte(goodRecord))
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Record(ctx, docs[0].Meeting); err != nil {
			t.Fatal(err)
		}
		ts, err := a.Tasks(ctx, minutes.TaskFilter{MeetingID: docs[0].Meeting.ID})
		if err != nil || len(ts) != 1 {
			t.Fatalf("tasks %v, %v", ts, err)
		}
		_, err = a.TaskDone(ctx, ts[0].ID, minutes.NewDate(2021, 6, 2), "xong")
		wantErr(t, err, minutes.EINVALID, "is in the future (today is 01/06/2021)")
		done, err := a.TaskDone(ctx, ts[0].ID, minutes.Date{}, "xong")
		if err != nil || done.DoneOn != minutes.NewDate(2021, 6, 1) {
			t.Fatalf("done today: %+v, %v", done, err)
		}
	})
}
