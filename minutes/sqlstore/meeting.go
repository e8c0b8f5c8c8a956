package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// CreateMeetings stores every meeting of ms in one transaction.
func (s *Store) CreateMeetings(ctx context.Context, ms []*minutes.Meeting) error {
	return s.CreateMeetingsProgress(ctx, ms, nil)
}

// CreateMeetingsProgress is CreateMeetings calling progress (when not nil)
// with the number of meetings written so far, for a progress bar.
func (s *Store) CreateMeetingsProgress(ctx context.Context, ms []*minutes.Meeting, progress func(done int)) error {
	for _, m := range ms {
		m.Normalize()
		if err := m.Validate(); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		now := s.Now().UTC()
		for i, m := range ms {
			m.Status, m.Version, m.CreatedAt, m.UpdatedAt = minutes.StatusDraft, 1, now, now
			m.FinalizedAt, m.FinalizedBy = nil, ""
			uid := newUID()
			if err := s.insertMeeting(ctx, tx, m, uid); err != nil {
				return err
			}
			if err := s.insertParts(ctx, tx, m); err != nil {
				return err
			}
			if err := s.addHistory(ctx, tx, m, uid, minutes.ActionCreated, nil, ""); err != nil {
				return err
			}
			if progress != nil {
				progress(i + 1)
			}
		}
		return nil
	})
}

// FindMeetingByID returns one meeting with all its parts.
func (s *Store) FindMeetingByID(ctx context.Context, id int64) (*minutes.Meeting, error) {
	var m *minutes.Meeting
	err := s.inTx(ctx, func(tx *sqlx.Tx) (err error) {
		m, err = s.findMeetingByID(ctx, tx, id)
		return err
	})
	return m, err
}

// FindMeetings returns the meetings that match f, ordered by date then ID.
func (s *Store) FindMeetings(ctx context.Context, f minutes.Filter) ([]*minutes.Meeting, error) {
	var ms []*minutes.Meeting
	err := s.inTx(ctx, func(tx *sqlx.Tx) (err error) {
		ms, err = s.findMeetings(ctx, tx, f)
		return err
	})
	return ms, err
}

// UpdateMeeting replaces the content of a draft that is still at m.Version.
func (s *Store) UpdateMeeting(ctx context.Context, m *minutes.Meeting) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		old, err := s.findMeetingByID(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if old.Status == minutes.StatusFinalized {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.finalized", m.ID, m.ID)
		}
		if old.Version != m.Version {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", m.ID, m.Version, old.Version)
		}
		fields := minutes.ChangedFields(old, m)
		if len(fields) == 0 {
			*m = *old
			return nil
		}
		return s.saveContent(ctx, tx, m, old, minutes.StatusDraft, minutes.ActionEdited, fields, "")
	})
}

// saveContent writes the new content of m over old, bumping the version,
// and logs the change. The history row goes first: on finalized minutes the
// database triggers accept a change only when its amendment is on record.
func (s *Store) saveContent(ctx context.Context, tx *sqlx.Tx, m, old *minutes.Meeting, status, action string, fields []string, reason string) error {
	uid, err := s.uid(ctx, tx, m.ID)
	if err != nil {
		return err
	}
	m.Status, m.Version, m.CreatedAt = old.Status, old.Version+1, old.CreatedAt
	m.FinalizedAt, m.FinalizedBy = old.FinalizedAt, old.FinalizedBy
	m.UpdatedAt = s.Now().UTC()
	if err := s.addHistory(ctx, tx, m, uid, action, fields, reason); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE meetings SET
		organization = ?, parent_organization = ?, header = ?, number = ?, title = ?, date = ?,
		start_time = ?, end_time = ?, place = ?, location = ?, secretary_name = ?, secretary_title = ?,
		present = ?, at_least = ?, invited = ?, composition = ?, summary = ?, comment_count = ?,
		org_key = ?, search = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ? AND status = ?`),
		append(s.contentArgs(m), m.Version, s.ts(m.UpdatedAt), m.ID, old.Version, status)...)
	if err != nil {
		return fmt.Errorf("update meeting %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", m.ID, old.Version, old.Version+1)
	}
	for _, t := range partTables {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM `+t+` WHERE meeting_id = ?`), m.ID); err != nil {
			return fmt.Errorf("replace %s of meeting %d: %w", t, m.ID, err)
		}
	}
	if err := s.replaceConclusions(ctx, tx, m); err != nil {
		return err
	}
	return s.insertPlainParts(ctx, tx, m)
}

// DeleteMeeting removes a draft; version 0 skips the version check.
func (s *Store) DeleteMeeting(ctx context.Context, id int64, version int) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		m, err := s.findMeetingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Status == minutes.StatusFinalized {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.finalized_delete", id)
		}
		if version != 0 && m.Version != version {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", id, version, m.Version)
		}
		uid, err := s.uid(ctx, tx, id)
		if err != nil {
			return err
		}
		m.Version++
		if err := s.addHistory(ctx, tx, m, uid, minutes.ActionDeleted, nil, ""); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(`DELETE FROM meetings WHERE id = ? AND status = 'draft'`), id)
		return err
	})
}

// partTables are the child tables, deleted and rewritten on each change.
// Conclusions are not among them: they carry task state and keep their
// IDs, so replaceConclusions (tasks.go) updates them in place.
var partTables = []string{"chairs", "absentees", "agenda_items", "comments", "recipients"}

// inTx runs f in a transaction, retrying it on a PostgreSQL serialization
// failure or deadlock while the context lives.
func (s *Store) inTx(ctx context.Context, f func(tx *sqlx.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.tryTx(ctx, f)
		if err == nil || !isRetryable(err) || attempt >= 5 || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
	}
}

func (s *Store) tryTx(ctx context.Context, f func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// ts converts a time to what the dialect stores: RFC 3339 text in SQLite.
func (s *Store) ts(t time.Time) any {
	if s.dialect == schema.SQLite {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return t.UTC()
}

func nullDate(d minutes.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func nullClock(c *minutes.Clock) any {
	if c == nil {
		return nil
	}
	return c.String()
}

// contentArgs are the values of the content columns, in the order used by
// both INSERT and UPDATE.
func (s *Store) contentArgs(m *minutes.Meeting) []any {
	var secName, secTitle any
	if m.Secretary != nil {
		secName, secTitle = m.Secretary.Name, m.Secretary.Title
	}
	return []any{
		m.Organization, m.ParentOrganization, m.Header, m.Number, m.Title, m.Date.String(),
		nullClock(m.StartTime), nullClock(m.EndTime), m.Place, m.Location, secName, secTitle,
		m.Attendance.Present, m.Attendance.AtLeast, m.Attendance.Invited, m.Attendance.Composition,
		m.Summary, m.CommentCount, minutes.Fold(m.Organization), m.SearchText(),
	}
}

const contentColumns = `organization, parent_organization, header, number, title, date,
	start_time, end_time, place, location, secretary_name, secretary_title,
	present, at_least, invited, composition, summary, comment_count, org_key, search`

func (s *Store) insertMeeting(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, uid string) error {
	args := append(s.contentArgs(m), uid, m.Status, m.Version, s.ts(m.CreatedAt), s.ts(m.UpdatedAt), m.FinalizedBy)
	var fin any
	if m.FinalizedAt != nil {
		fin = s.ts(*m.FinalizedAt)
	}
	args = append(args, fin)
	q := `INSERT INTO meetings (` + contentColumns + `, uid, status, version, created_at, updated_at, finalized_by, finalized_at)
		VALUES (` + placeholders(len(args)) + `) RETURNING id`
	if err := tx.QueryRowxContext(ctx, tx.Rebind(q), args...).Scan(&m.ID); err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	return nil
}

// insertParts writes the ordered child rows of m, one multi-row INSERT per
// table: on PostgreSQL each statement is a round trip, and a meeting has
// about fifteen parts.
func (s *Store) insertParts(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting) error {
	if err := s.insertPlainParts(ctx, tx, m); err != nil {
		return err
	}
	return s.insertConclusions(ctx, tx, m)
}

// insertPlainParts writes the child rows other than the conclusions.
func (s *Store) insertPlainParts(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting) error {
	var rows [][]any
	for i, c := range m.Chairs {
		rows = append(rows, []any{m.ID, i + 1, c.Name, c.Title})
	}
	if err := insertRows(ctx, tx, "chairs", "meeting_id, pos, name, title", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, a := range m.Attendance.Absent {
		rows = append(rows, []any{m.ID, i + 1, a.Name, a.Reason})
	}
	if err := insertRows(ctx, tx, "absentees", "meeting_id, pos, name, reason", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, a := range m.Agenda {
		rows = append(rows, []any{m.ID, i + 1, a.Title, a.Presenter})
	}
	if err := insertRows(ctx, tx, "agenda_items", "meeting_id, pos, title, presenter", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, c := range m.Comments {
		rows = append(rows, []any{m.ID, i + 1, c.Speaker, c.Title, c.Content})
	}
	if err := insertRows(ctx, tx, "comments", "meeting_id, pos, speaker, title, content", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, r := range m.Recipients {
		rows = append(rows, []any{m.ID, i + 1, r})
	}
	return insertRows(ctx, tx, "recipients", "meeting_id, pos, name", rows)
}

func (s *Store) insertConclusions(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting) error {
	if len(m.Conclusions) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, 0, 5*len(m.Conclusions))
	b.WriteString(`INSERT INTO conclusions (meeting_id, pos, content, owner, due) VALUES `)
	for i, c := range m.Conclusions {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?)")
		args = append(args, m.ID, i+1, c.Content, c.Owner, nullDate(c.Due))
	}
	b.WriteString(" RETURNING id, pos")
	rows, err := tx.QueryContext(ctx, tx.Rebind(b.String()), args...)
	if err != nil {
		return fmt.Errorf("insert conclusions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var pos int
		if err := rows.Scan(&id, &pos); err != nil {
			return err
		}
		m.Conclusions[pos-1].ID = id
	}
	return rows.Err()
}

func insertRows(ctx context.Context, tx *sqlx.Tx, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
	ph := "(" + placeholders(len(rows[0])) + ")"
	args := make([]any, 0, len(rows)*len(rows[0]))
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(ph)
		args = append(args, r...)
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(b.String()), args...); err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func (s *Store) uid(ctx context.Context, tx *sqlx.Tx, id int64) (string, error) {
	var uid string
	err := tx.GetContext(ctx, &uid, tx.Rebind(`SELECT uid FROM meetings WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", minutes.Errorm(minutes.ENOTFOUND, "meeting.not_found", id)
	}
	return uid, err
}

// addHistory logs a change with a snapshot of the record after it.
func (s *Store) addHistory(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, uid, action string, fields []string, reason string) error {
	snap, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, tx.Rebind(`INSERT INTO history
		(meeting_id, meeting_uid, version, action, at, db_user, os_user, fields, reason, snapshot)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		m.ID, uid, m.Version, action, s.ts(s.Now()), s.dbUser, s.osUser, strings.Join(fields, ","), reason, string(snap))
	if err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	return nil
}
