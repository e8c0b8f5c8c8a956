package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

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
	if strings.TrimSpace(search) == "" {
		return "", nil // and the folding table is not built for nothing
	}
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

// walkWindow is how many meetings from the start of a page's order a
// search walks before it asks the trigram index: reading a meeting's text
// by its rowid costs a few microseconds, a tenth of what a candidate of
// the index costs (whose text is read again to check the pattern). A page
// of 50 among the 1,000 first meetings is found by the walk when one
// meeting in 20 matches; a rarer word goes on to the index.
func walkWindow(f minutes.Filter) int {
	return min(max(1000, 20*(max(f.Offset, 0)+f.Limit)), 20000)
}

// pageRows returns, for a page of a search on SQLite, the page found
// faster than by the general query, or ok false. The trigram index answers
// a rare word at once, but a word most meetings hold ("quan", "ocop")
// yields tens of thousands of candidates to read, sort and cut to a page:
// a tenth of a second or more each time. So first the meetings are walked
// in the page's order, each one's text read by its rowid, for at most
// walkWindow meetings: a common word fills the page within it (well under
// a millisecond). When it does not, the index is asked for at most
// broadSearch matches: when that is all of them, the page is chosen among
// those IDs; when there are more, the walk goes on to the end.
func (s *Store) pageRows(ctx context.Context, tx *sqlx.Tx, f minutes.Filter, order, page string) ([]meetingRow, bool, error) {
	if s.dialect != schema.SQLite || f.Limit <= 0 {
		return nil, false, nil
	}
	sub, subArgs := s.searchPatterns(f.Search)
	if sub == "" {
		return nil, false, nil
	}
	rest := f
	rest.Search = ""
	cond, args := s.where(ctx, rest)
	// CROSS JOIN keeps meetings the outer loop, in index order. The text is
	// read from the FTS5 table's content table (search_index_content, its
	// column c0, as FTS5 names them), an ordinary table: through the
	// virtual table each read costs twice as much, and a pattern on it
	// would run the whole trigram query again for every meeting.
	plain := strings.ReplaceAll(sub, "x.text GLOB", "x.c0 GLOB")
	walk := func(bound string, boundArgs ...any) ([]meetingRow, error) {
		q := `SELECT ` + s.meetingColumns() + ` FROM meetings m CROSS JOIN search_index_content x ON x.id = m.id WHERE ` +
			cond + bound + ` AND ` + plain + order + page
		var rows []meetingRow
		all := append(append(append([]any{}, args...), boundArgs...), subArgs...)
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), all...); err != nil {
			return nil, fmt.Errorf("find meetings: %w", err)
		}
		return rows, nil
	}
	// The last meeting of the window, in the page's order; none when the
	// window holds them all, and the walk is then the answer whatever it
	// finds.
	var edgeDate any
	var edgeID int64
	err := tx.QueryRowxContext(ctx, tx.Rebind(`SELECT m.date, m.id FROM meetings m WHERE `+cond+order+
		fmt.Sprintf(` LIMIT 1 OFFSET %d`, walkWindow(f)-1)), args...).Scan(&edgeDate, &edgeID)
	if errors.Is(err, sql.ErrNoRows) {
		rows, err := walk("")
		return rows, err == nil, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("find meetings: %w", err)
	}
	bound := ` AND (m.date, m.id) >= (?, ?)`
	if !f.Newest {
		bound = ` AND (m.date, m.id) <= (?, ?)`
	}
	rows, err := walk(bound, edgeDate, edgeID)
	if err != nil || len(rows) == f.Limit {
		return rows, err == nil, err
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
			return nil, false, fmt.Errorf("find meetings: %w", err)
		}
	}
	if !indexed || len(ids) > broadSearch {
		rows, err := walk("")
		return rows, err == nil, err
	}
	if len(ids) == 0 {
		return nil, true, nil
	}
	idArgs := append([]any{}, args...)
	for _, id := range ids {
		idArgs = append(idArgs, id)
	}
	q := `SELECT ` + s.meetingColumns() + ` FROM meetings m WHERE ` + cond + ` AND m.id IN (` + placeholders(len(ids)) + `)` + order + page
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), idArgs...); err != nil {
		return nil, false, fmt.Errorf("find meetings: %w", err)
	}
	return rows, true, nil
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
	rows, found, err := s.pageRows(ctx, tx, f, order, page)
	if err != nil {
		return nil, err
	}
	if !found {
		q := `SELECT ` + s.meetingColumns() + ` FROM meetings m WHERE ` + cond + order + page
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
			return nil, fmt.Errorf("find meetings: %w", err)
		}
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
	switch {
	case len(rows) <= 500 && s.dialect == schema.Postgres:
		// One array parameter, not fifty placeholders repeated in each of
		// the nine branches of loadParts' query for PostgreSQL to bind.
		list := make([]int64, len(rows))
		for i, r := range rows {
			list[i] = r.ID
		}
		ids, idArgs = `SELECT unnest(CAST(? AS bigint[]))`, []any{pq.Array(list)}
	case len(rows) <= 500:
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

// The kinds of part rows that loadParts reads in one query.
const (
	partChair = iota + 1
	partAbsentee
	partAgenda
	partComment
	partRecipient
	partConclusion
	partNotice
	partNoticeRecipient
	partNoticeNumber
)

// partKind is a kind of part as the SQL of loadParts selects it.
func partKind(k int) string { return strconv.Itoa(k) }

// loadParts fills the parts of the meetings in byID; ids is a subquery
// selecting their IDs with args (or a list of placeholders). Every kind of
// part comes in one query, a UNION of one SELECT per table in one shape
// (kind, meeting, position, nine texts, a number): on PostgreSQL each
// query costs a round trip and a parse, and ten of them took longer than
// the rows they read. A brief load reads the chairs alone.
func (s *Store) loadParts(ctx context.Context, tx *sqlx.Tx, ids string, args []any, byID map[int64]*minutes.Meeting, brief bool) error {
	in := ` WHERE x.meeting_id IN (` + ids + `)`
	branches := []string{
		`SELECT ` + partKind(partChair) + ` AS kind, x.meeting_id AS meeting_id, x.pos AS pos, x.name AS t1, x.title AS t2, CAST(NULL AS TEXT) AS t3, CAST(NULL AS TEXT) AS t4, CAST(NULL AS TEXT) AS t5,
			CAST(NULL AS TEXT) AS t6, CAST(NULL AS TEXT) AS t7, CAST(NULL AS TEXT) AS t8, CAST(NULL AS TEXT) AS t9, CAST(NULL AS BIGINT) AS n FROM chairs x` + in,
	}
	if !brief {
		branches = append(branches,
			`SELECT `+partKind(partAbsentee)+`, x.meeting_id, x.pos, x.name, x.reason, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM absentees x`+in,
			`SELECT `+partKind(partAgenda)+`, x.meeting_id, x.pos, x.title, x.presenter, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM agenda_items x`+in,
			`SELECT `+partKind(partComment)+`, x.meeting_id, x.pos, x.speaker, x.title, x.content, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM comments x`+in,
			`SELECT `+partKind(partRecipient)+`, x.meeting_id, x.pos, x.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM recipients x`+in,
			`SELECT `+partKind(partConclusion)+`, x.meeting_id, x.pos, x.content, x.owner, `+s.dateExpr("x.due")+`, NULL, NULL, NULL, NULL, NULL, NULL, x.id FROM conclusions x`+in,
			`SELECT `+partKind(partNotice)+`, x.meeting_id, 0, `+s.dateExpr("x.date")+`, x.title, x.body, x.concluded_name, x.concluded_title,
				x.signer_authority, x.signer_for, x.signer_title, x.signer_name, NULL FROM notices x`+in,
			`SELECT `+partKind(partNoticeRecipient)+`, x.meeting_id, x.pos, x.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM notice_recipients x`+in,
			`SELECT `+partKind(partNoticeNumber)+`, x.meeting_id, 0, x.number, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM document_numbers x`+in+` AND x.kind = 'notice'`,
		)
	}
	all := make([]any, 0, len(args)*len(branches))
	for range branches {
		all = append(all, args...)
	}
	q := strings.Join(branches, "\nUNION ALL ") + "\nORDER BY 2, 1, 3"
	rows, err := tx.QueryContext(ctx, tx.Rebind(q), all...)
	if err != nil {
		return fmt.Errorf("load parts: %w", err)
	}
	defer rows.Close()
	var (
		kind, pos int
		id        int64
		t         [9]sql.NullString
		n         sql.NullInt64
	)
	dest := []any{&kind, &id, &pos}
	for i := range t {
		dest = append(dest, &t[i])
	}
	dest = append(dest, &n)
	notice := func(m *minutes.Meeting) *minutes.Notice {
		if m.Notice == nil {
			m.Notice = &minutes.Notice{}
		}
		return m.Notice
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("load parts: %w", err)
		}
		m := byID[id]
		if m == nil {
			continue
		}
		switch kind {
		case partChair:
			m.Chairs = append(m.Chairs, minutes.Person{Name: t[0].String, Title: t[1].String})
		case partAbsentee:
			m.Attendance.Absent = append(m.Attendance.Absent, minutes.Absentee{Name: t[0].String, Reason: t[1].String})
		case partAgenda:
			m.Agenda = append(m.Agenda, minutes.AgendaItem{Title: t[0].String, Presenter: t[1].String})
		case partComment:
			m.Comments = append(m.Comments, minutes.Comment{Speaker: t[0].String, Title: t[1].String, Content: t[2].String})
		case partRecipient:
			m.Recipients = append(m.Recipients, t[0].String)
		case partConclusion:
			c := minutes.Conclusion{ID: n.Int64, Content: t[0].String, Owner: t[1].String}
			if t[2].Valid {
				d, err := minutes.ParseDate(t[2].String)
				if err != nil {
					return fmt.Errorf("conclusion %d: stored due date: %w", c.ID, err)
				}
				c.Due = d
			}
			m.Conclusions = append(m.Conclusions, c)
		case partNotice:
			nt := notice(m)
			nt.Title, nt.Body = t[1].String, t[2].String
			if t[0].Valid {
				if nt.Date, err = minutes.ParseDate(t[0].String); err != nil {
					return fmt.Errorf("notice of meeting %d: stored date: %w", id, err)
				}
			}
			if t[3].Valid {
				nt.ConcludedBy = &minutes.Person{Name: t[3].String, Title: t[4].String}
			}
			if t[8].Valid {
				nt.Signer = &minutes.Signer{Authority: t[5].String, For: t[6].String, Title: t[7].String, Name: t[8].String}
			}
		case partNoticeRecipient:
			nt := notice(m)
			nt.Recipients = append(nt.Recipients, t[0].String)
		case partNoticeNumber:
			notice(m).Number = t[0].String
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load parts: %w", err)
	}
	return nil
}
