package record_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// TestBackupParts: the documents of a backup that are not meetings are
// written and read back as they were, each checked strictly; read as a
// record (minutes add) they are refused, saying what they are.
func TestBackupParts(t *testing.T) {
	en := minutes.NewCatalog(minutes.DomainMessages, record.Messages).Printer(minutes.LangEN)
	at := time.Date(2021, 3, 2, 8, 0, 0, 123456000, time.UTC)
	parts := []*minutes.BackupPart{
		{Info: &minutes.BackupInfo{Format: minutes.BackupFormat, Counters: map[string]int64{"meetings": 12, "conclusions": 31, "task_notes": 4},
			Settings: []minutes.Setting{{Key: "symbol", Value: "VPTU", UpdatedAt: at, UpdatedBy: "vanphong"}}}},
		{Deleted: &minutes.DeletedArchive{UID: "6f1c2a", ID: 12, History: []minutes.Change{
			{Version: 1, Action: minutes.ActionCreated, At: at, OSUser: "vanphong"},
			{Version: 2, Action: minutes.ActionDeleted, At: at.Add(time.Hour), OSUser: "vanphong"}}}},
		{Reports: []minutes.Registration{{Organization: "Văn phòng Tỉnh ủy", Header: minutes.HeaderParty, Number: "01-BC/VPTU",
			Kind: minutes.DocReport, Subject: "2021-Q1", Date: minutes.NewDate(2021, 4, 5), Title: "Tổng hợp quý I/2021",
			Period:    minutes.Period{Kind: minutes.PeriodRange, From: minutes.NewDate(2020, 10, 16), To: minutes.NewDate(2025, 10, 15)},
			CreatedAt: at, CreatedBy: "vanphong"}}},
	}
	for _, asJSON := range []bool{false, true} {
		var b bytes.Buffer
		w := record.NewBackupWriter(&b, asJSON)
		for _, p := range parts {
			if err := w.Put(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		docs, err := record.Decode("sao-luu", b.Bytes())
		if err != nil || len(docs) != len(parts) {
			t.Fatalf("json %v: %d documents, %v\n%s", asJSON, len(docs), err, b.String())
		}
		got := make([]*minutes.BackupPart, len(docs))
		for i := range docs {
			if got[i] = docs[i].BackupPart(); got[i] == nil {
				t.Fatalf("json %v: document %d is no part: %v", asJSON, i+1, en.Error(docs[i].Err))
			}
		}
		if got[0].Info.Format != 2 || got[0].Info.Counters["conclusions"] != 31 || got[0].Info.Settings[0] != parts[0].Info.Settings[0] {
			t.Errorf("json %v: header read back as %+v", asJSON, got[0].Info)
		}
		if d := got[1].Deleted; d.UID != "6f1c2a" || d.ID != 12 || len(d.History) != 2 || d.History[1].Action != minutes.ActionDeleted || !d.History[1].At.Equal(at.Add(time.Hour)) {
			t.Errorf("json %v: deleted draft read back as %+v", asJSON, d)
		}
		r := got[2].Reports[0]
		if r.Number != "01-BC/VPTU" || r.Parsed.Seq != 1 || r.Period.From != parts[2].Reports[0].Period.From || r.Subject != "2021-Q1" || !r.CreatedAt.Equal(at) {
			t.Errorf("json %v: report read back as %+v", asJSON, r)
		}
		// minutes add reads one record: a part is refused, saying what it is.
		if _, err := record.Meetings("sao-luu", b.Bytes()); err == nil || !strings.Contains(en.Error(err), "part of a backup") {
			t.Errorf("json %v: a backup read as records: %v", asJSON, err)
		}
	}

	for _, c := range []struct{ name, doc, says string }{
		{"ErrUnknownKey", "deleted:\n  uid: x\n  histroy: []\n", `did you mean "history"`},
		{"ErrNoUID", "deleted:\n  id: 3\n  history: []\n", "deleted.uid"},
		{"ErrCounter", "backup:\n  format: 2\n  counters: {meetings: -1}\n", "counters.meetings"},
		{"ErrReportNumber", "reports:\n  - {organization: X, header: party, number: mười hai, period_start: 2021-01-01, period_end: 2021-12-31, date: 2021-02-01, title: T, created_at: 2021-02-01T00:00:00Z}\n", "not a document number"},
		{"ErrSetting", "backup:\n  format: 2\n  settings: [{key: header, value: kingdom, updated_at: 2021-02-01T00:00:00Z}]\n", "settings[1].value"},
	} {
		t.Run(c.name, func(t *testing.T) {
			docs, err := record.Decode("sao-luu", []byte(c.doc))
			if err != nil || len(docs) != 1 {
				t.Fatal(err)
			}
			if docs[0].BackupPart() != nil || docs[0].Err == nil || !strings.Contains(en.Error(docs[0].Err), c.says) {
				t.Fatalf("got %v, want a problem saying %q", en.Error(docs[0].Err), c.says)
			}
		})
	}
}
