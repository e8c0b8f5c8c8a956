package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

// Minutes as records: finalize, amend, history, backup and restore. The
// database guards finalized minutes itself (schema/*/002_records.sql); the
// methods here are the write paths that its triggers let through.

// Finalize approves a draft that is still at version (0 skips the check).
func (s *Store) Finalize(ctx context.Context, id int64, version int) error {
	return s.finalize(ctx, id, version, minutes.NumberRequest{}, "")
}

// finalize approves a draft, giving it the number req asks for when it
// has none (FinalizeNumbered): the number and the approval are one change.
func (s *Store) finalize(ctx context.Context, id int64, version int, req minutes.NumberRequest, symbol string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		m, err := s.findMeetingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := m.CheckFinalize(version); err != nil {
			return err
		}
		uid, err := s.uid(ctx, tx, id)
		if err != nil {
			return err
		}
		fields := []string{"status"}
		if m.Number == "" && !req.IsZero() {
			if err := s.numberMinutes(ctx, tx, m, req, symbol); err != nil {
				return err
			}
			fields = []string{"number", "status"}
		}
		old, now := m.Version, s.Now().UTC()
		m.Status, m.Version, m.UpdatedAt = minutes.StatusFinalized, old+1, now
		m.FinalizedAt, m.FinalizedBy = &now, s.who(ctx)
		if err := s.addHistory(ctx, tx, m, uid, minutes.ActionFinalized, fields, ""); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE meetings
			SET status = ?, version = ?, updated_at = ?, finalized_at = ?, finalized_by = ?, number = ?
			WHERE id = ? AND version = ? AND status = ?`),
			minutes.StatusFinalized, m.Version, s.ts(now), s.ts(now), m.FinalizedBy, m.Number,
			id, old, minutes.StatusDraft)
		if err != nil {
			return fmt.Errorf("finalize meeting %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", id, old, old+1)
		}
		if len(fields) > 1 {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE search_index SET text = ? WHERE `+s.searchKey()+` = ?`), m.SearchText(), m.ID); err != nil {
				return fmt.Errorf("update search text of meeting %d: %w", m.ID, err)
			}
		}
		return nil
	})
}

// Amend saves m as the next version of finalized minutes, with the reason.
func (s *Store) Amend(ctx context.Context, m *minutes.Meeting, reason string) error {
	reason, err := minutes.CleanReason(m.ID, reason)
	if err != nil {
		return err
	}
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		old, err := s.findMeetingByID(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if err := old.CheckAmend(m.Version); err != nil {
			return err
		}
		fields := minutes.ChangedFields(old, m)
		if len(fields) == 0 {
			*m = *old
			return nil
		}
		err = s.openRecordWrite(ctx, tx, m.ID, old.Version+1, func() error {
			return s.saveContent(ctx, tx, m, old, minutes.StatusFinalized, minutes.ActionAmended, fields, reason)
		})
		return readOnlyConflict(err, m.ID)
	})
}

// openRecordWrite lets the parts of finalized minutes be written while f
// runs: the triggers accept such writes only while a record_writes row names
// the meeting's current version, and the row never outlives the transaction.
func (s *Store) openRecordWrite(ctx context.Context, tx *sqlx.Tx, id int64, version int, f func() error) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO record_writes (meeting_id, version) VALUES (?, ?)`), id, version); err != nil {
		return fmt.Errorf("open record write: %w", err)
	}
	if err := f(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM record_writes WHERE meeting_id = ?`), id); err != nil {
		return fmt.Errorf("close record write: %w", err)
	}
	return nil
}

// readOnlyConflict turns a refusal by the database's triggers into a
// conflict the user can act on; the store's own paths never meet one
// unless a bug or another program interferes.
func readOnlyConflict(err error, id int64) error {
	if err != nil && strings.Contains(err.Error(), "minutes: read-only") {
		return minutes.Errorm(minutes.ECONFLICT, "records.read_only", id, err)
	}
	return err
}

// who names the person behind a change, as finalized_by keeps it: the
// signed-in account on the office server, else the database and
// operating-system users.
func (s *Store) who(ctx context.Context) string {
	if name := minutes.PrincipalOf(ctx).Name(); name != "" {
		return name
	}
	os := s.osUser()
	switch {
	case s.dbUser == "":
		return os
	case os == "" || os == s.dbUser:
		return s.dbUser
	}
	return s.dbUser + " / " + os
}

// person is who made a change as the history's os_user column keeps it: the
// signed-in account of the office server (not the operating-system user of
// the server process), else the operating-system user of the command line.
func (s *Store) person(ctx context.Context) string {
	if name := minutes.PrincipalOf(ctx).Name(); name != "" {
		return name
	}
	return s.osUser()
}

type historyRow struct {
	MeetingID  int64  `db:"meeting_id"`
	MeetingUID string `db:"meeting_uid"`
	Version    int    `db:"version"`
	Action     string `db:"action"`
	At         dbTime `db:"at"`
	DBUser     string `db:"db_user"`
	OSUser     string `db:"os_user"`
	Fields     string `db:"fields"`
	Reason     string `db:"reason"`
	Snapshot   string `db:"snapshot"`
	Hash       string `db:"hash"`
}

const historyColumns = `h.meeting_id, h.meeting_uid, h.version, h.action, h.at, h.db_user, h.os_user, h.fields, h.reason, h.snapshot, h.hash`

func (r *historyRow) change() (minutes.Change, error) {
	c := minutes.Change{
		MeetingID: r.MeetingID, Version: r.Version, Action: r.Action, At: r.At.Time,
		DBUser: r.DBUser, OSUser: r.OSUser, Reason: r.Reason, Hash: r.Hash,
	}
	if r.Fields != "" {
		c.Fields = strings.Split(r.Fields, ",")
	}
	if r.Snapshot != "" {
		m, err := decodeSnapshot(r.Snapshot)
		if err != nil {
			return c, snapshotError(r, err)
		}
		m.ID = r.MeetingID
		c.Snapshot = m
	}
	return c, nil
}

// historyUID finds the identity whose history id names: the meeting's, or
// for a deleted meeting the one its last history row carries. History is
// kept by UID because SQLite may give a deleted meeting's ID to the next.
// A meeting the principal of ctx may not see has no history either, and a
// deleted one belongs to the organisation of its last snapshot.
func (s *Store) historyUID(ctx context.Context, tx *sqlx.Tx, id int64) (string, error) {
	var uid string
	conds, args := scope(ctx, "m")
	var exists int
	err := tx.GetContext(ctx, &exists, tx.Rebind(`SELECT COUNT(*) FROM meetings WHERE id = ?`), id)
	if err != nil {
		return "", err
	}
	if exists > 0 {
		err = tx.GetContext(ctx, &uid, tx.Rebind(`SELECT m.uid FROM meetings m WHERE m.id = ? AND `+strings.Join(conds, " AND ")), append([]any{id}, args...)...)
	} else {
		err = tx.GetContext(ctx, &uid, tx.Rebind(`SELECT meeting_uid FROM history WHERE meeting_id = ? ORDER BY id DESC LIMIT 1`), id)
		if err == nil && !minutes.PrincipalOf(ctx).Admin() {
			var snap string
			err = tx.GetContext(ctx, &snap, tx.Rebind(`SELECT snapshot FROM history WHERE meeting_uid = ? AND snapshot <> '' ORDER BY id DESC LIMIT 1`), uid)
			if err == nil {
				m, derr := decodeSnapshot(snap)
				if derr != nil || !minutes.PrincipalOf(ctx).Sees(m.Organization, minutes.StatusDraft) {
					err = sql.ErrNoRows
				}
			}
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", minutes.Errorm(minutes.ENOTFOUND, "meeting.not_found", id)
	}
	return uid, err
}

// History lists the changes of meeting id, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]minutes.Change, error) {
	var out []minutes.Change
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		uid, err := s.historyUID(ctx, tx, id)
		if err != nil {
			return err
		}
		var rows []historyRow
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+historyColumns+` FROM history h WHERE h.meeting_uid = ? ORDER BY h.id`), uid); err != nil {
			return fmt.Errorf("history of meeting %d: %w", id, err)
		}
		out = make([]minutes.Change, 0, len(rows))
		for _, r := range rows {
			c, err := r.change()
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// FindMeetingVersion returns meeting id as it was at version, from the
// snapshot written with that version.
func (s *Store) FindMeetingVersion(ctx context.Context, id int64, version int) (*minutes.Meeting, error) {
	var m *minutes.Meeting
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		uid, err := s.historyUID(ctx, tx, id)
		if err != nil {
			return err
		}
		// The first row of a version is the change that made it; later rows
		// of the same version (a restore, task follow-up) do not change content.
		var rows []historyRow
		err = tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+historyColumns+` FROM history h
			WHERE h.meeting_uid = ? AND h.version = ? AND h.action <> ? AND h.snapshot <> ''
			ORDER BY h.id LIMIT 1`), uid, version, minutes.ActionDeleted)
		if err != nil {
			return fmt.Errorf("meeting %d version %d: %w", id, version, err)
		}
		if len(rows) == 0 {
			var latest sql.NullInt64
			_ = tx.GetContext(ctx, &latest, tx.Rebind(`SELECT MAX(version) FROM history WHERE meeting_uid = ? AND action <> ?`), uid, minutes.ActionDeleted)
			return minutes.Errorm(minutes.ENOTFOUND, "records.no_version", id, version, latest.Int64)
		}
		c, err := rows[0].change()
		if err != nil {
			return err
		}
		m = c.Snapshot
		m.ID = id
		// Conclusion IDs of an old version may name rows long replaced.
		for i := range m.Conclusions {
			m.Conclusions[i].ID = 0
		}
		return nil
	})
	return m, err
}

// changeRow is the history row of c, a change of meeting id (identity
// uid), in the order of historyInsertColumns.
func (s *Store) changeRow(id int64, uid string, c minutes.Change) ([]any, error) {
	snap := ""
	if c.Snapshot != nil {
		var err error
		if snap, err = encodeSnapshot(c.Snapshot); err != nil {
			return nil, err
		}
	}
	return []any{id, uid, c.Version, c.Action, s.ts(c.At), c.DBUser, c.OSUser, strings.Join(c.Fields, ","), c.Reason, snap, c.Hash}, nil
}

// Messages are the store's own messages: what the database itself refuses
// or cannot do. The rules of the domain speak through minutes.DomainMessages.
var Messages = minutes.JoinMessages(dsnMessages, storeMessages, faultMessages, checkMessages)

var storeMessages = minutes.Messages{
	"records.read_only": {
		"cơ sở dữ liệu từ chối ghi vào biên bản đã thông qua của cuộc họp %d (%v)",
		"the database refused to write to the finalized minutes of meeting %d (%v)"},
	"records.no_version": {
		"cuộc họp %d không có phiên bản %d (phiên bản mới nhất là %d; xem minutes history)",
		"meeting %d has no version %d (the latest is %d; see minutes history)"},
	"records.restore_race": {
		"cùng lúc có người khác khôi phục các cuộc họp này; chưa lưu gì — chạy lại lệnh để khôi phục phần còn thiếu",
		"someone else restored these meetings at the same time; nothing was stored — run the command again to restore what is missing"},
	"history.snapshot": {
		"không đọc được bản ghi của cuộc họp %d ở phiên bản %d trong lịch sử: có thể do một phiên bản minutes mới hơn ghi (hãy cập nhật minutes), hoặc dữ liệu đã hỏng",
		"cannot read the record of meeting %d at version %d in its history: a newer version of minutes may have written it (update minutes), or the data is damaged"},
	"db.open":    {"không mở được cơ sở dữ liệu %s: %v", "cannot open the database %s: %v"},
	"db.migrate": {"không cập nhật được cấu trúc cơ sở dữ liệu: %v", "cannot update the database schema: %v"},
	"task.changed": {
		"việc số %d vừa được người khác thay đổi; xem lại: minutes tasks",
		"task %d was just changed by someone else; look again: minutes tasks"},
}
