package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/schema"
)

// CreateMeetings stores every meeting of ms in one transaction.
func (s *Store) CreateMeetings(ctx context.Context, ms []*minutes.Meeting) error {
	return s.CreateMeetingsProgress(ctx, ms, nil)
}

// CreateMeetingsProgress is CreateMeetings calling progress (when not nil)
// with the number of meetings written so far, for a progress bar.
func (s *Store) CreateMeetingsProgress(ctx context.Context, ms []*minutes.Meeting, progress func(done int)) error {
	i := 0
	_, err := s.CreateMeetingsFrom(ctx, func() (*minutes.Meeting, error) {
		if i == len(ms) {
			return nil, nil
		}
		i++
		return ms[i-1], nil
	}, progress)
	return err
}

// CreateMeetingsFrom stores, in one transaction, the meetings that next
// returns until it returns nil, and reports how many. Meetings are written
// in batches while next is still producing them, so that `minutes import`
// decodes a large file and writes it at once. An error from next, an
// invalid meeting or a cancelled ctx rolls everything back: nothing is
// half-stored, and the error is returned as it is.
//
// Their numbers are registered as they are stored. A meeting whose number
// another document holds is ECONFLICT naming it — unless it repeats that
// meeting word for word: then it is not stored again, but marked Existing
// with the ID of the one stored, and not counted.
func (s *Store) CreateMeetingsFrom(ctx context.Context, next func() (*minutes.Meeting, error), progress func(done int)) (int, error) {
	// A transaction that has to be retried replays what next gave before:
	// next cannot give it again. The replay is kept for the first
	// replayLimit meetings only, so that an import of any size holds one
	// batch, not every meeting; a retry needed after that (another writer
	// took a number meanwhile) fails and stores nothing.
	var replay []*minutes.Meeting
	replayable, done, started := true, false, false
	existing, written := 0, 0
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if started && !replayable {
			return minutes.Errorm(minutes.EFAILED, "db.retry_too_big", replayLimit)
		}
		started = true
		now := s.Now().UTC()
		pos := 0
		existing, written = 0, 0
		var back *minutes.Meeting // a meeting put back for the next batch
		pull := func() (*minutes.Meeting, error) {
			if back != nil {
				m := back
				back = nil
				return m, nil
			}
			if pos < len(replay) {
				pos++
				m := replay[pos-1]
				m.Existing = false
				return m, nil
			}
			if done {
				return nil, nil
			}
			m, err := next()
			if err != nil || m == nil {
				done = err == nil
				return nil, err
			}
			m.Normalize()
			if err := m.Validate(); err != nil {
				return nil, err
			}
			if replayable && len(replay) < replayLimit {
				replay = append(replay, m)
				pos++
			} else if replayable {
				replayable, replay, pos = false, nil, 0
			}
			return m, nil
		}
		term, err := s.termStart(ctx, tx)
		if err != nil {
			return err
		}
		// Meetings go in batches, each table in one multi-row statement per
		// batch: on PostgreSQL every statement is a round trip (two, with
		// lib/pq's unnamed statements), and a meeting has about fifteen parts.
		// The first batches are smaller, doubling up to the full size, so
		// that the database starts on the first meetings decoded instead of
		// waiting for a thousand of them, and each write overlaps the
		// decoding of the next batch.
		most := s.batchSize()
		batch := make([]*minutes.Meeting, 0, most)
		for size := min(firstBatch, most); ; size = min(2*size, most) {
			batch = batch[:0]
			keys := map[regKey]bool{}
			for len(batch) < size {
				m, err := pull()
				if err != nil {
					return err
				}
				if m == nil {
					break
				}
				// A number twice in one batch: the second waits for the
				// next batch, which sees the first as stored.
				regs := meetingRegistrations(m, term)
				clash := false
				for _, r := range regs {
					clash = clash || keys[keyOf(&r)]
				}
				if clash {
					back = m
					break
				}
				for _, r := range regs {
					keys[keyOf(&r)] = true
				}
				batch = append(batch, m)
			}
			if len(batch) == 0 {
				return nil
			}
			fresh, err := s.withoutRepeats(ctx, tx, batch, term)
			if err != nil {
				return err
			}
			existing += len(batch) - len(fresh)
			if len(fresh) > 0 {
				if err := s.createBatch(ctx, tx, fresh, now, term); err != nil {
					return err
				}
			}
			written += len(batch)
			if progress != nil {
				progress(written - existing)
			}
		}
	})
	if err != nil {
		return 0, err
	}
	s.refreshStatistics(ctx, written)
	return written - existing, nil
}

// replayLimit is how many meetings of an import are kept to replay its
// transaction when it must be retried: more than any office imports at
// once, few enough to hold (about 35 MB).
const replayLimit = 10000

// createBatch writes new meetings and their parts, history and numbers.
func (s *Store) createBatch(ctx context.Context, tx *sqlx.Tx, batch []*minutes.Meeting, now time.Time, term minutes.Date) error {
	uids := make([]string, len(batch))
	for i, m := range batch {
		m.Status, m.Version, m.CreatedAt, m.UpdatedAt = minutes.StatusDraft, 1, now, now
		m.FinalizedAt, m.FinalizedBy = nil, ""
		uids[i] = newUID()
	}
	if err := s.insertMeetings(ctx, tx, batch, uids, false); err != nil {
		return err
	}
	if err := s.insertParts(ctx, tx, batch...); err != nil {
		return err
	}
	if err := s.addHistories(ctx, tx, batch, uids, minutes.ActionCreated); err != nil {
		return err
	}
	var regs []minutes.Registration
	for _, m := range batch {
		regs = append(regs, meetingRegistrations(m, term)...)
	}
	return s.insertRegistrations(ctx, tx, regs)
}

// withoutRepeats returns the meetings of batch whose numbers are free.
// One that repeats word for word the meeting holding its number is marked
// Existing with that meeting's ID and left out; any other holder is
// ECONFLICT naming it.
func (s *Store) withoutRepeats(ctx context.Context, tx *sqlx.Tx, batch []*minutes.Meeting, term minutes.Date) ([]*minutes.Meeting, error) {
	var regs []minutes.Registration
	for _, m := range batch {
		regs = append(regs, meetingRegistrations(m, term)...)
	}
	if len(regs) == 0 {
		return batch, nil
	}
	held, err := s.held(ctx, tx, regs)
	if err != nil || len(held) == 0 {
		return batch, err
	}
	fresh := make([]*minutes.Meeting, 0, len(batch))
	for _, m := range batch {
		var holder *minutes.Registration
		var number string
		for _, r := range meetingRegistrations(m, term) {
			if h, ok := held[keyOf(&r)]; ok {
				holder, number = &h, r.Number
				break
			}
		}
		if holder == nil {
			fresh = append(fresh, m)
			continue
		}
		if holder.MeetingID != 0 {
			stored, err := s.findMeetingByID(ctx, tx, holder.MeetingID)
			if err != nil {
				return nil, err
			}
			if len(minutes.ChangedFields(stored, m)) == 0 {
				m.ID, m.Existing = stored.ID, true
				m.Status, m.Version = stored.Status, stored.Version
				continue
			}
		}
		return nil, minutes.NumberTaken(number, *holder)
	}
	return fresh, nil
}

// bulkWrite is how many meetings written at once make the planner's
// statistics stale.
const bulkWrite = 1000

// refreshStatistics has PostgreSQL count the tables again after a bulk
// import of n meetings. Autovacuum would, but only a minute or more later:
// meanwhile the planner thinks the tables as empty as before, and with
// 100,000 new meetings a page of the list took a quarter of a second
// instead of two milliseconds. It is a hint, not a write: a failure is
// left to autovacuum.
func (s *Store) refreshStatistics(ctx context.Context, n int) {
	if s.dialect != schema.Postgres || n < bulkWrite {
		return
	}
	_, _ = s.db.ExecContext(ctx, `ANALYZE meetings, search_index, chairs, absentees, agenda_items, comments, conclusions, recipients, history`)
}

// createBatch is how many meetings one set of multi-row statements writes.
// On PostgreSQL each statement costs the same whatever its rows (a round
// trip, a COPY begun, a statement trigger over its rows): 1,000 took a
// 10,000-meeting import from 4.35 to 3.77 s against 250. SQLite's
// statements run in process, where 1,000 gained nothing and held 15 MB more.
const (
	createBatch       = 1000
	createBatchSQLite = 250
	firstBatch        = 50
)

// batchSize is createBatch for the store's database.
func (s *Store) batchSize() int {
	if s.dialect == schema.SQLite {
		return createBatchSQLite
	}
	return createBatch
}

// FindMeetingByID returns one meeting with all its parts.
func (s *Store) FindMeetingByID(ctx context.Context, id int64) (*minutes.Meeting, error) {
	var m *minutes.Meeting
	err := s.readTx(ctx, func(tx *sqlx.Tx) (err error) {
		m, err = s.findMeetingByID(ctx, tx, id)
		return err
	})
	return m, err
}

// FindMeetings returns the meetings that match f, ordered by date then ID
// (descending when f.Newest).
func (s *Store) FindMeetings(ctx context.Context, f minutes.Filter) ([]*minutes.Meeting, error) {
	var ms []*minutes.Meeting
	err := s.readTx(ctx, func(tx *sqlx.Tx) (err error) {
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
		if err := old.CheckEdit(m.Version); err != nil {
			return err
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
	// Numbers first: a number another document holds refuses the change
	// before anything of m is touched.
	if err := s.registerMeeting(ctx, tx, m); err != nil {
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
		org_key = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ? AND status = ?`),
		append(s.contentArgs(m), m.Version, s.ts(m.UpdatedAt), m.ID, old.Version, status)...)
	if err != nil {
		return fmt.Errorf("update meeting %d: %w", m.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return minutes.Errorm(minutes.ECONFLICT, "meeting.stale", m.ID, old.Version, old.Version+1)
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE search_index SET text = ? WHERE `+s.searchKey()+` = ?`), m.SearchText(), m.ID); err != nil {
		return fmt.Errorf("update search text of meeting %d: %w", m.ID, err)
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
		if err := m.CheckDelete(version); err != nil {
			return err
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
var partTables = []string{"chairs", "absentees", "agenda_items", "comments", "recipients", "notices", "notice_recipients"}

// inTx runs f in a transaction, retrying it on a PostgreSQL serialization
// failure or deadlock while the context lives.
func (s *Store) inTx(ctx context.Context, f func(tx *sqlx.Tx) error) error {
	deadline := time.Now().Add(busyPatience)
	for attempt := 0; ; attempt++ {
		err := s.tryTx(ctx, f)
		switch {
		case err == nil || ctx.Err() != nil:
			return err
		case numberRace(err) && attempt < 50:
			// Another secretary took the same number at the same moment:
			// counting again gives the next; a short, uneven pause keeps
			// several from meeting again.
			time.Sleep(time.Duration(1+rand.IntN(5*(min(attempt, 10)+1))) * time.Millisecond)
		case isRetryable(err) && attempt < 5:
			time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
		case s.dialect == schema.SQLite && isBusy(err) && time.Now().Before(deadline):
			// Another process holds the write lock past the busy timeout
			// (a long import): wait and try the whole transaction again,
			// as a database user expects.
			time.Sleep(time.Duration(50+rand.IntN(200)) * time.Millisecond)
		default:
			return s.fault(err)
		}
	}
}

// readTx runs f in a read-only transaction. On SQLite it begins deferred,
// not immediate as writes do, so that readers never wait for one another:
// with the write lock, fifty people listing meetings at once would queue
// behind each other.
func (s *Store) readTx(ctx context.Context, f func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.fault(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return s.fault(err)
	}
	return s.fault(tx.Commit())
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
		m.Summary, m.CommentCount, minutes.Fold(m.Organization),
	}
}

const contentColumns = `organization, parent_organization, header, number, title, date,
	start_time, end_time, place, location, secretary_name, secretary_title,
	present, at_least, invited, composition, summary, comment_count, org_key`

// insertMeeting writes the meeting row of m under a new number, or under
// m.ID when keepID (a backup restored with its numbers).
func (s *Store) insertMeeting(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, uid string, keepID bool) error {
	return s.insertMeetings(ctx, tx, []*minutes.Meeting{m}, []string{uid}, keepID)
}

// insertMeetings writes the meeting rows of ms, whose uids are given, and
// sets each one's ID: a number never given before, or, when keepIDs, the
// one each meeting carries.
func (s *Store) insertMeetings(ctx context.Context, tx *sqlx.Tx, ms []*minutes.Meeting, uids []string, keepIDs bool) error {
	ts, err := s.meetingRows(ctx, tx, ms, uids, keepIDs)
	if err != nil {
		return err
	}
	return insertTables(ctx, tx, ts)
}

// meetingRows are the meeting and search rows of ms, whose IDs it sets as
// insertMeetings does.
func (s *Store) meetingRows(ctx context.Context, tx *sqlx.Tx, ms []*minutes.Meeting, uids []string, keepIDs bool) ([]tableRows, error) {
	if !keepIDs {
		ids, err := s.reserveIDs(ctx, tx, "meetings", len(ms))
		if err != nil {
			return nil, err
		}
		for i, m := range ms {
			m.ID = ids[i]
		}
	}
	rows := make([][]any, len(ms))
	search := make([][]any, len(ms))
	for i, m := range ms {
		var fin any
		if m.FinalizedAt != nil {
			fin = s.ts(*m.FinalizedAt)
		}
		rows[i] = append(s.contentArgs(m), uids[i], m.Status, m.Version, s.ts(m.CreatedAt), s.ts(m.UpdatedAt), m.FinalizedBy, fin, m.ID)
		search[i] = []any{m.ID, m.SearchText()}
	}
	return []tableRows{
		{"meetings", contentColumns + `, uid, status, version, created_at, updated_at, finalized_by, finalized_at, id`, rows},
		{"search_index", s.searchKey() + ", text", search},
	}, nil
}

// insertParts writes the ordered child rows of ms, the conclusions under
// new numbers.
func (s *Store) insertParts(ctx context.Context, tx *sqlx.Tx, ms ...*minutes.Meeting) error {
	return s.insertAllParts(ctx, tx, false, ms...)
}

// insertAllParts writes every child row of ms: the notices, the lists and
// the conclusions, these under new numbers or, when keepConclusions, under
// the ones they carry (a restore with numbers).
func (s *Store) insertAllParts(ctx context.Context, tx *sqlx.Tx, keepConclusions bool, ms ...*minutes.Meeting) error {
	ts, err := s.partRows(ctx, tx, keepConclusions, ms)
	if err != nil {
		return err
	}
	return insertTables(ctx, tx, ts)
}

// partRows are the rows insertAllParts writes, table by table, a table
// before those that refer to it.
func (s *Store) partRows(ctx context.Context, tx *sqlx.Tx, keepConclusions bool, ms []*minutes.Meeting) ([]tableRows, error) {
	c, err := s.conclusionRows(ctx, tx, keepConclusions, ms)
	if err != nil {
		return nil, err
	}
	return append(append(noticeTables(ms), plainPartRows(ms)...), c), nil
}

// insertPlainParts writes the child rows other than the conclusions.
func (s *Store) insertPlainParts(ctx context.Context, tx *sqlx.Tx, ms ...*minutes.Meeting) error {
	return insertTables(ctx, tx, append(noticeTables(ms), plainPartRows(ms)...))
}

// tableRows are rows to insert into one table.
type tableRows struct {
	table, columns string
	rows           [][]any
}

// plainPartRows are the rows of the lists of ms, table by table.
func plainPartRows(ms []*minutes.Meeting) []tableRows {
	var chairs, absentees, agenda, comments, recipients [][]any
	for _, m := range ms {
		for i, c := range m.Chairs {
			chairs = append(chairs, []any{m.ID, i + 1, c.Name, c.Title})
		}
		for i, a := range m.Attendance.Absent {
			absentees = append(absentees, []any{m.ID, i + 1, a.Name, a.Reason})
		}
		for i, a := range m.Agenda {
			agenda = append(agenda, []any{m.ID, i + 1, a.Title, a.Presenter})
		}
		for i, c := range m.Comments {
			comments = append(comments, []any{m.ID, i + 1, c.Speaker, c.Title, c.Content})
		}
		for i, r := range m.Recipients {
			recipients = append(recipients, []any{m.ID, i + 1, r})
		}
	}
	return []tableRows{
		{"chairs", "meeting_id, pos, name, title", chairs},
		{"absentees", "meeting_id, pos, name, reason", absentees},
		{"agenda_items", "meeting_id, pos, title, presenter", agenda},
		{"comments", "meeting_id, pos, speaker, title, content", comments},
		{"recipients", "meeting_id, pos, name", recipients},
	}
}

// conclusionRows are the rows of the conclusions of ms, whose IDs it sets:
// new numbers, or the ones they carry when keepIDs.
func (s *Store) conclusionRows(ctx context.Context, tx *sqlx.Tx, keepIDs bool, ms []*minutes.Meeting) (tableRows, error) {
	n := 0
	for _, m := range ms {
		n += len(m.Conclusions)
	}
	var ids []int64
	if !keepIDs {
		var err error
		if ids, err = s.reserveIDs(ctx, tx, "conclusions", n); err != nil {
			return tableRows{}, err
		}
	}
	rows := make([][]any, 0, n)
	for _, m := range ms {
		for i := range m.Conclusions {
			c := &m.Conclusions[i]
			if !keepIDs {
				c.ID, ids = ids[0], ids[1:]
			}
			rows = append(rows, []any{m.ID, i + 1, c.Content, c.Owner, nullDate(c.Due), c.ID})
		}
	}
	return tableRows{"conclusions", "meeting_id, pos, content, owner, due, id", rows}, nil
}

// insertTables writes the rows of every table of ts. On PostgreSQL, when
// they are few (one meeting's parts), they go in one statement, each table
// a data-modifying WITH clause: one round trip instead of one a table —
// a restore, which writes one meeting at a time, and an add. Each table's
// triggers fire as for its own INSERT.
func insertTables(ctx context.Context, tx *sqlx.Tx, ts []tableRows) error {
	if tx.DriverName() == "postgres" {
		var some []tableRows
		rows, params := 0, 0
		for _, t := range ts {
			if len(t.rows) > 0 {
				some = append(some, t)
				rows += len(t.rows)
				params += len(t.rows) * len(t.rows[0])
			}
		}
		if len(some) > 1 && rows < copyRows && params <= maxParams {
			return insertWith(ctx, tx, some)
		}
	}
	for _, t := range ts {
		if err := insertRows(ctx, tx, t.table, t.columns, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// insertWith writes the rows of ts, none empty, in one statement.
func insertWith(ctx context.Context, tx *sqlx.Tx, ts []tableRows) error {
	var b strings.Builder
	var args []any
	names := make([]string, len(ts))
	values := func(t tableRows) {
		b.WriteString("INSERT INTO " + t.table + " (" + t.columns + ") VALUES ")
		ph := "(" + placeholders(len(t.rows[0])) + ")"
		for i, r := range t.rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(ph)
			args = append(args, r...)
		}
	}
	for i, t := range ts {
		names[i] = t.table
		if i == len(ts)-1 {
			break
		}
		if i == 0 {
			b.WriteString("WITH ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString("w" + strconv.Itoa(i) + " AS (")
		values(t)
		b.WriteString(") ")
	}
	values(ts[len(ts)-1])
	if _, err := tx.ExecContext(ctx, tx.Rebind(b.String()), args...); err != nil {
		return fmt.Errorf("insert %s: %w", strings.Join(names, ", "), err)
	}
	return nil
}

// maxParams bounds the values bound to one statement: SQLite allows 32,766
// and PostgreSQL 65,535.
const maxParams = 30000

// insertRows writes rows into table with as few statements as the limit on
// bound values allows.
func insertRows(ctx context.Context, tx *sqlx.Tx, table, columns string, rows [][]any) error {
	if len(rows) >= copyRows && tx.DriverName() == "postgres" {
		return copyIn(ctx, tx, table, columns, rows)
	}
	return insertReturning(ctx, tx, table, columns, rows, "", nil)
}

// copyRows is how many rows make COPY worth its round trips on PostgreSQL:
// below it one multi-row INSERT is as fast.
const copyRows = 200

// copyIn writes rows into table with PostgreSQL's COPY, which streams them
// without binding each value as a parameter. Row triggers fire as for
// INSERT, so the guards on finalized minutes hold.
func copyIn(ctx context.Context, tx *sqlx.Tx, table, columns string, rows [][]any) error {
	cols := strings.Split(columns, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return fmt.Errorf("copy %s: %w", table, err)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

// insertReturning is insertRows that, when returning names columns, hands
// each returned row to scan.
func insertReturning(ctx context.Context, tx *sqlx.Tx, table, columns string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
	for len(rows) > 0 {
		n := min(len(rows), maxParams/len(rows[0]))
		if err := insertChunk(ctx, tx, table, columns, rows[:n], returning, scan); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func insertChunk(ctx context.Context, tx *sqlx.Tx, table, columns string, rows [][]any, returning string, scan func(*sql.Rows) error) error {
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
	if returning == "" {
		if _, err := tx.ExecContext(ctx, tx.Rebind(b.String()), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
		return nil
	}
	b.WriteString(" RETURNING " + returning)
	res, err := tx.QueryContext(ctx, tx.Rebind(b.String()), args...)
	if err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	defer res.Close()
	for res.Next() {
		if err := scan(res); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
	}
	return res.Err()
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

// addHistory logs a change with a snapshot of the record after it. An
// entry that makes a version of finalized minutes is sealed, chained to the
// meeting's previous seal; a restore repeats the seal of the version it
// restores (record.Seal).
func (s *Store) addHistory(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, uid, action string, fields []string, reason string) error {
	at := s.Now()
	row, err := s.historyValues(ctx, m, uid, action, fields, reason, at)
	if err != nil {
		return err
	}
	switch {
	case minutes.Sealing(action):
		var prev []string
		if err := tx.SelectContext(ctx, &prev, tx.Rebind(`SELECT hash FROM history
			WHERE meeting_uid = ? AND action IN (?, ?) ORDER BY id DESC LIMIT 1`),
			uid, minutes.ActionFinalized, minutes.ActionAmended); err != nil {
			return fmt.Errorf("seal of meeting %d: %w", m.ID, err)
		}
		c := minutes.Change{Version: m.Version, Action: action, At: at, DBUser: s.dbUser, OSUser: s.person(ctx), Fields: fields, Reason: reason}
		p := ""
		if len(prev) > 0 {
			p = prev[0]
		}
		if row[len(row)-1], err = record.Seal(p, c, m); err != nil {
			return err
		}
	case action == minutes.ActionRestored && m.Status == minutes.StatusFinalized:
		var seal []string
		if err := tx.SelectContext(ctx, &seal, tx.Rebind(`SELECT hash FROM history
			WHERE meeting_uid = ? AND version = ? AND action IN (?, ?) ORDER BY id LIMIT 1`),
			uid, m.Version, minutes.ActionFinalized, minutes.ActionAmended); err != nil {
			return fmt.Errorf("seal of meeting %d: %w", m.ID, err)
		}
		if len(seal) > 0 {
			row[len(row)-1] = seal[0]
		}
	}
	return insertRows(ctx, tx, "history", historyInsertColumns, [][]any{row})
}

// addHistories logs the same action on each of ms.
func (s *Store) addHistories(ctx context.Context, tx *sqlx.Tx, ms []*minutes.Meeting, uids []string, action string) error {
	rows := make([][]any, len(ms))
	for i, m := range ms {
		row, err := s.historyValues(ctx, m, uids[i], action, nil, "", s.Now())
		if err != nil {
			return err
		}
		rows[i] = row
	}
	return insertRows(ctx, tx, "history", historyInsertColumns, rows)
}

const historyInsertColumns = "meeting_id, meeting_uid, version, action, at, db_user, os_user, fields, reason, snapshot, hash"

// historyValues are the values of historyInsertColumns; the hash, last, is
// left for addHistory to fill in.
func (s *Store) historyValues(ctx context.Context, m *minutes.Meeting, uid, action string, fields []string, reason string, at time.Time) ([]any, error) {
	snap, err := encodeSnapshot(m)
	if err != nil {
		return nil, err
	}
	return []any{m.ID, uid, m.Version, action, s.ts(at), s.dbUser, s.person(ctx), strings.Join(fields, ","), reason, snap, ""}, nil
}
