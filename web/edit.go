package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Entering, editing and amending a meeting. Every post of the form first
// keeps what was typed as a draft in the database, then redirects: to the
// meeting once it is saved, or back to the form with the draft, which shows
// the problems (check=1), the meeting saved meanwhile by someone else
// (conflict=1), or the rows added, removed or moved (without JavaScript the
// row buttons post the form). With JavaScript the form also keeps the draft
// as it is typed (static/app.js). Nothing typed is lost on the way.

// formPage is the data of the form template.
type formPage struct {
	P        *minutes.Printer
	Kind     string // minutes.DraftNew, DraftEdit, DraftAmend
	Action   string
	Meeting  *minutes.Meeting // the stored meeting, when editing or amending
	Version  int              // the version the typing started from
	DraftID  string
	SavedAt  time.Time // when the draft was last kept
	V        url.Values
	Errors   *fieldErrors
	Offers   []draftOffer
	Conflict *conflictView
}

// draftOffer is a draft waiting to be continued.
type draftOffer struct {
	ID      string
	Title   string
	SavedAt time.Time
	URL     string
}

// conflictView shows what someone else saved since the version the typing
// started from.
type conflictView struct {
	Base, Current int
	Changes       []minutes.Change
	Fields        []fieldDiff
}

type fieldDiff struct {
	Label, Before, After string
}

// Val is what was typed in input name.
func (f *formPage) Val(name string) string { return f.V.Get(name) }

// Checked reports a ticked checkbox.
func (f *formPage) Checked(name string) bool { return f.V.Get(name) != "" }

// Err is the problem of input name, in words.
func (f *formPage) Err(name string) string {
	if f.Errors == nil {
		return ""
	}
	return f.Errors.By[name]
}

// Label is the label of input name.
func (f *formPage) Label(name string) string { return f.P.T("web.field." + name) }

// sectionView is one repeating section as the template draws it.
type sectionView struct {
	Name, ID, Title, Help, Add, Err string
	Rows                            []rowView
	Template                        rowView // an empty row for scripts to copy
}

type rowView struct {
	Index, Number        int
	Section              string
	Label, Up, Down, Del string
	Cells                []cellView
}

// cellView is one input with its label, hint and problem.
type cellView struct {
	Name, ID, Label, Value, Err string
	Hint, Described, Mode       string
	Long, Date, Required, Wide  bool
	Rows                        int
}

// required are the inputs a record cannot do without, marked on the form.
var required = map[string]bool{
	"organization": true, "title": true, "date": true, "attendance.present": true, "reason": true,
	"chairs.name": true, "attendance.absent.name": true, "agenda.title": true, "comments.content": true,
	"conclusions.content": true, "recipients.": true,
}

// long are the scalar inputs that take paragraphs.
var long = map[string]int{"title": 2, "attendance.composition": 3, "summary": 10, "reason": 3}

func (f *formPage) cell(name, label, value, kind string) cellView {
	c := cellView{Name: name, ID: fieldID(name), Label: label, Value: value, Err: f.Err(name), Required: required[kind]}
	if f.P.Has("web.hint." + kind) {
		c.Hint = f.P.T("web.hint." + kind)
	}
	if rows, ok := long[kind]; ok {
		c.Long, c.Rows, c.Wide = true, rows, true
	}
	var d []string
	if c.Hint != "" {
		d = append(d, c.ID+"-hint")
	}
	if c.Err != "" {
		d = append(d, c.ID+"-err")
	}
	c.Described = strings.Join(d, " ")
	switch kind {
	case "attendance.present", "attendance.invited", "comment_count":
		c.Mode = "numeric"
	}
	return c
}

// Field is the view of scalar input name.
func (f *formPage) Field(name string) cellView {
	return f.cell(name, f.Label(name), f.Val(name), name)
}

// Section is the view of section name.
func (f *formPage) Section(name string) sectionView {
	sec, _ := sectionNamed(name)
	rs := rows(f.V, sec)
	sv := sectionView{Name: name, ID: "sec-" + fieldID(name), Title: f.P.T("web.sec." + name),
		Help: f.P.T("web.help." + name), Add: f.P.T("web.add." + name), Err: f.Err(name)}
	row := func(i int, values []string) rowView {
		rv := rowView{Index: i, Number: i + 1, Section: name, Label: f.P.T("web.row." + name),
			Up: f.P.T("web.row_up"), Down: f.P.T("web.row_down"), Del: f.P.T("web.row_del")}
		for j, c := range sec.Cols {
			n := inputName(name, i, c.Key)
			cv := f.cell(n, f.P.T("web.col."+name+"."+c.Key), values[j], name+"."+c.Key)
			if c.Long {
				cv.Long, cv.Rows, cv.Wide = true, 3, true
			}
			rv.Cells = append(rv.Cells, cv)
		}
		return rv
	}
	for i, r := range rs {
		sv.Rows = append(sv.Rows, row(i, r))
	}
	sv.Template = row(999, make([]string, len(sec.Cols)))
	return sv
}

func (s *Server) newForm(w http.ResponseWriter, r *http.Request) {
	if err := minutes.Require(r.Context(), minutes.PermRecord); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.showForm(w, r, minutes.DraftNew, nil)
}

func (s *Server) editForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, err := s.app.ForEdit(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.showForm(w, r, minutes.DraftEdit, m)
}

func (s *Server) amendForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, err := s.app.ForAmend(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.showForm(w, r, minutes.DraftAmend, m)
}

func formAction(kind string, m *minutes.Meeting) string {
	if kind == minutes.DraftNew {
		return "/meetings"
	}
	return "/meetings/" + strconv.FormatInt(m.ID, 10) + "/" + kind
}

// showForm draws the form of kind: from the draft the query names, else
// from the stored meeting (or the office defaults for a new one), offering
// the drafts left unfinished.
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, kind string, m *minutes.Meeting) {
	ctx := r.Context()
	p := s.printer(r)
	f := &formPage{P: p, Kind: kind, Action: formAction(kind, m), Meeting: m}
	var meetingID int64
	if m != nil {
		meetingID, f.Version = m.ID, m.Version
	}
	q := r.URL.Query()
	if id := q.Get("draft"); id != "" {
		d, err := s.app.Draft(ctx, id)
		if err == nil && (d.Kind != kind || d.MeetingID != meetingID) {
			err = minutes.Errorm(minutes.ENOTFOUND, "draft.not_found")
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if f.V, err = url.ParseQuery(d.Data); err != nil {
			f.V = url.Values{}
		}
		f.DraftID, f.Version, f.SavedAt = d.ID, d.Version, d.UpdatedAt
	} else {
		if m != nil {
			f.V = formOf(m)
		} else {
			def, err := s.app.Defaults(ctx)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			f.V = blankForm(def)
		}
		ds, err := s.app.Drafts(ctx, kind, meetingID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, d := range ds {
			v, _ := url.ParseQuery(d.Data)
			u := r.URL.Path + "?draft=" + d.ID
			f.Offers = append(f.Offers, draftOffer{ID: d.ID, Title: v.Get("title"), SavedAt: d.UpdatedAt, URL: u})
		}
	}
	status := http.StatusOK
	if q.Get("check") != "" {
		if ps := s.check(f.V, kind, meetingID, p); len(ps) > 0 {
			f.Errors = newFieldErrors(ps, p)
			status = http.StatusUnprocessableEntity
		}
	}
	if q.Get("conflict") != "" && m != nil && f.Version != 0 && f.Version < m.Version {
		cv, err := s.conflict(r, m, f.Version, p)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		f.Conflict = cv
		status = http.StatusConflict
	}
	title := p.T("web.title.new")
	if m != nil {
		title = p.T("web.title."+kind, m.ID)
	}
	s.render(w, r, status, "form", title, f)
}

// check lists the problems of what was typed, as saving would find them.
func (s *Server) check(v url.Values, kind string, id int64, p *minutes.Printer) []minutes.Problem {
	_, ps := formRecord(v, p)
	if kind == minutes.DraftAmend {
		if _, err := minutes.CleanReason(id, v.Get("reason")); err != nil {
			ps = append(ps, minutes.Problem{Field: "reason", Reason: minutes.ReasonOf(err)})
		}
	}
	return ps
}

// conflict describes what changed between version base, where the typing
// started, and the stored meeting m.
func (s *Server) conflict(r *http.Request, m *minutes.Meeting, base int, p *minutes.Printer) (*conflictView, error) {
	cv := &conflictView{Base: base, Current: m.Version}
	hist, err := s.app.History(r.Context(), m.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range hist {
		if c.Version > base {
			cv.Changes = append(cv.Changes, c)
		}
	}
	old, err := s.app.MeetingVersion(r.Context(), m.ID, base)
	if err != nil {
		return cv, nil // the old version is not kept: show who changed it
	}
	before, after := wireMap(old.Meeting), wireMap(m)
	for _, k := range minutes.ChangedFields(old.Meeting, m) {
		label := p.T("web.field." + k)
		if _, ok := sectionNamed(k); ok {
			label = p.T("web.sec." + k)
		}
		cv.Fields = append(cv.Fields, fieldDiff{Label: label, Before: valueText(before[k]), After: valueText(after[k])})
	}
	return cv, nil
}

func wireMap(m *minutes.Meeting) map[string]any {
	b, _ := json.Marshal(record.ToWire(m, false))
	out := map[string]any{}
	_ = json.Unmarshal(b, &out)
	return out
}

// valueText writes one field's value for reading: text as it is, the rest
// as the record format writes it.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	var b strings.Builder
	_ = record.EncodeYAML(&b, v)
	return strings.TrimSpace(b.String())
}

// lineBreaks turns the CRLF line breaks that browsers send for every
// textarea (as HTML requires) into the LF of the record format, where a
// carriage return is a control character that the rules refuse.
func lineBreaks(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// controls are the form's inputs that are not the record's.
var controls = []string{"op", "draft", "version", "rebase", "kind", "meeting"}

// posted reads the form posted, and what it asks: a row operation, to
// discard the draft, or to save.
func posted(r *http.Request) (v url.Values, op, draftID string, version int, err error) {
	if err = r.ParseForm(); err != nil {
		return nil, "", "", 0, err
	}
	v = url.Values{}
	for k, vs := range r.PostForm {
		for _, x := range vs {
			v.Add(k, lineBreaks(x))
		}
	}
	op, draftID = v.Get("op"), v.Get("draft")
	version, err = formInt(v.Get("version"), "version")
	if rb := v.Get("rebase"); rb != "" && err == nil {
		version, err = formInt(rb, "rebase")
	}
	for _, k := range controls {
		delete(v, k)
	}
	return v, op, draftID, version, err
}

func (s *Server) postNew(w http.ResponseWriter, r *http.Request) {
	s.postForm(w, r, minutes.DraftNew, 0)
}

func (s *Server) postEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.postForm(w, r, minutes.DraftEdit, id)
}

func (s *Server) postAmend(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.postForm(w, r, minutes.DraftAmend, id)
}

// postForm keeps what was posted as a draft, then does what it asks.
func (s *Server) postForm(w http.ResponseWriter, r *http.Request, kind string, id int64) {
	ctx := r.Context()
	p := s.printer(r)
	v, op, draftID, version, err := posted(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	formURL := "/meetings/new"
	if kind != minutes.DraftNew {
		formURL = "/meetings/" + strconv.FormatInt(id, 10) + "/" + kind
	}
	if op == "discard" {
		if err := s.app.DiscardDraft(ctx, draftID); err != nil {
			s.pageError(w, r, err)
			return
		}
		back := "/meetings"
		if id != 0 {
			back = "/meetings/" + strconv.FormatInt(id, 10)
		}
		http.Redirect(w, r, withDone(back, "discarded"), http.StatusSeeOther)
		return
	}
	anchor := ""
	if op != "" {
		sec, ok := applyRowOp(v, op)
		if !ok {
			s.pageError(w, r, minutes.Errorm(minutes.EUSAGE, "web.bad_op", op))
			return
		}
		anchor = "#sec-" + fieldID(sec)
	}
	d := &minutes.Draft{ID: draftID, Kind: kind, MeetingID: id, Version: version, Data: v.Encode()}
	if err := s.app.SaveDraft(ctx, d); err != nil {
		s.pageError(w, r, err)
		return
	}
	again := formURL + "?draft=" + d.ID
	if op != "" {
		http.Redirect(w, r, again+anchor, http.StatusSeeOther)
		return
	}
	m, ps := formRecord(v, p)
	if len(ps) > 0 {
		http.Redirect(w, r, again+"&check=1#errors", http.StatusSeeOther)
		return
	}
	done := "saved"
	switch kind {
	case minutes.DraftNew:
		err, done = s.app.Record(ctx, m), "created"
	case minutes.DraftEdit:
		m.ID, m.Version = id, version
		err = s.app.Update(ctx, m)
	case minutes.DraftAmend:
		m.ID, m.Version = id, version
		err, done = s.app.Amend(ctx, m, v.Get("reason")), "amended"
	}
	switch {
	case minutes.Stale(err):
		http.Redirect(w, r, again+"&conflict=1#conflict", http.StatusSeeOther)
		return
	case minutes.ErrorCode(err) == minutes.EINVALID:
		http.Redirect(w, r, again+"&check=1#errors", http.StatusSeeOther)
		return
	case err != nil:
		s.pageError(w, r, err)
		return
	}
	if err := s.app.DiscardDraft(ctx, d.ID); err != nil {
		s.logf("discard draft %s after saving meeting %d: %v", d.ID, m.ID, err)
	}
	http.Redirect(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// autosave keeps the form as it is typed (POST /drafts from app.js) and
// answers the draft's ID and when it was kept.
func (s *Server) autosave(w http.ResponseWriter, r *http.Request) {
	v, _, draftID, version, err := posted(r)
	var id int64
	if err == nil {
		var n int
		n, err = formInt(r.PostForm.Get("meeting"), "meeting")
		id = int64(n)
	}
	d := &minutes.Draft{ID: draftID, Kind: r.PostForm.Get("kind"), MeetingID: id, Version: version, Data: v.Encode()}
	if err == nil {
		err = s.app.SaveDraft(r.Context(), d)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p := s.printer(r)
	writeJSON(w, http.StatusOK, map[string]string{"id": d.ID, "saved": p.T("web.draft_saved_at", stampText(d.UpdatedAt))})
}

// discardDraft gives up a draft offered on a form.
func (s *Server) discardDraft(w http.ResponseWriter, r *http.Request) {
	if err := s.app.DiscardDraft(r.Context(), r.PathValue("id")); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, withDone(localPath(r.PostFormValue("back"), "/meetings"), "discarded"), http.StatusSeeOther)
}
