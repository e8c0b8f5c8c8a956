package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/record"
)

// TestAPI walks a meeting through every route of the API and every status
// code it answers, on SQLite and on PostgreSQL.
func TestAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ts := newServer(t, dsn)

		t.Run("Healthz", func(t *testing.T) {
			if r := ts.do(t, "GET", "/healthz", ""); r.status != 200 || strings.TrimSpace(r.body) != "ok" {
				t.Errorf("healthz: %d %q", r.status, r.body)
			}
		})

		r := ts.do(t, "POST", "/api/meetings", validYAML, "Content-Type", "application/yaml")
		if r.status != http.StatusCreated || r.header.Get("Location") != "/api/meetings/1" || r.header.Get("ETag") != `"1"` {
			t.Fatalf("POST YAML: %d %v %s", r.status, r.header, r.body)
		}
		if got := r.json(t); got["id"] != float64(1) || got["status"] != "draft" {
			t.Fatalf("POST answer: %v", got)
		}
		id := ts.create(t, validJSON)
		if id != "2" {
			t.Fatalf("second meeting id %s", id)
		}

		t.Run("Show", func(t *testing.T) {
			r := ts.do(t, "GET", "/api/meetings/1", "")
			if r.status != 200 || r.header.Get("ETag") != `"1"` {
				t.Fatalf("GET: %d %v", r.status, r.header)
			}
			m := r.json(t)
			if m["id"] != float64(1) || m["date"] != "2021-03-25" || m["start_time"] != "07:30" || m["title"] != "Hội nghị giao ban quý I/2021" {
				t.Errorf("show JSON: %v", m)
			}
			// The JSON of show -o json: every key in every meeting, the
			// empty ones too, and the status and version.
			for _, k := range []string{"summary", "comments", "recipients", "status", "version", "secretary", "agenda"} {
				if _, ok := m[k]; !ok {
					t.Errorf("show JSON lacks %q: %v", k, m)
				}
			}
			if r := ts.do(t, "GET", "/api/meetings/1", "", "If-None-Match", `"1"`); r.status != http.StatusNotModified {
				t.Errorf("If-None-Match current: %d", r.status)
			}
		})

		t.Run("List", func(t *testing.T) {
			for q, want := range map[string]int{
				"": 2, "?search=quan": 2, "?search=QUẬN+bi+thu": 2, "?search=nothing": 0, "?quarter=I/2021": 2,
				"?quarter=2021-Q2": 0, "?status=finalized": 0, "?limit=1": 1, "?limit=1&offset=1": 1, "?org=thanh+uy+soc+trang": 2,
			} {
				r := ts.do(t, "GET", "/api/meetings"+q, "")
				if r.status != 200 || strings.Count(r.body, `"organization"`) != want {
					t.Errorf("GET /api/meetings%s: %d, want %d meetings\n%.300s", q, r.status, want, r.body)
				}
			}
			r := ts.do(t, "GET", "/api/meetings?sort=newest&limit=1", "")
			if !strings.Contains(r.body, `"id":2,`) {
				t.Errorf("newest first: %s", r.body)
			}
		})

		t.Run("ErrBadQuery400", func(t *testing.T) {
			for _, q := range []string{"?quarter=Q5/2021", "?year=abc", "?limit=-1", "?sort=sideways", "?status=maybe", "?from=31/02/2021", "?quarter=I/2021&year=2021"} {
				r := ts.do(t, "GET", "/api/meetings"+q, "")
				if r.status != http.StatusBadRequest || r.json(t)["code"] != "usage" {
					t.Errorf("GET /api/meetings%s: %d %s, want 400", q, r.status, r.body)
				}
			}
			if r := ts.do(t, "GET", "/api/meetings/abc", ""); r.status != http.StatusBadRequest {
				t.Errorf("GET /api/meetings/abc: %d, want 400", r.status)
			}
		})

		t.Run("ErrNotFound404", func(t *testing.T) {
			for _, req := range [][2]string{{"GET", "/api/meetings/99"}, {"DELETE", "/api/meetings/99"}, {"POST", "/api/meetings/99/finalize"}, {"GET", "/api/meetings/99/history"}, {"GET", "/api/nothing"}} {
				r := ts.do(t, req[0], req[1], "")
				if r.status != http.StatusNotFound || r.json(t)["code"] != "not_found" {
					t.Errorf("%s %s: %d %s, want 404", req[0], req[1], r.status, r.body)
				}
			}
			if r := ts.do(t, "PUT", "/api/meetings/99", validJSON, "If-Match", `"1"`); r.status != http.StatusNotFound {
				t.Errorf("PUT /api/meetings/99: %d, want 404", r.status)
			}
			if r := ts.do(t, "GET", "/api/meetings/1?version=7", ""); r.status != http.StatusNotFound {
				t.Errorf("GET version 7: %d, want 404", r.status)
			}
		})

		t.Run("UpdateWithIfMatch", func(t *testing.T) {
			edited := strings.Replace(validJSON, "giao ban quý I/2021", "giao ban quý I/2021 (bổ sung)", 1)
			if r := ts.do(t, "PUT", "/api/meetings/2", edited); r.status != http.StatusPreconditionRequired {
				t.Errorf("PUT without If-Match: %d, want 428", r.status)
			}
			if r := ts.do(t, "PUT", "/api/meetings/2", edited, "If-Match", "three"); r.status != http.StatusBadRequest {
				t.Errorf("PUT with a bad If-Match: %d, want 400", r.status)
			}
			r := ts.do(t, "PUT", "/api/meetings/2", edited, "If-Match", `"1"`)
			if r.status != 200 || r.header.Get("ETag") != `"2"` || r.json(t)["title"] != "Hội nghị giao ban quý I/2021 (bổ sung)" {
				t.Fatalf("PUT: %d %v %s", r.status, r.header, r.body)
			}
			// Someone saved version 2 meanwhile: a client still at 1 is refused.
			r = ts.do(t, "PUT", "/api/meetings/2", validJSON, "If-Match", `"1"`)
			if r.status != http.StatusPreconditionFailed || r.json(t)["code"] != "stale" {
				t.Errorf("stale PUT: %d %s, want 412", r.status, r.body)
			}
			if r := ts.do(t, "GET", "/api/meetings/2", ""); !strings.Contains(r.body, "(bổ sung)") {
				t.Errorf("a stale PUT changed the meeting: %s", r.body)
			}
			r = ts.do(t, "PUT", "/api/meetings/2", `{"organization":"X"}`, "If-Match", `"2"`)
			if r.status != http.StatusUnprocessableEntity || len(r.json(t)["problems"].([]any)) < 1 {
				t.Errorf("invalid PUT: %d %s, want 422 with problems", r.status, r.body)
			}
			if r := ts.do(t, "DELETE", "/api/meetings/2", "", "If-Match", `"1"`); r.status != http.StatusPreconditionFailed {
				t.Errorf("stale DELETE: %d, want 412", r.status)
			}
		})

		t.Run("FinalizeThenConflict409", func(t *testing.T) {
			if r := ts.do(t, "POST", "/api/meetings/1/finalize", "", "If-Match", `"5"`); r.status != http.StatusPreconditionFailed {
				t.Errorf("finalize a version not read: %d, want 412", r.status)
			}
			r := ts.do(t, "POST", "/api/meetings/1/finalize", "")
			if r.status != 200 || r.json(t)["status"] != nil && r.header.Get("ETag") != `"2"` {
				t.Fatalf("finalize: %d %v %s", r.status, r.header, r.body)
			}
			for _, req := range []struct{ method, path, body string }{
				{"POST", "/api/meetings/1/finalize", ""},
				{"PUT", "/api/meetings/1", validJSON},
				{"DELETE", "/api/meetings/1", ""},
			} {
				r := ts.do(t, req.method, req.path, req.body, "If-Match", `"2"`)
				if r.status != http.StatusConflict || r.json(t)["code"] != "conflict" {
					t.Errorf("%s %s on finalized minutes: %d %s, want 409", req.method, req.path, r.status, r.body)
				}
			}
			r = ts.do(t, "GET", "/api/meetings/1/history", "")
			if r.status != 200 || !strings.Contains(r.body, `"action":"finalized"`) {
				t.Errorf("history: %d %s", r.status, r.body)
			}
		})

		t.Run("DeleteDraft204", func(t *testing.T) {
			id := ts.create(t, validJSON)
			if r := ts.do(t, "DELETE", "/api/meetings/"+id, ""); r.status != http.StatusNoContent {
				t.Fatalf("DELETE: %d %s", r.status, r.body)
			}
			if r := ts.do(t, "GET", "/api/meetings/"+id, ""); r.status != http.StatusNotFound {
				t.Errorf("after DELETE: %d, want 404", r.status)
			}
		})

		t.Run("ErrorsInTheReadersLanguage", func(t *testing.T) {
			r := ts.do(t, "GET", "/api/meetings/99", "", "Accept-Language", "en-GB,en;q=0.9,vi;q=0.5")
			if msg := r.json(t)["message"]; msg != "there is no meeting 99" {
				t.Errorf("English error: %q", msg)
			}
			r = ts.do(t, "GET", "/api/meetings/99", "")
			if msg := r.json(t)["message"]; msg != "không có cuộc họp số 99" {
				t.Errorf("Vietnamese by default: %q", msg)
			}
		})
	})
}

// TestAPIBadInputs sends through POST /api/meetings the bad records the
// command line refuses: each is 422 with its problems as JSON (field, line,
// message), and nothing is stored.
func TestAPIBadInputs(t *testing.T) {
	long := strings.Repeat("a", 1001)
	cases := []struct {
		name, body string
		field      string // a problem must name this field ("" for the whole input)
		want       string // and say this
	}{
		{"ErrUnknownKeyTypo", strings.Replace(validYAML, "organization:", "orgnization:", 1), "orgnization", `"organization"`},
		{"ErrJSONUnknownKey", strings.Replace(validJSON, `"title":"Bí thư Thành ủy"`, `"titel":"Bí thư Thành ủy"`, 1), "chairs[1].titel", `"title"`},
		{"ErrImpossibleDate", strings.Replace(validYAML, "date: 25/3/2021", "date: 31/02/2021", 1), "date", "không tồn tại"},
		{"ErrEndBeforeStart", strings.Replace(validYAML, `end_time: "11:15"`, `end_time: "06:00"`, 1), "end_time", "sớm hơn"},
		{"ErrControlCharacter", strings.Replace(validJSON, "giao ban", `giao\u0007ban`, 1), "title", "U+0007"},
		{"ErrTitleTooLong", strings.Replace(validYAML, "title: Hội nghị giao ban quý I/2021", "title: "+long, 1), "title", "quá dài"},
		{"ErrPresentNotNumber", strings.Replace(validYAML, "present: 80", "present: tám mươi", 1), "attendance.present", "số nguyên"},
		{"ErrChairsRequired", `{"organization":"X","title":"T","date":"2021-03-25","attendance":{"present":1}}`, "chairs", "chủ trì"},
		{"ErrEmpty", "", "", "trống"},
		{"ErrOnlySpaces", "   \n\n", "", "trống"},
		{"ErrInvalidUTF8", "organization: Th\xe0nh \xff\n", "", "UTF-8"},
		{"ErrYAMLSyntax", "organization: [Thành ủy\n", "", "cú pháp"},
		{"ErrTwoMeetings", validYAML + "---\n" + validYAML, "", "đúng một cuộc họp"},
		{"ErrHuge", validYAML + "summary: " + strings.Repeat("a", record.MaxInput) + "\n", "", "64 MB"},
	}
	testdb.Each(t, func(t *testing.T, dsn string) {
		ts := newServer(t, dsn)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := ts.do(t, "POST", "/api/meetings", c.body)
				if r.status != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422\n%.500s", r.status, r.body)
				}
				body := r.json(t)
				words := body["message"].(string)
				problems, _ := body["problems"].([]any)
				for _, p := range problems {
					words += "\n" + p.(map[string]any)["message"].(string)
				}
				if !strings.Contains(words, c.want) {
					t.Errorf("answer lacks %q:\n%.800s", c.want, words)
				}
				if body["code"] != "invalid" {
					t.Errorf("code %v, want invalid", body["code"])
				}
				if c.field != "" {
					found := false
					for _, p := range problems {
						pm := p.(map[string]any)
						if pm["field"] == c.field && pm["message"] != "" {
							found = true
							if c.field == "orgnization" && pm["line"] != float64(1) {
								t.Errorf("problem of %s at line %v, want 1", c.field, pm["line"])
							}
						}
					}
					if !found {
						t.Errorf("no problem names %s: %s", c.field, r.body)
					}
				}
			})
		}
		if r := ts.do(t, "GET", "/api/meetings", ""); strings.TrimSpace(r.body) != "[]" {
			t.Errorf("a rejected record was stored: %.300s", r.body)
		}

		t.Run("NFDStoredAsNFC", func(t *testing.T) {
			nfd := "Ho\u0302\u0323i nghi\u0323 giao ban Đa\u0309ng u\u0309y" // decomposed: marks after their letters
			id := ts.create(t, strings.Replace(validJSON, "Hội nghị giao ban quý I/2021", nfd, 1))
			r := ts.do(t, "GET", "/api/meetings/"+id, "")
			if title := r.json(t)["title"]; title != "Hội nghị giao ban Đảng ủy" {
				t.Errorf("title stored as %q, want NFC", title)
			}
			if r := ts.do(t, "GET", "/api/meetings?search=dang+uy", ""); !strings.Contains(r.body, "Đảng ủy") {
				t.Errorf("NFD text not found by a diacritic-free search")
			}
		})
	})
}

// TestRefusals checks what keeps a server on one machine safe: writes from
// another site, a foreign Host header, and the headers of every answer.
func TestRefusals(t *testing.T) {
	ts := newServer(t, testdb.SQLite(t))

	t.Run("CrossOriginWriteRefused", func(t *testing.T) {
		for _, h := range [][]string{
			{"Sec-Fetch-Site", "cross-site"},
			{"Origin", "http://evil.example"},
			{"Sec-Fetch-Site", "same-site", "Origin", "http://other.localhost:8080"},
		} {
			for _, path := range []string{"/api/meetings", "/meetings", "/lang", "/drafts"} {
				r := ts.do(t, "POST", path, validJSON, h...)
				if r.status != http.StatusForbidden {
					t.Errorf("POST %s with %v: %d, want 403", path, h, r.status)
				}
			}
		}
		if r := ts.do(t, "GET", "/api/meetings", "", "Sec-Fetch-Site", "cross-site"); strings.TrimSpace(r.body) != "[]" {
			t.Errorf("a cross-site write stored something: %s", r.body)
		}
		// The same page posting, and a script without a browser, may write.
		if r := ts.do(t, "POST", "/api/meetings", validJSON, "Sec-Fetch-Site", "same-origin", "Origin", ts.URL); r.status != http.StatusCreated {
			t.Errorf("same-origin POST: %d %s", r.status, r.body)
		}
	})

	t.Run("ForeignHostRefused", func(t *testing.T) {
		for _, host := range []string{"evil.example", "evil.example:8080", "192.168.1.5:8080", "127.0.0.1.evil.example"} {
			r := ts.do(t, "GET", "/api/meetings", "", "Host", host)
			if r.status != http.StatusForbidden {
				t.Errorf("GET with Host %s: %d, want 403", host, r.status)
			}
		}
		for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"} {
			if r := ts.do(t, "GET", "/healthz", "", "Host", host); r.status != 200 {
				t.Errorf("GET with Host %s: %d, want 200", host, r.status)
			}
		}
	})

	t.Run("SecurityHeaders", func(t *testing.T) {
		r := ts.do(t, "GET", "/meetings", "")
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP allows inline code: %s", csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("no nosniff")
		}
	})

	t.Run("BodyTooLarge", func(t *testing.T) {
		big := "title=" + strings.Repeat("a", 9<<20)
		r := ts.do(t, "POST", "/meetings", big, "Content-Type", "application/x-www-form-urlencoded")
		if r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 9 MB form: %d, want 413", r.status)
		}
	})
}

// TestEscaping stores a meeting with markup in every field and reads every
// page that shows it: the markup shows as text, never as markup.
func TestEscaping(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ts := newServer(t, dsn)
		x := `<script>alert(1)</script>`
		q := func(s string) string { return strings.ReplaceAll(s, `"`, `\"`) }
		body := `{"organization":"` + q(x) + ` org","parent_organization":"` + q(x) + `","number":"` + q(x) + `","title":"` + q(x) + ` title",
"date":"2021-03-25","place":"` + q(x) + `","location":"` + q(x) + `","chairs":[{"name":"` + q(x) + `","title":"` + q(x) + `"}],
"secretary":{"name":"` + q(x) + `","title":"` + q(x) + `"},"attendance":{"present":3,"absent":[{"name":"` + q(x) + `","reason":"` + q(x) + `"}],"composition":"` + q(x) + `"},
"agenda":[{"title":"` + q(x) + `","presenter":"` + q(x) + `"}],"summary":"` + q(x) + `\n<img src=x onerror=alert(2)>",
"comments":[{"speaker":"` + q(x) + `","title":"` + q(x) + `","content":"` + q(x) + `"}],
"conclusions":[{"content":"` + q(x) + `","owner":"` + q(x) + `","due":"2021-04-01"}],"recipients":["` + q(x) + `"]}`
		id := ts.create(t, body)
		// Pages that show record text must show it escaped; the others
		// (figures, history) must at least show none of it as markup.
		shows := map[string]bool{"/meetings": true, "/meetings?q=script": true, "/meetings/" + id: true, "/meetings/" + id + "/edit": true,
			"/tasks": true, "/meetings/" + id + "/finalize": true, "/meetings/" + id + "/delete": true,
			"/meetings/" + id + "/history": false, "/reports/quarterly?quarter=2021-Q1": false}
		for path, shown := range shows {
			r := ts.do(t, "GET", path, "")
			if r.status != 200 {
				t.Errorf("GET %s: %d", path, r.status)
				continue
			}
			if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<img src=x") {
				t.Errorf("GET %s shows markup from the record unescaped", path)
			}
			if shown && !strings.Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("GET %s does not show the record's text escaped", path)
			}
		}
	})
}
