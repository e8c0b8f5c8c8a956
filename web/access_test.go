package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/web"
)

// The office server: accounts, roles and organisations over a real
// database, on SQLite and PostgreSQL.

const (
	ownOrg   = "Thành ủy Sóc Trăng"
	otherOrg = "Đảng ủy xã Phú Mỹ"
	password = "mật khẩu đủ dài 2026"
)

var roles = []string{"anonymous", "viewer", "secretary", "approver", "admin"}

// officeServer is a server that requires sign-in, with one account of
// each role: the viewer, secretary and approver of ownOrg, an admin of all.
type officeServer struct {
	*testServer
	store   *sqlstore.Store
	cookies map[string]string // role → session cookie
	tokens  map[string]string // role → API token
}

func newOfficeServer(t testing.TB, dsn string, opts web.Options) *officeServer {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.Over(st)
	svc.Today = func() minutes.Date { return minutes.NewDate(2021, 6, 1) }
	opts.SignIn = true
	if opts.Throttle.Window == 0 {
		opts.Throttle = app.DefaultThrottle
		opts.Throttle.Sleep = func(time.Duration) {}
	}
	ts := &testServer{app: svc}
	opts.Logf = func(format string, args ...any) {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.log = append(ts.log, fmt.Sprintf(format, args...))
	}
	ts.Server = httptest.NewServer(web.New(svc, catalog, opts))
	t.Cleanup(func() {
		ts.Close()
		st.Close()
	})
	os := &officeServer{testServer: ts, store: st, cookies: map[string]string{}, tokens: map[string]string{}}
	ctx := context.Background()
	for _, role := range roles[1:] {
		var orgs []string
		if role != "admin" {
			orgs = []string{ownOrg}
		}
		if _, err := svc.AddUser(ctx, role, "", minutes.Role(role), orgs, password); err != nil {
			t.Fatal(err)
		}
		os.cookies[role] = os.signIn(t, role, password)
		if os.tokens[role], err = svc.NewToken(ctx, role); err != nil {
			t.Fatal(err)
		}
	}
	return os
}

// signIn posts the sign-in form and returns the session cookie.
func (o *officeServer) signIn(t testing.TB, name, pw string, headers ...string) string {
	t.Helper()
	form := url.Values{"username": {name}, "password": {pw}, "next": {"/meetings"}}.Encode()
	r := o.do(t, "POST", "/login", form, append([]string{"Content-Type", "application/x-www-form-urlencoded"}, headers...)...)
	if r.status != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", name, r.status, r.body)
	}
	return sessionOf(t, r)
}

func sessionOf(t testing.TB, r response) string {
	t.Helper()
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "minutes_session" {
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Fatalf("session cookie %+v: not HttpOnly and SameSite=Lax", c)
			}
			return c.Value
		}
	}
	t.Fatalf("no session cookie in %v", r.header)
	return ""
}

// as sends a request as role, by its session cookie (or none for anonymous).
func (o *officeServer) as(t testing.TB, role, method, path, body string, headers ...string) response {
	t.Helper()
	if c := o.cookies[role]; c != "" {
		headers = append(headers, "Cookie", "minutes_session="+c)
	}
	return o.do(t, method, path, body, headers...)
}

// state is everything a refused request must leave as it was.
func (o *officeServer) state(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	ms, err := o.app.Meetings(ctx, minutes.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%d:%s:%d:%s:%s ", m.ID, m.Status, m.Version, m.Organization, m.Title)
	}
	ts, _ := o.app.Tasks(ctx, minutes.TaskFilter{})
	for _, tk := range ts {
		fmt.Fprintf(&b, "t%d:%s:%d ", tk.ID, tk.Status, len(tk.Notes))
	}
	us, _ := o.app.Users(ctx)
	for _, u := range us {
		fmt.Fprintf(&b, "u%s:%s:%v:%v ", u.Name, u.Role, u.Orgs, u.Disabled)
	}
	return b.String()
}

// seed stores a draft and finalized minutes of org, returning their IDs
// and the ID of the finalized minutes' first task.
func (o *officeServer) seed(t testing.TB, org string, n int) (draft, final, task int64) {
	t.Helper()
	ctx := context.Background()
	d, f := testdb.Meeting(n), testdb.Meeting(n+1)
	d.Organization, f.Organization = org, org
	d.Title = fmt.Sprintf("Bản nháp %d của %s", n, org)
	f.Title = fmt.Sprintf("Biên bản %d của %s", n, org)
	d.Number, f.Number = "", ""
	d.Date = minutes.NewDate(2021, 3, 1+n%28)
	f.Date = d.Date
	if err := o.app.RecordAll(ctx, []*minutes.Meeting{d, f}); err != nil {
		t.Fatal(err)
	}
	if err := o.app.Finalize(ctx, f.ID, 0); err != nil {
		t.Fatal(err)
	}
	ts, err := o.app.Tasks(ctx, minutes.TaskFilter{MeetingID: f.ID})
	if err != nil || len(ts) == 0 {
		t.Fatalf("tasks of %d: %v", f.ID, err)
	}
	return d.ID, f.ID, ts[0].ID
}

// route is one request of the authorisation table: what each role gets,
// for a meeting of its own organisation and of another.
type route struct {
	method, path, body, ctype string
	// want gives the status role gets; own says whether the meeting (or the
	// record sent) is of the role's organisation.
	want func(role string, own bool) int
}

func status(anon int, byRole map[string]int) func(string, bool) int {
	return func(role string, own bool) int {
		if role == "anonymous" {
			return anon
		}
		return byRole[role]
	}
}

// scoped: reading a meeting: the meeting's page for everyone of its
// organisation (drafts not for viewers), 404 for others, admin everything.
func scoped(ok int, draft bool) func(string, bool) int {
	return func(role string, own bool) int {
		switch {
		case role == "anonymous":
			return -1 // 401 or 303, as the route is API or page
		case role == "admin":
			return ok
		case !own || (draft && role == "viewer"):
			return http.StatusNotFound
		}
		return ok
	}
}

// writes: a record sent for the role's organisation or another: 403 below
// the role, 403 for another organisation (the record names it), ok otherwise.
func writes(min string, ok int) func(string, bool) int {
	return func(role string, own bool) int {
		got := needs(min, ok)(role, own)
		if got == http.StatusNotFound {
			return http.StatusForbidden
		}
		return got
	}
}

// anyMeeting: an operation on no meeting, allowed from a role on.
func anyMeeting(min string, ok int) func(string, bool) int {
	return func(role string, own bool) int { return needs(min, ok)(role, true) }
}

// needs: an operation that needs a role: 403 below it (before anything is
// looked up), 404 for another office's meeting, ok otherwise.
func needs(min string, ok int) func(string, bool) int {
	rank := map[string]int{"viewer": 0, "secretary": 1, "approver": 2, "admin": 3}
	return func(role string, own bool) int {
		switch {
		case role == "anonymous":
			return -1
		case rank[role] < rank[min]:
			return http.StatusForbidden
		case role != "admin" && !own:
			return http.StatusNotFound
		}
		return ok
	}
}

func recordOf(org, title string) string {
	return strings.Replace(strings.Replace(validJSON, ownOrg, org, 1), "Hội nghị giao ban quý I/2021", title, 1)
}

// TestAuthorisation: every route and API call × every role × own and
// another office's meeting: the status, and that a refused request changed
// nothing.
func TestAuthorisation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		o := newOfficeServer(t, dsn, web.Options{})
		form := "application/x-www-form-urlencoded"
		routes := []route{
			{"GET", "/meetings", "", "", status(-1, map[string]int{"viewer": 200, "secretary": 200, "approver": 200, "admin": 200})},
			{"GET", "/meetings/{final}", "", "", scoped(200, false)},
			{"GET", "/meetings/{draft}", "", "", scoped(200, true)},
			{"GET", "/meetings/{final}.pdf", "", "", scoped(200, false)},
			{"GET", "/meetings/{draft}.pdf", "", "", scoped(200, true)},
			{"GET", "/meetings/{final}.docx", "", "", scoped(200, false)},
			{"GET", "/meetings/{final}/history", "", "", scoped(200, false)},
			{"GET", "/meetings/{final}/notice.pdf", "", "", scoped(200, false)},
			{"GET", "/api/meetings/{final}", "", "", scoped(200, false)},
			{"GET", "/api/meetings/{draft}", "", "", scoped(200, true)},
			{"GET", "/api/meetings/{final}/history", "", "", scoped(200, false)},
			{"GET", "/api/meetings/{final}?version=1", "", "", scoped(200, false)},
			{"GET", "/meetings/{draft}/edit", "", "", needs("secretary", 200)},
			{"GET", "/meetings/{draft}/finalize", "", "", needs("approver", 200)},
			{"GET", "/meetings/{draft}/delete", "", "", needs("secretary", 200)},
			{"GET", "/meetings/{final}/amend", "", "", needs("approver", 200)},
			{"GET", "/meetings/new", "", "", anyMeeting("secretary", 200)},
			{"GET", "/tasks", "", "", status(-1, map[string]int{"viewer": 200, "secretary": 200, "approver": 200, "admin": 200})},
			{"GET", "/reports/quarterly?quarter=2021-Q1", "", "", status(-1, map[string]int{"viewer": 200, "secretary": 200, "approver": 200, "admin": 200})},
			{"GET", "/numbers", "", "", status(-1, map[string]int{"viewer": 200, "secretary": 200, "approver": 200, "admin": 200})},
			{"GET", "/import", "", "", status(-1, map[string]int{"viewer": 200, "secretary": 200, "approver": 200, "admin": 200})},
			// The whole backup holds every office and the settings: admins only.
			{"GET", "/backup", "", "", status(-1, map[string]int{"viewer": 403, "secretary": 403, "approver": 403, "admin": 200})},
			{"GET", "/users", "", "", status(-1, map[string]int{"viewer": 403, "secretary": 403, "approver": 403, "admin": 200})},
			{"POST", "/api/meetings", "{record}", "application/json", writes("secretary", 201)},
			{"PUT", "/api/meetings/{draft}", "{record}", "application/json", writes("secretary", 200)},
			{"DELETE", "/api/meetings/{draft}", "", "", needs("secretary", 204)},
			{"POST", "/api/meetings/{draft}/finalize", "", "", needs("approver", 200)},
			{"POST", "/meetings/{draft}/delete", "version={version}", form, needs("secretary", 303)},
			{"POST", "/meetings/{draft}/finalize", "version={version}", form, needs("approver", 303)},
			{"POST", "/tasks/{task}/done", "text=Đã+xong", form, needs("secretary", 303)},
			{"POST", "/tasks/{task}/note", "text=Đã+làm+việc", form, needs("secretary", 303)},
			{"POST", "/meetings/{final}/notice", "number={n}-TB/TU", form, needs("secretary", 303)},
			{"POST", "/users", "op=add&username=moi{n}&role=admin&password=mot+mat+khau+dai", form, status(-1, map[string]int{"viewer": 403, "secretary": 403, "approver": 403, "admin": 303})},
			{"POST", "/users", "op=role&username=viewer&role=admin", form, status(-1, map[string]int{"viewer": 403, "secretary": 403, "approver": 403, "admin": 303})},
		}
		n := 0
		for _, rt := range routes {
			for _, role := range roles {
				for _, own := range []bool{true, false} {
					n += 2
					org := otherOrg
					if own {
						org = ownOrg
					}
					draft, final, task := o.seed(t, org, n)
					m, _ := o.app.Meeting(context.Background(), draft)
					path := strings.NewReplacer("{draft}", fmt.Sprint(draft), "{final}", fmt.Sprint(final), "{task}", fmt.Sprint(task)).Replace(rt.path)
					body := strings.NewReplacer("{n}", fmt.Sprint(n), "{version}", fmt.Sprint(m.Version), "{record}", recordOf(org, fmt.Sprintf("Cuộc họp gửi lên %d", n))).Replace(rt.body)
					headers := []string{"If-Match", fmt.Sprintf(`"%d"`, m.Version), "Accept", "text/html"}
					if rt.ctype != "" {
						headers = append(headers, "Content-Type", rt.ctype)
					}
					before := o.state(t)
					r := o.as(t, role, rt.method, path, body, headers...)
					want := rt.want(role, own)
					if want == -1 {
						want = http.StatusUnauthorized
						if rt.method == "GET" && !strings.HasPrefix(path, "/api/") {
							want = http.StatusSeeOther
						}
					}
					if r.status != want {
						t.Errorf("%s %s as %s (own %v): %d, want %d\n%.300s", rt.method, path, role, own, r.status, want, r.body)
						continue
					}
					if want >= 300 && want != http.StatusSeeOther || want == http.StatusSeeOther && role == "anonymous" {
						if after := o.state(t); after != before {
							t.Errorf("%s %s as %s (own %v) was refused (%d) but changed:\n%s\n%s", rt.method, path, role, own, r.status, before, after)
						}
					}
					if want == http.StatusNotFound && strings.Contains(r.body, otherOrg) {
						t.Errorf("%s %s as %s: the 404 names the other office", rt.method, path, role)
					}
				}
			}
		}
	})
}

// TestGuessingIDs: another office's meeting answers exactly as a missing
// one, on every way to it, and is in no list, search, report, task list or
// backup.
func TestGuessingIDs(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		o := newOfficeServer(t, dsn, web.Options{})
		_, finalB, taskB := o.seed(t, otherOrg, 0)
		o.seed(t, ownOrg, 2)
		missing := finalB + 1000
		for _, p := range []string{"/meetings/%d", "/meetings/%d.pdf", "/meetings/%d.docx", "/meetings/%d/history", "/api/meetings/%d", "/api/meetings/%d/history", "/meetings/%d/notice.pdf"} {
			for _, role := range []string{"viewer", "secretary", "approver"} {
				theirs := o.as(t, role, "GET", fmt.Sprintf(p, finalB), "")
				none := o.as(t, role, "GET", fmt.Sprintf(p, missing), "")
				if theirs.status != http.StatusNotFound || theirs.status != none.status || withoutID(theirs.body, finalB) != withoutID(none.body, missing) {
					t.Errorf("%s as %s: another office's answers %d %.200q, a missing one %d %.200q", p, role, theirs.status, theirs.body, none.status, none.body)
				}
			}
		}
		title := fmt.Sprintf("Biên bản %d của %s", 0, otherOrg)
		for _, p := range []string{"/meetings", "/meetings?q=" + url.QueryEscape(title), "/api/meetings", "/api/meetings?search=" + url.QueryEscape(title),
			"/api/meetings?org=" + url.QueryEscape(otherOrg), "/tasks", "/tasks?org=" + url.QueryEscape(otherOrg),
			"/reports/quarterly?quarter=2021-Q1", "/reports/quarterly?quarter=2021-Q1&org=" + url.QueryEscape(otherOrg),
			"/numbers?org=" + url.QueryEscape(otherOrg),
			// SQL text in the filters is text: it widens nothing.
			"/meetings?q=" + url.QueryEscape("' OR '1'='1"), "/api/meetings?org=" + url.QueryEscape("x' OR 1=1 --"),
			"/api/meetings?search=" + url.QueryEscape(`%" OR m.org_key LIKE '%`), "/tasks?org=" + url.QueryEscape("') OR ('1'='1"),
			"/meetings?org=" + url.QueryEscape(ownOrg+"' OR org_key <> '")} {
			r := o.as(t, "secretary", "GET", p, "")
			if r.status != http.StatusOK {
				t.Errorf("%s: %d", p, r.status)
			}
			if strings.Contains(r.body, fmt.Sprintf("/meetings/%d\"", finalB)) || !strings.Contains(p, "q=") && strings.Contains(r.body, title) ||
				strings.Contains(r.body, "Bản nháp 0") {
				t.Errorf("%s shows another office's meeting to a secretary", p)
			}
		}
		// A whole backup is not a secretary's to take.
		if r := o.as(t, "secretary", "GET", "/backup", ""); r.status != http.StatusForbidden || strings.Contains(r.body, "Phú Mỹ") {
			t.Errorf("a secretary's backup: %d", r.status)
		}
		// The admin sees it.
		if r := o.as(t, "admin", "GET", fmt.Sprintf("/meetings/%d", finalB), ""); r.status != 200 || !strings.Contains(r.body, title) {
			t.Errorf("the admin does not see meeting %d: %d", finalB, r.status)
		}
		// Its tasks cannot be followed up either.
		if r := o.as(t, "secretary", "POST", fmt.Sprintf("/tasks/%d/done", taskB), "text=x", "Content-Type", "application/x-www-form-urlencoded"); r.status != http.StatusNotFound {
			t.Errorf("another office's task: %d", r.status)
		}
	})
}

// withoutID is a page with the meeting's ID taken out where pages name it.
func withoutID(body string, id int64) string {
	for _, f := range []string{"/%d", "số %d", "meeting %d", "%d.pdf"} {
		body = strings.ReplaceAll(body, fmt.Sprintf(f, id), fmt.Sprintf(f, 0))
	}
	return body
}

// TestSignInAttacks: cross-site posts, session fixation, a cookie after
// sign-out, brute force, tokens, two servers on one database.
func TestSignInAttacks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		th := app.DefaultThrottle
		th.Sleep = func(time.Duration) {}
		th.RefuseUser, th.RefuseAddr = 5, 8
		o := newOfficeServer(t, dsn, web.Options{Throttle: th})
		form := []string{"Content-Type", "application/x-www-form-urlencoded"}

		t.Run("CrossSitePost", func(t *testing.T) {
			draft, _, _ := o.seed(t, ownOrg, 100)
			before := o.state(t)
			r := o.as(t, "approver", "POST", fmt.Sprintf("/meetings/%d/finalize", draft), "version=1",
				append(form, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")...)
			if r.status != http.StatusForbidden || o.state(t) != before {
				t.Fatalf("a cross-site post: %d", r.status)
			}
			r = o.do(t, "POST", "/login", "username=admin&password="+url.QueryEscape(password), append(form, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")...)
			if r.status != http.StatusForbidden {
				t.Fatalf("a cross-site sign-in: %d", r.status)
			}
			r = o.as(t, "admin", "POST", "/logout", "", append(form, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")...)
			if r.status != http.StatusForbidden {
				t.Fatalf("a cross-site sign-out: %d", r.status)
			}
		})
		t.Run("SessionFixation", func(t *testing.T) {
			// A cookie planted before sign-in (even a real session of the
			// attacker's) is never the session afterwards.
			planted := o.signIn(t, "viewer", password)
			got := o.signIn(t, "secretary", password, "Cookie", "minutes_session="+planted)
			if got == planted {
				t.Fatal("the session id did not change at sign-in")
			}
			if r := o.do(t, "GET", "/meetings", "", "Cookie", "minutes_session="+planted); r.status != http.StatusSeeOther {
				t.Fatalf("the planted session still works: %d", r.status)
			}
			if r := o.do(t, "GET", "/meetings", "", "Cookie", "minutes_session=made-up-by-the-attacker"); r.status != http.StatusSeeOther {
				t.Fatalf("a made-up session: %d", r.status)
			}
		})
		t.Run("StolenCookieAfterSignOut", func(t *testing.T) {
			c := o.signIn(t, "secretary", password)
			if r := o.do(t, "GET", "/api/meetings", "", "Cookie", "minutes_session="+c); r.status != 200 {
				t.Fatalf("signed in: %d", r.status)
			}
			if r := o.do(t, "POST", "/logout", "", "Cookie", "minutes_session="+c); r.status != http.StatusSeeOther {
				t.Fatalf("sign out: %d", r.status)
			}
			if r := o.do(t, "GET", "/api/meetings", "", "Cookie", "minutes_session="+c); r.status != http.StatusUnauthorized {
				t.Fatalf("the cookie after sign-out: %d", r.status)
			}
		})
		t.Run("PasswordChangeEndsSessions", func(t *testing.T) {
			c := o.signIn(t, "approver", password)
			r := o.as(t, "admin", "POST", "/users", "op=password&username=approver&password="+url.QueryEscape("một mật khẩu mới hẳn"), form...)
			if r.status != http.StatusSeeOther {
				t.Fatalf("set password: %d %s", r.status, r.body)
			}
			if r := o.do(t, "GET", "/api/meetings", "", "Cookie", "minutes_session="+c); r.status != http.StatusUnauthorized {
				t.Fatalf("a session after the password changed: %d", r.status)
			}
		})
		t.Run("BruteForce", func(t *testing.T) {
			var last response
			for i := range th.RefuseUser + 1 {
				last = o.do(t, "POST", "/login", fmt.Sprintf("username=viewer&password=guess%d", i), append(form, "Accept", "text/html")...)
				if i < th.RefuseUser && last.status != http.StatusUnauthorized {
					t.Fatalf("guess %d: %d", i, last.status)
				}
			}
			if last.status != http.StatusTooManyRequests || !strings.Contains(last.body, "Đăng nhập") {
				t.Fatalf("after %d guesses: %d", th.RefuseUser, last.status)
			}
			// Even the right password is refused for a while.
			if r := o.do(t, "POST", "/login", "username=viewer&password="+url.QueryEscape(password), form...); r.status != http.StatusTooManyRequests {
				t.Fatalf("the right password while refused: %d", r.status)
			}
			audit, _ := o.app.Audit(context.Background(), 200)
			failed := 0
			for _, e := range audit {
				if e.Action == minutes.AuditSignInFailed && e.User == "viewer" {
					failed++
				}
			}
			if failed != th.RefuseUser {
				t.Fatalf("%d failed sign-ins in the audit, want %d", failed, th.RefuseUser)
			}
			if r := o.as(t, "admin", "GET", "/users", ""); !strings.Contains(r.body, "Đăng nhập sai") {
				t.Fatal("the users page does not show the failed sign-ins")
			}
			for _, l := range o.log {
				if strings.Contains(l, "guess") || strings.Contains(l, password) {
					t.Fatalf("a password in the log: %s", l)
				}
			}
		})
		t.Run("BearerToken", func(t *testing.T) {
			r := o.do(t, "GET", "/api/meetings", "", "Authorization", "Bearer "+o.tokens["viewer"])
			if r.status != 200 || strings.Contains(r.body, "Bản nháp") {
				t.Fatalf("a viewer's token: %d", r.status)
			}
			if r := o.do(t, "POST", "/api/meetings", validJSON, "Authorization", "Bearer "+o.tokens["viewer"]); r.status != http.StatusForbidden {
				t.Fatalf("a viewer's token writes: %d", r.status)
			}
			if r := o.do(t, "POST", "/api/meetings", validJSON, "Authorization", "Bearer "+o.tokens["secretary"]); r.status != http.StatusCreated {
				t.Fatalf("a secretary's token writes: %d %s", r.status, r.body)
			}
			if r := o.do(t, "GET", "/api/meetings", "", "Authorization", "Bearer nope"); r.status != http.StatusUnauthorized {
				t.Fatalf("a wrong token: %d", r.status)
			}
			if _, err := o.app.RevokeTokens(context.Background(), "secretary"); err != nil {
				t.Fatal(err)
			}
			if r := o.do(t, "GET", "/api/meetings", "", "Authorization", "Bearer "+o.tokens["secretary"]); r.status != http.StatusUnauthorized {
				t.Fatalf("a revoked token: %d", r.status)
			}
		})
		t.Run("TwoServersOneDatabase", func(t *testing.T) {
			second := newServer(t, dsn) // a second process of the same office…
			_ = second
			st, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			other := httptest.NewServer(web.New(app.Over(st), catalog, web.Options{SignIn: true}))
			defer other.Close()
			c := o.signIn(t, "secretary", password)
			req, _ := http.NewRequest("GET", other.URL+"/api/meetings", nil)
			req.AddCookie(&http.Cookie{Name: "minutes_session", Value: c})
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != 200 {
				t.Fatalf("the session on the second server: %v %v", err, res.StatusCode)
			}
			res.Body.Close()
			// Signed out on the second, it ends on the first.
			req, _ = http.NewRequest("POST", other.URL+"/logout", nil)
			req.AddCookie(&http.Cookie{Name: "minutes_session", Value: c})
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			if res, err = client.Do(req); err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if r := o.do(t, "GET", "/api/meetings", "", "Cookie", "minutes_session="+c); r.status != http.StatusUnauthorized {
				t.Fatalf("signed out on one server, the other still takes it: %d", r.status)
			}
		})
		t.Run("NameAndOrganisationOnEveryPage", func(t *testing.T) {
			for _, p := range []string{"/meetings", "/tasks", "/reports/quarterly", "/import", "/numbers"} {
				r := o.as(t, "secretary", "GET", p, "")
				if !strings.Contains(r.body, `<span class="who-name">secretary</span>`) || !strings.Contains(r.body, ownOrg) || !strings.Contains(r.body, "Đăng xuất") {
					t.Errorf("%s does not name the user and organisation", p)
				}
				if strings.Contains(r.body, `href="/users"`) {
					t.Errorf("%s offers the users page to a secretary", p)
				}
			}
		})
		t.Run("MenuOfAViewer", func(t *testing.T) {
			r := o.as(t, "viewer", "GET", "/meetings", "")
			for _, link := range []string{`href="/meetings/new"`, `href="/import"`, `href="/users"`} {
				if strings.Contains(r.body, link) {
					t.Errorf("a viewer is offered %s", link)
				}
			}
			_, final, _ := o.seed(t, ownOrg, 200)
			r = o.as(t, "viewer", "GET", fmt.Sprintf("/meetings/%d", final), "")
			if r.status != 200 || strings.Contains(r.body, "/amend") || strings.Contains(r.body, `action="/meetings/`) {
				t.Errorf("a viewer is offered to change finalized minutes: %d", r.status)
			}
			r = o.as(t, "admin", "GET", fmt.Sprintf("/meetings/%d", final), "") // the approver signed out above
			if !strings.Contains(r.body, fmt.Sprintf(`href="/meetings/%d/amend"`, final)) {
				t.Error("an admin is not offered to amend")
			}
			if r := o.as(t, "admin", "GET", fmt.Sprintf("/meetings/%d/history", final), ""); !strings.Contains(r.body, `href="/users#audit-h"`) {
				t.Error("the history page does not lead an admin to the audit")
			}
			if r := o.as(t, "viewer", "GET", fmt.Sprintf("/meetings/%d/history", final), ""); strings.Contains(r.body, `href="/users#audit-h"`) {
				t.Error("the history page leads a viewer to the audit")
			}
		})
		t.Run("StoredScriptShownAsText", func(t *testing.T) {
			r := o.as(t, "admin", "POST", "/users", "op=add&role=viewer&orgs="+url.QueryEscape("<script>alert(1)</script>")+"&username=xss&full_name="+url.QueryEscape(`<img src=x onerror=alert(1)>`)+"&password=mot+mat+khau+dai", form...)
			if r.status != http.StatusSeeOther {
				t.Fatalf("add: %d %s", r.status, r.body)
			}
			r = o.as(t, "admin", "GET", "/users", "")
			if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<img src=x") || !strings.Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Fatal("record text is not escaped on the users page")
			}
			// The audit names the role as the page does, not by its key.
			if !strings.Contains(r.body, "xss Người xem &lt;script&gt;") || strings.Contains(r.body, "xss viewer") {
				t.Errorf("the audit of an account added does not name its role in Vietnamese")
			}
		})
		t.Run("OversizedLogin", func(t *testing.T) {
			big := "username=admin&password=" + strings.Repeat("a", 9<<20)
			r := o.do(t, "POST", "/login", big, form...)
			if r.status != http.StatusRequestEntityTooLarge && r.status != http.StatusBadRequest {
				t.Fatalf("a 9 MB sign-in: %d", r.status)
			}
		})
	})
}
