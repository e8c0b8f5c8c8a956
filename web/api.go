package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// The JSON API: the operations of the command line for other systems, with
// the JSON of list -o json and show -o json, the version of a meeting as its
// ETag, and errors as statuses (statusOf) with a body saying why.

// apiErrorBody is the body of every API error. Problems list, for a record
// that breaks rules (422), each field path with its line and reason.
type apiErrorBody struct {
	Code     string        `json:"code"`
	Message  string        `json:"message"`
	Problems []problemView `json:"problems,omitempty"`
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %+v", r.Method, r.URL.Path, err)
	}
	p := s.printer(r)
	code := minutes.ErrorCode(err)
	switch {
	case status == http.StatusPreconditionFailed:
		code = "stale"
	case status == http.StatusRequestEntityTooLarge:
		code = "too_big"
	}
	writeJSON(w, status, apiErrorBody{Code: code, Message: strings.Join(errorLines(p, err), "\n"), Problems: problemViews(p, err)})
}

// listQuery reads the filters of list from a query string; the same names
// as the flags, and q for search as the page's search box sends it.
func listQuery(r *http.Request) (app.ListQuery, error) {
	q := r.URL.Query()
	lq := app.ListQuery{
		Quarter: strings.TrimSpace(q.Get("quarter")), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Org: q.Get("org"), Search: q.Get("search"), Status: q.Get("status"),
	}
	if lq.Search == "" {
		lq.Search = q.Get("q")
	}
	var err error
	if lq.Year, err = formInt(q.Get("year"), "year"); err != nil {
		return lq, err
	}
	if lq.Limit, err = formInt(q.Get("limit"), "limit"); err != nil {
		return lq, err
	}
	if lq.Offset, err = formInt(q.Get("offset"), "offset"); err != nil {
		return lq, err
	}
	switch q.Get("sort") {
	case "", "oldest", "date":
	case "newest":
		lq.Newest = true
	default:
		return lq, minutes.Errorm(minutes.EUSAGE, "web.bad_sort", q.Get("sort"))
	}
	return lq, nil
}

// apiList answers GET /api/meetings: the meetings the filters of list
// select, as list -o json prints them.
func (s *Server) apiList(w http.ResponseWriter, r *http.Request) {
	lq, err := listQuery(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	fl, err := lq.Filter()
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ms, err := s.app.Meetings(r.Context(), fl)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, record.MeetingViews(ms))
}

// etag is the ETag of a meeting at version: the version itself.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatch reads the version an If-Match header names ("3", 3 or W/"3"); 0
// and no error when there is none.
func ifMatch(r *http.Request) (int, bool, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, false, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, true, minutes.Errorm(minutes.EUSAGE, "web.bad_if_match", h)
	}
	return n, true, nil
}

func writeMeeting(w http.ResponseWriter, status int, m *minutes.Meeting) {
	w.Header().Set("ETag", etag(m.Version))
	writeJSON(w, status, record.ViewOf(m))
}

// apiShow answers GET /api/meetings/{id}: the meeting as show -o json
// prints it, with its version as the ETag; ?version=N for an earlier one.
func (s *Server) apiShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	version, err := formInt(r.URL.Query().Get("version"), "version")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	v, err := s.app.MeetingVersion(r.Context(), id, version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if version == 0 && r.Header.Get("If-None-Match") == etag(v.Meeting.Version) {
		w.Header().Set("ETag", etag(v.Meeting.Version))
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeMeeting(w, http.StatusOK, v.Meeting)
}

// requestRecord reads the one meeting of a request body, YAML or JSON, by
// the rules of files: the problems of a record that breaks them, located.
func requestRecord(r *http.Request, p *minutes.Printer) (*minutes.Meeting, error) {
	name := p.T("web.request_body")
	b, err := record.ReaderSource(name, r.Body).Read()
	if err != nil {
		return nil, err
	}
	docs, err := record.Meetings(name, b)
	if err != nil {
		return nil, err
	}
	if len(docs) > 1 {
		return nil, minutes.Errorm(minutes.EINVALID, "web.one_meeting", len(docs))
	}
	return docs[0].Meeting, nil
}

// apiCreate answers POST /api/meetings: 201 with the new meeting's ID.
func (s *Server) apiCreate(w http.ResponseWriter, r *http.Request) {
	m, err := requestRecord(r, s.printer(r))
	if err == nil {
		err = s.app.Record(r.Context(), m)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/meetings/"+strconv.FormatInt(m.ID, 10))
	w.Header().Set("ETag", etag(m.Version))
	writeJSON(w, http.StatusCreated, map[string]any{"id": m.ID, "version": m.Version, "status": m.Status})
}

// apiUpdate answers PUT /api/meetings/{id}: new content for a draft, from
// the version If-Match names (required: 428 without it, 412 when someone
// saved meanwhile).
func (s *Server) apiUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	version, given, err := ifMatch(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if !given {
		writeJSON(w, http.StatusPreconditionRequired, apiErrorBody{Code: "precondition_required", Message: s.printer(r).T("web.need_if_match")})
		return
	}
	m, err := requestRecord(r, s.printer(r))
	if err == nil {
		m.ID, m.Version = id, version
		err = s.app.Update(r.Context(), m)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeMeeting(w, http.StatusOK, m)
}

// apiDelete answers DELETE /api/meetings/{id}: drafts only (409 for
// finalized minutes); If-Match, when given, must name the current version.
func (s *Server) apiDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	version, _, err := ifMatch(r)
	if err == nil {
		err = s.app.Delete(r.Context(), id, version)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiFinalize answers POST /api/meetings/{id}/finalize: the approved
// minutes; If-Match, when given, must name the version that was read.
func (s *Server) apiFinalize(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	version, _, err := ifMatch(r)
	if err == nil {
		err = s.app.Finalize(r.Context(), id, version)
	}
	var m *minutes.Meeting
	if err == nil {
		m, err = s.app.Meeting(r.Context(), id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeMeeting(w, http.StatusOK, m)
}

// apiHistory answers GET /api/meetings/{id}/history as history -o json.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, err := s.app.History(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, record.ChangeViews(cs))
}
