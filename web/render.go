package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

const langCookie = "lang"

// printer picks the reader's language: the switch on every page (a
// cookie), else the browser's Accept-Language, else Vietnamese.
func (s *Server) printer(r *http.Request) *minutes.Printer {
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "vi" || c.Value == "en") {
		return s.cat.Printer(minutes.Lang(c.Value))
	}
	return s.cat.Printer(acceptLanguage(r.Header.Get("Accept-Language")))
}

// acceptLanguage returns the language among Vietnamese and English that
// the header prefers most; Vietnamese when it names neither.
func acceptLanguage(h string) minutes.Lang {
	best, bestQ := minutes.LangVI, 0.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		tag = strings.ToLower(tag)
		var l minutes.Lang
		switch {
		case tag == "vi" || strings.HasPrefix(tag, "vi-"):
			l = minutes.LangVI
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			l = minutes.LangEN
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// setLang remembers the language chosen with the switch for a year, and
// goes back to the page it was chosen on.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if lang != "en" {
		lang = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/meetings"), http.StatusSeeOther)
}

// localPath returns p when it is a path on this server, else def: a
// redirect never leads to another site.
func localPath(p, def string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return def
	}
	if u, err := url.Parse(p); err != nil || u.Host != "" || u.Scheme != "" {
		return def
	}
	return p
}

// view is what every page template is given: the words of the reader's
// language, where the page is, and the page's own data.
type view struct {
	P     *minutes.Printer
	Title string
	Nav   string // the menu entry to mark as current
	Path  string // the page's path and query, to come back to
	Flash string // a message after a redirect ("saved")
	Data  any
	// User is the signed-in account; nil without accounts.
	User *minutes.User
	// SignIn says the server has accounts: signed out, the menu is hidden.
	SignIn bool
}

// Can reports whether the reader may do what perm names: record, finalize
// or admin; a menu shows only what one may use.
func (v *view) Can(perm string) bool {
	p := minutes.Operator
	if v.User != nil {
		p = v.User.Principal()
	}
	switch perm {
	case "record":
		return p.Can(minutes.PermRecord)
	case "finalize":
		return p.Can(minutes.PermFinalize)
	case "admin": // the users page: only with accounts
		return v.User != nil && p.Can(minutes.PermAdmin)
	case "backup":
		return p.Can(minutes.PermAdmin)
	}
	return false
}

// Orgs names the organisations of the signed-in account.
func (v *view) Orgs() string {
	if v.User == nil {
		return ""
	}
	if len(v.User.Orgs) == 0 && v.User.Role == minutes.RoleAdmin {
		return v.T("web.user.every_org")
	}
	return strings.Join(v.User.Orgs, "; ")
}

// RoleName names a role in the reader's language.
func (v *view) RoleName(r minutes.Role) string { return v.T("web.role." + string(r)) }

// AuditDetail is the detail of an audit entry for the reader. An account
// added or given another role is recorded as "name role organisations"
// with the role's key ("secretary"); the page names the role as the rest
// of it does ("Thư ký").
func (v *view) AuditDetail(e minutes.AuditEntry) string {
	if e.Action != minutes.AuditUserAdded && e.Action != minutes.AuditRole {
		return e.Detail
	}
	name, rest, _ := strings.Cut(e.Detail, " ")
	key, orgs, _ := strings.Cut(rest, " ")
	role, err := minutes.ParseRole(key)
	if err != nil || string(role) != key {
		return e.Detail
	}
	return strings.TrimSpace(name + " " + v.RoleName(role) + " " + orgs)
}

// T returns a message in the reader's language.
func (v *view) T(key string, args ...any) string { return v.P.T(key, args...) }

// Msg puts a message into words, in the web's wording.
func (v *view) Msg(m minutes.Msg) string { return say(v.P, m) }

// Lang is the page's language, for <html lang>.
func (v *view) Lang() string { return string(v.P.Lang()) }

// Status names a status of minutes.
func (v *view) Status(status string) string { return v.P.Msg(minutes.StatusMsg(status)) }

// Action names an action of the history.
func (v *view) Action(action string) string { return v.P.Msg(minutes.ActionMsg(action)) }

// Chairs names the chairs of m.
func (v *view) Chairs(m *minutes.Meeting) string {
	names := make([]string, len(m.Chairs))
	for i, c := range m.Chairs {
		names[i] = c.Name
	}
	return strings.Join(names, "; ")
}

// Present says how many delegates came: "trên 80" when the count is a
// lower bound.
func (v *view) Present(a minutes.Attendance) string {
	if a.AtLeast {
		return v.T("web.show.more_than", v.Num(a.Present))
	}
	return v.Num(a.Present)
}

// FieldName names a top-level field of the record, for the history.
func (v *view) FieldName(f string) string {
	if m := entryPath().FindStringSubmatch(f); m != nil { // a task: conclusions[2]
		if _, ok := sectionNamed(m[1]); ok {
			return v.T("web.row."+m[1]) + " " + m[2]
		}
	}
	if _, ok := sectionNamed(f); ok {
		return v.T("web.sec." + f)
	}
	if v.P.Has("web.field." + f) {
		return v.T("web.field." + f)
	}
	return f
}

// Num writes a whole number as the reader's language does: 1.000 in
// Vietnamese, 1,000 in English.
func (v *view) Num(n int) string {
	sep := "."
	if v.P.Lang() == minutes.LangEN {
		sep = ","
	}
	s := strconv.Itoa(max(n, -n))
	var b strings.Builder
	if n < 0 {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Signed writes a change: +12, −3, 0.
func (v *view) Signed(n int) string {
	if n > 0 {
		return "+" + v.Num(n)
	}
	return v.Num(n)
}

// Dec writes a number with one decimal: 67,5 in Vietnamese, 67.5 in English.
func (v *view) Dec(x float64) string {
	tenths := int(math.Round(x * 10))
	mark := ","
	if v.P.Lang() == minutes.LangEN {
		mark = "."
	}
	s := v.Num(tenths/10) + mark + strconv.Itoa(max(tenths%10, -(tenths%10)))
	if tenths < 0 && tenths > -10 {
		s = "−" + s
	}
	return s
}

// SignedDec writes a change with one decimal: +2,5, −0,3, 0,0.
func (v *view) SignedDec(x float64) string {
	if math.Round(x*10) > 0 {
		return "+" + v.Dec(x)
	}
	return v.Dec(x)
}

var funcs = template.FuncMap{
	"list3": func(a, b, c string) []string { return []string{a, b, c} },
	"date":  dateText,
	"clock": clockText,
	"stamp": stampText,
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	// count is a number of things, its thousands grouped as the reader's
	// language groups them (90.000, 90,000).
	"count": func(n int) minutes.Number { return minutes.Number(n) },
	"paras": paragraphs,
	"field": fieldID,
	// doctype names a kind of document of the register.
	"doctype": func(kind string) minutes.Msg { return minutes.M("doctype." + kind) },
}

// dateText writes a date as a secretary types it: 25/3/2021.
func dateText(d minutes.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d/%d", d.Day, int(d.Month), d.Year)
}

func clockText(c *minutes.Clock) string {
	if c == nil {
		return ""
	}
	return c.String()
}

// stampText writes a moment in the server's local time: 10:32 25/3/2021.
func stampText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	return fmt.Sprintf("%02d:%02d %d/%d/%d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())
}

// paragraphs splits a long text at its line breaks, so that each paragraph
// pasted from Word shows as one.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/parts.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimPrefix(n, "templates/")
		if name == "layout.html" || name == "parts.html" {
			continue
		}
		pages[strings.TrimSuffix(name, ".html")] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, n))
	}
	return pages
}

// render writes page name with its data, in the reader's language. The page
// is rendered into a buffer first, so that a template error is an error
// page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	v := &view{P: s.printer(r), Title: title, Nav: name, Path: r.URL.RequestURI(), Data: data, Flash: flash(r), User: userOf(r), SignIn: s.opts.SignIn}
	if v.Title == "" {
		v.Title = v.T("web.title." + name)
	}
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout.html", v); err != nil {
		s.logf("render %s: %v", name, err)
		http.Error(w, v.T("web.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// flash is the message a redirect asked the next page to show.
func flash(r *http.Request) string {
	switch k := r.URL.Query().Get("done"); k {
	case "saved", "created", "finalized", "amended", "deleted", "task", "discarded", "notice_issued":
		return "web.flash." + k
	}
	return ""
}

// errorPage is the data of the error page.
type errorPage struct {
	Status   int
	Lines    []string
	Problems []problemView
	Back     string
}

// pageError shows err as a page with its status.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %+v", r.Method, r.URL.Path, err)
	}
	p := s.printer(r)
	back := localPath(r.Referer(), "")
	if u, perr := url.Parse(r.Referer()); perr == nil && u.Host == r.Host {
		back = u.RequestURI()
	}
	s.render(w, r, status, "error", p.T("web.title.error"), errorPage{Status: status, Lines: errorLines(p, err), Problems: problemViews(p, err), Back: back})
}

// writeJSON writes v as indented JSON with its status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// pathID reads a meeting or task ID from the path. EUSAGE (400) when it is
// not a positive whole number; the command line says the same of an
// argument.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, minutes.Errorm(minutes.EUSAGE, "web.bad_id", s)
	}
	return id, nil
}

// formInt reads an optional whole number from a form or a query: 0 when
// empty, EUSAGE when it is not one.
func formInt(v, name string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, minutes.Errorm(minutes.EUSAGE, "web.bad_number", name, v)
	}
	return n, nil
}
