package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

type draftRow struct {
	ID        string        `db:"id"`
	Kind      string        `db:"kind"`
	MeetingID sql.NullInt64 `db:"meeting_id"`
	Version   int           `db:"version"`
	Data      string        `db:"data"`
	CreatedAt dbTime        `db:"created_at"`
	UpdatedAt dbTime        `db:"updated_at"`
}

func (r draftRow) draft() minutes.Draft {
	return minutes.Draft{ID: r.ID, Kind: r.Kind, MeetingID: r.MeetingID.Int64, Version: r.Version,
		Data: r.Data, CreatedAt: r.CreatedAt.Time, UpdatedAt: r.UpdatedAt.Time}
}

const draftColumns = `id, kind, meeting_id, version, data, created_at, updated_at`

// SaveDraft stores d, replacing the draft of the same ID.
func (s *Store) SaveDraft(ctx context.Context, d *minutes.Draft) error {
	if err := d.Validate(); err != nil {
		return err
	}
	now := s.Now()
	owner := minutes.PrincipalOf(ctx).Name()
	var meeting any
	if d.MeetingID != 0 {
		meeting = d.MeetingID
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		q := `INSERT INTO drafts (` + draftColumns + `, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = excluded.version,
			updated_at = excluded.updated_at WHERE drafts.owner = excluded.owner`
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), d.ID, d.Kind, meeting, d.Version, d.Data, s.ts(now), s.ts(now), owner); err != nil {
			if isForeignKey(err) {
				return minutes.Errorm(minutes.ENOTFOUND, "meeting.not_found", d.MeetingID)
			}
			return fmt.Errorf("save draft: %w", err)
		}
		var r draftRow
		err := tx.GetContext(ctx, &r, tx.Rebind(`SELECT `+draftColumns+` FROM drafts WHERE id = ? AND owner = ?`), d.ID, owner)
		if errors.Is(err, sql.ErrNoRows) {
			return minutes.Errorm(minutes.ENOTFOUND, "draft.not_found") // another account's
		}
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
		*d = r.draft()
		return nil
	})
}

// FindDraft returns draft id.
func (s *Store) FindDraft(ctx context.Context, id string) (*minutes.Draft, error) {
	var rows []draftRow
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		return tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+draftColumns+` FROM drafts WHERE id = ? AND owner = ?`), id, minutes.PrincipalOf(ctx).Name())
	})
	if err != nil {
		return nil, fmt.Errorf("find draft: %w", err)
	}
	if len(rows) == 0 {
		return nil, minutes.Errorm(minutes.ENOTFOUND, "draft.not_found")
	}
	d := rows[0].draft()
	return &d, nil
}

// FindDrafts returns the drafts of one kind for one meeting, the last saved
// first.
func (s *Store) FindDrafts(ctx context.Context, kind string, meetingID int64) ([]minutes.Draft, error) {
	var rows []draftRow
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		owner := minutes.PrincipalOf(ctx).Name()
		q := `SELECT ` + draftColumns + ` FROM drafts WHERE kind = ? AND meeting_id = ? AND owner = ? ORDER BY updated_at DESC, id`
		args := []any{kind, meetingID, owner}
		if meetingID == 0 {
			q, args = `SELECT `+draftColumns+` FROM drafts WHERE kind = ? AND meeting_id IS NULL AND owner = ? ORDER BY updated_at DESC, id`, []any{kind, owner}
		}
		return tx.SelectContext(ctx, &rows, tx.Rebind(q), args...)
	})
	if err != nil {
		return nil, fmt.Errorf("find drafts: %w", err)
	}
	out := make([]minutes.Draft, len(rows))
	for i, r := range rows {
		out[i] = r.draft()
	}
	return out, nil
}

// DeleteDraft removes draft id.
func (s *Store) DeleteDraft(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM drafts WHERE id = ? AND owner = ?`), id, minutes.PrincipalOf(ctx).Name()); err != nil {
			return fmt.Errorf("delete draft: %w", err)
		}
		return nil
	})
}
