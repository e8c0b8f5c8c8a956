package minutes

import (
	"context"
	"time"
	"unicode/utf8"
)

// Kinds of draft: what the text being typed will become.
const (
	DraftNew   = "new"   // a meeting not recorded yet
	DraftEdit  = "edit"  // new content for a draft meeting
	DraftAmend = "amend" // an amendment of finalized minutes
)

// MaxDraft bounds the text of one draft: a whole record typed in a form,
// every field at its own limit, is far below it.
const MaxDraft = 16 << 20

// Draft is a record being typed and not yet saved, kept in the database as
// it is typed so that a closed tab, a crash or a power cut loses nothing, and
// any server process of the office can offer it again.
type Draft struct {
	ID        string // random, chosen when first saved
	Kind      string // DraftNew, DraftEdit or DraftAmend
	MeetingID int64  // the meeting edited or amended; 0 for a new one
	Version   int    // the meeting's version the typing started from
	// Data is what the front end saved, exactly as typed, invalid values
	// included: it is checked only when the draft is saved as a record.
	Data      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks what a draft must be to be kept: EINVALID for an unknown
// kind, a kind without its meeting, text that is not UTF-8 or too long.
func (d *Draft) Validate() error {
	var ps []Problem
	switch {
	case d.Kind != DraftNew && d.Kind != DraftEdit && d.Kind != DraftAmend:
		ps = append(ps, Problem{Field: "kind", Reason: M("draft.kind", d.Kind)})
	case d.Kind == DraftNew && d.MeetingID != 0, d.Kind != DraftNew && d.MeetingID <= 0:
		ps = append(ps, Problem{Field: "meeting_id", Reason: M("draft.meeting", d.Kind)})
	}
	if !utf8.ValidString(d.Data) {
		ps = append(ps, Problem{Field: "data", Reason: M("text.utf8")})
	} else if len(d.Data) > MaxDraft {
		ps = append(ps, Problem{Field: "data", Reason: M("draft.too_big", MaxDraft>>20)})
	}
	return Invalid(ps)
}

// DraftStore keeps drafts. Every method is one transaction.
type DraftStore interface {
	// SaveDraft stores d, replacing the draft of the same ID, and sets its
	// timestamps. EINVALID.
	SaveDraft(ctx context.Context, d *Draft) error

	// FindDraft returns draft id. ENOTFOUND.
	FindDraft(ctx context.Context, id string) (*Draft, error)

	// FindDrafts returns the drafts of one kind for one meeting (0 for new
	// meetings), the last saved first.
	FindDrafts(ctx context.Context, kind string, meetingID int64) ([]Draft, error)

	// DeleteDraft removes draft id; removing one that is gone is no error.
	DeleteDraft(ctx context.Context, id string) error
}

var draftMessages = Messages{
	"draft.not_found": {"không còn bản đang soạn này (có thể đã được lưu hoặc bỏ)", "this draft is gone (it may have been saved or discarded)"},
	"draft.kind":      {"loại bản đang soạn %q không hợp lệ", "draft kind %q is not valid"},
	"draft.meeting":   {"bản đang soạn loại %q không khớp với cuộc họp", "a draft of kind %q does not match its meeting"},
	"draft.too_big":   {"bản đang soạn quá lớn (tối đa %d MB)", "the draft is too big (at most %d MB)"},
}
