package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

// Sealed returns what `minutes verify` checks (app.Verify): every meeting
// whose history says it was finalized — id alone when id is not 0 — as its
// tables hold it now, with the entries of its history that finalized,
// amended or restored it, oldest first. A meeting that was finalized and is
// no longer stored (its row deleted behind the program's back) comes with
// Meeting nil. It reads in one transaction.
func (s *Store) Sealed(ctx context.Context, id int64) ([]*minutes.Archive, error) {
	var out []*minutes.Archive
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		out = nil
		// Which meetings: finalized now, or once (a status set back to
		// draft is a change too).
		cond, args := "", []any{minutes.ActionFinalized}
		if id != 0 {
			cond, args = " AND h.meeting_id = ?", append(args, id)
		}
		var keys []struct {
			ID  int64  `db:"meeting_id"`
			UID string `db:"meeting_uid"`
		}
		if err := tx.SelectContext(ctx, &keys, tx.Rebind(`SELECT h.meeting_uid, MAX(h.meeting_id) AS meeting_id FROM history h
			WHERE h.action = ?`+cond+` GROUP BY h.meeting_uid`), args...); err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		mcond, margs := "status = ?", []any{minutes.StatusFinalized}
		if id != 0 {
			mcond, margs = mcond+" AND id = ?", append(margs, id)
		}
		var rows []struct {
			ID  int64  `db:"id"`
			UID string `db:"uid"`
		}
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT id, uid FROM meetings WHERE `+mcond), margs...); err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		byUID := map[string]*minutes.Archive{}
		for _, r := range rows {
			byUID[r.UID] = &minutes.Archive{UID: r.UID}
		}
		for _, k := range keys {
			if byUID[k.UID] == nil {
				byUID[k.UID] = &minutes.Archive{UID: k.UID}
			}
		}
		if len(byUID) == 0 {
			return nil
		}
		// The finalized meetings in one read; those no longer finalized one
		// by one (there should be none).
		f := minutes.Filter{Status: minutes.StatusFinalized, ID: id}
		ms, err := s.findMeetings(ctx, tx, f)
		if err != nil {
			return err
		}
		uidOf := make(map[int64]string, len(rows))
		for _, r := range rows {
			uidOf[r.ID] = r.UID
		}
		for _, m := range ms {
			if a := byUID[uidOf[m.ID]]; a != nil {
				a.Meeting = m
			}
		}
		for _, a := range byUID {
			if a.Meeting != nil {
				continue
			}
			var mid []int64
			if err := tx.SelectContext(ctx, &mid, tx.Rebind(`SELECT id FROM meetings WHERE uid = ?`), a.UID); err != nil {
				return fmt.Errorf("verify: %w", err)
			}
			if len(mid) > 0 {
				if a.Meeting, err = s.findMeetingByID(ctx, tx, mid[0]); err != nil {
					return err
				}
			}
		}
		hcond, hargs := "", []any{minutes.ActionFinalized, minutes.ActionAmended, minutes.ActionRestored}
		if id != 0 {
			var uids []any
			for uid := range byUID {
				uids = append(uids, uid)
			}
			q, qa, err := sqlx.In(` AND h.meeting_uid IN (?)`, uids)
			if err != nil {
				return err
			}
			hcond, hargs = q, append(hargs, qa...)
		}
		hrows, err := tx.QueryxContext(ctx, tx.Rebind(`SELECT `+historyColumns+` FROM history h
			WHERE h.action IN (?, ?, ?)`+hcond+` ORDER BY h.id`), hargs...)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		defer hrows.Close()
		for hrows.Next() {
			var r historyRow
			if err := hrows.StructScan(&r); err != nil {
				return fmt.Errorf("verify: %w", err)
			}
			a := byUID[r.MeetingUID]
			if a == nil {
				continue
			}
			c, err := r.change()
			if err != nil {
				// An unreadable snapshot is something verify reports, not
				// a reason to stop: the entry comes without it.
				c.Snapshot = nil
			}
			a.History = append(a.History, c)
		}
		if err := hrows.Err(); err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		for _, a := range byUID {
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortArchives(out)
	return out, nil
}

// sortArchives orders as by meeting ID.
func sortArchives(as []*minutes.Archive) {
	idOf := func(a *minutes.Archive) int64 {
		if a.Meeting != nil {
			return a.Meeting.ID
		}
		if len(a.History) > 0 {
			return a.History[0].MeetingID
		}
		return 0
	}
	slices.SortFunc(as, func(a, b *minutes.Archive) int { return cmp.Compare(idOf(a), idOf(b)) })
}
