package minutes

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Header styles of the printed minutes.
const (
	HeaderParty = "party" // Hướng dẫn 36-HD/VPTW: Party committees
	HeaderState = "state" // Nghị định 30/2020/NĐ-CP: People's Committees
)

// Statuses of a meeting's minutes.
const (
	StatusDraft     = "draft"
	StatusFinalized = "finalized"
)

// Bounds that no real meeting reaches, so that a wrong or hostile input is
// refused with its field and the limit instead of overflowing a total,
// failing in the database or taking gigabytes. Every way in (a file, the
// form, the web, the API) stores through Validate, so they all hold.
const (
	// MaxDelegates bounds attendance.present and invited. The largest
	// meetings these minutes record are national online conferences
	// (hội nghị trực tuyến toàn quốc) of about 1.2 million people at
	// some 12,000 connected points; the whole Party has 5.6 million
	// members. Ten million is beyond any of them, and the quarterly
	// totals of 100,000 such meetings still fit an int64 many times over;
	// the store's INTEGER columns (int4 on PostgreSQL, 2,147,483,647)
	// hold it.
	MaxDelegates = 10_000_000
	// MaxTurns bounds comment_count: a ten-day Party Congress hears a few
	// hundred speakers.
	MaxTurns = 100_000
	// MaxChairs bounds the chairs: a Party Congress's presidium (đoàn
	// chủ tịch) has 15 to 25 members.
	MaxChairs = 50
	// MaxItems bounds every other list (absentees, agenda items,
	// comments, conclusions, recipients). A congress of 1,600 delegates
	// lists its absentees in the dozens; minutes sent to every commune of
	// a province name a few hundred recipients; two thousand of anything
	// is more than a printed record can hold, and keeps a record's rows
	// (and its backup document) in the tens of thousands.
	MaxItems = 2_000
)

// Meeting is one conference and its minutes (biên bản).
type Meeting struct {
	ID                 int64
	Organization       string
	ParentOrganization string
	Header             string
	Number             string
	Title              string
	Date               Date
	StartTime          *Clock
	EndTime            *Clock
	Place              string
	Location           string
	Chairs             []Person
	Secretary          *Person
	Attendance         Attendance
	Agenda             []AgendaItem
	Summary            string
	Comments           []Comment
	CommentCount       int // speaker turns when more than listed; 0 when not given
	Conclusions        []Conclusion
	Recipients         []string
	Notice             *Notice // the notice of conclusions; nil when the record says nothing of it

	// Record keeping, set by the store.
	Status      string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinalizedAt *time.Time
	FinalizedBy string
	// Seal is the seal of this version of finalized minutes computed from
	// the record as read (record.Seal), for show and the documents' metadata;
	// set by app on finalized minutes whose version is sealed, "" otherwise.
	// It is not part of the record format.
	Seal string
	// Existing is set by the store instead of storing m when m repeats,
	// word for word, meeting ID that holds the same number: importing a
	// record twice does not make two 15-BB/TU.
	Existing bool
}

// Person is a chair or the secretary: a name and the titles that go with it.
type Person struct {
	Name  string
	Title string
}

// Attendance is who came.
type Attendance struct {
	Present     int
	AtLeast     bool // Present is a lower bound ("trên 80 đại biểu")
	Invited     int  // 0 when not known
	Absent      []Absentee
	Composition string
}

// Absentee is a delegate who did not attend and why.
type Absentee struct {
	Name   string
	Reason string
}

// AgendaItem is one report or topic the conference heard.
type AgendaItem struct {
	Title     string
	Presenter string
}

// Comment is one speaker's contribution (ý kiến phát biểu).
type Comment struct {
	Speaker string
	Title   string
	Content string
}

// Conclusion is one conclusion or directive (kết luận, chỉ đạo).
type Conclusion struct {
	ID      int64 // set by the store
	Content string
	Owner   string
	Due     Date // zero when none
}

// Turns returns the number of speaker turns: CommentCount when given, else
// the comments listed.
func (m *Meeting) Turns() int {
	if m.CommentCount > len(m.Comments) {
		return m.CommentCount
	}
	return len(m.Comments)
}

// Normalize trims every text and composes it to NFC, and fills defaults.
// A meeting with a list over its bound is left as it is: Validate refuses
// it, and normalizing a million entries first would take long.
func (m *Meeting) Normalize() {
	if len(m.listProblems()) > 0 {
		return
	}
	for _, f := range m.texts() {
		*f.ptr = Clean(*f.ptr)
	}
	if m.Header == "" {
		m.Header = HeaderParty
	}
	// Entries left entirely blank (as in the template) are not entries.
	m.Chairs = dropBlank(m.Chairs)
	if m.Secretary != nil && *m.Secretary == (Person{}) {
		m.Secretary = nil
	}
	m.Attendance.Absent = dropBlank(m.Attendance.Absent)
	m.Agenda = dropBlank(m.Agenda)
	m.Comments = dropBlank(m.Comments)
	m.Conclusions = dropBlank(m.Conclusions)
	m.Recipients = dropBlank(m.Recipients)
	m.normalizeNotice()
}

func dropBlank[T comparable](s []T) []T {
	var zero T
	out := s[:0]
	for _, x := range s {
		if x != zero {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// textField is one text field of a meeting: its value, its limit and, for
// a message, its path — list[index]sub for an entry of a list, built only
// when a message names it (texts runs several times for every meeting an
// import stores, and a path per field was a tenth of that).
type textField struct {
	field string
	ptr   *string
	max   int
	index int // 1-based position in the list field names; 0 when not in a list
	sub   string
}

// path is the field's path as messages name it: "chairs[2].name".
func (f textField) path() string {
	if f.index == 0 {
		return f.field
	}
	return f.field + "[" + strconv.Itoa(f.index) + "]" + f.sub
}

// texts lists every text field of m with its path and limit, so that the
// rules on text are applied in one place.
func (m *Meeting) texts() []textField {
	n := 9 + 2*len(m.Chairs) + 2 + 2*len(m.Attendance.Absent) + 2*len(m.Agenda) + 3*len(m.Comments) + 2*len(m.Conclusions) + len(m.Recipients)
	if m.Notice != nil {
		n += 9 + len(m.Notice.Recipients)
	}
	f := make([]textField, 0, n)
	f = append(f,
		textField{field: "organization", ptr: &m.Organization, max: MaxTitle},
		textField{field: "parent_organization", ptr: &m.ParentOrganization, max: MaxTitle},
		textField{field: "header", ptr: &m.Header, max: MaxTitle},
		textField{field: "number", ptr: &m.Number, max: MaxTitle},
		textField{field: "title", ptr: &m.Title, max: MaxTitle},
		textField{field: "place", ptr: &m.Place, max: MaxTitle},
		textField{field: "location", ptr: &m.Location, max: MaxTitle},
		textField{field: "attendance.composition", ptr: &m.Attendance.Composition, max: MaxText},
		textField{field: "summary", ptr: &m.Summary, max: MaxText},
	)
	for i := range m.Chairs {
		c := &m.Chairs[i]
		f = append(f, textField{"chairs", &c.Name, MaxTitle, i + 1, ".name"}, textField{"chairs", &c.Title, MaxTitle, i + 1, ".title"})
	}
	if m.Secretary != nil {
		f = append(f, textField{field: "secretary.name", ptr: &m.Secretary.Name, max: MaxTitle}, textField{field: "secretary.title", ptr: &m.Secretary.Title, max: MaxTitle})
	}
	for i := range m.Attendance.Absent {
		a := &m.Attendance.Absent[i]
		f = append(f, textField{"attendance.absent", &a.Name, MaxTitle, i + 1, ".name"}, textField{"attendance.absent", &a.Reason, MaxTitle, i + 1, ".reason"})
	}
	for i := range m.Agenda {
		a := &m.Agenda[i]
		f = append(f, textField{"agenda", &a.Title, MaxTitle, i + 1, ".title"}, textField{"agenda", &a.Presenter, MaxTitle, i + 1, ".presenter"})
	}
	for i := range m.Comments {
		c := &m.Comments[i]
		f = append(f, textField{"comments", &c.Speaker, MaxTitle, i + 1, ".speaker"}, textField{"comments", &c.Title, MaxTitle, i + 1, ".title"},
			textField{"comments", &c.Content, MaxText, i + 1, ".content"})
	}
	for i := range m.Conclusions {
		c := &m.Conclusions[i]
		f = append(f, textField{"conclusions", &c.Content, MaxText, i + 1, ".content"}, textField{"conclusions", &c.Owner, MaxTitle, i + 1, ".owner"})
	}
	for i := range m.Recipients {
		f = append(f, textField{"recipients", &m.Recipients[i], MaxTitle, i + 1, ""})
	}
	return m.noticeTexts(f)
}

// Validate checks every rule of the record format and returns an EINVALID
// *Error listing each problem with its field path, or nil.
func (m *Meeting) Validate() error {
	if ps := m.listProblems(); len(ps) > 0 {
		return Invalid(ps) // checking each of a million entries would take long
	}
	var ps []Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, Problem{Field: field, Reason: M(key, args...)})
	}
	for _, f := range m.texts() {
		if why := CheckText(*f.ptr, f.max); !why.IsZero() {
			ps = append(ps, Problem{Field: f.path(), Reason: why})
		}
	}
	if m.Organization == "" {
		add("organization", "field.required")
	}
	if m.Header != HeaderParty && m.Header != HeaderState && m.Header != "" {
		add("header", "header.value", m.Header)
	}
	if m.Title == "" {
		add("title", "field.required")
	}
	if m.Date.IsZero() {
		add("date", "field.required")
	}
	if m.StartTime != nil && m.EndTime != nil && m.EndTime.Minutes() < m.StartTime.Minutes() {
		add("end_time", "time.end_before_start", m.EndTime, m.StartTime)
	}
	if len(m.Chairs) == 0 {
		add("chairs", "chairs.required")
	}
	for i, c := range m.Chairs {
		if c.Name == "" {
			add(fmt.Sprintf("chairs[%d].name", i+1), "field.required")
		}
	}
	if m.Secretary != nil && m.Secretary.Name == "" {
		add("secretary.name", "field.required")
	}
	a := m.Attendance
	if a.Present < 0 {
		add("attendance.present", "number.negative", a.Present)
	} else if a.Present > MaxDelegates {
		add("attendance.present", "number.too_big", Number(a.Present), Number(MaxDelegates))
	}
	if a.Invited < 0 {
		add("attendance.invited", "number.negative", a.Invited)
	} else if a.Invited > MaxDelegates {
		add("attendance.invited", "number.too_big", Number(a.Invited), Number(MaxDelegates))
	} else if a.Invited > 0 && a.Invited < a.Present && !a.AtLeast {
		add("attendance.invited", "attendance.invited_lt_present", a.Invited, a.Present)
	}
	for i, ab := range a.Absent {
		if ab.Name == "" {
			add(fmt.Sprintf("attendance.absent[%d].name", i+1), "field.required")
		}
	}
	for i, it := range m.Agenda {
		if it.Title == "" {
			add(fmt.Sprintf("agenda[%d].title", i+1), "field.required")
		}
	}
	for i, c := range m.Comments {
		if c.Content == "" {
			add(fmt.Sprintf("comments[%d].content", i+1), "field.required")
		}
	}
	if m.CommentCount < 0 {
		add("comment_count", "number.negative", m.CommentCount)
	} else if m.CommentCount > MaxTurns {
		add("comment_count", "number.too_big", Number(m.CommentCount), Number(MaxTurns))
	} else if m.CommentCount > 0 && m.CommentCount < len(m.Comments) {
		add("comment_count", "comment_count.lt_listed", m.CommentCount, len(m.Comments))
	}
	for i, c := range m.Conclusions {
		if c.Content == "" {
			add(fmt.Sprintf("conclusions[%d].content", i+1), "field.required")
		}
	}
	for i, r := range m.Recipients {
		if r == "" {
			add(fmt.Sprintf("recipients[%d]", i+1), "field.required")
		}
	}
	ps = append(ps, m.noticeProblems()...)
	return Invalid(ps)
}

// listProblems reports each list of m longer than its bound.
func (m *Meeting) listProblems() []Problem {
	var ps []Problem
	for _, l := range []struct {
		field  string
		n, max int
	}{
		{"chairs", len(m.Chairs), MaxChairs},
		{"attendance.absent", len(m.Attendance.Absent), MaxItems},
		{"agenda", len(m.Agenda), MaxItems},
		{"comments", len(m.Comments), MaxItems},
		{"conclusions", len(m.Conclusions), MaxItems},
		{"recipients", len(m.Recipients), MaxItems},
	} {
		if l.n > l.max {
			ps = append(ps, Problem{Field: l.field, Reason: ListTooLong(l.n, l.max)})
		}
	}
	return ps
}

// ListTooLong is the reason a list of n entries, more than max, is refused.
func ListTooLong(n, max int) Msg { return M("list.too_long", Number(n), Number(max)) }

// TooBig is the reason a count n, more than max, is refused.
func TooBig(n, max int) Msg { return M("number.too_big", Number(n), Number(max)) }

// SearchText is the diacritic-folded text that --search looks in.
func (m *Meeting) SearchText() string {
	b := make([]byte, 0, 512)
	add := func(s string) {
		if s != "" {
			b = append(b, Fold(s)...)
			b = append(b, '\n')
		}
	}
	add(m.Organization)
	add(m.ParentOrganization)
	add(m.Number)
	add(m.Title)
	add(m.Place)
	add(m.Location)
	for _, c := range m.Chairs {
		add(c.Name)
		add(c.Title)
	}
	if m.Secretary != nil {
		add(m.Secretary.Name)
	}
	for _, it := range m.Agenda {
		add(it.Title)
		add(it.Presenter)
	}
	for _, c := range m.Comments {
		add(c.Speaker)
	}
	for _, c := range m.Conclusions {
		add(c.Owner)
	}
	if m.Notice != nil {
		add(m.Notice.Number)
	}
	return string(b)
}

// Filter selects meetings. Zero fields do not filter.
type Filter struct {
	ID     int64
	From   Date // inclusive
	To     Date // inclusive
	Org    string
	Search string
	Status string
	Limit  int
	Offset int
	Newest bool // newest first: by date then ID, descending
	Brief  bool // load the chairs only, not the other parts (for tables)
}

// Actions recorded in a meeting's history.
const (
	ActionCreated   = "created"
	ActionEdited    = "edited"
	ActionFinalized = "finalized"
	ActionAmended   = "amended"
	ActionDeleted   = "deleted"
	ActionRestored  = "restored"
)

// Change is one entry of a meeting's history.
type Change struct {
	MeetingID int64
	Version   int
	Action    string // created, edited, finalized, amended, deleted, restored
	At        time.Time
	DBUser    string
	OSUser    string
	Fields    []string
	Reason    string
	Snapshot  *Meeting // the record after the change; nil when not kept
	// Hash seals the version this entry made or restored (finalized,
	// amended, restored): SHA-256 over the entry, the record after it and
	// the seal of the version before (record.Seal). Empty on other entries
	// and on those written before seals existed (migration 006).
	Hash string
}

// Sealing reports whether entries of action seal a version: those that
// make one of finalized minutes. A restored entry repeats the seal of the
// version it restores; follow-up of tasks changes no content.
func Sealing(action string) bool {
	return action == ActionFinalized || action == ActionAmended
}

// Archive is a meeting as a backup keeps it: the record with its status,
// version and timestamps, the identity that survives a restore, and its
// whole history with a snapshot after each change, and the follow-up of
// its conclusions as tasks.
type Archive struct {
	UID     string
	Meeting *Meeting
	History []Change
	// Tasks holds the follow-up of the conclusions that have any (not open,
	// or with a reason, a status change or notes), by Pos, which names the
	// conclusion; a conclusion not listed is an open task without notes.
	Tasks []Task
}

// Store keeps meetings. Every method is one transaction.
type Store interface {
	// CreateMeetings stores all of ms or none; it sets ID, Status and Version
	// on each. EINVALID when one does not validate.
	CreateMeetings(ctx context.Context, ms []*Meeting) error

	// FindMeetingByID returns a meeting with all its parts. ENOTFOUND.
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)

	// FindMeetings returns the meetings that match f, by date then ID
	// (descending when f.Newest), with all their parts.
	FindMeetings(ctx context.Context, f Filter) ([]*Meeting, error)

	// UpdateMeeting replaces the content of a draft, provided it is still at
	// m.Version; it then bumps m.Version. ENOTFOUND, EINVALID, ECONFLICT when
	// finalized or changed meanwhile.
	UpdateMeeting(ctx context.Context, m *Meeting) error

	// DeleteMeeting removes a draft at the given version. ENOTFOUND, ECONFLICT.
	DeleteMeeting(ctx context.Context, id int64, version int) error

	// Finalize approves a draft that is still at version (0 skips the
	// check): it records who and when, bumps the version, and from then on
	// the minutes change only through Amend. ENOTFOUND, ECONFLICT when
	// already finalized or changed meanwhile.
	Finalize(ctx context.Context, id int64, version int) error

	// Amend saves m as a new version of finalized minutes, provided they are
	// still at m.Version, keeping the reason and the fields changed; it then
	// bumps m.Version. ENOTFOUND, EINVALID when m breaks a rule or the reason
	// is empty, ECONFLICT when the minutes are a draft or changed meanwhile.
	Amend(ctx context.Context, m *Meeting, reason string) error

	// History lists every change of a meeting, oldest first, also after
	// the meeting was deleted. ENOTFOUND when there is none.
	History(ctx context.Context, id int64) ([]Change, error)

	// FindMeetingVersion returns a meeting exactly as it was at version,
	// also after the meeting was deleted. ENOTFOUND.
	FindMeetingVersion(ctx context.Context, id int64, version int) (*Meeting, error)

	// Backup returns every stored meeting with its identity and history,
	// by date then ID, for a backup that Restore reads back.
	Backup(ctx context.Context) ([]*Archive, error)

	// Restore stores archived meetings as they were: status, version,
	// timestamps and history, plus a "restored" entry; into an empty
	// database under the numbers they carry. A meeting whose UID is
	// already stored is skipped, so restoring twice changes nothing. All or
	// nothing. EINVALID.
	Restore(ctx context.Context, as []*Archive) (restored, skipped int, err error)

	Close() error
}
