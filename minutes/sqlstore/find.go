package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

type meetingRow struct {
	ID                 int64          `db:"id"`
	Organization       string         `db:"organization"`
	ParentOrganization string         `db:"parent_organization"`
	Header             string         `db:"header"`
	Number             string         `db:"number"`
	Title              string         `db:"title"`
	Date               string         `db:"date"`
	StartTime          sql.NullString `db:"start_time"`
	EndTime            sql.NullString `db:"end_time"`
	Place              string         `db:"place"`
	Location           string         `db:"location"`
	SecretaryName      sql.NullString `db:"secretary_name"`
	SecretaryTitle     sql.NullString `db:"secretary_title"`
	Present            int            `db:"present"`
	AtLeast            bool           `db:"at_least"`
	Invited            int            `db:"invited"`
	Composition        string         `db:"composition"`
	Summary            string         `db:"summary"`
	CommentCount       int            `db:"comment_count"`
	Status             string         `db:"status"`
	Version            int            `db:"version"`
	CreatedAt          dbTime         `db:"created_at"`
	UpdatedAt          dbTime         `db:"updated_at"`
	FinalizedAt        dbTime         `db:"finalized_at"`
	FinalizedBy        string         `db:"finalized_by"`
}

// dbTime scans a timestamp stored as RFC 3339 text (SQLite) or as a
// timestamptz (PostgreSQL); NULL leaves it zero.
type dbTime struct{ time.Time }

func (t *dbTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v.UTC()
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("timestamp: unexpected %T", v)
	}
	return nil
}

func (t *dbTime) parse(s string) error {
	p, err := time.Parse(time.RFC3339Nano, s)
	t.Time = p.UTC()
	return err
}

// dateExpr selects a date column as YYYY-MM-DD text in either dialect.
func (s *Store) dateExpr(col string) string {
	if s.dialect == schema.Postgres {
		return "to_char(" + col + ", 'YYYY-MM-DD')"
	}
	return col
}

func (s *Store) meetingColumns() string {
	return `m.id, m.organization, m.parent_organization, m.header, m.number, m.title, ` +
		s.dateExpr("m.date") + ` AS date, m.start_time, m.end_time, m.place, m.location,
		m.secretary_name, m.secretary_title, m.present, m.at_least, m.invited, m.composition,
		m.summary, m.comment_count, m.status, m.version, m.created_at, m.updated_at,
		m.finalized_at, m.finalized_by`
}

func (s *Store) findMeetingByID(ctx context.Context, tx *sqlx.Tx, id int64) (*minutes.Meeting, error) {
	ms, err := s.findMeetings(ctx, tx, minutes.Filter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, minutes.Errorm(minutes.ENOTFOUND, "meeting.not_found", id)
	}
	return ms[0], nil
}

// where builds the WHERE clause of f over meetings m, within what the
// principal of ctx may see.
func (s *Store) where(ctx context.Context, f minutes.Filter) (string, []any) {
	conds, args := scope(ctx, "m")
	if f.ID != 0 {
		conds, args = append(conds, "m.id = ?"), append(args, f.ID)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "m.date >= ?"), append(args, f.From.String())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "m.date <= ?"), append(args, f.To.String())
	}
	if f.Org != "" {
		conds, args = append(conds, "m.org_key = ?"), append(args, minutes.Fold(minutes.Clean(f.Org)))
	}
	if f.Status != "" {
		conds, args = append(conds, "m.status = ?"), append(args, f.Status)
	}
	// Every word must appear, in any order, ignoring case and diacritics.
	// Both sides are folded already; the patterns are served by a trigram
	// index (FTS5 on SQLite, pg_trgm on PostgreSQL).
	if sub, subArgs := s.searchPatterns(f.Search); sub != "" {
		conds = append(conds, "m.id IN (SELECT x."+s.searchKey()+" FROM search_index x WHERE "+sub+")")
		args = append(args, subArgs...)
	}
	return strings.Join(conds, " AND "), args
}

// scope returns the conditions on meetings alias that keep a query within
// what the principal of ctx may see: the meetings of its organisations, and
// for a viewer only finalized minutes. Every query of meetings, their
// tasks, history and backups starts from it, so that another office's
// meeting answers exactly as a missing one.
func scope(ctx context.Context, alias string) ([]string, []any) {
	p := minutes.PrincipalOf(ctx)
	conds, args := []string{"1 = 1"}, []any{}
	keys, all := p.Scope()
	if !all {
		if len(keys) == 0 {
			return []string{"1 = 0"}, args
		}
		conds = append(conds, alias+".org_key IN ("+placeholders(len(keys))+")")
		for _, k := range keys {
			args = append(args, k)
		}
	}
	if !p.SeesDrafts() {
		conds, args = append(conds, alias+".status = ?"), append(args, minutes.StatusFinalized)
	}
	return conds, args
}

// searchPatterns is the condition on search_index x that every word of
// search appears in the folded text, and its arguments; "" for no words.
func (s *Store) searchPatterns(search string) (string, []any) {
	words := strings.Fields(minutes.Fold(minutes.Clean(search)))
	if len(words) == 0 {
		return "", nil
	}
	sub, args := make([]string, len(words)), make([]any, len(words))
	for i, w := range words {
		if s.dialect == schema.Postgres {
			sub[i], args[i] = `x.text LIKE ?`, "%"+escapeLike(w)+"%"
		} else {
			sub[i], args[i] = `x.text GLOB ?`, "*"+escapeGlob(w)+"*"
		}
	}
	return strings.Join(sub, " AND "), args
}

// broadSearch is how many meetings a search may match for its page to be
// found through the trigram index; past it, walking the meetings in the
// page's order and reading each one's text finds a page sooner. Either way
// a page costs at worst about as many text reads as this bound: near the
// square root of the page size times the meetings of a large office.
const broadSearch = 1000

// pageQuery returns, for a page of a search on SQLite, a query that finds
// it faster than the general one, or "". The trigram index answers a rare
// word at once, but a word most meetings hold ("quan", "ocop") yields tens
// of thousands of candidates to read, sort and cut to a page: a tenth of a
// second or more each time. So the index is asked for at most broadSearch
// matches: when that is all of them, the page is chosen among those IDs;
// when there are more, the meetings are walked in the page's order, each
// one's text read by its rowid, until the page is full.
func (s *Store) pageQuery(ctx context.Context, tx *sqlx.Tx, f minutes.Filter, order, page string) (string, []any, error) {
	if s.dialect != schema.SQLite || f.Limit <= 0 {
		return "", nil, nil
	}
	sub, subArgs := s.searchPatterns(f.Search)
	if sub == "" {
		return "", nil, nil
	}
	// Words of one or two letters are in no trigram: with only such words
	// the index would read every meeting's text anyway.
	indexed := false
	for _, w := range strings.Fields(minutes.Fold(minutes.Clean(f.Search))) {
		indexed = indexed || utf8.RuneCountInString(w) >= 3
	}
	var ids []int64
	if indexed {
		probe := `SELECT x.rowid FROM search_index x WHERE ` + sub + fmt.Sprintf(` LIMIT %d`, broadSearch+1)
		if err := tx.SelectContext(ctx, &ids, tx.Rebind(probe), subArgs...); err != nil {
			return "", nil, fmt.Errorf("find meetings: %w", err)
		}
	}
	rest := f
	rest.Search = ""
	cond, args := s.where(ctx, rest)
	if indexed && len(ids) <= broadSearch {
		if len(ids) == 0 {
			ids = []int64{0} // no meeting has ID 0
		}
		for _, id := range ids {
			args = append(args, id)
		}
		return `SELECT ` + s.meetingColumns() + ` FROM meetings m WHERE ` + cond + ` AND m.id IN (` + placeholders(len(ids)) + `)` + order + page, args, nil
	}
	// CROSS JOIN keeps meetings the outer loop, in index order. The text is
	// read from the FTS5 table's content table (search_index_content, its
	// column c0, as FTS5 names them), an ordinary table: through the
	// virtual table each read costs twice as much, and a pattern on it
	// would run the whole trigram query again for every meeting.
	plain := strings.ReplaceAll(sub, "x.text GLOB", "x.c0 GLOB")
	q := `SELECT ` + s.meetingColumns() + ` FROM meetings m CROSS JOIN search_index_content x ON x.id = m.id WHERE ` +
		cond + ` AND ` + plain + order + page
	return q, append(args, subArgs...), nil
}

// findMeetings loads the meetings matching f and then each kind of part
// with one query per table, whatever the number of meetings.
func (s *Store) findMeetings(ctx context.Context, tx *sqlx.Tx, f minutes.Filter) ([]*minutes.Meeting, error) {
	cond, args := s.where(ctx, f)
	order := ` ORDER BY m.date, m.id`
	if f.Newest {
		order = ` ORDER BY m.date DESC, m.id DESC`
	}
	page := ""
	if f.Limit > 0 {
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	var rows []meetingRow
	q, qArgs := `SELECT `+s.meetingColumns()+` FROM meetings m WHERE `+cond+order+page, args
	if scan, scanArgs, err := s.pageQuery(ctx, tx, f, order, page); err != nil {
		return nil, err
	} else if scan != "" {
		q, qArgs = scan, scanArgs
	}
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), qArgs...); err != nil {
		return nil, fmt.Errorf("find meetings: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ms := make([]*minutes.Meeting, len(rows))
	byID := make(map[int64]*minutes.Meeting, len(rows))
	for i, r := range rows {
		m, err := r.meeting()
		if err != nil {
			return nil, err
		}
		ms[i], byID[r.ID] = m, m
	}
	// The parts of few meetings are fetched by ID; of many, by the same
	// filter as a subquery (a list of thousands of IDs would be slower).
	ids, idArgs := `SELECT m.id FROM meetings m WHERE `+cond, args
	if page != "" {
		ids += order + page
	}
	if len(rows) <= 500 {
		ids, idArgs = placeholders(len(rows)), make([]any, len(rows))
		for i, r := range rows {
			idArgs[i] = r.ID
		}
	}
	if err := s.loadParts(ctx, tx, ids, idArgs, byID, f.Brief); err != nil {
		return nil, err
	}
	return ms, nil
}

// searchKey is the column of search_index holding the meeting's ID: the
// rowid of the FTS5 table on SQLite.
func (s *Store) searchKey() string {
	if s.dialect == schema.Postgres {
		return "meeting_id"
	}
	return "rowid"
}

// escapeLike quotes LIKE's wildcards (PostgreSQL's default escape is \).
func escapeLike(w string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
}

// escapeGlob quotes GLOB's wildcards by putting each in a character class.
func escapeGlob(w string) string {
	return strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`).Replace(w)
}

func (r *meetingRow) meeting() (*minutes.Meeting, error) {
	m := &minutes.Meeting{
		ID: r.ID, Organization: r.Organization, ParentOrganization: r.ParentOrganization,
		Header: r.Header, Number: r.Number, Title: r.Title, Place: r.Place, Location: r.Location,
		Attendance: minutes.Attendance{
			Present: r.Present, AtLeast: r.AtLeast, Invited: r.Invited, Composition: r.Composition,
		},
		Summary: r.Summary, CommentCount: r.CommentCount, Status: r.Status, Version: r.Version,
		CreatedAt: r.CreatedAt.Time, UpdatedAt: r.UpdatedAt.Time, FinalizedBy: r.FinalizedBy,
	}
	var err error
	if m.Date, err = minutes.ParseDate(r.Date); err != nil {
		return nil, fmt.Errorf("meeting %d: stored date %q: %w", r.ID, r.Date, err)
	}
	if r.StartTime.Valid {
		c, err := minutes.ParseClock(r.StartTime.String)
		if err != nil {
			return nil, fmt.Errorf("meeting %d: stored start_time: %w", r.ID, err)
		}
		m.StartTime = &c
	}
	if r.EndTime.Valid {
		c, err := minutes.ParseClock(r.EndTime.String)
		if err != nil {
			return nil, fmt.Errorf("meeting %d: stored end_time: %w", r.ID, err)
		}
		m.EndTime = &c
	}
	if r.SecretaryName.Valid {
		m.Secretary = &minutes.Person{Name: r.SecretaryName.String, Title: r.SecretaryTitle.String}
	}
	if !r.FinalizedAt.IsZero() {
		t := r.FinalizedAt.Time
		m.FinalizedAt = &t
	}
	return m, nil
}

// loadParts fills the parts of the meetings in byID; ids is a subquery
// selecting their IDs with args.
func (s *Store) loadParts(ctx context.Context, tx *sqlx.Tx, ids string, args []any, byID map[int64]*minutes.Meeting, brief bool) error {
	each := func(q string, scan func(rows *sqlx.Rows) error) error {
		rows, err := tx.QueryxContext(ctx, tx.Rebind(q+` WHERE x.meeting_id IN (`+ids+`) ORDER BY x.meeting_id, x.pos`), args...)
		if err != nil {
			return fmt.Errorf("load parts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err := each(`SELECT x.meeting_id, x.name, x.title FROM chairs x`, func(rows *sqlx.Rows) error {
		var id int64
		var p minutes.Person
		if err := rows.Scan(&id, &p.Name, &p.Title); err != nil {
			return err
		}
		byID[id].Chairs = append(byID[id].Chairs, p)
		return nil
	})
	if err != nil || brief {
		return err
	}
	if err := each(`SELECT x.meeting_id, x.name, x.reason FROM absentees x`, func(rows *sqlx.Rows) error {
		var id int64
		var a minutes.Absentee
		if err := rows.Scan(&id, &a.Name, &a.Reason); err != nil {
			return err
		}
		byID[id].Attendance.Absent = append(byID[id].Attendance.Absent, a)
		return nil
	}); err != nil {
		return err
	}
	if err := each(`SELECT x.meeting_id, x.title, x.presenter FROM agenda_items x`, func(rows *sqlx.Rows) error {
		var id int64
		var a minutes.AgendaItem
		if err := rows.Scan(&id, &a.Title, &a.Presenter); err != nil {
			return err
		}
		byID[id].Agenda = append(byID[id].Agenda, a)
		return nil
	}); err != nil {
		return err
	}
	if err := each(`SELECT x.meeting_id, x.speaker, x.title, x.content FROM comments x`, func(rows *sqlx.Rows) error {
		var id int64
		var c minutes.Comment
		if err := rows.Scan(&id, &c.Speaker, &c.Title, &c.Content); err != nil {
			return err
		}
		byID[id].Comments = append(byID[id].Comments, c)
		return nil
	}); err != nil {
		return err
	}
	if err := each(`SELECT x.meeting_id, x.name FROM recipients x`, func(rows *sqlx.Rows) error {
		var id int64
		var r string
		if err := rows.Scan(&id, &r); err != nil {
			return err
		}
		byID[id].Recipients = append(byID[id].Recipients, r)
		return nil
	}); err != nil {
		return err
	}
	err = each(`SELECT x.meeting_id, x.id, x.content, x.owner, `+s.dateExpr("x.due")+` FROM conclusions x`, func(rows *sqlx.Rows) error {
		var id int64
		var c minutes.Conclusion
		var due sql.NullString
		if err := rows.Scan(&id, &c.ID, &c.Content, &c.Owner, &due); err != nil {
			return err
		}
		if due.Valid {
			d, err := minutes.ParseDate(due.String)
			if err != nil {
				return fmt.Errorf("conclusion %d: stored due date: %w", c.ID, err)
			}
			c.Due = d
		}
		byID[id].Conclusions = append(byID[id].Conclusions, c)
		return nil
	})
	if err != nil {
		return err
	}
	return s.loadNotices(ctx, tx, ids, args, byID)
}
