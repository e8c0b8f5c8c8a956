package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Limits on what a client may send. A form holds one record: every text at
// its limit, percent-encoded, stays far below maxForm. An upload may carry
// several files of record.MaxInput each, as the command line reads them.
const (
	maxForm   = 8 << 20
	maxAPI    = record.MaxInput + 1 // one byte more, for record's own message
	maxUpload = 2 * record.MaxInput
	pageSize  = 50
)

// Options configure a Server.
type Options struct {
	// Logf logs what a user is not shown: the detail of internal errors.
	// Nil logs nothing.
	Logf func(format string, args ...any)

	// SignIn requires every request to come from a signed-in account (a
	// session or a personal API token). Off, every request is the local
	// operator's, with every right: serve on loopback before any account
	// exists, as before accounts.
	SignIn bool
	// Idle ends a session unused for that long; 0 is DefaultIdle.
	Idle time.Duration
	// Throttle slows and refuses repeated failed sign-ins; zero is app.DefaultThrottle.
	Throttle app.Throttle
	// Secure marks the session cookie Secure even when the request did not
	// come over TLS here: behind a reverse proxy that serves HTTPS.
	Secure bool
	// TrustProxy takes the client's address from X-Forwarded-For, as a
	// reverse proxy in front of the server sets it.
	TrustProxy bool
}

// Server serves the pages and the API over one set of operations.
type Server struct {
	app     *app.Service
	opts    Options
	cat     *minutes.Catalog
	logf    func(format string, args ...any)
	pages   map[string]*template.Template
	handler http.Handler
}

// New returns the server of the operations svc, putting messages into words
// from cat (which must hold Messages and those of every package whose
// errors it shows).
func New(svc *app.Service, cat *minutes.Catalog, opts Options) *Server {
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.Throttle.Window == 0 {
		opts.Throttle = app.DefaultThrottle
	}
	s := &Server{app: svc, cat: cat, logf: opts.Logf, opts: opts}
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	s.pages = parsePages()
	s.handler = s.routes()
	return s
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/meetings", http.StatusSeeOther)
	})
	mux.HandleFunc("POST /lang", s.setLang)
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.postLogin)
	mux.HandleFunc("POST /logout", s.postLogout)
	mux.HandleFunc("GET /users", s.usersPage)
	mux.HandleFunc("POST /users", s.postUsers)

	mux.HandleFunc("GET /meetings", s.listPage)
	mux.HandleFunc("GET /meetings/new", s.newForm)
	mux.HandleFunc("POST /meetings", s.postNew)
	mux.HandleFunc("GET /meetings/{file}", s.meetingFile)
	mux.HandleFunc("GET /meetings/{id}/edit", s.editForm)
	mux.HandleFunc("POST /meetings/{id}/edit", s.postEdit)
	mux.HandleFunc("GET /meetings/{id}/amend", s.amendForm)
	mux.HandleFunc("POST /meetings/{id}/amend", s.postAmend)
	mux.HandleFunc("GET /meetings/{id}/finalize", s.confirmPage("finalize"))
	mux.HandleFunc("POST /meetings/{id}/finalize", s.postFinalize)
	mux.HandleFunc("GET /meetings/{id}/delete", s.confirmPage("delete"))
	mux.HandleFunc("POST /meetings/{id}/delete", s.postDelete)
	mux.HandleFunc("GET /meetings/{id}/history", s.historyPage)
	mux.HandleFunc("GET /meetings/{id}/{doc}", s.noticeFile)
	mux.HandleFunc("POST /meetings/{id}/notice", s.postIssueNotice)
	mux.HandleFunc("GET /numbers", s.registerPage)
	mux.HandleFunc("POST /drafts", s.autosave)
	mux.HandleFunc("POST /drafts/{id}/discard", s.discardDraft)

	mux.HandleFunc("GET /tasks", s.tasksPage)
	mux.HandleFunc("POST /tasks/{id}/{action}", s.postTask)
	mux.HandleFunc("GET /reports/quarterly", s.quarterlyPage)
	mux.HandleFunc("GET /reports/quarterly/{file}", s.quarterlyPDF)
	mux.HandleFunc("GET /import", s.importPage)
	mux.HandleFunc("POST /import", s.postImport)
	mux.HandleFunc("GET /backup", s.backup)

	mux.HandleFunc("GET /api/meetings", s.apiList)
	mux.HandleFunc("POST /api/meetings", s.apiCreate)
	mux.HandleFunc("GET /api/meetings/{id}", s.apiShow)
	mux.HandleFunc("PUT /api/meetings/{id}", s.apiUpdate)
	mux.HandleFunc("DELETE /api/meetings/{id}", s.apiDelete)
	mux.HandleFunc("POST /api/meetings/{id}/finalize", s.apiFinalize)
	mux.HandleFunc("GET /api/meetings/{id}/history", s.apiHistory)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiError(w, r, minutes.Errorm(minutes.ENOTFOUND, "web.no_route", r.URL.Path))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, minutes.Errorm(minutes.ENOTFOUND, "web.no_page"))
	})

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusForbidden, "web.cross_origin")
	}))
	return s.recoverPanics(securityHeaders(s.checkHost(cop.Handler(limitBodies(s.authenticate(mux))))))
}

// healthz answers 200 when the database answers a query.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.app.Ping(ctx); err != nil {
		s.logf("healthz: %v", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unavailable")
		return
	}
	fmt.Fprintln(w, "ok")
}

// contentSecurityPolicy allows only the server's own scripts, styles and
// images: no inline script or style, no frames, forms posted only here.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// LoopbackHost reports whether host (a name or an address, without a
// port) is this machine: localhost or a loopback address.
func LoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// checkHost refuses a request whose Host header names another machine: a
// page of evil.example whose name was pointed at 127.0.0.1 (DNS rebinding)
// must not read or change the office's minutes. Without accounts the
// server listens on loopback only, so only loopback names are right. With
// accounts it answers the office's own names: a rebinding page has no
// session cookie of this server, so it is refused as anyone signed out.
func (s *Server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.SignIn {
			h.ServeHTTP(w, r)
			return
		}
		host := r.Host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			host = hh
		}
		if !LoopbackHost(host) {
			s.refuse(w, r, http.StatusForbidden, "web.foreign_host")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// limitBodies bounds what a request may send: an upload of record files,
// a record for the API, or a form.
func limitBodies(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxForm)
		switch {
		case r.URL.Path == "/import":
			limit = maxUpload
		case strings.HasPrefix(r.URL.Path, "/api/"):
			limit = maxAPI
		}
		if r.ContentLength > limit {
			w.Header().Set("Connection", "close")
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into an internal error, logged,
// so that one bad request never stops the office's server.
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// refuse answers a request refused before any handler ran.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := s.printer(r)
	if isAPI(r) || !acceptsHTML(r) {
		writeJSON(w, status, apiErrorBody{Code: "forbidden", Message: p.T(key)})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintln(w, p.T(key))
}

// fail answers err as an API error or an error page, by where it was asked.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func acceptsHTML(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return a == "" || strings.Contains(a, "text/html") || strings.Contains(a, "*/*")
}

// tooBig reports whether err is a body over its limit.
func tooBig(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}
