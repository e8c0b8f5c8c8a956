package record_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// snapshotV1 is a history snapshot exactly as the store has written them
// since snapshots took the record format. Databases hold such rows for
// good: never edit this string. If the format grows, add the new form
// beside it; this one must still read as snapshotV1Meeting says.
const snapshotV1 = `{"organization":"Huyện ủy Mỹ Tú","parent_organization":"Đảng bộ tỉnh Sóc Trăng","header":"party","number":"12-BB/HU","title":"Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 5 <mở rộng> & tổng kết","date":"2026-03-26","start_time":"07:30","end_time":"11:15","place":"Mỹ Tú","location":"Hội trường Huyện ủy","chairs":[{"name":"Nguyễn Văn Quận","title":"Bí thư Huyện ủy"},{"name":"Trần Thị Hồng Nhung"}],"secretary":{"name":"Lê Minh Đức","title":"Chánh Văn phòng"},"attendance":{"present":80,"at_least":true,"invited":85,"absent":[{"name":"Phạm Thị Ánh Tuyết","reason":"đi công tác"}],"composition":"Ủy viên Ban Chấp hành"},"agenda":[{"title":"Báo cáo tình hình quý I","presenter":"Nguyễn Văn Quận"}],"summary":"Tình hình kinh tế tiếp tục tăng trưởng.","comments":[{"speaker":"Huỳnh Quốc Việt","title":"Ủy viên","content":"Đề nghị bổ sung số liệu."}],"comment_count":3,"conclusions":[{"content":"Hoàn thiện báo cáo","owner":"Văn phòng","due":"2026-04-30"},{"content":"Triển khai nghị quyết"}],"recipients":["Ban Thường vụ Tỉnh ủy","Lưu Văn phòng"],"record":{"status":"finalized","version":2,"created_at":"2026-03-26T09:00:00.123456789Z","updated_at":"2026-03-27T02:00:00.654321Z","finalized_at":"2026-03-27T02:00:00.654321Z","finalized_by":"minutes / bithu"}}`

// snapshotV1Meeting is what snapshotV1 holds. It names every field of
// minutes.Meeting a snapshot keeps: renaming one of them breaks this test
// where it is compiled, and a snapshot that no longer reads a key makes it
// fail on the value, instead of blanking old history silently.
func snapshotV1Meeting() *minutes.Meeting {
	start, end := minutes.Clock{Hour: 7, Minute: 30}, minutes.Clock{Hour: 11, Minute: 15}
	fin := time.Date(2026, 3, 27, 2, 0, 0, 654321000, time.UTC)
	return &minutes.Meeting{
		Organization:       "Huyện ủy Mỹ Tú",
		ParentOrganization: "Đảng bộ tỉnh Sóc Trăng",
		Header:             minutes.HeaderParty,
		Number:             "12-BB/HU",
		Title:              "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 5 <mở rộng> & tổng kết",
		Date:               minutes.NewDate(2026, 3, 26),
		StartTime:          &start,
		EndTime:            &end,
		Place:              "Mỹ Tú",
		Location:           "Hội trường Huyện ủy",
		Chairs:             []minutes.Person{{Name: "Nguyễn Văn Quận", Title: "Bí thư Huyện ủy"}, {Name: "Trần Thị Hồng Nhung"}},
		Secretary:          &minutes.Person{Name: "Lê Minh Đức", Title: "Chánh Văn phòng"},
		Attendance: minutes.Attendance{
			Present: 80, AtLeast: true, Invited: 85,
			Absent:      []minutes.Absentee{{Name: "Phạm Thị Ánh Tuyết", Reason: "đi công tác"}},
			Composition: "Ủy viên Ban Chấp hành",
		},
		Agenda:       []minutes.AgendaItem{{Title: "Báo cáo tình hình quý I", Presenter: "Nguyễn Văn Quận"}},
		Summary:      "Tình hình kinh tế tiếp tục tăng trưởng.",
		Comments:     []minutes.Comment{{Speaker: "Huỳnh Quốc Việt", Title: "Ủy viên", Content: "Đề nghị bổ sung số liệu."}},
		CommentCount: 3,
		Conclusions: []minutes.Conclusion{
			{Content: "Hoàn thiện báo cáo", Owner: "Văn phòng", Due: minutes.NewDate(2026, 4, 30)},
			{Content: "Triển khai nghị quyết"},
		},
		Recipients:  []string{"Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng"},
		Status:      minutes.StatusFinalized,
		Version:     2,
		CreatedAt:   time.Date(2026, 3, 26, 9, 0, 0, 123456789, time.UTC),
		UpdatedAt:   fin,
		FinalizedAt: &fin,
		FinalizedBy: "minutes / bithu",
	}
}

var snapPrinter = minutes.NewCatalog(minutes.DomainMessages, record.Messages).Printer(minutes.LangEN)

func snapEN(err error) string { return snapPrinter.Error(err) }

func TestSnapshotWrittenBeforeReads(t *testing.T) {
	got, err := record.UnmarshalSnapshot([]byte(snapshotV1))
	if err != nil {
		t.Fatal(snapEN(err))
	}
	if want := snapshotV1Meeting(); !reflect.DeepEqual(got, want) {
		t.Fatalf("snapshot as written before reads back as\n%+v\nwant\n%+v", got, want)
	}
}

// TestSnapshotFormatUnchanged holds the writer to the form above. When it
// fails because the format deliberately grew, keep snapshotV1 as it is
// (databases hold it) and compare with a new golden string here instead.
func TestSnapshotFormatUnchanged(t *testing.T) {
	b, err := record.MarshalSnapshot(snapshotV1Meeting())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != snapshotV1 {
		t.Fatalf("snapshots are now written as\n%s\nwere\n%s", b, snapshotV1)
	}
}

// fullMeeting sets every field of a meeting and of its parts, so that a
// field the snapshot does not keep shows in the round trip.
func fullMeeting() *minutes.Meeting {
	m := snapshotV1Meeting()
	m.Header = minutes.HeaderState
	m.Chairs[1].Title = "Phó Bí thư Thường trực"
	m.Conclusions[1].Owner, m.Conclusions[1].Due = "Ban Tuyên giáo", minutes.NewDate(2026, 6, 30)
	m.Notice = &minutes.Notice{
		Number: "04/TB-UBND", Date: minutes.NewDate(2026, 3, 30), Title: "Kết luận của Chủ tịch", Body: "Ủy ban nhân dân huyện",
		ConcludedBy: &minutes.Person{Name: "Nguyễn Văn Quận", Title: "Chủ tịch"},
		Signer:      &minutes.Signer{Authority: "TL.", For: "Chủ tịch", Title: "Chánh Văn phòng", Name: "Lê Minh Đức"},
		Recipients:  []string{"Các phòng, ban", "Lưu: VT"},
	}
	return m
}

func TestSnapshotRoundTrip(t *testing.T) {
	m := fullMeeting()
	if zero := zeroFields(reflect.ValueOf(*m), "Meeting"); len(zero) > 0 {
		// A new field of minutes.Meeting: give it a value here, and keep it
		// in the snapshot (record/snapshot.go) so that this test passes.
		t.Fatalf("fullMeeting leaves fields unset: %s", strings.Join(zero, ", "))
	}
	b, err := record.MarshalSnapshot(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := record.UnmarshalSnapshot(b)
	if err != nil {
		t.Fatal(snapEN(err))
	}
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip through\n%s\ngives\n%+v\nwant\n%+v", b, got, m)
	}
	t.Run("IDsAreNotKept", func(t *testing.T) {
		m := fullMeeting()
		m.ID, m.Conclusions[0].ID = 41, 301
		b, _ := record.MarshalSnapshot(m)
		got, err := record.UnmarshalSnapshot(b)
		if err != nil || got.ID != 0 || got.Conclusions[0].ID != 0 {
			t.Fatalf("IDs in a snapshot: %d, %d (%v)", got.ID, got.Conclusions[0].ID, err)
		}
	})
	t.Run("SameAsInABackup", func(t *testing.T) {
		// Times in microseconds: a backup rounds them to PostgreSQL's.
		m := fullMeeting()
		m.CreatedAt = m.CreatedAt.Truncate(time.Microsecond)
		w := record.ArchiveWire(&minutes.Archive{UID: "u", Meeting: m, History: []minutes.Change{{Snapshot: m}}})
		var inBackup strings.Builder
		if err := record.EncodeJSON(&inBackup, w.Record.History[0].Snapshot); err != nil {
			t.Fatal(err)
		}
		b, _ := record.MarshalSnapshot(m)
		var stored strings.Builder
		got, _ := record.UnmarshalSnapshot(b)
		record.EncodeJSON(&stored, record.ArchiveWire(&minutes.Archive{UID: "u", Meeting: got, History: []minutes.Change{{Snapshot: got}}}).Record.History[0].Snapshot)
		if inBackup.String() != stored.String() {
			t.Fatalf("a backup writes the snapshot as\n%s\nthe store as\n%s", inBackup.String(), stored.String())
		}
	})
}

// zeroFields lists the fields of v, a struct, left at their zero value,
// down through pointers, slices and nested structs. IDs are set by the
// store and are not part of a snapshot.
func zeroFields(v reflect.Value, path string) []string {
	var out []string
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return zeroFields(v.Elem(), path)
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		for i := range v.Len() {
			out = append(out, zeroFields(v.Index(i), path+"[]")...)
		}
		return out
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() || v.Type() == reflect.TypeFor[minutes.Date]() {
			if v.IsZero() {
				return []string{path}
			}
			return nil
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.Name == "ID" || f.Name == "Existing" || f.Name == "Seal" || !f.IsExported() { // Seal: derived from the history, as ID is given by the store
				continue
			}
			out = append(out, zeroFields(v.Field(i), path+"."+f.Name)...)
		}
		return out
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

func TestSnapshotStrict(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"UnknownKey", strings.Replace(snapshotV1, `"summary":`, `"video_url":"https://example.vn/x","summary":`, 1), `video_url: unknown field "video_url"`},
		{"UnknownRecordKey", strings.Replace(snapshotV1, `"finalized_by":`, `"uid":"x","finalized_by":`, 1), `record.uid: unknown field "uid"`},
		{"NoRecordBlock", snapshotV1[:strings.Index(snapshotV1, `,"record":`)] + "}", "record: is required"},
		{"MissingVersion", strings.Replace(snapshotV1, `"version":2,`, ``, 1), "record.version: is required"},
		{"BadDate", strings.Replace(snapshotV1, `"2026-04-30"`, `"2026-04-31"`, 1), `conclusions[1].due: date "2026-04-31" does not exist`},
		{"BadTime", strings.Replace(snapshotV1, `"2026-03-26T09:00:00.123456789Z"`, `"hôm qua"`, 1), `record.created_at: time "hôm qua" is not in RFC 3339 form`},
		{"Syntax", snapshotV1[:100], "syntax error"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := record.UnmarshalSnapshot([]byte(c.data))
			if minutes.ErrorCode(err) != minutes.EINVALID || m != nil {
				t.Fatalf("got %v, %v; want EINVALID", m, err)
			}
			if !strings.Contains(snapEN(err), c.want) {
				t.Fatalf("error\n%s\ndoes not say %q", snapEN(err), c.want)
			}
		})
	}
}
