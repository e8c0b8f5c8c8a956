package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/minutes-vn/minutes/minutes"
)

// The register of document numbers (schema */008_documents.sql). The
// numbers of minutes and of notices are registered whenever a meeting is
// written, in the same transaction, so that two documents never hold one
// number; a report's number is registered when it is issued. A number
// taken as "the next free one" is counted inside the transaction that
// registers it: on SQLite writers take turns (BEGIN IMMEDIATE), on
// PostgreSQL the unique key refuses the second of two at once and the
// transaction is run again (numberRace), so two secretaries get 16 and 17.

var _ minutes.NumberStore = (*Store)(nil)

// regKey is what makes a number unique.
type regKey struct {
	org, typ, start string
	seq             int
}

func keyOf(r *minutes.Registration) regKey {
	return regKey{minutes.Fold(r.Organization), r.Parsed.Type, r.Period.From.String(), r.Parsed.Seq}
}

// termStart is the office setting term_start (zero when not set), which
// the numbering periods of Party bodies count from.
func (s *Store) termStart(ctx context.Context, tx *sqlx.Tx) (minutes.Date, error) {
	var v []string
	if err := tx.SelectContext(ctx, &v, `SELECT value FROM settings WHERE key = 'term_start'`); err != nil {
		return minutes.Date{}, fmt.Errorf("term_start: %w", err)
	}
	if len(v) == 0 {
		return minutes.Date{}, nil
	}
	d, _ := minutes.ParseDate(v[0])
	return d, nil
}

// meetingRegistrations are the registrations the numbers of m make: its
// minutes' and its notice's, where they are numbers the register reads.
func meetingRegistrations(m *minutes.Meeting, term minutes.Date) []minutes.Registration {
	var out []minutes.Registration
	add := func(kind, number string, d minutes.Date) {
		n, ok := minutes.ParseNumber(number)
		if !ok {
			return // a number written otherwise is kept, not registered
		}
		out = append(out, minutes.Registration{
			Organization: m.Organization, Number: number, Parsed: n, Kind: kind, MeetingID: m.ID, Header: headerOf(m.Header),
			Period: minutes.NumberingPeriod(m.Header, d, term), Date: d, Title: m.Title,
		})
	}
	add(minutes.DocMinutes, m.Number, m.Date)
	if n := m.Notice; n != nil && n.Number != "" {
		d := n.Date
		if d.IsZero() {
			d = m.Date
		}
		add(minutes.DocNotice, n.Number, d)
	}
	return out
}

// headerOf is the numbering of header: by year for State documents, by
// term for any other.
func headerOf(header string) string {
	if header == minutes.HeaderState {
		return minutes.HeaderState
	}
	return minutes.HeaderParty
}

type registrationRow struct {
	ID           int64         `db:"id"`
	Header       string        `db:"header"`
	Organization string        `db:"organization"`
	Number       string        `db:"number"`
	Kind         string        `db:"kind"`
	MeetingID    sql.NullInt64 `db:"meeting_id"`
	Subject      string        `db:"subject"`
	PeriodStart  string        `db:"period_start"`
	PeriodEnd    string        `db:"period_end"`
	DocDate      string        `db:"doc_date"`
	Title        string        `db:"title"`
	CreatedAt    dbTime        `db:"created_at"`
	CreatedBy    string        `db:"created_by"`
}

func (r *registrationRow) registration() minutes.Registration {
	out := minutes.Registration{
		ID: r.ID, Header: r.Header, Organization: r.Organization, Number: r.Number, Kind: r.Kind, MeetingID: r.MeetingID.Int64,
		Subject: r.Subject, Title: r.Title, CreatedAt: r.CreatedAt.Time, CreatedBy: r.CreatedBy,
	}
	out.Parsed, _ = minutes.ParseNumber(r.Number)
	from, _ := minutes.ParseDate(r.PeriodStart)
	to, _ := minutes.ParseDate(r.PeriodEnd)
	out.Period = minutes.Period{Kind: minutes.PeriodRange, From: from, To: to}
	out.Date, _ = minutes.ParseDate(r.DocDate)
	return out
}

func (s *Store) registrationSelect() string {
	return `SELECT id, header, organization, number, kind, meeting_id, subject, ` + s.dateExpr("period_start") + ` AS period_start, ` +
		s.dateExpr("period_end") + ` AS period_end, ` + s.dateExpr("doc_date") + ` AS doc_date, title, created_at, created_by
		FROM document_numbers`
}

// held returns the stored registrations that hold the keys of regs. The
// query asks the unique index for the bodies, types and numbers of regs
// (a few bodies, many numbers) and keeps the exact keys here: one short
// statement for a whole batch of an import.
func (s *Store) held(ctx context.Context, tx *sqlx.Tx, regs []minutes.Registration) (map[regKey]minutes.Registration, error) {
	out := map[regKey]minutes.Registration{}
	want := make(map[regKey]bool, len(regs))
	orgs, types, starts, seqs := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[int]bool{}
	for _, r := range regs {
		k := keyOf(&r)
		want[k] = true
		orgs[k.org], types[k.typ], starts[k.start], seqs[k.seq] = true, true, true, true
	}
	if len(want) == 0 {
		return out, nil
	}
	var args []any
	in := func(n int) string { return "(" + placeholders(n) + ")" }
	for o := range orgs {
		args = append(args, o)
	}
	for t := range types {
		args = append(args, t)
	}
	for p := range starts {
		args = append(args, p)
	}
	for q := range seqs {
		args = append(args, q)
	}
	// Every column of the unique key is named, so that the index is walked
	// to the numbers themselves: without the periods, each call read every
	// number of the body and type, and a restore, registering its meetings
	// one at a time, slowed as the register grew.
	var rows []registrationRow
	q := s.registrationSelect() + ` WHERE org_key IN ` + in(len(orgs)) + ` AND doc_type IN ` + in(len(types)) +
		` AND period_start IN ` + in(len(starts)) + ` AND seq IN ` + in(len(seqs))
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	for _, row := range rows {
		r := row.registration()
		if k := keyOf(&r); want[k] {
			out[k] = r
		}
	}
	return out, nil
}

// insertRegistrations writes regs.
func (s *Store) insertRegistrations(ctx context.Context, tx *sqlx.Tx, regs []minutes.Registration) error {
	rows := make([][]any, len(regs))
	now := s.ts(s.Now().UTC())
	for i, r := range regs {
		var meeting any
		if r.MeetingID != 0 {
			meeting = r.MeetingID
		}
		k := keyOf(&r)
		created, by := now, s.who(ctx)
		if !r.CreatedAt.IsZero() {
			created, by = s.ts(r.CreatedAt), r.CreatedBy // moved to another term, not issued again
		}
		rows[i] = []any{k.org, r.Organization, k.typ, headerOf(r.Header), k.start, r.Period.To.String(), k.seq, r.Number, r.Kind, meeting,
			r.Subject, r.Date.String(), r.Title, created, by}
	}
	return insertRows(ctx, tx, "document_numbers", `org_key, organization, doc_type, header, period_start, period_end, seq, number,
		kind, meeting_id, subject, doc_date, title, created_at, created_by`, rows)
}

// registerMeeting replaces the registrations of meeting m, which is
// stored: ECONFLICT when another document holds one of its numbers.
func (s *Store) registerMeeting(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting) error {
	term, err := s.termStart(ctx, tx)
	if err != nil {
		return err
	}
	return s.register(ctx, tx, m, term, true)
}

// register is registerMeeting under term; again when m was registered
// before (its registrations are replaced), not for a meeting just written.
func (s *Store) register(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, term minutes.Date, again bool) error {
	regs := meetingRegistrations(m, term)
	held, err := s.held(ctx, tx, regs)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if h, ok := held[keyOf(&r)]; ok && !(h.MeetingID == m.ID && h.Kind == r.Kind) {
			return minutes.NumberTaken(r.Number, h)
		}
	}
	if again {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM document_numbers WHERE meeting_id = ?`), m.ID); err != nil {
			return fmt.Errorf("register: %w", err)
		}
	}
	return s.insertRegistrations(ctx, tx, regs)
}

// numberRace reports that another transaction took a number at the same
// moment (PostgreSQL): running the transaction again counts it.
func numberRace(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505" &&
		(pe.Constraint == "document_numbers_unique" || pe.Constraint == "document_numbers_one_per_document")
}

// Registrations returns every registration of the body org names.
func (s *Store) Registrations(ctx context.Context, org string) ([]minutes.Registration, error) {
	var out []minutes.Registration
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var rows []registrationRow
		q := s.registrationSelect() + ` WHERE org_key = ? ORDER BY doc_type, period_start, seq`
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), minutes.Fold(minutes.Clean(org))); err != nil {
			return fmt.Errorf("register: %w", err)
		}
		out = make([]minutes.Registration, len(rows))
		for i := range rows {
			out[i] = rows[i].registration()
		}
		return nil
	})
	return out, err
}

// NextNumber proposes the next free number of a type for a body.
func (s *Store) NextNumber(ctx context.Context, org, header, typ, symbol string, d minutes.Date) (minutes.DocNumber, error) {
	var n minutes.DocNumber
	err := s.inTx(ctx, func(tx *sqlx.Tx) (err error) {
		n, err = s.nextNumber(ctx, tx, org, header, typ, symbol, d)
		return err
	})
	return n, err
}

// nextNumber is one above the highest number of type typ that org holds in
// the numbering period of d, written in header's style with the body's
// symbol (the one given, else its last number's).
func (s *Store) nextNumber(ctx context.Context, tx *sqlx.Tx, org, header, typ, symbol string, d minutes.Date) (minutes.DocNumber, error) {
	term, err := s.termStart(ctx, tx)
	if err != nil {
		return minutes.DocNumber{}, err
	}
	key := minutes.Fold(minutes.Clean(org))
	if symbol == "" {
		var last []string
		if err := tx.SelectContext(ctx, &last, tx.Rebind(`SELECT number FROM document_numbers WHERE org_key = ?
			ORDER BY doc_date DESC, id DESC LIMIT 1`), key); err != nil {
			return minutes.DocNumber{}, fmt.Errorf("register: %w", err)
		}
		if len(last) > 0 {
			if n, ok := minutes.ParseNumber(last[0]); ok {
				symbol = n.Issuer
			}
		}
	}
	if symbol == "" {
		example := minutes.DocNumber{Seq: 1, Type: typ, Issuer: "TU", State: header == minutes.HeaderState}
		if example.State {
			example.Issuer = "UBND"
		}
		return minutes.DocNumber{}, minutes.Errorm(minutes.EINVALID, "number.no_symbol", org, example.String())
	}
	p := minutes.NumberingPeriod(header, d, term)
	var top sql.NullInt64
	if err := tx.GetContext(ctx, &top, tx.Rebind(`SELECT MAX(seq) FROM document_numbers
		WHERE org_key = ? AND doc_type = ? AND period_start = ?`), key, typ, p.From.String()); err != nil {
		return minutes.DocNumber{}, fmt.Errorf("register: %w", err)
	}
	return minutes.DocNumber{Seq: int(top.Int64) + 1, Type: typ, Issuer: symbol, State: header == minutes.HeaderState}, nil
}

// take registers r (Organization, Kind, MeetingID, Subject, Date, Title
// set) under the number req asks for, in header's numbering: the next
// free one — counted again should another secretary take it meanwhile —
// or the one typed. ECONFLICT when another document holds a typed number.
func (s *Store) take(ctx context.Context, tx *sqlx.Tx, r *minutes.Registration, req minutes.NumberRequest, header, typ, symbol string) error {
	term, err := s.termStart(ctx, tx)
	if err != nil {
		return err
	}
	r.Header, r.Period = headerOf(header), minutes.NumberingPeriod(header, r.Date, term)
	for attempt := 0; ; attempt++ {
		number, err := s.chooseNumber(ctx, tx, req, r.Organization, header, typ, symbol, r.Date)
		if err != nil {
			return err
		}
		r.Number = number
		r.Parsed, _ = minutes.ParseNumber(number)
		held, err := s.held(ctx, tx, []minutes.Registration{*r})
		if err != nil {
			return err
		}
		h, taken := held[keyOf(r)]
		if !taken {
			return s.insertRegistrations(ctx, tx, []minutes.Registration{*r})
		}
		if !req.Next || attempt >= 20 {
			return minutes.NumberTaken(number, h)
		}
	}
}

// chooseNumber is the number req asks for a document of type typ: the
// next free one, or the one typed, which must be a number of that type.
func (s *Store) chooseNumber(ctx context.Context, tx *sqlx.Tx, req minutes.NumberRequest, org, header, typ, symbol string, d minutes.Date) (string, error) {
	if req.Next {
		n, err := s.nextNumber(ctx, tx, org, header, typ, symbol, d)
		return n.String(), err
	}
	n, ok := minutes.ParseNumber(req.Number)
	switch {
	case !ok:
		return "", minutes.Errorm(minutes.EINVALID, "number.bad", req.Number)
	case n.Type != typ:
		was := n.Type
		n.Type = typ
		return "", minutes.Errorm(minutes.EINVALID, "number.wrong_type", docTypeMsg(typ), typ, was, n.String())
	}
	return minutes.Clean(req.Number), nil
}

func docTypeMsg(typ string) minutes.Msg {
	switch typ {
	case minutes.TypeNotice:
		return minutes.M("doctype.notice")
	case minutes.TypeReport:
		return minutes.M("doctype.report")
	}
	return minutes.M("doctype.minutes")
}

// FinalizeNumbered approves draft id, giving it the number req asks for
// when it has none.
func (s *Store) FinalizeNumbered(ctx context.Context, id int64, version int, req minutes.NumberRequest, symbol string) error {
	return s.finalize(ctx, id, version, req, symbol)
}

// numberMinutes gives m, a draft without a number, the number req asks
// for and registers it; the caller writes the meeting row.
func (s *Store) numberMinutes(ctx context.Context, tx *sqlx.Tx, m *minutes.Meeting, req minutes.NumberRequest, symbol string) error {
	if req.IsZero() || m.Number != "" {
		return nil
	}
	r := &minutes.Registration{Organization: m.Organization, Kind: minutes.DocMinutes, MeetingID: m.ID, Date: m.Date, Title: m.Title}
	if err := s.take(ctx, tx, r, req, m.Header, minutes.TypeMinutes, symbol); err != nil {
		return err
	}
	m.Number = r.Number
	return nil
}

// IssueNotice gives the notice of meeting id a number unless it has one.
func (s *Store) IssueNotice(ctx context.Context, id int64, req minutes.NumberRequest, symbol string) (string, error) {
	var number string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		m, err := s.findMeetingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := m.CanIssueNotice(); err != nil {
			return err
		}
		if m.Notice != nil && m.Notice.Number != "" {
			number = m.Notice.Number
			return nil
		}
		number = ""
		if req.IsZero() {
			return nil
		}
		d := m.Date
		if m.Notice != nil && !m.Notice.Date.IsZero() {
			d = m.Notice.Date
		}
		r := &minutes.Registration{Organization: m.Organization, Kind: minutes.DocNotice, MeetingID: m.ID, Date: d, Title: m.Title}
		if err := s.take(ctx, tx, r, req, m.Header, minutes.TypeNotice, symbol); err != nil {
			return err
		}
		number = r.Number
		return nil
	})
	return number, err
}

// RegisterReport records the number of a report.
func (s *Store) RegisterReport(ctx context.Context, r *minutes.Registration, header string, req minutes.NumberRequest, symbol string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var same []registrationRow
		if err := tx.SelectContext(ctx, &same, tx.Rebind(s.registrationSelect()+` WHERE org_key = ? AND kind = 'report' AND subject = ?
			ORDER BY id LIMIT 1`), minutes.Fold(minutes.Clean(r.Organization)), r.Subject); err != nil {
			return fmt.Errorf("register: %w", err)
		}
		if len(same) > 0 {
			got := same[0].registration()
			if req.Number == "" || minutes.Clean(req.Number) == got.Number {
				*r = got
				return nil
			}
		}
		if len(same) > 0 {
			// The report issued again under another number: the old one is free.
			if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM document_numbers WHERE id = ?`), same[0].ID); err != nil {
				return fmt.Errorf("register: %w", err)
			}
		}
		r.Kind, r.MeetingID = minutes.DocReport, 0
		return s.take(ctx, tx, r, req, header, minutes.TypeReport, symbol)
	})
}

// rekeyTerms moves the registrations of Party bodies into the terms that
// term_start now draws, in the transaction that changed it: a number
// counts in the term its document's date falls in. ECONFLICT, and the
// setting unchanged, when two documents would then share a number.
func (s *Store) rekeyTerms(ctx context.Context, tx *sqlx.Tx) error {
	term, err := s.termStart(ctx, tx)
	if err != nil {
		return err
	}
	var rows []registrationRow
	if err := tx.SelectContext(ctx, &rows, s.registrationSelect()+` WHERE header = 'party' ORDER BY id`); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	regs := make([]minutes.Registration, len(rows))
	seen := map[regKey]minutes.Registration{}
	for i := range rows {
		r := rows[i].registration()
		r.Period = minutes.NumberingPeriod(minutes.HeaderParty, r.Date, term)
		if h, ok := seen[keyOf(&r)]; ok {
			return minutes.NumberTaken(r.Number, h)
		}
		seen[keyOf(&r)] = r
		regs[i] = r
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_numbers WHERE header = 'party'`); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	return s.insertRegistrations(ctx, tx, regs)
}

// backfillRegister registers, once, the numbers of the meetings stored
// before the register existed. A number two meetings share is kept by the
// first; the second is refused when it is next saved, naming the first.
func (s *Store) backfillRegister(ctx context.Context) error {
	var done int
	if err := s.db.GetContext(ctx, &done, `SELECT COUNT(*) FROM register_backfill`); err != nil || done > 0 {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO register_backfill (id) VALUES (1) ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("register backfill: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another process did it
		}
		var rows []struct {
			ID           int64  `db:"id"`
			Organization string `db:"organization"`
			Header       string `db:"header"`
			Number       string `db:"number"`
			Title        string `db:"title"`
			Date         string `db:"date"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT id, organization, header, number, title, `+s.dateExpr("date")+` AS date
			FROM meetings WHERE number <> '' ORDER BY id`); err != nil {
			return fmt.Errorf("register backfill: %w", err)
		}
		term, err := s.termStart(ctx, tx)
		if err != nil {
			return err
		}
		taken := map[regKey]bool{}
		var regs []minutes.Registration
		for _, r := range rows {
			d, _ := minutes.ParseDate(r.Date)
			m := &minutes.Meeting{ID: r.ID, Organization: r.Organization, Header: r.Header, Number: r.Number, Title: r.Title, Date: d}
			for _, reg := range meetingRegistrations(m, term) {
				if k := keyOf(&reg); !taken[k] {
					taken[k] = true
					regs = append(regs, reg)
				}
			}
		}
		return s.insertRegistrations(ctx, tx, regs)
	})
}
