package record_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// backupDoc is one document of a backup as export --all writes it, with
// task follow-up: done, reopened with notes.
const backupDoc = `organization: Đảng ủy xã Long Phú
header: party
title: Hội nghị Ban Chấp hành
date: "2021-03-02"
chairs:
  - name: Nguyễn Văn A
attendance:
  present: 20
conclusions:
  - content: Tổ chức hội nghị quán triệt
  - content: Rà soát danh sách cử tri
    owner: Văn phòng
    due: "2021-05-01"
  - content: Báo cáo kết quả
record:
  uid: 6f1c2a
  status: finalized
  version: 2
  created_at: 2021-03-02T08:00:00Z
  updated_at: 2021-03-03T08:00:00.123456Z
  finalized_at: 2021-03-03T08:00:00.123456Z
  finalized_by: bithu
  tasks:
    - conclusion: 1
      status: done
      done_on: "2021-04-20"
      note: Đã quán triệt
      status_changed_at: 2021-04-21T01:02:03.000004Z
    - conclusion: 2
      status: open
      reason: 'Ghi nhầm: chưa xong'
      status_changed_at: 2021-04-22T01:02:03Z
      notes:
        - at: 2021-04-23T01:02:03.5Z
          text: |-
            Dòng một
            dòng hai
          by: bithu
          db_user: minutes
        - at: 2021-04-24T01:02:03Z
          text: Dòng ba
`

func TestBackupTasks(t *testing.T) {
	en := minutes.NewCatalog(minutes.DomainMessages, record.Messages).Printer(minutes.LangEN)
	t.Run("OK", func(t *testing.T) {
		docs, err := record.Meetings("backup.yaml", []byte(backupDoc))
		if err != nil {
			t.Fatal(err)
		}
		a := docs[0].Archive()
		if len(a.Tasks) != 2 {
			t.Fatalf("%d tasks decoded, want 2", len(a.Tasks))
		}
		done, open := a.Tasks[0], a.Tasks[1]
		if done.Pos != 1 || done.Status != minutes.TaskDone || done.DoneOn != minutes.NewDate(2021, 4, 20) ||
			done.Note != "Đã quán triệt" || done.StatusChangedAt == nil || done.StatusChangedAt.Nanosecond() != 4000 {
			t.Fatalf("done task %+v", done)
		}
		if open.Pos != 2 || open.Reason != "Ghi nhầm: chưa xong" || len(open.Notes) != 2 ||
			open.Notes[0].Text != "Dòng một\ndòng hai" || open.Notes[0].By != "bithu" || open.Notes[0].DBUser != "minutes" ||
			open.Notes[1].At.Day() != 24 {
			t.Fatalf("reopened task %+v", open)
		}
		var b bytes.Buffer
		if err := record.EncodeYAML(&b, record.ArchiveWire(a)); err != nil {
			t.Fatal(err)
		}
		if b.String() != backupDoc {
			t.Fatalf("decode → encode differs:\n%s", b.String())
		}
	})
	for _, tc := range []struct {
		name, old, new, field string
		line                  int
		reason                string
	}{
		{"ErrUnknownKey", "      note: Đã quán triệt\n", "      note: Đã quán triệt\n      approved_by: bithu\n", "record.tasks[1].approved_by", 28, "approved_by"},
		{"ErrUnknownNoteKey", "          by: bithu\n", "          author: bithu\n", "record.tasks[2].notes[1].author", 38, "author"},
		{"ErrBadStatus", "      status: done\n", "      status: finished\n", "record.tasks[1].status", 25, `"finished"`},
		{"ErrBadDay", "      done_on: \"2021-04-20\"\n", "      done_on: 31/4/2021\n", "record.tasks[1].done_on", 26, "31/4/2021"},
		{"ErrDoneWithoutDay", "      done_on: \"2021-04-20\"\n", "", "record.tasks[1].done_on", 24, "required"},
		{"ErrNoConclusion", "    - conclusion: 2\n", "    - conclusion: hai\n", "record.tasks[2].conclusion", 29, "hai"},
		{"ErrNoteWithoutText", "        - at: 2021-04-24T01:02:03Z\n          text: Dòng ba\n", "        - at: 2021-04-24T01:02:03Z\n", "record.tasks[2].notes[2].text", 40, "required"},
		{"ErrBadTimestamp", "status_changed_at: 2021-04-22T01:02:03Z", "status_changed_at: 22/4/2021", "record.tasks[2].status_changed_at", 32, "RFC 3339"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(backupDoc, tc.old) {
				t.Fatalf("the test's document lacks %q", tc.old)
			}
			_, err := record.Meetings("backup.yaml", []byte(strings.Replace(backupDoc, tc.old, tc.new, 1)))
			var e *minutes.Error
			if !errors.As(err, &e) || e.Code != minutes.EINVALID {
				t.Fatalf("want EINVALID, got %v", err)
			}
			if len(e.Problems) != 1 {
				t.Fatalf("one mistake, %d problems: %+v", len(e.Problems), e.Problems)
			}
			if p := e.Problems[0]; p.Field == tc.field && p.Line == tc.line && strings.Contains(en.Msg(p.Reason), tc.reason) {
				return
			}
			t.Fatalf("no problem at %s, line %d, saying %q: %+v", tc.field, tc.line, tc.reason, e.Problems)
		})
	}
}
