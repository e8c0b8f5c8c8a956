package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

// The documents an office issues from a meeting, beyond its minutes: the
// notice of conclusions, printed as a draft (its number left blank for the
// registry) or issued with the register's next number; and the register
// itself.

// noticeFile answers /meetings/{id}/notice.pdf and notice.docx: the notice
// of conclusions with the number it was issued with, or a draft's blank.
func (s *Server) noticeFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ext := strings.TrimPrefix(r.PathValue("doc"), "notice")
	if ext != ".pdf" && ext != ".docx" {
		s.pageError(w, r, minutes.Errorm(minutes.ENOTFOUND, "web.no_page"))
		return
	}
	m, err := s.app.Meeting(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in, err := s.app.NoticeInput(r.Context(), m, app.Issue{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := fmt.Sprintf("thong-bao-%d%s", m.ID, ext)
	if ext == ".docx" {
		ref, err := s.app.Reference(r.Context(), "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		doc, err := app.NoticeDocx(in, ref)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		sendWord(w, name, doc.Data)
		return
	}
	doc, err := app.NoticePDF(in)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sendPDF(w, r, name, doc.Data)
}

// postIssueNotice issues the notice of conclusions of a meeting with the
// number the secretary typed, or the register's next free one.
func (s *Server) postIssueNotice(w http.ResponseWriter, r *http.Request) {
	if err := minutes.Require(r.Context(), minutes.PermRecord); err != nil {
		s.pageError(w, r, err)
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, err := s.app.Meeting(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	req := minutes.NumberRequest{Number: minutes.Clean(r.PostFormValue("number")), Next: true}
	if req.Number != "" {
		req.Next = false
	}
	if _, err := s.app.NoticeInput(r.Context(), m, app.Issue{Number: req}); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/meetings/%d?done=notice_issued", id), http.StatusSeeOther)
}

// registerPage lists the register of document numbers of one body and
// year, gaps included, as minutes numbers does.
func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	org := minutes.Clean(q.Get("org"))
	year := s.app.Today().Year
	if v := q.Get("year"); v != "" {
		var err error
		if year, err = formInt(v, "year"); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	page := registerView{Org: org, Year: year}
	if org != "" {
		lines, err := s.app.Register(r.Context(), org, year)
		if err != nil {
			page.Err = errorLines(s.printer(r), err)
		}
		page.Runs = minutes.Runs(lines)
	}
	s.render(w, r, http.StatusOK, "numbers", s.printer(r).T("web.title.numbers"), page)
}

type registerView struct {
	Org  string
	Year int
	Runs []minutes.RegisterRun
	Err  []string
}
