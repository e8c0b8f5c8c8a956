package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
	"github.com/minutes-vn/minutes/web"
)

// catalog holds every message the server may show, as the command line's
// does.
var catalog = minutes.NewCatalog(minutes.DomainMessages, record.Messages, sqlstore.Messages,
	report.Messages, app.Messages, web.Messages)

// testServer is the web interface over a real database on a loopback port.
type testServer struct {
	*httptest.Server
	app *app.Service
	mu  sync.Mutex
	log []string
}

func newServer(t testing.TB, dsn string) *testServer {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	svc := app.Over(st)
	svc.Today = func() minutes.Date { return minutes.NewDate(2021, 6, 1) }
	ts := &testServer{app: svc}
	ts.Server = httptest.NewServer(web.New(svc, catalog, web.Options{Logf: func(format string, args ...any) {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.log = append(ts.log, format)
	}}))
	t.Cleanup(func() {
		ts.Close()
		st.Close()
	})
	return ts
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   string
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("not a JSON object (%d): %v\n%s", r.status, err, r.body)
	}
	return v
}

// do sends a request; headers are pairs of name and value.
func (ts *testServer) do(t testing.TB, method, path, body string, headers ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if strings.EqualFold(headers[i], "Host") {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, string(b)}
}

const validJSON = `{"organization":"Thành ủy Sóc Trăng","title":"Hội nghị giao ban quý I/2021","date":"25/3/2021",
"start_time":"7:30","end_time":"11:15","chairs":[{"name":"Nguyễn Văn Quận","title":"Bí thư Thành ủy"}],
"attendance":{"present":80,"at_least":true},"conclusions":[{"content":"Tập trung lãnh đạo công tác bầu cử","due":"23/5/2021"}]}`

const validYAML = `organization: Thành ủy Sóc Trăng
title: Hội nghị giao ban quý I/2021
date: 25/3/2021
start_time: 7:30
end_time: "11:15"
chair:
  name: Nguyễn Văn Quận
  title: Bí thư Thành ủy
attendance:
  present: 80
  at_least: true
conclusions:
  - content: Tập trung lãnh đạo công tác bầu cử
    due: 23/5/2021
`

// create posts a record and returns the new meeting's ID.
func (ts *testServer) create(t testing.TB, body string) string {
	t.Helper()
	r := ts.do(t, "POST", "/api/meetings", body, "Content-Type", "application/json")
	if r.status != http.StatusCreated {
		t.Fatalf("POST /api/meetings: %d %s", r.status, r.body)
	}
	id := r.json(t)["id"]
	return strings.TrimSuffix(strings.TrimSuffix(jsonNumber(id), ".0"), ".00")
}

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
