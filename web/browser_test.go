package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/web"
)

// One headless Chromium for every browser test of the package: starting
// it costs a second; each test opens its own tabs in it.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// required fails under CI=true, where every part must be present, and
// skips elsewhere.
func required(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format+" (required under CI=true)", args...)
	}
	t.Skipf(format, args...)
}

func chromiumPath() string {
	if p := os.Getenv("MINUTES_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// tab opens a new tab of the shared browser, closed when the test ends;
// with noJS the page's scripts do not run, as in a browser with
// JavaScript turned off.
func tab(t *testing.T, noJS bool) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		required(t, "no Chromium found (apt-get install chromium, or set MINUTES_TEST_CHROMIUM)")
	}
	browser.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.WindowSize(1280, 900), chromedp.Flag("lang", "vi-VN"))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		browser.ctx, browser.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
		browser.err = chromedp.Run(ctx)
	})
	if browser.err != nil {
		required(t, "Chromium at %s does not start: %v", path, browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx)
	ctx, cancelTimeout := context.WithTimeout(context.WithValue(ctx, noJSKey{}, noJS), 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	// The browser of a Vietnamese office asks for Vietnamese.
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(noJS), network.Enable(),
		network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"})); err != nil {
		t.Fatal(err)
	}
	return ctx
}

type noJSKey struct{}

func noScripts(ctx context.Context) bool { v, _ := ctx.Value(noJSKey{}).(bool); return v }

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// text returns the text of the page's main element.
func text(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	run(t, ctx, chromedp.Text("main", &s, chromedp.ByQuery))
	return s
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	run(t, ctx, chromedp.Location(&s))
	return s
}

// browserServer is an office server (accounts, sign-in) over a new SQLite
// file with the tab signed in as role; fetch carries the same session.
func browserServer(t *testing.T, ctx context.Context, role string) *officeServer {
	t.Helper()
	ts := newOfficeServer(t, testdb.SQLite(t), web.Options{})
	signInTab(t, ctx, ts, role)
	return ts
}

// signInTab signs the tab in through the sign-in page, as a person does.
func signInTab(t *testing.T, ctx context.Context, ts *officeServer, role string) {
	t.Helper()
	run(t, ctx, navigate(ts.URL+"/login"), typeInto("#username", role), typeInto("#password", password), submit("form.login button"))
	if loc := location(t, ctx); !strings.HasSuffix(loc, "/meetings") {
		t.Fatalf("signing in as %s: at %s\n%s", role, loc, text(t, ctx))
	}
	var cookies []*network.Cookie
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		cookies, err = network.GetCookies().WithURLs([]string{ts.URL}).Do(ctx)
		return err
	}))
	for _, c := range cookies {
		if c.Name == "minutes_session" {
			if !c.HTTPOnly || c.SameSite != network.CookieSameSiteLax {
				t.Errorf("the session cookie is not HttpOnly, SameSite=Lax: %+v", c)
			}
			sessions.Store(ts.URL, c.Value)
		}
	}
}

// sessions holds the browser's session of each test server, for fetch.
var sessions sync.Map

// fetch gets url as the browser signed in to its server would.
func fetch(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	sessions.Range(func(k, v any) bool {
		if strings.HasPrefix(url, k.(string)+"/") {
			req.AddCookie(&http.Cookie{Name: "minutes_session", Value: v.(string)})
		}
		return true
	})
	return http.DefaultClient.Do(req)
}

// create posts a record as the secretary and returns the new meeting's ID.
func (o *officeServer) create(t testing.TB, body string) string {
	t.Helper()
	r := o.as(t, "secretary", "POST", "/api/meetings", body, "Content-Type", "application/json")
	if r.status != http.StatusCreated {
		t.Fatalf("POST /api/meetings: %d %s", r.status, r.body)
	}
	return strings.TrimSuffix(jsonNumber(r.json(t)["id"]), ".0")
}

// TestBrowserAccounts: the sign-in page, a wrong password, the users page
// of an admin who adds an account, the name and organisation at the top,
// and signing out.
func TestBrowserAccounts(t *testing.T) {
	ctx := tab(t, false)
	ts := newOfficeServer(t, testdb.SQLite(t), web.Options{})
	run(t, ctx, navigate(ts.URL+"/meetings"))
	if loc := location(t, ctx); !strings.Contains(loc, "/login?next=") {
		t.Fatalf("signed out, /meetings leads to %s", loc)
	}
	look(t, ctx, "login")
	run(t, ctx, typeInto("#username", "admin"), typeInto("#password", "sai mật khẩu rồi"), submit("form.login button"))
	has(t, "a wrong password", text(t, ctx), "Tên đăng nhập hoặc mật khẩu không đúng")
	look(t, ctx, "login-wrong")
	signInTab(t, ctx, ts, "admin")
	run(t, ctx, navigate(ts.URL+"/users"))
	has(t, "users page", text(t, ctx), "Người dùng", "secretary", "Thư ký", "Người duyệt", "Đăng nhập sai", "Tên đăng nhập", "Vai trò")
	run(t, ctx, typeInto("#new-username", "phuong.nt"), typeInto("#new-full-name", "Nguyễn Thị Ngọc Phượng"),
		chromedp.SetValue("#new-role", "secretary", chromedp.ByQuery), typeInto("#new-orgs", ownOrg),
		typeInto("#new-password", "mật khẩu của Phượng"), submit("#add-h + form button.primary"))
	has(t, "user added", text(t, ctx), "Đã lưu các thay đổi", "phuong.nt", "Nguyễn Thị Ngọc Phượng")
	look(t, ctx, "users")
	run(t, ctx, submit("header .who button"))
	if loc := location(t, ctx); !strings.HasSuffix(loc, "/login") {
		t.Fatalf("after signing out: %s", loc)
	}
	run(t, ctx, navigate(ts.URL+"/login"), typeInto("#username", "phuong.nt"), typeInto("#password", "mật khẩu của Phượng"), submit("form.login button"))
	var who string
	run(t, ctx, chromedp.Text("header .who", &who, chromedp.ByQuery))
	if !strings.Contains(who, "phuong.nt") || !strings.Contains(who, ownOrg) {
		t.Fatalf("the header names %q", who)
	}
	look(t, ctx, "signed-in-secretary")
}

// shotDir is where screenshots go: MINUTES_TEST_SCREENSHOTS to look at
// them, else a temporary directory.
var shotDir = sync.OnceValue(func() string {
	if d := os.Getenv("MINUTES_TEST_SCREENSHOTS"); d != "" {
		_ = os.MkdirAll(d, 0o755)
		return d
	}
	d, _ := os.MkdirTemp("", "minutes-shots-")
	return d
})

// look takes a screenshot of the whole page and checks it with axe-core:
// no serious or critical accessibility violation.
func look(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	run(t, ctx, chromedp.FullScreenshot(&png, 100))
	_ = os.WriteFile(filepath.Join(shotDir(), name+".png"), png, 0o644)
	axe(t, ctx, name)
}

var axeSource = sync.OnceValues(func() ([]byte, error) {
	p := os.Getenv("MINUTES_TEST_AXE")
	if p == "" {
		return nil, fmt.Errorf("MINUTES_TEST_AXE is not set (npm install --prefix /tmp/axe axe-core; MINUTES_TEST_AXE=/tmp/axe/node_modules/axe-core/axe.min.js)")
	}
	return os.ReadFile(p)
})

type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

func axe(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core: %v (required under CI=true)", err)
		}
		t.Logf("axe-core not run: %v", err)
		return
	}
	// axe is a script: in a tab with scripts off, they are on for it alone
	// (the page's own scripts have not run and do not run now). DevTools
	// evaluates regardless of the page's Content-Security-Policy.
	var out string
	run(t, ctx, emulation.SetScriptExecutionDisabled(false), chromedp.Evaluate(string(src), nil),
		chromedp.Evaluate(`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
			ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`, &out,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetScriptExecutionDisabled(noScripts(ctx)).Do(ctx)
		}))
	var vs []violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("axe result: %v", err)
	}
	t.Logf("%s: axe-core found %d violations", name, len(vs))
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: accessibility (%s) %s: %s at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
		} else {
			t.Logf("%s: accessibility (%s) %s: %s at %v", name, v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
}

// phone makes the tab a phone's screen, where officials read.
func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, emulation.SetDeviceMetricsOverride(390, 844, 2, true))
}

// typeInto clears an input and types text into it as a person does, key by
// key (which works with the page's scripts off too).
func typeInto(sel, text string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Focus(sel, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent(kb.Delete),
		chromedp.SendKeys(sel, text, chromedp.ByQuery),
	}
}

// submit clicks a button and waits for the page it leads to.
func submit(sel string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if _, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery)); err != nil {
			return fmt.Errorf("click %s: %w", sel, err)
		}
		return chromedp.Run(ctx, chromedp.WaitReady("footer", chromedp.ByQuery))
	})
}

// navigate opens a page and waits for it.
func navigate(url string) chromedp.Action {
	return chromedp.Tasks{chromedp.Navigate(url), chromedp.WaitReady("body", chromedp.ByQuery)}
}

// waitText waits until the element sel holds want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var s string
		_ = chromedp.Run(ctx, chromedp.Text(sel, &s, chromedp.ByQuery, chromedp.AtLeast(0)))
		if strings.Contains(s, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q (shows %q)", sel, want, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
