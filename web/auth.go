package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

// sessionCookie holds the session's random token; the database keeps only
// its SHA-256.
const sessionCookie = "minutes_session"

// DefaultIdle is how long a session lasts without a request.
const DefaultIdle = 8 * time.Hour

type userKey struct{}

// userOf returns the signed-in account of r; nil without accounts (the
// local operator).
func userOf(r *http.Request) *minutes.User {
	u, _ := r.Context().Value(userKey{}).(*minutes.User)
	return u
}

// public reports the paths that need no sign-in: the sign-in page itself,
// its styles and the health check.
func public(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/static/") || p == "/healthz" || p == "/login" || p == "/lang"
}

// authenticate finds who asks — a session cookie, or a personal token in
// Authorization: Bearer — and runs the request as that account: every
// operation checks its role and every query keeps to its organisations.
// Without accounts (SignIn off: serve on loopback before the first account)
// the request runs as the local operator, with every right.
func (s *Server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.opts.SignIn {
			h.ServeHTTP(w, r.WithContext(minutes.WithPrincipal(r.Context(), minutes.Operator)))
			return
		}
		u, err := s.whoAsks(r)
		if err != nil && minutes.ErrorCode(err) != app.EUNAUTHORIZED {
			s.fail(w, r, err)
			return
		}
		if u == nil {
			// Nobody signed in: an account of nobody may do nothing.
			ctx := minutes.WithPrincipal(r.Context(), &minutes.Principal{User: "", Role: ""})
			if public(r) {
				h.ServeHTTP(w, r.WithContext(ctx))
				return
			}
			s.unauthorized(w, r)
			return
		}
		ctx := minutes.WithPrincipal(context.WithValue(r.Context(), userKey{}, u), u.Principal())
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) whoAsks(r *http.Request) (*minutes.User, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return nil, minutes.Errorm(app.EUNAUTHORIZED, "access.bad_token")
		}
		return s.app.TokenUser(r.Context(), strings.TrimSpace(token))
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, minutes.Errorm(app.EUNAUTHORIZED, "access.no_session")
	}
	return s.app.SessionUser(r.Context(), c.Value, s.opts.Idle)
}

// unauthorized answers a request without a valid session: 401 for the API
// (and any non-page request), the sign-in page for a page, which brings the
// reader back to where they were going.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) || !acceptsHTML(r) || r.Method != http.MethodGet {
		w.Header().Set("WWW-Authenticate", `Bearer realm="minutes"`)
		s.fail(w, r, minutes.Errorm(app.EUNAUTHORIZED, "access.no_session"))
		return
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

// loginPage is the data of the sign-in page.
type loginPage struct {
	Username string
	Next     string
	Error    string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if !s.opts.SignIn {
		http.Redirect(w, r, "/meetings", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "", loginPage{Next: localPath(r.URL.Query().Get("next"), "/meetings")})
}

// address is the client's address, for throttling and the audit: the
// connection's, or the first hop a trusted reverse proxy names.
func (s *Server) address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if s.opts.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			first, _, _ := strings.Cut(f, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	return host
}

// postLogin signs in: a new session with a new random token every time
// (a token planted before, by anyone, is ended, never adopted), in a cookie
// that scripts cannot read and other sites do not send with their posts.
func (s *Server) postLogin(w http.ResponseWriter, r *http.Request) {
	if !s.opts.SignIn {
		http.Redirect(w, r, "/meetings", http.StatusSeeOther)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, err)
		return
	}
	name := strings.TrimSpace(r.PostFormValue("username"))
	next := localPath(r.PostFormValue("next"), "/meetings")
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		_ = s.app.SignOut(r.Context(), c.Value, s.address(r))
	}
	token, _, err := s.app.SignIn(r.Context(), s.opts.Throttle, name, r.PostFormValue("password"), s.address(r))
	if err != nil {
		status := statusOf(err)
		if status == http.StatusInternalServerError {
			s.logf("sign in: %v", err)
		}
		if isAPI(r) || !acceptsHTML(r) {
			s.apiError(w, r, err)
			return
		}
		s.render(w, r, status, "login", "", loginPage{Username: name, Next: next, Error: sentence(strings.Join(errorLines(s.printer(r), err), " "))})
		return
	}
	s.setSession(w, r, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	c := &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || s.opts.Secure}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// postLogout ends the session: its row is deleted, so the cookie is worth
// nothing afterwards, even copied.
func (s *Server) postLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.app.SignOut(r.Context(), c.Value, s.address(r)); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.setSession(w, r, "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// usersPage is what an admin sees of the accounts and the audit.
type usersPage struct {
	Users []minutes.User
	Audit []minutes.AuditEntry
	Roles []minutes.Role
	Error string
	Form  map[string]string
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, problem string, form map[string]string) {
	us, err := s.app.Users(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	audit, err := s.app.Audit(r.Context(), 100)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "users", "", usersPage{Users: us, Audit: audit, Roles: minutes.Roles, Error: problem, Form: form})
}

// postUsers adds an account, changes a role, disables or enables one, or
// sets a password: what minutes user does, for an admin in a browser.
func (s *Server) postUsers(w http.ResponseWriter, r *http.Request) {
	if err := minutes.Require(r.Context(), minutes.PermAdmin); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	name := strings.TrimSpace(r.PostFormValue("username"))
	orgs := splitOrgs(r.PostFormValue("orgs"))
	var err error
	switch r.PostFormValue("op") {
	case "add":
		var role minutes.Role
		if role, err = minutes.ParseRole(r.PostFormValue("role")); err == nil {
			_, err = s.app.AddUser(ctx, name, r.PostFormValue("full_name"), role, orgs, r.PostFormValue("password"))
		}
	case "role":
		var role minutes.Role
		if role, err = minutes.ParseRole(r.PostFormValue("role")); err == nil {
			err = s.app.SetRole(ctx, name, role, orgs)
		}
	case "disable":
		err = s.app.SetDisabled(ctx, name, true)
	case "enable":
		err = s.app.SetDisabled(ctx, name, false)
	case "password":
		err = s.app.SetPassword(ctx, name, r.PostFormValue("password"))
	default:
		err = minutes.Errorm(minutes.EUSAGE, "web.bad_op", r.PostFormValue("op"))
	}
	if err != nil {
		status := statusOf(err)
		if status == http.StatusForbidden || status == http.StatusInternalServerError {
			s.pageError(w, r, err)
			return
		}
		s.renderUsers(w, r, status, strings.Join(errorLines(s.printer(r), err), " "),
			map[string]string{"username": name, "full_name": r.PostFormValue("full_name"), "orgs": r.PostFormValue("orgs"), "role": r.PostFormValue("role")})
		return
	}
	http.Redirect(w, r, "/users?done=saved", http.StatusSeeOther)
}

// sentence begins s with a capital, as a message standing alone.
func sentence(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// splitOrgs reads organisations typed one a line (or separated by ";").
func splitOrgs(s string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
