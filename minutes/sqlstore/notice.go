package sqlstore

import (
	"context"

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
	return insertTables(ctx, tx, noticeTables(ms))
}

// noticeTables are the rows of the notices of ms and of their recipients.
func noticeTables(ms []*minutes.Meeting) []tableRows {
	notices, recipients := noticeRows(ms)
	return []tableRows{
		{"notices", `meeting_id, date, title, body, concluded_name, concluded_title,
		signer_authority, signer_for, signer_title, signer_name`, notices},
		{"notice_recipients", "meeting_id, pos, name", recipients},
	}
}
