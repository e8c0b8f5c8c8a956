package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

var _ minutes.TaskService = (*Store)(nil)

type taskRow struct {
	ID              int64          `db:"id"`
	MeetingID       int64          `db:"meeting_id"`
	Pos             int            `db:"pos"`
	Content         string         `db:"content"`
	Owner           string         `db:"owner"`
	Due             sql.NullString `db:"due"`
	Status          string         `db:"status"`
	DoneOn          sql.NullString `db:"done_on"`
	Note            string         `db:"note"`
	Reason          string         `db:"reason"`
	StatusChangedAt dbTime         `db:"status_changed_at"`
	MeetingTitle    string         `db:"meeting_title"`
	MeetingDate     string         `db:"meeting_date"`
	Organization    string         `db:"organization"`
}

func (r *taskRow) task() (minutes.Task, error) {
	t := minutes.Task{
		ID: r.ID, MeetingID: r.MeetingID, Pos: r.Pos, Content: r.Content, Owner: r.Owner,
		Status: r.Status, Note: r.Note, Reason: r.Reason,
		MeetingTitle: r.MeetingTitle, Organization: r.Organization,
	}
	var err error
	if t.MeetingDate, err = minutes.ParseDate(r.MeetingDate); err != nil {
		return t, fmt.Errorf("task %d: stored meeting date %q: %w", r.ID, r.MeetingDate, err)
	}
	if r.Due.Valid {
		if t.Due, err = minutes.ParseDate(r.Due.String); err != nil {
			return t, fmt.Errorf("task %d: stored due date: %w", r.ID, err)
		}
	}
	if r.DoneOn.Valid {
		if t.DoneOn, err = minutes.ParseDate(r.DoneOn.String); err != nil {
			return t, fmt.Errorf("task %d: stored done_on: %w", r.ID, err)
		}
	}
	if !r.StatusChangedAt.IsZero() {
		at := r.StatusChangedAt.Time
		t.StatusChangedAt = &at
	}
	return t, nil
}

// taskWhere builds the WHERE clause of f over conclusions x joined to
// meetings m. The owner is matched in Go (see FindTasks).
func taskWhere(ctx context.Context, f minutes.TaskFilter) (string, []any) {
	conds, args := scope(ctx, "m")
	add := func(c string, v any) { conds, args = append(conds, c), append(args, v) }
	if f.ID != 0 {
		add("x.id = ?", f.ID)
	}
	if f.MeetingID != 0 {
		add("x.meeting_id = ?", f.MeetingID)
	}
	if len(f.MeetingIDs) > 0 {
		conds = append(conds, "x.meeting_id IN ("+placeholders(len(f.MeetingIDs))+")")
		for _, id := range f.MeetingIDs {
			args = append(args, id)
		}
	}
	if f.Status != "" {
		add("x.status = ?", f.Status)
	}
	if f.Overdue {
		conds = append(conds, "x.status = 'open'")
		add("x.due < ?", f.Today.String())
	}
	if !f.DueBefore.IsZero() {
		add("x.due <= ?", f.DueBefore.String())
	}
	if !f.From.IsZero() {
		add("x.due >= ?", f.From.String())
	}
	if !f.To.IsZero() {
		add("x.due <= ?", f.To.String())
	}
	if f.Org != "" {
		add("m.org_key = ?", minutes.Fold(minutes.Clean(f.Org)))
	}
	return strings.Join(conds, " AND "), args
}

// FindTasks returns the tasks matching f, by due date (tasks without one
// last), then meeting date and position, each with its progress notes.
func (s *Store) FindTasks(ctx context.Context, f minutes.TaskFilter) ([]minutes.Task, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var ts []minutes.Task
	err := s.readTx(ctx, func(tx *sqlx.Tx) (err error) {
		ts, err = s.findTasks(ctx, tx, f, false)
		return err
	})
	return ts, err
}

func (s *Store) findTasks(ctx context.Context, tx *sqlx.Tx, f minutes.TaskFilter, forUpdate bool) ([]minutes.Task, error) {
	cond, args := taskWhere(ctx, f)
	q := `SELECT x.id, x.meeting_id, x.pos, x.content, x.owner, ` + s.dateExpr("x.due") + ` AS due,
		x.status, ` + s.dateExpr("x.done_on") + ` AS done_on, x.note, x.reason, x.status_changed_at,
		m.title AS meeting_title, ` + s.dateExpr("m.date") + ` AS meeting_date, m.organization
		FROM conclusions x JOIN meetings m ON m.id = x.meeting_id
		WHERE ` + cond + `
		ORDER BY (x.due IS NULL), x.due, m.date, x.meeting_id, x.pos`
	if forUpdate && s.dialect == schema.Postgres {
		// Two secretaries marking the same task at once: the second waits,
		// then sees the first one's change and gets a clear conflict.
		q += ` FOR UPDATE OF x`
	}
	var rows []taskRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("find tasks: %w", err)
	}
	ts := make([]minutes.Task, 0, len(rows))
	byID := make(map[int64]int, len(rows))
	for _, r := range rows {
		t, err := r.task()
		if err != nil {
			return nil, err
		}
		// Owners are free text; matching them folded in Go keeps SQLite
		// (ASCII-only lower()) and PostgreSQL in agreement.
		if f.Owner != "" && !f.MatchOwner(t.Owner) {
			continue
		}
		byID[t.ID] = len(ts)
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return ts, nil
	}
	notes, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT n.conclusion_id, n.at, n.text, n.os_user, n.db_user FROM task_notes n
		WHERE n.conclusion_id IN (SELECT x.id FROM conclusions x JOIN meetings m ON m.id = x.meeting_id WHERE `+cond+`)
		ORDER BY n.conclusion_id, n.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("find task notes: %w", err)
	}
	defer notes.Close()
	for notes.Next() {
		var id int64
		var at dbTime
		var n minutes.TaskNote
		if err := notes.Scan(&id, &at, &n.Text, &n.By, &n.DBUser); err != nil {
			return nil, fmt.Errorf("find task notes: %w", err)
		}
		n.At = at.Time
		if i, ok := byID[id]; ok {
			ts[i].Notes = append(ts[i].Notes, n)
		}
	}
	return ts, notes.Err()
}

func (s *Store) findTask(ctx context.Context, tx *sqlx.Tx, id int64, forUpdate bool) (*minutes.Task, error) {
	ts, err := s.findTasks(ctx, tx, minutes.TaskFilter{ID: id}, forUpdate)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, minutes.Errorm(minutes.ENOTFOUND, "task.not_found", id)
	}
	return &ts[0], nil
}

// SetTaskDone marks task id done on the given day with a note.
func (s *Store) SetTaskDone(ctx context.Context, id int64, on minutes.Date, note string) (*minutes.Task, error) {
	return s.changeTask(ctx, id, minutes.ActionTaskDone, func(t *minutes.Task) (string, error) {
		if err := t.MarkDone(on, note); err != nil {
			return "", err
		}
		return t.DoneOn.String() + " — " + t.Note, nil
	})
}

// DropTask marks task id dropped for a reason.
func (s *Store) DropTask(ctx context.Context, id int64, reason string) (*minutes.Task, error) {
	return s.changeTask(ctx, id, minutes.ActionTaskDropped, func(t *minutes.Task) (string, error) {
		if err := t.Drop(reason); err != nil {
			return "", err
		}
		return t.Reason, nil
	})
}

// ReopenTask puts a done or dropped task id back to open.
func (s *Store) ReopenTask(ctx context.Context, id int64, reason string) (*minutes.Task, error) {
	return s.changeTask(ctx, id, minutes.ActionTaskReopened, func(t *minutes.Task) (string, error) {
		if err := t.Reopen(reason); err != nil {
			return "", err
		}
		return t.Reason, nil
	})
}

// changeTask applies a status transition to task id and writes it with a
// history entry, in one transaction. apply returns the history's reason.
func (s *Store) changeTask(ctx context.Context, id int64, action string, apply func(t *minutes.Task) (string, error)) (*minutes.Task, error) {
	var out *minutes.Task
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		t, err := s.findTask(ctx, tx, id, true)
		if err != nil {
			return err
		}
		was := t.Status
		why, err := apply(t)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE conclusions
			SET status = ?, done_on = ?, note = ?, reason = ?, status_changed_at = ?
			WHERE id = ? AND status = ?`),
			t.Status, nullDate(t.DoneOn), t.Note, t.Reason, s.ts(s.Now()), id, was)
		if err != nil {
			return fmt.Errorf("update task %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return minutes.Errorm(minutes.ECONFLICT, "task.changed", id)
		}
		if err := s.taskHistory(ctx, tx, t, action, why); err != nil {
			return err
		}
		out, err = s.findTask(ctx, tx, id, false)
		return err
	})
	return out, err
}

// AddTaskNote appends a progress note to task id, whatever its status.
func (s *Store) AddTaskNote(ctx context.Context, id int64, text string) (*minutes.Task, error) {
	text, err := minutes.CheckTaskNote(id, text)
	if err != nil {
		return nil, err
	}
	var out *minutes.Task
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		t, err := s.findTask(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := s.insertTaskNotes(ctx, tx, [][]any{{id, s.ts(s.Now()), text, s.dbUser, s.person(ctx)}}); err != nil {
			return fmt.Errorf("add note to task %d: %w", id, err)
		}
		if err := s.taskHistory(ctx, tx, t, minutes.ActionTaskNote, text); err != nil {
			return err
		}
		out, err = s.findTask(ctx, tx, id, false)
		return err
	})
	return out, err
}

// taskHistory logs a task change in its meeting's history with a snapshot
// of the meeting at its current version: follow-up is not content, so the
// version stays.
func (s *Store) taskHistory(ctx context.Context, tx *sqlx.Tx, t *minutes.Task, action, reason string) error {
	m, err := s.findMeetingByID(ctx, tx, t.MeetingID)
	if err != nil {
		return err
	}
	uid, err := s.uid(ctx, tx, t.MeetingID)
	if err != nil {
		return err
	}
	return s.addHistory(ctx, tx, m, uid, action, []string{t.Field()}, reason)
}

// hasFollowUp reports whether t is more than a conclusion nobody has
// followed up yet: a backup keeps the state of such tasks only.
func hasFollowUp(t minutes.Task) bool {
	return t.Status != minutes.TaskOpen || t.StatusChangedAt != nil || len(t.Notes) > 0 ||
		t.Reason != "" || t.Note != "" || !t.DoneOn.IsZero()
}

// backupTasks returns the tasks with follow-up of the meetings ids, by
// meeting ID, each meeting's by position.
func (s *Store) backupTasks(ctx context.Context, tx *sqlx.Tx, ids []int64) (map[int64][]minutes.Task, error) {
	ts, err := s.findTasks(ctx, tx, minutes.TaskFilter{MeetingIDs: ids}, false)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]minutes.Task)
	for _, t := range ts {
		if hasFollowUp(t) {
			out[t.MeetingID] = append(out[t.MeetingID], t)
		}
	}
	for _, mts := range out {
		slices.SortFunc(mts, func(a, b minutes.Task) int { return cmp.Compare(a.Pos, b.Pos) })
	}
	return out, nil
}

// restoreTasks writes the follow-up of a restored meeting's conclusions, as
// it was: status, day, note, reason, when it changed, and the notes with
// their authors. m's conclusions carry their new IDs. The triggers do not
// guard these columns, so this needs no open record write.
func (s *Store) restoreTasks(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, ts []minutes.Task) error {
	var notes [][]any
	for _, t := range ts {
		if t.Pos < 1 || t.Pos > len(m.Conclusions) { // a blank conclusion dropped by Normalize
			return minutes.Errorm(minutes.EINVALID, "records.task_conclusion", t.Pos, len(m.Conclusions))
		}
		id := m.Conclusions[t.Pos-1].ID
		var changed any
		if t.StatusChangedAt != nil {
			changed = s.ts(*t.StatusChangedAt)
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE conclusions
			SET status = ?, done_on = ?, note = ?, reason = ?, status_changed_at = ?
			WHERE id = ?`), t.Status, nullDate(t.DoneOn), t.Note, t.Reason, changed, id); err != nil {
			return fmt.Errorf("restore task %d of meeting %d: %w", t.Pos, m.ID, err)
		}
		for _, n := range t.Notes {
			notes = append(notes, []any{id, s.ts(n.At), n.Text, n.DBUser, n.By})
		}
	}
	// Inserted in order, so that their IDs keep the notes oldest first.
	return s.insertTaskNotes(ctx, tx, notes)
}

// insertTaskNotes writes notes (conclusion_id, at, text, db_user, os_user)
// under new numbers.
func (s *Store) insertTaskNotes(ctx context.Context, tx *sqlx.Tx, notes [][]any) error {
	first, err := s.newIDs(ctx, tx, "task_notes", len(notes))
	if err != nil || len(notes) == 0 {
		return err
	}
	columns := "conclusion_id, at, text, db_user, os_user"
	if first > 0 {
		columns += ", id"
		for i := range notes {
			notes[i] = append(notes[i], first+int64(i))
		}
	}
	return insertRows(ctx, tx, "task_notes", columns, notes)
}

// conclusionRow is a stored conclusion as replaceConclusions compares it.
type conclusionRow struct {
	ID      int64          `db:"id"`
	Pos     int            `db:"pos"`
	Content string         `db:"content"`
	Owner   string         `db:"owner"`
	Due     sql.NullString `db:"due"`
}

// replaceConclusions writes the conclusions of m over the stored ones
// without losing their task state (status, notes) or their IDs, which
// users quote: a stored row is kept for a new conclusion with the same
// content, else for the one at the same position; rows left over are
// deleted and new conclusions inserted.
func (s *Store) replaceConclusions(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting) error {
	var old []conclusionRow
	if err := tx.SelectContext(ctx, &old, tx.Rebind(`SELECT id, pos, content, owner, `+s.dateExpr("due")+` AS due
		FROM conclusions WHERE meeting_id = ? ORDER BY pos`), m.ID); err != nil {
		return fmt.Errorf("load conclusions of meeting %d: %w", m.ID, err)
	}
	oldContent := make([]string, len(old))
	for i, r := range old {
		oldContent[i] = r.Content
	}
	newContent := make([]string, len(m.Conclusions))
	for i, c := range m.Conclusions {
		newContent[i] = c.Content
	}
	keep := minutes.MatchConclusions(oldContent, newContent)
	used := make([]bool, len(old))
	for _, k := range keep {
		if k >= 0 {
			used[k] = true
		}
	}
	exec := func(q string, args ...any) error {
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), args...); err != nil {
			return fmt.Errorf("conclusions of meeting %d: %w", m.ID, err)
		}
		return nil
	}
	for i, r := range old {
		if !used[i] {
			if err := exec(`DELETE FROM conclusions WHERE id = ?`, r.ID); err != nil {
				return err
			}
		}
	}
	// Rows changing position step aside first (negative positions are free),
	// so that no two rows ever share one under UNIQUE (meeting_id, pos).
	for i, k := range keep {
		if k >= 0 && old[k].Pos != i+1 {
			if err := exec(`UPDATE conclusions SET pos = ? WHERE id = ?`, -old[k].Pos, old[k].ID); err != nil {
				return err
			}
		}
	}
	var fresh []int
	for i, k := range keep {
		c := &m.Conclusions[i]
		if k < 0 {
			fresh = append(fresh, i)
			continue
		}
		r := old[k]
		c.ID = r.ID
		due := ""
		if r.Due.Valid {
			due = r.Due.String
		}
		// Unchanged rows are not written: on finalized minutes every write
		// to the content columns needs an amendment on record.
		if r.Pos == i+1 && r.Content == c.Content && r.Owner == c.Owner && due == c.Due.String() {
			continue
		}
		if err := exec(`UPDATE conclusions SET pos = ?, content = ?, owner = ?, due = ? WHERE id = ?`,
			i+1, c.Content, c.Owner, nullDate(c.Due), r.ID); err != nil {
			return err
		}
	}
	next, err := s.newIDs(ctx, tx, "conclusions", len(fresh))
	if err != nil {
		return err
	}
	for _, i := range fresh {
		c := &m.Conclusions[i]
		q, args := `INSERT INTO conclusions (meeting_id, pos, content, owner, due) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			[]any{m.ID, i + 1, c.Content, c.Owner, nullDate(c.Due)}
		if next > 0 {
			q, args = `INSERT INTO conclusions (meeting_id, pos, content, owner, due, id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, append(args, next)
			next++
		}
		if err := tx.QueryRowxContext(ctx, tx.Rebind(q), args...).Scan(&c.ID); err != nil {
			return fmt.Errorf("insert conclusion %d of meeting %d: %w", i+1, m.ID, err)
		}
	}
	return nil
}
