package app

import (
	"context"

	"github.com/minutes-vn/minutes/minutes"
)

// Record stores one new meeting and sets its ID, status and version.
// EINVALID when it breaks a rule.
func (s *Service) Record(ctx context.Context, m *minutes.Meeting) error {
	st, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	if err := checkOrg(ctx, m.Organization); err != nil {
		return err
	}
	return st.CreateMeetings(ctx, []*minutes.Meeting{m})
}

// RecordAll stores every meeting of ms, or none. EINVALID.
func (s *Service) RecordAll(ctx context.Context, ms []*minutes.Meeting) error {
	st, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := checkOrg(ctx, m.Organization); err != nil {
			return err
		}
	}
	return st.CreateMeetings(ctx, ms)
}

// Meeting returns meeting id with all its parts. ENOTFOUND.
func (s *Service) Meeting(ctx context.Context, id int64) (*minutes.Meeting, error) {
	st, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	m, err := st.FindMeetingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return m, s.seal(ctx, st, m)
}

// Version is a meeting as it was at one version, and where that version
// stands.
type Version struct {
	Meeting *minutes.Meeting
	// Current is the meeting's version today; 0 when the meeting has been
	// deleted since.
	Current int
}

// MeetingVersion returns meeting id as it was at version, also of a deleted
// meeting; version 0 is the current one. ENOTFOUND.
func (s *Service) MeetingVersion(ctx context.Context, id int64, version int) (Version, error) {
	st, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return Version{}, err
	}
	cur, err := st.FindMeetingByID(ctx, id)
	if version <= 0 {
		if err != nil {
			return Version{}, err
		}
		return Version{Meeting: cur, Current: cur.Version}, s.seal(ctx, st, cur)
	}
	v := Version{}
	switch {
	case minutes.ErrorCode(err) == minutes.ENOTFOUND:
	case err != nil:
		return Version{}, err
	default:
		v.Current = cur.Version
	}
	if v.Meeting, err = st.FindMeetingVersion(ctx, id, version); err != nil {
		return Version{}, err
	}
	return v, s.seal(ctx, st, v.Meeting)
}

// Meetings returns the meetings that f selects, by date then ID.
func (s *Service) Meetings(ctx context.Context, f minutes.Filter) ([]*minutes.Meeting, error) {
	st, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	ms, err := st.FindMeetings(ctx, f)
	if ms == nil && err == nil {
		ms = []*minutes.Meeting{}
	}
	return ms, err
}

// ForEdit returns meeting id to be edited: ECONFLICT when it is finalized,
// so that nobody types changes that cannot be saved. ENOTFOUND.
func (s *Service) ForEdit(ctx context.Context, id int64) (*minutes.Meeting, error) {
	if err := minutes.Require(ctx, minutes.PermRecord); err != nil {
		return nil, err
	}
	m, err := s.Meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	return m, m.CheckEdit(0)
}

// ForAmend returns finalized minutes id to be amended: ECONFLICT when they
// are still a draft. ENOTFOUND.
func (s *Service) ForAmend(ctx context.Context, id int64) (*minutes.Meeting, error) {
	if err := minutes.Require(ctx, minutes.PermFinalize); err != nil {
		return nil, err
	}
	m, err := s.Meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	return m, m.CheckAmend(0)
}

// Update saves the new content of draft m.ID, edited from m.Version, and
// bumps m.Version; an edit that changes nothing leaves the version alone.
// EINVALID, ENOTFOUND, ECONFLICT when finalized or changed meanwhile.
func (s *Service) Update(ctx context.Context, m *minutes.Meeting) error {
	st, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	if err := checkOrg(ctx, m.Organization); err != nil {
		return err
	}
	return st.UpdateMeeting(ctx, m)
}

// Amend saves m as a new version of finalized minutes, edited from
// m.Version, keeping the reason. EINVALID without a reason, ENOTFOUND,
// ECONFLICT when a draft or changed meanwhile.
func (s *Service) Amend(ctx context.Context, m *minutes.Meeting, reason string) error {
	reason, err := minutes.CleanReason(m.ID, reason)
	if err != nil {
		return err
	}
	st, err := s.storeFor(ctx, minutes.PermFinalize)
	if err != nil {
		return err
	}
	if err := checkOrg(ctx, m.Organization); err != nil {
		return err
	}
	return st.Amend(ctx, m, reason)
}

// Delete removes draft id, provided it is still at version (0 skips the
// check). ENOTFOUND, ECONFLICT when finalized or changed meanwhile.
func (s *Service) Delete(ctx context.Context, id int64, version int) error {
	st, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	return st.DeleteMeeting(ctx, id, version)
}

// Finalize approves draft id, provided it is still at version (0 skips the
// check), so that nobody approves text they have not read. ENOTFOUND,
// ECONFLICT when already finalized or changed meanwhile.
func (s *Service) Finalize(ctx context.Context, id int64, version int) error {
	st, err := s.storeFor(ctx, minutes.PermFinalize)
	if err != nil {
		return err
	}
	return st.Finalize(ctx, id, version)
}

// History lists every change of meeting id, oldest first, also after it
// was deleted. ENOTFOUND.
func (s *Service) History(ctx context.Context, id int64) ([]minutes.Change, error) {
	st, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	return st.History(ctx, id)
}

// Page is one page of a list of meetings.
type Page struct {
	Meetings []*minutes.Meeting
	// More reports that meetings follow this page.
	More bool
}

// MeetingsPage returns the page of f.Limit meetings (at least one) that
// starts at f.Offset, and whether more follow: it asks for one meeting
// more than it shows, so that no count of a large office's meetings is
// needed to offer a next page.
func (s *Service) MeetingsPage(ctx context.Context, f minutes.Filter) (Page, error) {
	if f.Limit <= 0 {
		return Page{}, minutes.Errorm(minutes.EUSAGE, "list.bad_limit", f.Limit)
	}
	f.Limit++
	ms, err := s.Meetings(ctx, f)
	if err != nil {
		return Page{}, err
	}
	p := Page{Meetings: ms}
	if len(ms) == f.Limit {
		p.Meetings, p.More = ms[:f.Limit-1], true
	}
	return p, nil
}
