package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

// The notice block of a meeting: one row of notices and its recipients,
// written with the other parts; its number is the register's
// (numbers.go).

// noticeRows are the rows of the notice blocks of ms, for insertRows.
func noticeRows(ms []*minutes.Meeting) (notices, recipients [][]any) {
	for _, m := range ms {
		n := m.Notice
		if n == nil {
			continue
		}
		var date, concluded, signer any
		ctitle, auth, sfor, stitle := "", "", "", ""
		if !n.Date.IsZero() {
			date = n.Date.String()
		}
		if p := n.ConcludedBy; p != nil {
			concluded, ctitle = p.Name, p.Title
		}
		if sg := n.Signer; sg != nil {
			signer, auth, sfor, stitle = sg.Name, sg.Authority, sg.For, sg.Title
		}
		// A notice block with only its number is the register's alone.
		if date != nil || n.Title != "" || n.Body != "" || concluded != nil || signer != nil || len(n.Recipients) > 0 {
			notices = append(notices, []any{m.ID, date, n.Title, n.Body, concluded, ctitle, auth, sfor, stitle, signer})
		}
		for i, r := range n.Recipients {
			recipients = append(recipients, []any{m.ID, i + 1, r})
		}
	}
	return notices, recipients
}

// insertNotices writes the notice blocks of ms.
func (s *Store) insertNotices(ctx context.Context, tx *sqlx.Tx, ms ...*minutes.Meeting) error {
	notices, recipients := noticeRows(ms)
	if err := insertRows(ctx, tx, "notices", `meeting_id, date, title, body, concluded_name, concluded_title,
		signer_authority, signer_for, signer_title, signer_name`, notices); err != nil {
		return err
	}
	return insertRows(ctx, tx, "notice_recipients", "meeting_id, pos, name", recipients)
}

// loadNotices fills the notice blocks of the meetings in byID, ids being a
// subquery selecting them with args, and their numbers from the register.
func (s *Store) loadNotices(ctx context.Context, tx *sqlx.Tx, ids string, args []any, byID map[int64]*minutes.Meeting) error {
	notice := func(id int64) *minutes.Notice {
		m := byID[id]
		if m.Notice == nil {
			m.Notice = &minutes.Notice{}
		}
		return m.Notice
	}
	rows, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT x.meeting_id, `+s.dateExpr("x.date")+`, x.title, x.body,
		x.concluded_name, x.concluded_title, x.signer_authority, x.signer_for, x.signer_title, x.signer_name
		FROM notices x WHERE x.meeting_id IN (`+ids+`) ORDER BY x.meeting_id`), args...)
	if err != nil {
		return fmt.Errorf("load notices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var date, concluded, signer sql.NullString
		var title, body, ctitle, auth, sfor, stitle string
		if err := rows.Scan(&id, &date, &title, &body, &concluded, &ctitle, &auth, &sfor, &stitle, &signer); err != nil {
			return fmt.Errorf("load notices: %w", err)
		}
		n := notice(id)
		n.Title, n.Body = title, body
		if date.Valid {
			if n.Date, err = minutes.ParseDate(date.String); err != nil {
				return fmt.Errorf("notice of meeting %d: stored date: %w", id, err)
			}
		}
		if concluded.Valid {
			n.ConcludedBy = &minutes.Person{Name: concluded.String, Title: ctitle}
		}
		if signer.Valid {
			n.Signer = &minutes.Signer{Authority: auth, For: sfor, Title: stitle, Name: signer.String}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load notices: %w", err)
	}
	rows.Close()
	each := func(q string, scan func(id int64, v string)) error {
		rows, err := tx.QueryContext(ctx, tx.Rebind(q), args...)
		if err != nil {
			return fmt.Errorf("load notices: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				return fmt.Errorf("load notices: %w", err)
			}
			scan(id, v)
		}
		return rows.Err()
	}
	if err := each(`SELECT x.meeting_id, x.name FROM notice_recipients x WHERE x.meeting_id IN (`+ids+`) ORDER BY x.meeting_id, x.pos`,
		func(id int64, v string) { n := notice(id); n.Recipients = append(n.Recipients, v) }); err != nil {
		return err
	}
	return each(`SELECT x.meeting_id, x.number FROM document_numbers x WHERE x.kind = 'notice' AND x.meeting_id IN (`+ids+`)`,
		func(id int64, v string) { notice(id).Number = v })
}
