package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/web"
)

// BenchmarkRequests: what sign-in adds to an ordinary request. The same
// pages over the same 2,000 meetings, served to the local operator
// (no accounts) and round-robin to 100 signed-in secretaries of one office
// (a session looked up per request). The sign-in itself is one argon2id
// hash: BenchmarkSignInHash in app.
//
//	go test -run XXX -bench Requests -benchtime 200x ./web/
func BenchmarkRequests(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			dsn := testdb.SQLite(b)
			if db == "postgres" {
				dsn = testdb.Postgres(b)
			}
			st, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			ms := make([]*minutes.Meeting, 2000)
			for i := range ms {
				ms[i] = testdb.Meeting(i)
				ms[i].Organization, ms[i].Number = ownOrg, ""
			}
			if err := st.CreateMeetings(context.Background(), ms); err != nil {
				b.Fatal(err)
			}
			hash := app.HashPassword(password)
			cookies := make([]string, 100)
			for i := range cookies {
				u := &minutes.User{Name: fmt.Sprintf("thuky%d", i), Role: minutes.RoleSecretary, Orgs: []string{ownOrg}, Password: hash}
				if err := st.CreateUser(context.Background(), u); err != nil {
					b.Fatal(err)
				}
				token, digest := app.NewSecret()
				if err := st.CreateSession(context.Background(), digest, u.ID, "127.0.0.1"); err != nil {
					b.Fatal(err)
				}
				cookies[i] = token
			}
			for _, mode := range []string{"local", "signed-in-100"} {
				srv := httptest.NewServer(web.New(app.Over(st), catalog, web.Options{SignIn: mode != "local"}))
				for _, path := range []string{"/meetings", fmt.Sprintf("/api/meetings/%d", ms[1000].ID), "/api/meetings?limit=50"} {
					b.Run(mode+path, func(b *testing.B) {
						for i := 0; b.Loop(); i++ {
							req, _ := http.NewRequest("GET", srv.URL+path, nil)
							if mode != "local" {
								req.AddCookie(&http.Cookie{Name: "minutes_session", Value: cookies[i%len(cookies)]})
							}
							res, err := http.DefaultClient.Do(req)
							if err != nil {
								b.Fatal(err)
							}
							_, _ = io.Copy(io.Discard, res.Body)
							res.Body.Close()
							if res.StatusCode != 200 {
								b.Fatalf("%s: %d", path, res.StatusCode)
							}
						}
					})
				}
				srv.Close()
			}
		})
	}
}
