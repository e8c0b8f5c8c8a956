package app

import (
	"bytes"
	"context"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Tamper evidence of finalized minutes (issue 16). Each version of
// finalized minutes is sealed in its history entry (record.Seal: SHA-256
// over the entry, the record after it and the seal of the version before).
// Verify recomputes every seal from the history's snapshots and the seal of
// the current version from the record as its tables hold it now, so that a
// change made behind the program's back — a row of any table, a history
// entry, a deleted version — is found, on the database, on a copy of its
// file, or on a restored backup. What it cannot see is a change whose every
// seal was computed again as the program computes them; a printed PDF (its
// Keywords carry the seal) or an earlier backup still tells.

// Verified is what Verify found.
type Verified struct {
	// Checked counts the finalized meetings checked.
	Checked int
	// Unsealed counts the versions finalized before seals existed
	// (migration 006): their record is compared with its history, but no
	// seal proves the history itself.
	Unsealed int
	// Findings are the changes found, each naming the meeting and version.
	Findings []minutes.Msg
}

// Verify checks the finalized minutes (meeting id alone when id is not 0).
// Findings are returned with an EFAILED error that says how many, so that a
// front end exits non-zero: the data is not what was approved. ENOTFOUND
// when id names no meeting finalized now or before.
func (s *Service) Verify(ctx context.Context, id int64) (*Verified, error) {
	// An account checks the minutes it may read, one at a time; the whole
	// database is an admin's (or the local operator's).
	if p := minutes.PrincipalOf(ctx); !p.Admin() {
		if id == 0 {
			return nil, minutes.Errorm(minutes.EFORBIDDEN, "access.forbidden", string(p.Role))
		}
		if _, err := s.Meeting(ctx, id); err != nil {
			return nil, err
		}
	}
	st, err := s.Store(ctx)
	if err != nil {
		return nil, err
	}
	as, err := st.Sealed(ctx, id)
	if err != nil {
		return nil, err
	}
	if id != 0 && len(as) == 0 {
		if _, err := st.FindMeetingByID(ctx, id); err != nil {
			return nil, err
		}
		return nil, minutes.Errorm(minutes.ENOTFOUND, "verify.not_finalized_ever", id)
	}
	out := &Verified{}
	for _, a := range as {
		out.Checked++
		verifyArchive(a, out)
	}
	if len(out.Findings) > 0 {
		return out, minutes.Errorm(minutes.EFAILED, "verify.found", minutes.Number(out.Checked), minutes.Number(len(out.Findings)))
	}
	return out, nil
}

// link is one version in a meeting's chain of seals.
type link struct {
	entry minutes.Change
	prev  string // the seal it chains to
}

// chain walks the sealing entries of history (oldest first) and returns
// each version's link; findings and the count of unsealed versions go to
// out when it is not nil.
func chain(id int64, history []minutes.Change, out *Verified) map[int]link {
	find := func(m minutes.Msg) {
		if out != nil {
			out.Findings = append(out.Findings, m)
		}
	}
	links := map[int]link{}
	prev, last, sealed := "", 0, false
	for _, c := range history {
		if !minutes.Sealing(c.Action) {
			continue
		}
		if last != 0 && c.Version != last+1 {
			find(minutes.M("verify.gap", id, last, c.Version))
		}
		links[c.Version] = link{entry: c, prev: prev}
		last = c.Version
		switch {
		case c.Hash == "" && sealed:
			find(minutes.M("verify.seal_removed", id, c.Version))
		case c.Hash == "":
			if out != nil {
				out.Unsealed++
			}
		case c.Snapshot == nil:
			find(minutes.M("verify.snapshot", id, c.Version))
		default:
			if h, err := record.Seal(prev, c, c.Snapshot); err != nil || h != c.Hash {
				find(minutes.M("verify.seal", id, c.Version))
			}
		}
		sealed = sealed || c.Hash != ""
		prev = c.Hash
	}
	return links
}

func verifyArchive(a *minutes.Archive, out *Verified) {
	id := int64(0)
	if len(a.History) > 0 {
		id = a.History[0].MeetingID
	}
	if a.Meeting != nil {
		id = a.Meeting.ID
	}
	links := chain(id, a.History, out)
	last := 0
	for v := range links {
		last = max(last, v)
	}
	for _, c := range a.History {
		if c.Action != minutes.ActionRestored {
			continue
		}
		if l, ok := links[c.Version]; ok && c.Hash != l.entry.Hash {
			out.Findings = append(out.Findings, minutes.M("verify.restored", id, c.Version))
		}
	}
	m := a.Meeting
	switch {
	case m == nil:
		out.Findings = append(out.Findings, minutes.M("verify.missing", id, last))
		return
	case m.Status != minutes.StatusFinalized:
		out.Findings = append(out.Findings, minutes.M("verify.not_finalized", id, last))
		return
	case m.Version < last:
		out.Findings = append(out.Findings, minutes.M("verify.behind", id, m.Version, last))
		return
	}
	l, ok := links[m.Version]
	if !ok {
		out.Findings = append(out.Findings, minutes.M("verify.no_entry", id, m.Version))
		return
	}
	same := false
	if l.entry.Hash != "" {
		h, err := record.Seal(l.prev, l.entry, m)
		same = err == nil && h == l.entry.Hash
	} else if l.entry.Snapshot != nil {
		a, errA := record.MarshalSnapshot(m)
		b, errB := record.MarshalSnapshot(l.entry.Snapshot)
		same = errA == nil && errB == nil && bytes.Equal(a, b)
	}
	if same {
		return
	}
	what := "?"
	if l.entry.Snapshot != nil {
		if fs := recordDiff(l.entry.Snapshot, m); len(fs) > 0 {
			what = strings.Join(fs, ", ")
		}
	}
	out.Findings = append(out.Findings, minutes.M("verify.current", id, m.Version, what))
}

// recordDiff names the fields of the record format, its record: block
// included, whose values differ between a and b.
func recordDiff(a, b *minutes.Meeting) []string {
	out := minutes.ChangedFields(a, b)
	if a.Status != b.Status {
		out = append(out, "record.status")
	}
	if a.Version != b.Version {
		out = append(out, "record.version")
	}
	if !a.CreatedAt.Equal(b.CreatedAt) {
		out = append(out, "record.created_at")
	}
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		out = append(out, "record.updated_at")
	}
	if (a.FinalizedAt == nil) != (b.FinalizedAt == nil) || a.FinalizedAt != nil && !a.FinalizedAt.Equal(*b.FinalizedAt) {
		out = append(out, "record.finalized_at")
	}
	if a.FinalizedBy != b.FinalizedBy {
		out = append(out, "record.finalized_by")
	}
	return out
}

// sealOf returns the seal of m, a version of finalized minutes as read,
// from its meeting's history: "" for a draft, or a version finalized before
// seals existed.
func sealOf(m *minutes.Meeting, history []minutes.Change) string {
	if m == nil || m.Status != minutes.StatusFinalized {
		return ""
	}
	l, ok := chain(m.ID, history, nil)[m.Version]
	if !ok || l.entry.Hash == "" {
		return ""
	}
	h, err := record.Seal(l.prev, l.entry, m)
	if err != nil {
		return ""
	}
	return h
}

// seal sets m.Seal from the store's history of m.
func (s *Service) seal(ctx context.Context, st Store, m *minutes.Meeting) error {
	if m == nil || m.Status != minutes.StatusFinalized {
		return nil
	}
	h, err := st.History(ctx, m.ID)
	if err != nil {
		return err
	}
	m.Seal = sealOf(m, h)
	return nil
}
