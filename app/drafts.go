package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/minutes-vn/minutes/minutes"
)

// SaveDraft keeps what is being typed, as it is, under d.ID; a draft
// without an ID gets a new random one, so that a draft's address tells
// nobody anything about the others. EINVALID, ENOTFOUND when the meeting
// edited is gone.
func (s *Service) SaveDraft(ctx context.Context, d *minutes.Draft) error {
	if d.ID == "" {
		d.ID = NewDraftID()
	} else if !ValidDraftID(d.ID) {
		return minutes.Errorm(minutes.ENOTFOUND, "draft.not_found")
	}
	if err := d.Validate(); err != nil {
		return err
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	return db.SaveDraft(ctx, d)
}

// Draft returns draft id. ENOTFOUND.
func (s *Service) Draft(ctx context.Context, id string) (*minutes.Draft, error) {
	if !ValidDraftID(id) {
		return nil, minutes.Errorm(minutes.ENOTFOUND, "draft.not_found")
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return nil, err
	}
	return db.FindDraft(ctx, id)
}

// Drafts returns the drafts waiting to be continued: of new meetings
// (meetingID 0), or of an edit or amendment of one meeting, last saved
// first.
func (s *Service) Drafts(ctx context.Context, kind string, meetingID int64) ([]minutes.Draft, error) {
	if !minutes.PrincipalOf(ctx).Can(minutes.PermRecord) {
		return []minutes.Draft{}, nil // one who may not record has none to continue
	}
	db, err := s.Store(ctx)
	if err != nil {
		return nil, err
	}
	return db.FindDrafts(ctx, kind, meetingID)
}

// DiscardDraft removes draft id: after it was saved as a record, or when
// the person typing gives it up.
func (s *Service) DiscardDraft(ctx context.Context, id string) error {
	if !ValidDraftID(id) {
		return nil
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	return db.DeleteDraft(ctx, id)
}

// NewDraftID returns a new random draft ID: 32 hexadecimal digits.
func NewDraftID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ValidDraftID reports whether id has the form NewDraftID gives.
func ValidDraftID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}
