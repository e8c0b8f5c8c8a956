package sqlstore_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// legacyV1 and legacyV2 are history snapshots as minutes wrote them before
// snapshots took the record format: json.Marshal of minutes.Meeting, Go
// field names as keys. Databases hold such rows for good: never edit them.
const (
	legacyV1 = `{"ID":900041,"Organization":"Ủy ban nhân dân xã Long Phú","ParentOrganization":"Ủy ban nhân dân huyện Long Phú","Header":"state","Number":"03/BB-UBND","Title":"Họp giao ban tháng 1/2026","Date":"2026-01-07","StartTime":{"Hour":14,"Minute":0},"EndTime":null,"Place":"Long Phú","Location":"Phòng họp Ủy ban","Chairs":[{"Name":"Trần Văn Bảy","Title":"Chủ tịch Ủy ban nhân dân xã"}],"Secretary":null,"Attendance":{"Present":14,"AtLeast":false,"Invited":0,"Absent":null,"Composition":""},"Agenda":null,"Summary":"","Comments":null,"CommentCount":0,"Conclusions":[{"ID":301,"Content":"Rà soát hồ sơ hộ nghèo","Owner":"","Due":""}],"Recipients":null,"Status":"draft","Version":1,"CreatedAt":"2026-01-08T01:02:03.456789123Z","UpdatedAt":"2026-01-08T01:02:03.456789123Z","FinalizedAt":null,"FinalizedBy":""}`
	legacyV2 = `{"ID":900041,"Organization":"Ủy ban nhân dân xã Long Phú","ParentOrganization":"Ủy ban nhân dân huyện Long Phú","Header":"state","Number":"03/BB-UBND","Title":"Họp giao ban tháng 1/2026","Date":"2026-01-07","StartTime":{"Hour":14,"Minute":0},"EndTime":{"Hour":16,"Minute":45},"Place":"Long Phú","Location":"Phòng họp Ủy ban","Chairs":[{"Name":"Trần Văn Bảy","Title":"Chủ tịch Ủy ban nhân dân xã"}],"Secretary":{"Name":"Võ Thị Mai","Title":"Văn phòng - Thống kê"},"Attendance":{"Present":14,"AtLeast":true,"Invited":15,"Absent":[{"Name":"Lâm Văn Tư","Reason":"ốm"}],"Composition":"thành viên Ủy ban nhân dân xã"},"Agenda":[{"Title":"Kiểm điểm công tác tháng 12","Presenter":"Trần Văn Bảy"}],"Summary":"Các ngành báo cáo kết quả tháng 12.","Comments":[{"Speaker":"Lý Thị Sáu","Title":"Công chức Tư pháp","Content":"Đề nghị rà soát hồ sơ."}],"CommentCount":2,"Conclusions":[{"ID":301,"Content":"Rà soát hồ sơ hộ nghèo","Owner":"Lao động - Thương binh và Xã hội","Due":"2026-02-15"},{"ID":302,"Content":"Báo cáo huyện","Owner":"","Due":""}],"Recipients":["Ủy ban nhân dân huyện","Lưu VT"],"Status":"finalized","Version":2,"CreatedAt":"2026-01-08T01:02:03.456789123Z","UpdatedAt":"2026-01-09T03:00:00.000005Z","FinalizedAt":"2026-01-09T03:00:00.000005Z","FinalizedBy":"chutich"}`
)

// legacyMeetings are what legacyV1 and legacyV2 hold, conclusion IDs
// included, as History returns them.
func legacyMeetings() (v1, v2 *minutes.Meeting) {
	start, end := minutes.Clock{Hour: 14, Minute: 0}, minutes.Clock{Hour: 16, Minute: 45}
	created := time.Date(2026, 1, 8, 1, 2, 3, 456789123, time.UTC)
	fin := time.Date(2026, 1, 9, 3, 0, 0, 5000, time.UTC)
	v1 = &minutes.Meeting{
		ID: 900041, Organization: "Ủy ban nhân dân xã Long Phú", ParentOrganization: "Ủy ban nhân dân huyện Long Phú",
		Header: minutes.HeaderState, Number: "03/BB-UBND", Title: "Họp giao ban tháng 1/2026", Date: minutes.NewDate(2026, 1, 7),
		StartTime: &start, Place: "Long Phú", Location: "Phòng họp Ủy ban",
		Chairs:      []minutes.Person{{Name: "Trần Văn Bảy", Title: "Chủ tịch Ủy ban nhân dân xã"}},
		Attendance:  minutes.Attendance{Present: 14},
		Conclusions: []minutes.Conclusion{{ID: 301, Content: "Rà soát hồ sơ hộ nghèo"}},
		Status:      minutes.StatusDraft, Version: 1, CreatedAt: created, UpdatedAt: created,
	}
	v2 = &minutes.Meeting{
		ID: 900041, Organization: "Ủy ban nhân dân xã Long Phú", ParentOrganization: "Ủy ban nhân dân huyện Long Phú",
		Header: minutes.HeaderState, Number: "03/BB-UBND", Title: "Họp giao ban tháng 1/2026", Date: minutes.NewDate(2026, 1, 7),
		StartTime: &start, EndTime: &end, Place: "Long Phú", Location: "Phòng họp Ủy ban",
		Chairs:    []minutes.Person{{Name: "Trần Văn Bảy", Title: "Chủ tịch Ủy ban nhân dân xã"}},
		Secretary: &minutes.Person{Name: "Võ Thị Mai", Title: "Văn phòng - Thống kê"},
		Attendance: minutes.Attendance{
			Present: 14, AtLeast: true, Invited: 15,
			Absent: []minutes.Absentee{{Name: "Lâm Văn Tư", Reason: "ốm"}}, Composition: "thành viên Ủy ban nhân dân xã",
		},
		Agenda:       []minutes.AgendaItem{{Title: "Kiểm điểm công tác tháng 12", Presenter: "Trần Văn Bảy"}},
		Summary:      "Các ngành báo cáo kết quả tháng 12.",
		Comments:     []minutes.Comment{{Speaker: "Lý Thị Sáu", Title: "Công chức Tư pháp", Content: "Đề nghị rà soát hồ sơ."}},
		CommentCount: 2,
		Conclusions: []minutes.Conclusion{
			{ID: 301, Content: "Rà soát hồ sơ hộ nghèo", Owner: "Lao động - Thương binh và Xã hội", Due: minutes.NewDate(2026, 2, 15)},
			{ID: 302, Content: "Báo cáo huyện"},
		},
		Recipients: []string{"Ủy ban nhân dân huyện", "Lưu VT"},
		Status:     minutes.StatusFinalized, Version: 2, CreatedAt: created, UpdatedAt: fin, FinalizedAt: &fin, FinalizedBy: "chutich",
	}
	return v1, v2
}

// insertHistory writes a history row through plain SQL, as an older
// minutes (or another program) did.
func insertHistory(t *testing.T, s *sqlstore.Store, id int64, uid string, version int, action, snapshot string) {
	t.Helper()
	_, err := s.DB().Exec(s.DB().Rebind(`INSERT INTO history (meeting_id, meeting_uid, version, action, at, snapshot)
		VALUES (?, ?, ?, ?, ?, ?)`), id, uid, version, action, "2026-01-09T03:00:00Z", snapshot)
	if err != nil {
		t.Fatal(err)
	}
}

// noConclusionIDs is m as FindMeetingVersion returns it: the IDs of an old
// version's conclusions may name rows long replaced.
func noConclusionIDs(m *minutes.Meeting) *minutes.Meeting {
	c := *m
	c.Conclusions = content(m).Conclusions
	return &c
}

func TestLegacySnapshots(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		v1, v2 := legacyMeetings()

		t.Run("ReadAsWritten", func(t *testing.T) {
			insertHistory(t, s, 900041, "legacy-900041", 1, minutes.ActionCreated, legacyV1)
			insertHistory(t, s, 900041, "legacy-900041", 2, minutes.ActionFinalized, legacyV2)
			for _, want := range []*minutes.Meeting{v1, v2} {
				got, err := s.FindMeetingVersion(ctx, 900041, want.Version)
				if err != nil {
					t.Fatal(en(err))
				}
				if !reflect.DeepEqual(got, noConclusionIDs(want)) {
					t.Errorf("version %d of the old form reads as\n%+v\nwant\n%+v", want.Version, got, noConclusionIDs(want))
				}
			}
			h, err := s.History(ctx, 900041)
			if err != nil {
				t.Fatal(en(err))
			}
			if len(h) != 2 || !reflect.DeepEqual(h[0].Snapshot, v1) || !reflect.DeepEqual(h[1].Snapshot, v2) {
				t.Fatalf("history of the old form: %+v", h)
			}
		})
		t.Run("BackupRestoreWritesTheRecordForm", func(t *testing.T) {
			m := recCreate(t, s, 1)
			var uid string
			if err := s.DB().Get(&uid, s.DB().Rebind(`SELECT uid FROM meetings WHERE id = ?`), m.ID); err != nil {
				t.Fatal(err)
			}
			old := strings.Replace(legacyV2, `{"ID":900041,`, `{"ID":`+strconv.FormatInt(m.ID, 10)+`,`, 1)
			insertHistory(t, s, m.ID, uid, 1, minutes.ActionTaskNote, old)
			backup, err := s.Backup(ctx)
			if err != nil {
				t.Fatal(en(err))
			}
			var a *minutes.Archive
			for _, b := range backup {
				if b.UID == uid {
					a = b
				}
			}
			if a == nil || len(a.History) != 2 {
				t.Fatalf("backup of meeting %d: %+v", m.ID, a)
			}
			want := *v2
			want.ID = m.ID
			if !reflect.DeepEqual(a.History[1].Snapshot, &want) {
				t.Fatalf("backup holds the old snapshot as\n%+v\nwant\n%+v", a.History[1].Snapshot, &want)
			}
			dst := open(t, otherDB(t, s))
			if _, _, err := dst.Restore(ctx, []*minutes.Archive{a}); err != nil {
				t.Fatal(en(err))
			}
			var snaps []string
			if err := dst.DB().Select(&snaps, `SELECT snapshot FROM history ORDER BY id`); err != nil {
				t.Fatal(err)
			}
			for _, sn := range snaps {
				if !strings.HasPrefix(sn, `{"organization":`) || !strings.Contains(sn, `,"record":{"status":`) {
					t.Errorf("restored snapshot not in the record form: %.80s…", sn)
				}
			}
			again, err := dst.Backup(ctx)
			if err != nil {
				t.Fatal(en(err))
			}
			if !reflect.DeepEqual(recComparable(again), recComparable([]*minutes.Archive{a})) {
				t.Fatalf("restored history differs:\n%+v\n%+v", recComparable(again), recComparable([]*minutes.Archive{a}))
			}
		})
	})
}

// otherDB is an empty database of the same dialect as s.
func otherDB(t *testing.T, s *sqlstore.Store) string {
	if s.Dialect() == "postgres" {
		return testdb.Postgres(t)
	}
	return testdb.SQLite(t)
}

func TestSnapshotsStored(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		// SQLite keeps the nanoseconds; PostgreSQL rounds to microseconds.
		base := time.Date(2026, 3, 26, 9, 0, 0, 123456789, time.UTC)
		if s.Dialect() == "postgres" {
			base = base.Truncate(time.Microsecond)
		}
		tick := 0
		s.Now = func() time.Time { tick++; return base.Add(time.Duration(tick) * time.Second) }

		// Every version as the store holds it right after the change.
		var versions []*minutes.Meeting
		current := func(id int64) *minutes.Meeting {
			t.Helper()
			m, err := s.FindMeetingByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			versions = append(versions, m)
			c := *m
			c.Conclusions = append([]minutes.Conclusion(nil), m.Conclusions...)
			return &c
		}
		m := current(recCreate(t, s, 5).ID)
		m.Summary, m.Secretary, m.EndTime = "Tóm tắt đã sửa", nil, nil
		if err := s.UpdateMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		m = current(m.ID)
		if err := s.Finalize(ctx, m.ID, m.Version); err != nil {
			t.Fatal(err)
		}
		m = current(m.ID)
		m.Conclusions = append(m.Conclusions[:1], minutes.Conclusion{Content: "Kết luận bổ sung", Owner: "Văn phòng"})
		if err := s.Amend(ctx, m, "bổ sung kết luận"); err != nil {
			t.Fatal(err)
		}
		m = current(m.ID)
		if _, err := s.AddTaskNote(ctx, m.Conclusions[0].ID, "Đang triển khai"); err != nil {
			t.Fatal(err)
		}

		t.Run("FindMeetingVersion", func(t *testing.T) {
			for _, want := range versions {
				got, err := s.FindMeetingVersion(ctx, m.ID, want.Version)
				if err != nil {
					t.Fatal(en(err))
				}
				if !reflect.DeepEqual(got, noConclusionIDs(want)) {
					t.Errorf("version %d reads back as\n%+v\nwas stored as\n%+v", want.Version, got, noConclusionIDs(want))
				}
			}
		})
		t.Run("History", func(t *testing.T) {
			h, err := s.History(ctx, m.ID)
			if err != nil {
				t.Fatal(en(err))
			}
			if a := recActions(h); a != "1:created 2:edited 3:finalized 4:amended 4:task_note" {
				t.Fatalf("history %s", a)
			}
			for i, c := range h {
				want := noConclusionIDs(versions[min(i, len(versions)-1)])
				if !reflect.DeepEqual(c.Snapshot, want) {
					t.Errorf("history entry %d (%s) holds\n%+v\nwant\n%+v", i+1, c.Action, c.Snapshot, want)
				}
			}
		})
		t.Run("RecordForm", func(t *testing.T) {
			var snaps []string
			if err := s.DB().Select(&snaps, s.DB().Rebind(`SELECT snapshot FROM history WHERE meeting_id = ? ORDER BY id`), m.ID); err != nil {
				t.Fatal(err)
			}
			for i, sn := range snaps {
				got, err := record.UnmarshalSnapshot([]byte(sn))
				if err != nil {
					t.Fatalf("row %d: %s\n%s", i+1, en(err), sn)
				}
				if strings.Contains(sn, `"ID"`) || got.Version != versions[min(i, len(versions)-1)].Version {
					t.Errorf("row %d is not in the record form: %s", i+1, sn)
				}
			}
		})
	})
}

func TestSnapshotUnreadable(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		src := recCreate(t, s, 1)
		var snap string
		if err := s.DB().Get(&snap, s.DB().Rebind(`SELECT snapshot FROM history WHERE meeting_id = ?`), src.ID); err != nil {
			t.Fatal(err)
		}
		// As a newer minutes with one more field might write it.
		newer := strings.Replace(snap, `,"summary":`, `,"video_url":"https://example.vn/hop","summary":`, 1)
		insertHistory(t, s, 900042, "newer-900042", 1, minutes.ActionCreated, newer)
		insertHistory(t, s, 900043, "broken-900043", 1, minutes.ActionCreated, `{"ID":900043,"Organisation":"x"}`)

		_, err := s.History(ctx, 900042)
		if code(err) != minutes.EINTERNAL {
			t.Fatalf("want EINTERNAL, got %v", err)
		}
		for _, want := range []string{"cannot read the record of meeting 900042 at version 1", `video_url: unknown field "video_url"`} {
			if !strings.Contains(en(err), want) {
				t.Errorf("%q does not say %q", en(err), want)
			}
		}
		if !strings.Contains(vi(err), "không đọc được bản ghi của cuộc họp 900042") {
			t.Errorf("Vietnamese: %q", vi(err))
		}
		_, err = s.FindMeetingVersion(ctx, 900042, 1)
		if code(err) != minutes.EINTERNAL {
			t.Fatalf("FindMeetingVersion: want EINTERNAL, got %v", err)
		}
		_, err = s.FindMeetingVersion(ctx, 900043, 1)
		if code(err) != minutes.EINTERNAL || !strings.Contains(en(err), `unknown field "Organisation"`) {
			t.Fatalf("old form with an unknown key: %v", en(err))
		}
	})
}
