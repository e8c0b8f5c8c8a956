package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// A backup holds everything the database holds but the drafts of the web
// form (text not yet checked, typed against one version of one meeting,
// which a restore elsewhere could not offer again in the same place): the
// numbers given, the office settings, every meeting with its numbers,
// history and follow-up, the history of deleted drafts, and the numbers of
// reports. It is read a page of meetings at a time and restored a meeting
// at a time, so that 100,000 meetings take the memory of a page.

// backupPage is how many meetings one round of backup queries reads.
const backupPage = 200

// Backup returns every meeting with its identity and history, for a small
// database and for tests; BackupTo is the whole backup, in bounded memory.
func (s *Store) Backup(ctx context.Context) ([]*minutes.Archive, error) {
	var out []*minutes.Archive
	_, err := s.BackupTo(ctx, func(p *minutes.BackupPart) error {
		if p.Meeting != nil {
			out = append(out, p.Meeting)
		}
		return nil
	})
	return out, err
}

// BackupTo hands put the backup a part at a time: its Info, every meeting
// by date then ID with its identity, history (entries of restores left
// out: they belong to the database a backup was restored into, and leaving
// them out makes backup → restore → backup give the same bytes) and
// follow-up, then the history of each deleted draft, then the numbers of
// reports. It reads one consistent view of the database even while others
// write, and returns the number of meetings.
func (s *Store) BackupTo(ctx context.Context, put func(*minutes.BackupPart) error) (int, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.dialect == schema.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := s.db.BeginTxx(ctx, opts)
	if err != nil {
		return 0, s.fault(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	n, err := s.backupTo(ctx, tx, put)
	if err != nil {
		return 0, s.fault(err)
	}
	return n, s.fault(tx.Commit())
}

func (s *Store) backupTo(ctx context.Context, tx *sqlx.Tx, put func(*minutes.BackupPart) error) (int, error) {
	// The first read fixes SQLite's snapshot too: what follows sees the
	// database as it was now.
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM meetings ORDER BY date, id`); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	info, err := s.backupInfo(ctx, tx)
	if err != nil {
		return 0, err
	}
	if err := put(&minutes.BackupPart{Info: info}); err != nil {
		return 0, err
	}
	for len(ids) > 0 {
		page := ids[:min(backupPage, len(ids))]
		ids = ids[len(page):]
		as, err := s.backupPage(ctx, tx, page)
		if err != nil {
			return 0, err
		}
		for _, a := range as {
			if err := put(&minutes.BackupPart{Meeting: a}); err != nil {
				return 0, err
			}
		}
	}
	if err := s.backupDeleted(ctx, tx, put); err != nil {
		return 0, err
	}
	var rows []registrationRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(s.registrationSelect()+` WHERE kind = ? ORDER BY id`), minutes.DocReport); err != nil {
		return 0, fmt.Errorf("backup the register: %w", err)
	}
	if len(rows) > 0 {
		regs := make([]minutes.Registration, len(rows))
		for i := range rows {
			regs[i] = rows[i].registration()
			regs[i].ID = 0
		}
		if err := put(&minutes.BackupPart{Reports: regs}); err != nil {
			return 0, err
		}
	}
	var n int
	err = tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM meetings`)
	return n, err
}

func (s *Store) backupInfo(ctx context.Context, tx *sqlx.Tx) (*minutes.BackupInfo, error) {
	counters, err := s.lastIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Key       string `db:"key"`
		Value     string `db:"value"`
		UpdatedAt dbTime `db:"updated_at"`
		UpdatedBy string `db:"updated_by"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT key, value, updated_at, updated_by FROM settings ORDER BY key`); err != nil {
		return nil, fmt.Errorf("backup the settings: %w", err)
	}
	info := &minutes.BackupInfo{Format: minutes.BackupFormat, Counters: counters}
	for _, r := range rows {
		info.Settings = append(info.Settings, minutes.Setting{Key: r.Key, Value: r.Value, UpdatedAt: r.UpdatedAt.Time, UpdatedBy: r.UpdatedBy})
	}
	return info, nil
}

// backupPage reads the meetings ids, in that order, with their identity,
// follow-up and history.
func (s *Store) backupPage(ctx context.Context, tx *sqlx.Tx, ids []int64) ([]*minutes.Archive, error) {
	in, args := placeholders(len(ids)), make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var rows []meetingRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+s.meetingColumns()+` FROM meetings m WHERE m.id IN (`+in+`)`), args...); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	byID := make(map[int64]*minutes.Meeting, len(rows))
	for _, r := range rows {
		m, err := r.meeting()
		if err != nil {
			return nil, err
		}
		byID[r.ID] = m
	}
	if err := s.loadParts(ctx, tx, in, args, byID, false); err != nil {
		return nil, err
	}
	var uids []struct {
		ID  int64  `db:"id"`
		UID string `db:"uid"`
	}
	if err := tx.SelectContext(ctx, &uids, tx.Rebind(`SELECT id, uid FROM meetings WHERE id IN (`+in+`)`), args...); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	tasks, err := s.backupTasks(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	byUID := make(map[string]*minutes.Archive, len(ids))
	uidArgs := make([]any, 0, len(ids))
	for _, r := range uids {
		byUID[r.UID] = &minutes.Archive{UID: r.UID, Meeting: byID[r.ID], Tasks: tasks[r.ID]}
		uidArgs = append(uidArgs, r.UID)
	}
	err = s.eachChange(ctx, tx, `h.meeting_uid IN (`+placeholders(len(uidArgs))+`)`, uidArgs, func(r *historyRow, c minutes.Change) {
		if a := byUID[r.MeetingUID]; a != nil {
			a.History = append(a.History, c)
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]*minutes.Archive, 0, len(ids))
	uidOf := make(map[int64]string, len(uids))
	for _, r := range uids {
		uidOf[r.ID] = r.UID
	}
	for _, id := range ids {
		if a := byUID[uidOf[id]]; a != nil && a.Meeting != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// eachChange hands f every history entry matching cond (over history h),
// oldest first, but the entries of restores.
func (s *Store) eachChange(ctx context.Context, tx *sqlx.Tx, cond string, args []any, f func(*historyRow, minutes.Change)) error {
	rows, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT `+historyColumns+` FROM history h
		WHERE `+cond+` AND h.action <> ? ORDER BY h.id`), append(args, minutes.ActionRestored)...)
	if err != nil {
		return fmt.Errorf("backup history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r historyRow
		if err := rows.StructScan(&r); err != nil {
			return fmt.Errorf("backup history: %w", err)
		}
		c, err := r.change()
		if err != nil {
			return err
		}
		f(&r, c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("backup history: %w", err)
	}
	return nil
}

// backupDeleted hands put the history of every deleted meeting, a meeting
// at a time, by the number it had.
func (s *Store) backupDeleted(ctx context.Context, tx *sqlx.Tx, put func(*minutes.BackupPart) error) error {
	var gone []struct {
		UID string `db:"meeting_uid"`
		ID  int64  `db:"id"`
	}
	if err := tx.SelectContext(ctx, &gone, `SELECT h.meeting_uid, MAX(h.meeting_id) AS id FROM history h
		WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.uid = h.meeting_uid)
		GROUP BY h.meeting_uid ORDER BY MIN(h.id)`); err != nil {
		return fmt.Errorf("backup deleted meetings: %w", err)
	}
	for _, g := range gone {
		d := &minutes.DeletedArchive{UID: g.UID, ID: g.ID}
		err := s.eachChange(ctx, tx, `h.meeting_uid = ?`, []any{g.UID}, func(_ *historyRow, c minutes.Change) {
			d.History = append(d.History, c)
		})
		if err != nil {
			return err
		}
		if len(d.History) == 0 {
			continue // only restores: nothing of its own to keep
		}
		if err := put(&minutes.BackupPart{Deleted: d}); err != nil {
			return err
		}
	}
	return nil
}

// Restore stores archived meetings as they were (RestoreFrom).
func (s *Store) Restore(ctx context.Context, as []*minutes.Archive) (restored, skipped int, err error) {
	if err := minutes.CheckArchives(as); err != nil {
		return 0, 0, err
	}
	i := 0
	return s.RestoreFrom(ctx, func() (*minutes.BackupPart, error) {
		if i == len(as) {
			return nil, nil
		}
		i++
		return &minutes.BackupPart{Meeting: as[i-1]}, nil
	})
}

// RestoreFrom stores, in one transaction, the parts of a backup that next
// returns until it returns nil, as they were: each meeting with its status,
// version, timestamps, history (plus a "restored" entry) and follow-up;
// the history of deleted drafts; the settings the database does not have
// yet; the numbers of reports. A meeting or deleted draft whose identity is
// already stored is skipped (its missing history entries added), so that
// restoring twice changes nothing. Into an empty database the meetings and
// conclusions keep their numbers, and the numbers the backup says were
// given are given no more; elsewhere they take new ones. An error from
// next, or any problem, rolls everything back. next is read once: the
// transaction is not tried again once it has begun reading.
func (s *Store) RestoreFrom(ctx context.Context, next func() (*minutes.BackupPart, error)) (restored, skipped int, err error) {
	started := false
	for attempt := 0; ; attempt++ {
		restored, skipped = 0, 0
		err = s.tryTx(ctx, func(tx *sqlx.Tx) error {
			r := &restoring{s: s, tx: tx, top: map[string]int64{}}
			if err := r.begin(ctx); err != nil {
				return err
			}
			for {
				started = true
				p, err := next()
				if err != nil {
					return err
				}
				if p == nil {
					return r.end(ctx)
				}
				done, err := r.part(ctx, p)
				if err != nil {
					return err
				}
				if p.Meeting != nil {
					if done {
						restored++
					} else {
						skipped++
					}
				}
			}
		})
		// Only a transaction that read nothing yet may begin again: the
		// parts read are gone.
		if err == nil || started || ctx.Err() != nil || attempt >= 5 || !(isBusy(err) || isRetryable(err)) {
			break
		}
		time.Sleep(time.Duration(50*(attempt+1)) * time.Millisecond)
	}
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		// Someone restored the same meetings meanwhile (PostgreSQL; SQLite
		// serializes writers): nothing of ours was stored.
		return 0, 0, minutes.Errorm(minutes.ECONFLICT, "records.restore_race")
	}
	if err != nil {
		return 0, 0, s.fault(err)
	}
	s.refreshStatistics(ctx, restored)
	return restored, skipped, nil
}

// restoring is one restore's state.
type restoring struct {
	s  *Store
	tx *sqlx.Tx
	// keep: the database was empty, the backup's numbers are kept.
	keep bool
	// top holds the highest numbers kept or said given, by table.
	top map[string]int64
	// term is the start of the term the register counts from, read once
	// (term, termRead) and again after the backup's settings are restored.
	term     minutes.Date
	termRead bool
}

func (r *restoring) termStart(ctx context.Context) (minutes.Date, error) {
	if !r.termRead {
		t, err := r.s.termStart(ctx, r.tx)
		if err != nil {
			return t, err
		}
		r.term, r.termRead = t, true
	}
	return r.term, nil
}

func (r *restoring) begin(ctx context.Context) error {
	var n int
	err := r.tx.GetContext(ctx, &n, `SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM meetings LIMIT 1) a) + (SELECT COUNT(*) FROM (SELECT 1 FROM history LIMIT 1) b)`)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	r.keep = n == 0
	return nil
}

// end makes the numbers kept, and those the backup says were given, never
// given again.
func (r *restoring) end(ctx context.Context) error {
	if !r.keep {
		return nil
	}
	for _, t := range numbered {
		if err := r.s.keepIDs(ctx, r.tx, t, r.top[t]); err != nil {
			return err
		}
	}
	return nil
}

func (r *restoring) raise(table string, n int64) { r.top[table] = max(r.top[table], n) }

// part restores p and reports whether it was stored (not already there).
func (r *restoring) part(ctx context.Context, p *minutes.BackupPart) (bool, error) {
	s, tx := r.s, r.tx
	switch {
	case p.Info != nil:
		for t, n := range p.Info.Counters {
			r.raise(t, n)
		}
		r.termRead = false // term_start may be among them
		for _, st := range p.Info.Settings {
			// The settings of the database restored into stay as they are.
			if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
				ON CONFLICT (key) DO NOTHING`), st.Key, st.Value, s.ts(st.UpdatedAt), st.UpdatedBy); err != nil {
				return false, fmt.Errorf("restore settings: %w", err)
			}
		}
		return true, nil
	case p.Meeting != nil:
		a := p.Meeting
		var n int
		if err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM meetings WHERE uid = ?`), a.UID); err != nil {
			return false, fmt.Errorf("restore: %w", err)
		}
		if n > 0 {
			return false, nil
		}
		if err := s.restore(ctx, tx, a, r); err != nil {
			return false, readOnlyConflict(err, a.Meeting.ID)
		}
		return true, nil
	case p.Deleted != nil:
		return true, r.deleted(ctx, p.Deleted)
	case len(p.Reports) > 0:
		return true, r.reports(ctx, p.Reports)
	}
	return false, nil
}

// restore stores one archived meeting; its number and its conclusions'
// are kept when r.keep and the archive has them.
func (s *Store) restore(ctx context.Context, tx *sqlx.Tx, a *minutes.Archive, r *restoring) error {
	m := *a.Meeting
	m.Conclusions = append([]minutes.Conclusion(nil), a.Meeting.Conclusions...)
	m.Normalize()
	keep := r.keep && m.ID > 0
	keepConclusions := keep
	for _, c := range m.Conclusions {
		keepConclusions = keepConclusions && c.ID > 0
	}
	missing, err := s.missingHistory(ctx, tx, a.UID, a.History)
	if err != nil {
		return err
	}
	if m.Status == minutes.StatusFinalized && len(missing) < len(a.History) {
		// Finalized minutes with part of their history here already:
		// the seal to repeat is read back from the database.
		err = s.restoreFinalized(ctx, tx, &m, a, missing, keep, keepConclusions)
	} else {
		err = s.restoreTogether(ctx, tx, &m, a, missing, keep, keepConclusions)
	}
	if err != nil {
		return err
	}
	r.raise("meetings", m.ID)
	a.Meeting.ID = m.ID
	for _, c := range m.Conclusions {
		r.raise("conclusions", c.ID)
	}
	term, err := r.termStart(ctx)
	if err != nil {
		return err
	}
	if err := s.register(ctx, tx, &m, term, false); err != nil {
		return err
	}
	return s.restoreTasks(ctx, tx, &m, a.Tasks)
}

// restoreTogether writes m of archive a — the meeting row, the entries of
// its history the database lacks (missing), the entry of the restore, its
// parts — in one go: one statement on PostgreSQL when they are few
// (insertTables). Finalized minutes (whose history the database has none
// of) get the record write that lets their parts in, in the same go and
// closed after, and the restore's entry repeats the seal of the version
// restored: the first entry of that version that seals, as addHistory
// would read it back.
func (s *Store) restoreTogether(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, a *minutes.Archive, missing []minutes.Change, keep, keepConclusions bool) error {
	ts, err := s.meetingRows(ctx, tx, []*minutes.Meeting{m}, []string{a.UID}, keep)
	if err != nil {
		return err
	}
	finalized := m.Status == minutes.StatusFinalized
	history := make([][]any, 0, len(missing)+1)
	seal := ""
	for _, c := range missing {
		row, err := s.changeRow(m.ID, a.UID, c)
		if err != nil {
			return err
		}
		history = append(history, row)
		if finalized && seal == "" && c.Version == m.Version && minutes.Sealing(c.Action) {
			seal = c.Hash
		}
	}
	restored, err := s.historyValues(ctx, m, a.UID, minutes.ActionRestored, nil, "", s.Now())
	if err != nil {
		return err
	}
	restored[len(restored)-1] = seal
	ts = append(ts, tableRows{"history", historyInsertColumns, append(history, restored)})
	if finalized {
		ts = append(ts, tableRows{"record_writes", "meeting_id, version", [][]any{{m.ID, m.Version}}})
	}
	parts, err := s.partRows(ctx, tx, keepConclusions, []*minutes.Meeting{m})
	if err != nil {
		return err
	}
	if err := insertTables(ctx, tx, append(ts, parts...)); err != nil {
		return err
	}
	if finalized {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM record_writes WHERE meeting_id = ?`), m.ID); err != nil {
			return fmt.Errorf("close record write: %w", err)
		}
	}
	return nil
}

// restoreFinalized writes finalized minutes m of archive a whose history
// the database holds part of: the meeting, the entries it lacks (missing),
// then its parts in a record write, the entry of the restore repeating the
// seal of the version restored as the database has it (addHistory).
func (s *Store) restoreFinalized(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, a *minutes.Archive, missing []minutes.Change, keep, keepConclusions bool) error {
	if err := s.insertMeeting(ctx, tx, m, a.UID, keep); err != nil {
		return err
	}
	if err := s.writeHistory(ctx, tx, m.ID, a.UID, missing); err != nil {
		return err
	}
	return s.openRecordWrite(ctx, tx, m.ID, m.Version, func() error {
		if err := s.addHistory(ctx, tx, m, a.UID, minutes.ActionRestored, nil, ""); err != nil {
			return err
		}
		return s.insertAllParts(ctx, tx, keepConclusions, m)
	})
}

// mergeHistory writes the entries of cs that the history of uid lacks: a
// meeting deleted here and restored from an older backup already has part
// of its history.
func (s *Store) mergeHistory(ctx context.Context, tx *sqlx.Tx, id int64, uid string, cs []minutes.Change) error {
	missing, err := s.missingHistory(ctx, tx, uid, cs)
	if err != nil {
		return err
	}
	return s.writeHistory(ctx, tx, id, uid, missing)
}

// writeHistory writes the entries cs of meeting id (identity uid).
func (s *Store) writeHistory(ctx context.Context, tx *sqlx.Tx, id int64, uid string, missing []minutes.Change) error {
	var err error
	rows := make([][]any, len(missing))
	for i, c := range missing {
		if rows[i], err = s.changeRow(id, uid, c); err != nil {
			return err
		}
	}
	// One statement, the entries in order (their numbers keep it).
	if err := insertRows(ctx, tx, "history", historyInsertColumns, rows); err != nil {
		return fmt.Errorf("restore history: %w", err)
	}
	return nil
}

// missingHistory are the entries of cs that the history of uid lacks.
func (s *Store) missingHistory(ctx context.Context, tx *sqlx.Tx, uid string, cs []minutes.Change) ([]minutes.Change, error) {
	var have []historyRow
	if err := tx.SelectContext(ctx, &have, tx.Rebind(`SELECT `+historyColumns+` FROM history h WHERE h.meeting_uid = ?`), uid); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
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
	var missing []minutes.Change
	for _, c := range cs {
		if !seen[key{c.Version, c.Action, c.At.UTC().Truncate(time.Microsecond)}] {
			missing = append(missing, c)
		}
	}
	return missing, nil
}

// deleted restores the history of a deleted draft, under the number it
// had when the database was empty, under its number here when this
// database holds part of it, else under a new number.
func (r *restoring) deleted(ctx context.Context, d *minutes.DeletedArchive) error {
	s, tx := r.s, r.tx
	var id int64
	err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT meeting_id FROM history WHERE meeting_uid = ? ORDER BY id DESC LIMIT 1`), d.UID)
	switch {
	case err == nil:
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("restore: %w", err)
	case r.keep && d.ID > 0:
		id = d.ID
	default:
		if id, err = s.newMeetingNumber(ctx, tx); err != nil {
			return err
		}
	}
	var live int
	if err := tx.GetContext(ctx, &live, tx.Rebind(`SELECT COUNT(*) FROM meetings WHERE uid = ?`), d.UID); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if live > 0 {
		return nil // restored here since: its history is its own already
	}
	r.raise("meetings", id)
	return s.mergeHistory(ctx, tx, id, d.UID, d.History)
}

// newMeetingNumber gives a meeting number for a deleted draft's history.
func (s *Store) newMeetingNumber(ctx context.Context, tx *sqlx.Tx) (int64, error) {
	ids, err := s.reserveIDs(ctx, tx, "meetings", 1)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// reports restores the numbers of reports: one the register holds for the
// same report already is left; one another document holds is ECONFLICT.
func (r *restoring) reports(ctx context.Context, regs []minutes.Registration) error {
	s, tx := r.s, r.tx
	held, err := s.held(ctx, tx, regs)
	if err != nil {
		return err
	}
	var fresh []minutes.Registration
	for _, reg := range regs {
		h, ok := held[keyOf(&reg)]
		switch {
		case !ok:
			fresh = append(fresh, reg)
		case h.Kind == minutes.DocReport && h.Subject == reg.Subject && strings.EqualFold(h.Number, reg.Number):
		default:
			return minutes.NumberTaken(reg.Number, h)
		}
	}
	return s.insertRegistrations(ctx, tx, fresh)
}
