package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// Minutes as records: finalize, amend, history, backup and restore. The
// database guards finalized minutes itself (schema/*/002_records.sql); the
// methods here are the write paths that its triggers let through.

// Finalize approves a draft that is still at version (0 skips the check).
func (s *Store) Finalize(ctx context.Context, id int64, version int) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		m, err := s.findMeetingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Status == minutes.StatusFinalized {
			return minutes.Errorm(minutes.ECONFLICT, "records.already_finalized", id, m.Version, id)
		}
		if version != 0 && m.Version != version {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", id, version, m.Version)
		}
		uid, err := s.uid(ctx, tx, id)
		if err != nil {
			return err
		}
		old, now := m.Version, s.Now().UTC()
		m.Status, m.Version, m.UpdatedAt = minutes.StatusFinalized, old+1, now
		m.FinalizedAt, m.FinalizedBy = &now, s.who()
		if err := s.addHistory(ctx, tx, m, uid, minutes.ActionFinalized, []string{"status"}, ""); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE meetings
			SET status = ?, version = ?, updated_at = ?, finalized_at = ?, finalized_by = ?
			WHERE id = ? AND version = ? AND status = ?`),
			minutes.StatusFinalized, m.Version, s.ts(now), s.ts(now), m.FinalizedBy,
			id, old, minutes.StatusDraft)
		if err != nil {
			return fmt.Errorf("finalize meeting %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", id, old, old+1)
		}
		return nil
	})
}

// Amend saves m as the next version of finalized minutes, with the reason.
func (s *Store) Amend(ctx context.Context, m *minutes.Meeting, reason string) error {
	reason = minutes.Clean(reason)
	if reason == "" {
		return minutes.Errorm(minutes.EINVALID, "records.reason_required", m.ID)
	}
	if why := checkReason(reason); why != "" {
		return &minutes.Error{Code: minutes.EINVALID, Message: minutes.T("records.bad_reason", why)}
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
		if old.Status != minutes.StatusFinalized {
			return minutes.Errorm(minutes.ECONFLICT, "records.not_finalized", m.ID, m.ID)
		}
		if old.Version != m.Version {
			return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", m.ID, m.Version, old.Version)
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

// checkReason applies the rules of text fields to an amendment's reason.
func checkReason(s string) string {
	for _, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return minutes.T("text.control", r)
		}
	}
	if n := utf8.RuneCountInString(s); n > minutes.MaxTitle {
		return minutes.T("text.too_long", n, minutes.MaxTitle)
	}
	return ""
}

// who names the person behind a change, as finalized_by keeps it.
func (s *Store) who() string {
	switch {
	case s.dbUser == "":
		return s.osUser
	case s.osUser == "" || s.osUser == s.dbUser:
		return s.dbUser
	}
	return s.dbUser + " / " + s.osUser
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
}

const historyColumns = `h.meeting_id, h.meeting_uid, h.version, h.action, h.at, h.db_user, h.os_user, h.fields, h.reason, h.snapshot`

func (r *historyRow) change() (minutes.Change, error) {
	c := minutes.Change{
		MeetingID: r.MeetingID, Version: r.Version, Action: r.Action, At: r.At.Time,
		DBUser: r.DBUser, OSUser: r.OSUser, Reason: r.Reason,
	}
	if r.Fields != "" {
		c.Fields = strings.Split(r.Fields, ",")
	}
	if r.Snapshot != "" {
		var m minutes.Meeting
		if err := json.Unmarshal([]byte(r.Snapshot), &m); err != nil {
			return c, fmt.Errorf("history of meeting %d, version %d: snapshot: %w", r.MeetingID, r.Version, err)
		}
		c.Snapshot = &m
	}
	return c, nil
}

// historyUID finds the identity whose history id names: the meeting's, or
// for a deleted meeting the one its last history row carries. History is
// kept by UID because SQLite may give a deleted meeting's ID to the next.
func (s *Store) historyUID(ctx context.Context, tx *sqlx.Tx, id int64) (string, error) {
	var uid string
	err := tx.GetContext(ctx, &uid, tx.Rebind(`SELECT uid FROM meetings WHERE id = ?`), id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.GetContext(ctx, &uid, tx.Rebind(`SELECT meeting_uid FROM history WHERE meeting_id = ? ORDER BY id DESC LIMIT 1`), id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", minutes.Errorm(minutes.ENOTFOUND, "meeting.not_found", id)
	}
	return uid, err
}

// History lists the changes of meeting id, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]minutes.Change, error) {
	var out []minutes.Change
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
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
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
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

// Backup returns every meeting with its identity and history. Entries of
// restores are left out: they belong to the database a backup was restored
// into, and leaving them out makes backup → restore → backup give the same
// bytes.
func (s *Store) Backup(ctx context.Context) ([]*minutes.Archive, error) {
	var out []*minutes.Archive
	// One consistent view of the whole database, even while others write.
	var opts *sql.TxOptions
	if s.dialect == schema.Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := s.db.BeginTxx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	ms, err := s.findMeetings(ctx, tx, minutes.Filter{})
	if err != nil {
		return nil, err
	}
	var ids []struct {
		ID  int64  `db:"id"`
		UID string `db:"uid"`
	}
	if err := tx.SelectContext(ctx, &ids, `SELECT id, uid FROM meetings`); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	uidOf := make(map[int64]string, len(ids))
	for _, r := range ids {
		uidOf[r.ID] = r.UID
	}
	tasks, err := s.backupTasks(ctx, tx)
	if err != nil {
		return nil, err
	}
	byUID := make(map[string]*minutes.Archive, len(ms))
	for _, m := range ms {
		a := &minutes.Archive{UID: uidOf[m.ID], Meeting: m, Tasks: tasks[m.ID]}
		byUID[a.UID] = a
		out = append(out, a)
	}
	rows, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT `+historyColumns+` FROM history h
		WHERE h.action <> ? AND h.meeting_uid IN (SELECT uid FROM meetings) ORDER BY h.id`), minutes.ActionRestored)
	if err != nil {
		return nil, fmt.Errorf("backup history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r historyRow
		if err := rows.StructScan(&r); err != nil {
			return nil, fmt.Errorf("backup history: %w", err)
		}
		a := byUID[r.MeetingUID]
		if a == nil {
			continue // a meeting created after the meetings were read
		}
		c, err := r.change()
		if err != nil {
			return nil, err
		}
		a.History = append(a.History, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("backup history: %w", err)
	}
	return out, tx.Commit()
}

// Restore stores archived meetings as they were.
func (s *Store) Restore(ctx context.Context, as []*minutes.Archive) (restored, skipped int, err error) {
	if err := checkArchives(as); err != nil {
		return 0, 0, err
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		restored, skipped = 0, 0
		for _, a := range as {
			var n int
			if err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM meetings WHERE uid = ?`), a.UID); err != nil {
				return fmt.Errorf("restore: %w", err)
			}
			if n > 0 {
				skipped++
				continue
			}
			if err := s.restore(ctx, tx, a); err != nil {
				return readOnlyConflict(err, a.Meeting.ID)
			}
			restored++
		}
		return nil
	})
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		// Someone restored the same meetings meanwhile (PostgreSQL; SQLite
		// serializes writers): nothing of ours was stored.
		return 0, 0, minutes.Errorm(minutes.ECONFLICT, "records.restore_race")
	}
	if err != nil {
		return 0, 0, err
	}
	return restored, skipped, nil
}

func (s *Store) restore(ctx context.Context, tx *sqlx.Tx, a *minutes.Archive) error {
	m := *a.Meeting
	m.Normalize()
	if err := s.insertMeeting(ctx, tx, &m, a.UID); err != nil {
		return err
	}
	a.Meeting.ID = m.ID
	// A meeting deleted here and restored from an older backup already has
	// part of its history: keep that, add only what is missing.
	var have []historyRow
	if err := tx.SelectContext(ctx, &have, tx.Rebind(`SELECT `+historyColumns+` FROM history h WHERE h.meeting_uid = ?`), a.UID); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	type key struct {
		version int
		action  string
		at      time.Time
	}
	seen := make(map[key]bool, len(have))
	for _, h := range have {
		seen[key{h.Version, h.Action, h.At.Truncate(time.Microsecond)}] = true
	}
	for _, c := range a.History {
		if seen[key{c.Version, c.Action, c.At.UTC().Truncate(time.Microsecond)}] {
			continue
		}
		if err := s.insertChange(ctx, tx, m.ID, a.UID, c); err != nil {
			return err
		}
	}
	err := s.openRecordWrite(ctx, tx, m.ID, m.Version, func() error {
		if err := s.addHistory(ctx, tx, &m, a.UID, minutes.ActionRestored, nil, ""); err != nil {
			return err
		}
		return s.insertParts(ctx, tx, &m)
	})
	if err != nil {
		return err
	}
	return s.restoreTasks(ctx, tx, &m, a.Tasks)
}

// insertChange writes a history entry as it was, under the meeting's new ID.
func (s *Store) insertChange(ctx context.Context, tx *sqlx.Tx, id int64, uid string, c minutes.Change) error {
	snap := ""
	if c.Snapshot != nil {
		m := *c.Snapshot
		m.ID = id
		b, err := json.Marshal(&m)
		if err != nil {
			return err
		}
		snap = string(b)
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO history
		(meeting_id, meeting_uid, version, action, at, db_user, os_user, fields, reason, snapshot)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		id, uid, c.Version, c.Action, s.ts(c.At), c.DBUser, c.OSUser, strings.Join(c.Fields, ","), c.Reason, snap)
	if err != nil {
		return fmt.Errorf("restore history: %w", err)
	}
	return nil
}

// checkArchives checks what the record format's validation does not: the
// record keeping of each archive.
func checkArchives(as []*minutes.Archive) error {
	var ps []minutes.Problem
	uids := make(map[string]bool, len(as))
	for i, a := range as {
		add := func(field, key string, args ...any) {
			ps = append(ps, minutes.Problem{Doc: i + 1, Field: field, Reason: minutes.T(key, args...)})
		}
		if a.Meeting == nil {
			add("", "field.required")
			continue
		}
		m := a.Meeting
		switch {
		case a.UID == "":
			add("record.uid", "field.required")
		case uids[a.UID]:
			add("record.uid", "records.uid_twice", a.UID)
		}
		uids[a.UID] = true
		if m.Status != minutes.StatusDraft && m.Status != minutes.StatusFinalized {
			add("record.status", "records.bad_status", m.Status)
		}
		if m.Version < 1 {
			add("record.version", "records.bad_version", m.Version)
		}
		if m.CreatedAt.IsZero() {
			add("record.created_at", "field.required")
		}
		if m.UpdatedAt.IsZero() {
			add("record.updated_at", "field.required")
		}
		if m.Status == minutes.StatusFinalized && m.FinalizedAt == nil {
			add("record.finalized_at", "field.required")
		}
		if err := m.Validate(); err != nil {
			var e *minutes.Error
			if errors.As(err, &e) {
				for _, p := range e.Problems {
					p.Doc = i + 1
					ps = append(ps, p)
				}
			}
		}
		ps = append(ps, checkArchiveTasks(i+1, a)...)
		for j, c := range a.History {
			if c.Version < 1 || c.Version > m.Version {
				add(fmt.Sprintf("record.history[%d].version", j+1), "records.history_version", c.Version, m.Version)
			}
			if c.Action == "" {
				add(fmt.Sprintf("record.history[%d].action", j+1), "field.required")
			}
			if c.At.IsZero() {
				add(fmt.Sprintf("record.history[%d].at", j+1), "field.required")
			}
		}
	}
	return minutes.Invalid(ps)
}

// checkArchiveTasks checks the follow-up of an archive's conclusions: each
// names a conclusion of the meeting once, with a status the database
// accepts. The record format's decoder checks status and day with line
// numbers; the conclusion's position can be checked only here, against the
// whole record.
func checkArchiveTasks(doc int, a *minutes.Archive) []minutes.Problem {
	var ps []minutes.Problem
	seen := make(map[int]bool, len(a.Tasks))
	for j, t := range a.Tasks {
		add := func(field, key string, args ...any) {
			ps = append(ps, minutes.Problem{Doc: doc, Field: fmt.Sprintf("record.tasks[%d].%s", j+1, field), Reason: minutes.T(key, args...)})
		}
		switch {
		case t.Pos < 1 || t.Pos > len(a.Meeting.Conclusions):
			add("conclusion", "records.task_conclusion", t.Pos, len(a.Meeting.Conclusions))
		case seen[t.Pos]:
			add("conclusion", "records.task_twice", t.Pos)
		}
		seen[t.Pos] = true
		switch t.Status {
		case minutes.TaskOpen, minutes.TaskDone, minutes.TaskDropped:
		default:
			add("status", "task.bad_status", t.Status)
		}
		if t.Status == minutes.TaskDone && t.DoneOn.IsZero() {
			add("done_on", "field.required")
		}
		for k, n := range t.Notes {
			if n.At.IsZero() {
				add(fmt.Sprintf("notes[%d].at", k+1), "field.required")
			}
		}
	}
	return ps
}

func init() {
	minutes.Register(map[string][2]string{
		"records.task_conclusion": {
			"không có kết luận số %d (biên bản có %d kết luận)",
			"there is no conclusion %d (the minutes have %d)"},
		"records.task_twice": {
			"kết luận số %d được ghi hai lần trong phần theo dõi thực hiện",
			"conclusion %d appears twice in the follow-up"},
		"records.already_finalized": {
			"biên bản cuộc họp %d đã được thông qua (phiên bản %d); muốn sửa, dùng: minutes amend %d --reason \"lý do\"",
			"the minutes of meeting %d are already finalized (version %d); to change them use: minutes amend %d --reason \"why\""},
		"records.not_finalized": {
			"cuộc họp %d còn là bản nháp, chưa được thông qua: sửa trực tiếp bằng minutes edit %d",
			"meeting %d is still a draft, not finalized: edit it with minutes edit %d"},
		"records.reason_required": {
			"sửa đổi biên bản đã thông qua (cuộc họp %d) phải ghi lý do: --reason \"lý do\"",
			"amending finalized minutes (meeting %d) needs a reason: --reason \"why\""},
		"records.bad_reason": {"lý do: %s", "reason: %s"},
		"records.read_only": {
			"cơ sở dữ liệu từ chối ghi vào biên bản đã thông qua của cuộc họp %d (%v)",
			"the database refused to write to the finalized minutes of meeting %d (%v)"},
		"records.no_version": {
			"cuộc họp %d không có phiên bản %d (phiên bản mới nhất là %d; xem minutes history)",
			"meeting %d has no version %d (the latest is %d; see minutes history)"},
		"records.restore_race": {
			"cùng lúc có người khác khôi phục các cuộc họp này; chưa lưu gì — chạy lại lệnh để khôi phục phần còn thiếu",
			"someone else restored these meetings at the same time; nothing was stored — run the command again to restore what is missing"},
		"records.uid_twice": {
			"mã định danh %s xuất hiện hai lần trong bản sao lưu",
			"the identity %s appears twice in the backup"},
		"records.bad_status": {
			"trạng thái phải là draft hoặc finalized, không phải %q",
			"status must be draft or finalized, not %q"},
		"records.bad_version": {
			"phiên bản phải từ 1 trở lên, không phải %d",
			"version must be 1 or more, not %d"},
		"records.history_version": {
			"phiên bản %d nằm ngoài khoảng 1–%d của cuộc họp",
			"version %d is outside the meeting's versions 1–%d"},
	})
}
