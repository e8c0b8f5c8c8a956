package web

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
)

// withDone adds the flash a redirect asks the next page to show.
func withDone(path, done string) string {
	if strings.Contains(path, "?") {
		return path + "&done=" + done
	}
	return path + "?done=" + done
}

// listPage is the data of the list of meetings.
type listPage struct {
	Q      url.Values
	Rows   []listRow
	Labels map[string]string // the columns' names, which a phone shows in each row
	Offset int
	Prev   string // the previous page's URL, "" on the first
	Next   string // the next page's URL, "" on the last
	Err    []string
}

// listRow is one meeting of the list, in words.
type listRow struct {
	ID                                                            int64
	Date, Title, Number, Org, Chairs, Present, Status, StatusText string
}

// Get is the value of one filter as typed.
func (l *listPage) Get(k string) string { return l.Q.Get(k) }

func (s *Server) listPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lp := &listPage{Q: q}
	if q.Get("sort") == "" {
		q.Set("sort", "newest") // a secretary looks for the latest first
	}
	lq, err := listQuery(r)
	var fl minutes.Filter
	if err == nil {
		lq.Newest = q.Get("sort") != "oldest"
		fl, err = lq.Filter()
	}
	if err != nil {
		lp.Err = errorLines(s.printer(r), err)
		s.render(w, r, statusOf(err), "list", "", lp)
		return
	}
	fl.Limit, fl.Brief = pageSize, true
	page, err := s.app.MeetingsPage(r.Context(), fl)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &view{P: s.printer(r)}
	lp.Offset = fl.Offset
	lp.Labels = map[string]string{}
	for _, c := range []string{"date", "title", "org", "chairs", "present", "status"} {
		lp.Labels[c] = v.T("web.list.col." + c)
	}
	// The words of each row are put together here, once: a page of 50
	// rows through template calls cost twice as much.
	for _, m := range page.Meetings {
		lp.Rows = append(lp.Rows, listRow{ID: m.ID, Date: dateText(m.Date), Title: m.Title, Number: m.Number,
			Org: m.Organization, Chairs: v.Chairs(m), Present: v.Present(m.Attendance), Status: m.Status, StatusText: v.Status(m.Status)})
	}
	link := func(offset int) string {
		u := url.Values{}
		for k, vs := range q {
			if k != "offset" && len(vs) > 0 && vs[0] != "" {
				u.Set(k, vs[0])
			}
		}
		if offset > 0 {
			u.Set("offset", strconv.Itoa(offset))
		}
		return "/meetings?" + u.Encode()
	}
	if fl.Offset > 0 {
		lp.Prev = link(max(fl.Offset-pageSize, 0))
	}
	if page.More {
		lp.Next = link(fl.Offset + pageSize)
	}
	s.render(w, r, http.StatusOK, "list", "", lp)
}

// meetingPage is the data of a meeting's page.
type meetingPage struct {
	M       *minutes.Meeting
	Current int // the current version; 0 when the meeting was deleted
	Old     bool
	Tasks   []minutes.Task
	Today   minutes.Date
	Drafts  []minutes.Draft
}

func (mp *meetingPage) IDText() string { return strconv.FormatInt(mp.M.ID, 10) }

// PDF is the address of the page's PDF.
func (mp *meetingPage) PDF() string { return mp.file(".pdf") }

// Word is the address of the page's Word document.
func (mp *meetingPage) Word() string { return mp.file(".docx") }

func (mp *meetingPage) file(ext string) string {
	u := "/meetings/" + mp.IDText() + ext
	if mp.Old {
		u += "?version=" + strconv.Itoa(mp.M.Version)
	}
	return u
}

// meetingFile answers /meetings/{id} (the page), /meetings/{id}.pdf and
// /meetings/{id}.docx.
func (s *Server) meetingFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, pdf := strings.CutSuffix(file, ".pdf")
	name, word := strings.CutSuffix(name, ".docx")
	r.SetPathValue("id", name)
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	version, err := formInt(r.URL.Query().Get("version"), "version")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.app.MeetingVersion(r.Context(), id, version)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if pdf {
		s.minutesPDF(w, r, v.Meeting, version)
		return
	}
	if word {
		s.minutesWord(w, r, v.Meeting, version)
		return
	}
	mp := &meetingPage{M: v.Meeting, Current: v.Current, Old: version != 0 && version != v.Current, Today: s.app.Today()}
	if !mp.Old && len(v.Meeting.Conclusions) > 0 {
		if mp.Tasks, err = s.app.Tasks(r.Context(), minutes.TaskFilter{MeetingID: id}); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if !mp.Old {
		kind := minutes.DraftEdit
		if v.Meeting.Status == minutes.StatusFinalized {
			kind = minutes.DraftAmend
		}
		if mp.Drafts, err = s.app.Drafts(r.Context(), kind, id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "meeting", v.Meeting.Title, mp)
}

// minutesPDF sends the minutes PDF, shown in the browser; ?download=1 saves
// it instead.
func (s *Server) minutesPDF(w http.ResponseWriter, r *http.Request, m *minutes.Meeting, version int) {
	doc, err := app.MinutesPDF(m)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := fmt.Sprintf("bien-ban-%d.pdf", m.ID)
	if version != 0 {
		name = fmt.Sprintf("bien-ban-%d-v%d.pdf", m.ID, version)
	}
	sendPDF(w, r, name, doc.Data)
}

// minutesWord sends the minutes as a Word document, styled after the
// office's reference document when one is set.
func (s *Server) minutesWord(w http.ResponseWriter, r *http.Request, m *minutes.Meeting, version int) {
	ref, err := s.app.Reference(r.Context(), "")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	doc, err := app.MinutesDocx(m, ref)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := fmt.Sprintf("bien-ban-%d.docx", m.ID)
	if version != 0 {
		name = fmt.Sprintf("bien-ban-%d-v%d.docx", m.ID, version)
	}
	sendWord(w, name, doc.Data)
}

// sendWord sends a Word document to be saved: browsers do not show them.
func sendWord(w http.ResponseWriter, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}

func sendPDF(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	disp := "inline"
	if r.URL.Query().Get("download") != "" {
		disp = "attachment"
	}
	h := w.Header()
	// The browser's own PDF viewer shows it: it is no page of ours, so it
	// gets no script policy, but it may still not be framed.
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", disp+`; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}

// historyPage lists every change of a meeting.
func (s *Server) historyPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cs, err := s.app.History(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "history", p.T("web.title.history", id), struct {
		ID      int64
		Changes []minutes.Change
	}{id, cs})
}

// confirmPage asks before finalizing or deleting, so that a click on the
// meeting's page never approves or deletes by mistake.
func (s *Server) confirmPage(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		perm := minutes.PermRecord
		if action == "finalize" {
			perm = minutes.PermFinalize
		}
		if err := minutes.Require(r.Context(), perm); err != nil {
			s.pageError(w, r, err)
			return
		}
		m, err := s.app.Meeting(r.Context(), id)
		if err == nil && action == "finalize" {
			err = m.CheckFinalize(0)
		}
		if err == nil && action == "delete" {
			err = m.CheckDelete(0)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		// Minutes without a number are offered the register's next one,
		// which the secretary may change; none when the body's
		// abbreviation is not known.
		var number string
		if action == "finalize" && m.Number == "" {
			if n, err := s.app.ProposeNumber(r.Context(), m.Organization, m.Header, minutes.TypeMinutes, m.Date); err == nil {
				number = n.String()
			}
		}
		p := s.printer(r)
		s.render(w, r, http.StatusOK, "confirm", p.T("web.title."+action, id), struct {
			Action string
			M      *minutes.Meeting
			Number string
		}{action, m, number})
	}
}

func (s *Server) postFinalize(w http.ResponseWriter, r *http.Request) {
	id, version, err := idAndVersion(r)
	if err == nil {
		// A number typed (or the proposal kept) is taken in the same
		// transaction as the approval; an emptied field approves without.
		if n := minutes.Clean(r.PostFormValue("number")); n != "" {
			err = s.app.FinalizeNumbered(r.Context(), id, version, minutes.NumberRequest{Number: n})
		} else {
			err = s.app.Finalize(r.Context(), id, version)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/meetings/%d?done=finalized", id), http.StatusSeeOther)
}

func (s *Server) postDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := idAndVersion(r)
	if err == nil {
		err = s.app.Delete(r.Context(), id, version)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/meetings?done=deleted", http.StatusSeeOther)
}

// idAndVersion reads the meeting of the path and the version its page
// showed, which an approval or a deletion must still find.
func idAndVersion(r *http.Request) (int64, int, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, 0, err
	}
	version, err := formInt(r.PostFormValue("version"), "version")
	return id, version, err
}

// tasksPage is the data of the follow-up of conclusions.
type tasksPage struct {
	Q     url.Values
	Tasks []minutes.Task
	Today minutes.Date
	Err   []string
	Back  string
}

func (t *tasksPage) Get(k string) string { return t.Q.Get(k) }

func (s *Server) tasksPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	today := s.app.Today()
	tp := &tasksPage{Q: q, Today: today, Back: r.URL.RequestURI()}
	tq := app.TaskQuery{Owner: q.Get("owner"), Status: q.Get("status"), DueBefore: strings.TrimSpace(q.Get("due_before")),
		Org: q.Get("org"), Quarter: strings.TrimSpace(q.Get("quarter")), Overdue: q.Get("overdue") != ""}
	fl, err := tq.Filter(today)
	if err == nil {
		tp.Tasks, err = s.app.Tasks(r.Context(), fl)
	}
	if err != nil {
		if statusOf(err) == http.StatusInternalServerError {
			s.pageError(w, r, err)
			return
		}
		tp.Err = errorLines(s.printer(r), err)
		s.render(w, r, statusOf(err), "tasks", "", tp)
		return
	}
	minutes.OverdueFirst(tp.Tasks, today)
	s.render(w, r, http.StatusOK, "tasks", "", tp)
}

// postTask records the follow-up of a task: done, drop, reopen or note.
func (s *Server) postTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	text := lineBreaks(r.PostFormValue("text"))
	switch r.PathValue("action") {
	case "done":
		var on minutes.Date
		if d := strings.TrimSpace(r.PostFormValue("on")); d != "" {
			if on, err = minutes.ParseDate(d); err != nil {
				err = minutes.Errorm(minutes.EINVALID, "web.bad_done_on", err)
			}
		}
		if err == nil {
			_, err = s.app.TaskDone(ctx, id, on, text)
		}
	case "drop":
		_, err = s.app.DropTask(ctx, id, text)
	case "reopen":
		_, err = s.app.ReopenTask(ctx, id, text)
	case "note":
		_, err = s.app.AddTaskNote(ctx, id, text)
	default:
		err = minutes.Errorm(minutes.ENOTFOUND, "web.no_page")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, withDone(localPath(r.PostFormValue("back"), "/tasks"), "task")+fmt.Sprintf("#task-%d", id), http.StatusSeeOther)
}

// quarterPage is the data of the quarterly report's page.
type quarterPage struct {
	Quarter minutes.Quarter
	Q       string
	Org     string
	Figures report.QuarterlyFigures
	Chart   chart
	PDF     string
	Word    string
	Prev    string
	Next    string
	Err     []string
}

// chart is the bar chart of meetings and delegates per month, drawn as SVG
// on the page as the PDF draws it.
type chart struct {
	Bars []bar
}

type bar struct {
	Label                  string
	Meetings, Delegates    int
	MX, MY, MH, DX, DY, DH int // geometry of the two bars, in SVG units
	LabelX                 int
}

const chartHeight = 160

func newChart(f report.QuarterlyFigures, p *minutes.Printer) chart {
	maxM, maxD := 1, 1
	for _, m := range f.Months {
		maxM, maxD = max(maxM, m.Meetings), max(maxD, m.Delegates)
	}
	var c chart
	for i, m := range f.Months {
		x := 40 + i*150
		mh := m.Meetings * chartHeight / maxM
		dh := m.Delegates * chartHeight / maxD
		month, _ := strconv.Atoi(m.Month[5:])
		c.Bars = append(c.Bars, bar{
			Label: p.T("web.month", month), Meetings: m.Meetings, Delegates: m.Delegates,
			MX: x, MY: 20 + chartHeight - mh, MH: mh, DX: x + 50, DY: 20 + chartHeight - dh, DH: dh, LabelX: x + 45,
		})
	}
	return c
}

func (s *Server) quarterlyPage(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	q := r.URL.Query()
	qp := &quarterPage{Q: strings.TrimSpace(q.Get("quarter")), Org: q.Get("org")}
	qq := minutes.QuarterOf(s.app.Today())
	var err error
	if qp.Q != "" {
		qq, err = minutes.ParseQuarter(qp.Q)
	}
	if err != nil {
		qp.Err = errorLines(p, err)
		s.render(w, r, http.StatusBadRequest, "quarterly", "", qp)
		return
	}
	in, err := s.app.QuarterlyInput(r.Context(), app.Period{Quarter: qq, Org: qp.Org})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	qp.Quarter, qp.Q = qq, qq.String()
	qp.Figures = report.ComputeFigures(in)
	qp.Chart = newChart(qp.Figures, p)
	org := ""
	if qp.Org != "" {
		org = "?org=" + url.QueryEscape(qp.Org)
	}
	qp.PDF = "/reports/quarterly/" + qq.String() + ".pdf" + org
	qp.Word = "/reports/quarterly/" + qq.String() + ".docx" + org
	link := func(x minutes.Quarter) string {
		u := url.Values{"quarter": {x.String()}}
		if qp.Org != "" {
			u.Set("org", qp.Org)
		}
		return "/reports/quarterly?" + u.Encode()
	}
	qp.Prev, qp.Next = link(qq.Prev()), link(qq.Next())
	s.render(w, r, http.StatusOK, "quarterly", p.T("web.title.quarterly_of", qq.Roman(), qq.Year), qp)
}

// quarterlyPDF answers /reports/quarterly/2021-Q1.pdf?org=…, and .docx
// for the Word document.
func (s *Server) quarterlyPDF(w http.ResponseWriter, r *http.Request) {
	name, pdf := strings.CutSuffix(r.PathValue("file"), ".pdf")
	name, word := strings.CutSuffix(name, ".docx")
	if !pdf && !word {
		s.pageError(w, r, minutes.Errorm(minutes.ENOTFOUND, "web.no_page"))
		return
	}
	qq, err := minutes.ParseQuarter(name)
	if err != nil {
		s.pageError(w, r, minutes.Errorm(minutes.EUSAGE, "web.bad_quarter", err))
		return
	}
	in, err := s.app.QuarterlyInput(r.Context(), app.Period{Quarter: qq, Org: r.URL.Query().Get("org")})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if word {
		ref, err := s.app.Reference(r.Context(), "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		doc, err := app.QuarterlyDocx(in, ref)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		sendWord(w, fmt.Sprintf("bao-cao-quy-%s-%d.docx", qq.Roman(), qq.Year), doc.Data)
		return
	}
	doc, err := app.QuarterlyPDF(in)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sendPDF(w, r, fmt.Sprintf("bao-cao-quy-%s-%d.pdf", qq.Roman(), qq.Year), doc.Data)
}

// importPage is the data of the import page.
type importPage struct {
	Done     *app.Imported
	Files    []string
	Lines    []string
	Problems []problemView
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", "", &importPage{})
}

// postImport stores the meetings of uploaded record files, all or nothing
// (or the valid ones, when asked), with every problem listed by file, line
// and field, as minutes import does.
func (s *Server) postImport(w http.ResponseWriter, r *http.Request) {
	p := s.printer(r)
	ip := &importPage{}
	err := r.ParseMultipartForm(32 << 20)
	var files []*multipart.FileHeader
	if err == nil {
		files = r.MultipartForm.File["files"]
		if len(files) == 0 {
			err = minutes.Errorm(minutes.EINVALID, "web.no_files")
		}
	}
	if err != nil {
		if minutes.ErrorCode(err) == minutes.EINTERNAL && !tooBig(err) {
			err = minutes.Errorm(minutes.EUSAGE, "web.bad_upload")
		}
		ip.Lines, ip.Problems = errorLines(p, err), problemViews(p, err)
		s.render(w, r, statusOf(err), "import", "", ip)
		return
	}
	defer r.MultipartForm.RemoveAll()
	var sources []record.Source
	for _, fh := range files {
		fh := fh
		ip.Files = append(ip.Files, fh.Filename)
		sources = append(sources, record.Source{Name: fh.Filename, Open: func() (io.ReadCloser, error) { return fh.Open() }})
	}
	keep := r.FormValue("keep_going") != ""
	out, err := s.app.Import(r.Context(), sources, keep, nil)
	ip.Done = out
	status := http.StatusOK
	if err != nil {
		if statusOf(err) == http.StatusInternalServerError {
			s.pageError(w, r, err)
			return
		}
		ip.Lines, ip.Problems = errorLines(p, err), problemViews(p, err)
		if out == nil {
			status = statusOf(err)
		}
	}
	s.render(w, r, status, "import", "", ip)
}

// backup sends the whole backup as the file import restores, written as
// the database is read. A failure once the download has begun cuts the
// connection, so that the browser reports a failed download rather than
// keeping half a backup.
func (s *Server) backup(w http.ResponseWriter, r *http.Request) {
	// The first read answers whether the database can be read at all,
	// while an error page can still be sent.
	if err := s.app.Ping(r.Context()); err != nil {
		s.pageError(w, r, err)
		return
	}
	// A whole backup is an admin's (app.BackupTo): say so while a page can.
	if err := minutes.Require(r.Context(), minutes.PermAdmin); err != nil {
		s.pageError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/yaml; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="sao-luu-bien-ban-`+time.Now().Format("2006-01-02")+`.yaml"`)
	h.Set("Cache-Control", "no-store")
	if _, err := s.app.BackupTo(r.Context(), w, false); err != nil {
		panic(http.ErrAbortHandler)
	}
}
