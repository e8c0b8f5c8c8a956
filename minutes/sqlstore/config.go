package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

// Settings returns every office default that is set.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
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
		// The office's own defaults over the database-wide ones.
		if org, _ := minutes.SettingsOrg(ctx); org != "" {
			rows = rows[:0]
			if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT key, value FROM org_settings WHERE org_key = ? ORDER BY key`), minutes.Fold(org)); err != nil {
				return fmt.Errorf("settings: %w", err)
			}
			for _, r := range rows {
				out[r.Key] = r.Value
			}
		}
		return nil
	})
	return out, err
}

// SetSetting stores an office default, checked by minutes.CheckSetting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	who := s.person(ctx)
	if s.dbUser != "" {
		who = s.dbUser + " (" + who + ")"
	}
	if org, named := minutes.SettingsOrg(ctx); named {
		return s.inTx(ctx, func(tx *sqlx.Tx) error {
			q := `INSERT INTO org_settings (org_key, key, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (org_key, key) DO UPDATE SET value = excluded.value,
				updated_at = excluded.updated_at, updated_by = excluded.updated_by`
			if _, err := tx.ExecContext(ctx, tx.Rebind(q), minutes.Fold(org), key, value, s.ts(s.Now()), who); err != nil {
				return fmt.Errorf("set setting: %w", err)
			}
			return nil
		})
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		// ON CONFLICT … DO UPDATE is the same in SQLite (3.24+) and PostgreSQL.
		q := `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), key, value, s.ts(s.Now()), who); err != nil {
			return fmt.Errorf("set setting: %w", err)
		}
		if key == "term_start" {
			return s.rekeyTerms(ctx, tx)
		}
		return nil
	})
}

// UnsetSetting removes an office default and reports whether it was set.
func (s *Store) UnsetSetting(ctx context.Context, key string) (bool, error) {
	var n int64
	if org, named := minutes.SettingsOrg(ctx); named {
		err := s.inTx(ctx, func(tx *sqlx.Tx) error {
			res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM org_settings WHERE org_key = ? AND key = ?`), minutes.Fold(org), key)
			if err == nil {
				n, err = res.RowsAffected()
			}
			return err
		})
		return n > 0, err
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM settings WHERE key = ?`), key)
		if err != nil {
			return fmt.Errorf("unset setting: %w", err)
		}
		if n, err = res.RowsAffected(); err != nil || key != "term_start" {
			return err
		}
		return s.rekeyTerms(ctx, tx)
	})
	return n > 0, err
}

// LatestMeeting returns the most recently created meeting with all its
// parts, or nil when there is none: the form and the template start from
// its organisation, header, place and secretary.
func (s *Store) LatestMeeting(ctx context.Context) (*minutes.Meeting, error) {
	var m *minutes.Meeting
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		conds, args := scope(ctx, "m")
		if err := tx.SelectContext(ctx, &ids, tx.Rebind(`SELECT m.id FROM meetings m WHERE `+strings.Join(conds, " AND ")+` ORDER BY m.created_at DESC, m.id DESC LIMIT 1`), args...); err != nil {
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
