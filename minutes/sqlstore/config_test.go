package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// setSetting checks a value by the domain's rule and stores it, as every
// front end does.
func setSetting(ctx context.Context, s *sqlstore.Store, key, value string) (string, error) {
	v, err := minutes.CheckSetting(key, value)
	if err != nil {
		return "", err
	}
	return v, s.SetSetting(ctx, key, v)
}

func TestSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)

		t.Run("Empty", func(t *testing.T) {
			got, err := s.Settings(ctx)
			if err != nil || len(got) != 0 {
				t.Fatalf("Settings on a new database = %v, %v; want empty", got, err)
			}
		})
		t.Run("SetGetOverwrite", func(t *testing.T) {
			// Decomposed input (NFD) is stored composed, trimmed.
			v, err := setSetting(ctx, s, "organization", "  Tha\u0300nh u\u0309y So\u0301c Tra\u0306ng ")
			if err != nil {
				t.Fatal(err)
			}
			if v != "Thành ủy Sóc Trăng" {
				t.Fatalf("stored %q, want NFC and trimmed", v)
			}
			if _, err := setSetting(ctx, s, "organization", "Huyện ủy Mỹ Xuyên"); err != nil {
				t.Fatal(err)
			}
			if _, err := setSetting(ctx, s, "header", "state"); err != nil {
				t.Fatal(err)
			}
			got, err := s.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got["organization"] != "Huyện ủy Mỹ Xuyên" || got["header"] != "state" || len(got) != 2 {
				t.Fatalf("Settings = %v", got)
			}
		})
		t.Run("Unset", func(t *testing.T) {
			was, err := s.UnsetSetting(ctx, "header")
			if err != nil || !was {
				t.Fatalf("unset header = %v, %v; want true, nil", was, err)
			}
			was, err = s.UnsetSetting(ctx, "header")
			if err != nil || was {
				t.Fatalf("unset header again = %v, %v; want false, nil", was, err)
			}
		})
		t.Run("ErrUnknownKey", func(t *testing.T) {
			_, err := setSetting(ctx, s, "chair", "Nguyễn Văn Quận")
			if code(err) != minutes.EUSAGE || !strings.Contains(vi(err), "organization, parent_organization, place, header, secretary") {
				t.Fatalf("err = %v (%s), want EUSAGE listing the keys", err, code(err))
			}
			if err := minutes.CheckSettingKey("chair"); code(err) != minutes.EUSAGE {
				t.Fatalf("unset unknown key: %v", err)
			}
		})
		t.Run("ErrHeaderValue", func(t *testing.T) {
			_, err := setSetting(ctx, s, "header", "dang")
			if code(err) != minutes.EINVALID || !strings.Contains(vi(err), `header: phải là party (Đảng) hoặc state (Nhà nước), không phải "dang"`) {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrControlCharacter", func(t *testing.T) {
			_, err := setSetting(ctx, s, "secretary", "Ngọc\x07 Phượng")
			if code(err) != minutes.EINVALID || !strings.Contains(vi(err), "secretary: có ký tự điều khiển") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrTooLong", func(t *testing.T) {
			_, err := setSetting(ctx, s, "place", strings.Repeat("ă", minutes.MaxTitle+1))
			if code(err) != minutes.EINVALID || !strings.Contains(vi(err), "quá dài") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrEmpty", func(t *testing.T) {
			_, err := setSetting(ctx, s, "place", "   ")
			if code(err) != minutes.EINVALID || !strings.Contains(vi(err), "minutes config unset place") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("LatestMeeting", func(t *testing.T) {
			m, err := s.LatestMeeting(ctx)
			if err != nil || m != nil {
				t.Fatalf("LatestMeeting on no meetings = %v, %v; want nil, nil", m, err)
			}
			a, b := testdb.Meeting(1), testdb.Meeting(2)
			// b is created later but dated earlier: "latest" is by creation.
			b.Date = minutes.NewDate(2020, 1, 2)
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{a}); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateMeetings(ctx, []*minutes.Meeting{b}); err != nil {
				t.Fatal(err)
			}
			m, err = s.LatestMeeting(ctx)
			if err != nil || m == nil || m.ID != b.ID || m.Secretary == nil || m.Secretary.Name != b.Secretary.Name {
				t.Fatalf("LatestMeeting = %+v, %v; want meeting %d with its parts", m, err, b.ID)
			}
		})
	})
}
