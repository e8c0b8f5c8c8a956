package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

// SettingKeys are the office defaults that `minutes config` keeps, in the
// order they are listed. Each stands for a field of the record, so a value is
// checked by the very rule that field obeys in a meeting.
var SettingKeys = []string{"organization", "parent_organization", "place", "header", "secretary"}

// settingField puts a value where the record keeps it and names the field
// whose problems concern it.
var settingField = map[string]struct {
	field string
	set   func(m *minutes.Meeting, v string)
}{
	"organization":        {"organization", func(m *minutes.Meeting, v string) { m.Organization = v }},
	"parent_organization": {"parent_organization", func(m *minutes.Meeting, v string) { m.ParentOrganization = v }},
	"place":               {"place", func(m *minutes.Meeting, v string) { m.Place = v }},
	"header":              {"header", func(m *minutes.Meeting, v string) { m.Header = v }},
	"secretary":           {"secretary.name", func(m *minutes.Meeting, v string) { m.Secretary = &minutes.Person{Name: v} }},
}

// CheckSetting returns the cleaned (trimmed, NFC) value of a setting, or
// EUSAGE for an unknown key and EINVALID for a value its field refuses.
func CheckSetting(key, value string) (string, error) {
	sf, ok := settingField[key]
	if !ok {
		return "", minutes.Errorm(minutes.EUSAGE, "config.unknown_key", key, strings.Join(SettingKeys, ", "))
	}
	value = minutes.Clean(value)
	if value == "" {
		return "", minutes.Invalid([]minutes.Problem{{Field: key, Reason: minutes.T("config.empty", key)}})
	}
	// A meeting holding only this value: every problem Validate finds in
	// the field is a problem of the value.
	m := &minutes.Meeting{}
	sf.set(m, value)
	var ps []minutes.Problem
	if e, ok := m.Validate().(*minutes.Error); ok {
		for _, p := range e.Problems {
			if p.Field == sf.field {
				p.Field = key
				ps = append(ps, p)
			}
		}
	}
	if err := minutes.Invalid(ps); err != nil {
		return "", err
	}
	return value, nil
}

// Settings returns every office default that is set.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var rows []struct {
			Key   string `db:"key"`
			Value string `db:"value"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT key, value FROM settings ORDER BY key`); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		for _, r := range rows {
			out[r.Key] = r.Value
		}
		return nil
	})
	return out, err
}

// SetSetting stores an office default and returns the value as stored.
// EUSAGE for an unknown key, EINVALID for a value the field refuses.
func (s *Store) SetSetting(ctx context.Context, key, value string) (string, error) {
	value, err := CheckSetting(key, value)
	if err != nil {
		return "", err
	}
	who := s.osUser
	if s.dbUser != "" {
		who = s.dbUser + " (" + s.osUser + ")"
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		// ON CONFLICT … DO UPDATE is the same in SQLite (3.24+) and PostgreSQL.
		q := `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), key, value, s.ts(s.Now()), who); err != nil {
			return fmt.Errorf("set setting: %w", err)
		}
		return nil
	})
	return value, err
}

// UnsetSetting removes an office default and reports whether it was set.
// EUSAGE for an unknown key.
func (s *Store) UnsetSetting(ctx context.Context, key string) (bool, error) {
	if _, ok := settingField[key]; !ok {
		return false, minutes.Errorm(minutes.EUSAGE, "config.unknown_key", key, strings.Join(SettingKeys, ", "))
	}
	var n int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM settings WHERE key = ?`), key)
		if err != nil {
			return fmt.Errorf("unset setting: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// LatestMeeting returns the most recently created meeting with all its
// parts, or nil when there is none: the form and the template start from
// its organisation, header, place and secretary.
func (s *Store) LatestMeeting(ctx context.Context) (*minutes.Meeting, error) {
	var m *minutes.Meeting
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM meetings ORDER BY created_at DESC, id DESC LIMIT 1`); err != nil {
			return fmt.Errorf("latest meeting: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		var err error
		m, err = s.findMeetingByID(ctx, tx, ids[0])
		return err
	})
	return m, err
}

func init() {
	minutes.Register(map[string][2]string{
		"config.unknown_key": {"không có mục cài đặt %q; các mục: %s", "there is no setting %q; the settings are: %s"},
		"config.empty":       {"giá trị trống; muốn bỏ giá trị mặc định thì dùng: minutes config unset %s", "the value is empty; to remove the default use: minutes config unset %s"},
	})
}
