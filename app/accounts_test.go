package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

const (
	orgA = "Thành ủy Sóc Trăng" // testdb.Meeting of an even i below 4
	orgB = "Đảng ủy xã Phú Mỹ"  // testdb.Meeting(1)
	pw   = "mật khẩu rất dài 1"
)

func as(u *minutes.User) context.Context {
	return minutes.WithPrincipal(context.Background(), u.Principal())
}

func addUser(t *testing.T, a *app.Service, name string, role minutes.Role, orgs ...string) *minutes.User {
	t.Helper()
	u, err := a.AddUser(context.Background(), name, "", role, orgs, pw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestPasswordHash(t *testing.T) {
	h1, h2 := app.HashPassword("0123456789"), app.HashPassword("0123456789")
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=32768,t=4,p=1$") || strings.Contains(h1, "0123456789") {
		t.Fatalf("hash %q", h1)
	}
	if !app.CheckPasswordHash("0123456789", h1) || app.CheckPasswordHash("0123456788", h1) || app.CheckPasswordHash("0123456789", "$argon2id$bad") {
		t.Fatal("check gives the wrong answer")
	}
	start := time.Now()
	app.HashPassword("0123456789")
	t.Logf("one argon2id hash: %v", time.Since(start))
}

func BenchmarkSignInHash(b *testing.B) {
	for b.Loop() {
		app.HashPassword("0123456789")
	}
}

func TestAddUser(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		_, err := a.AddUser(ctx, "phuong", "", minutes.RoleSecretary, []string{orgA}, "ngan-qua")
		wantErr(t, err, minutes.EINVALID, "at least 10 characters")
		if strings.Contains(en.Error(err), "ngan-qua") {
			t.Fatal("the password is in the message")
		}
		_, err = a.AddUser(ctx, "phuong", "", "chief", []string{orgA}, pw)
		wantErr(t, err, minutes.EUSAGE, "no role")
		_, err = a.AddUser(ctx, "phuong", "", minutes.RoleSecretary, nil, pw)
		wantErr(t, err, minutes.EUSAGE, "organisation")
		_, err = a.AddUser(ctx, "phương", "", minutes.RoleSecretary, []string{orgA}, pw)
		wantErr(t, err, minutes.EINVALID, "cannot be used")
		u := addUser(t, a, "phuong", minutes.RoleSecretary, orgA, " "+orgA)
		if len(u.Orgs) != 2 { // cleaned; the store keeps one
			t.Fatalf("orgs %q", u.Orgs)
		}
		_, err = a.AddUser(ctx, "phuong", "", minutes.RoleViewer, []string{orgA}, pw)
		wantErr(t, err, minutes.ECONFLICT, "already")
		// Only an admin manages accounts.
		_, err = a.AddUser(as(u), "other", "", minutes.RoleAdmin, nil, pw)
		wantErr(t, err, minutes.EFORBIDDEN, "secretary")
		_, err = a.Users(as(u))
		wantErr(t, err, minutes.EFORBIDDEN, "secretary")
		err = a.SetRole(as(u), "phuong", minutes.RoleAdmin, nil)
		wantErr(t, err, minutes.EFORBIDDEN, "secretary")
		us, err := a.Users(ctx)
		if err != nil || len(us) != 1 || us[0].Role != minutes.RoleSecretary || len(us[0].Orgs) != 1 {
			t.Fatalf("users %+v %v", us, err)
		}
		audit, err := a.Audit(ctx, 10)
		if err != nil || len(audit) != 1 || audit[0].Action != minutes.AuditUserAdded {
			t.Fatalf("audit %+v %v", audit, err)
		}
	})
}

func TestSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		addUser(t, a, "phuong", minutes.RoleSecretary, orgA)
		var slept time.Duration
		th := app.DefaultThrottle
		th.Sleep = func(d time.Duration) { slept += d }

		token, u, err := a.SignIn(ctx, th, "phuong", pw, "10.0.0.1")
		if err != nil || u.Name != "phuong" || len(token) < 40 {
			t.Fatalf("sign in: %v %q", err, token)
		}
		if got, err := a.SessionUser(ctx, token, time.Hour); err != nil || got.Name != "phuong" {
			t.Fatalf("session: %v", err)
		}
		t.Run("ErrWrongPassword", func(t *testing.T) {
			_, _, err := a.SignIn(ctx, th, "phuong", "wrong password", "10.0.0.2")
			wantErr(t, err, app.EUNAUTHORIZED, "wrong user name or password")
			_, _, err = a.SignIn(ctx, th, "nobody", pw, "10.0.0.2")
			wantErr(t, err, app.EUNAUTHORIZED, "wrong user name or password")
		})
		t.Run("SlowedThenRefused", func(t *testing.T) {
			for i := 1; i < th.RefuseUser; i++ { // one failure above
				_, _, err := a.SignIn(ctx, th, "phuong", "wrong password", "10.0.0.3")
				wantErr(t, err, app.EUNAUTHORIZED, "wrong")
			}
			if slept == 0 {
				t.Fatal("failures were not slowed")
			}
			_, _, err := a.SignIn(ctx, th, "phuong", pw, "10.0.0.4")
			wantErr(t, err, app.ETHROTTLED, "too many")
			// Another account from another address still signs in.
			addUser(t, a, "hung", minutes.RoleViewer, orgA)
			if _, _, err := a.SignIn(ctx, th, "hung", pw, "10.0.0.5"); err != nil {
				t.Fatal(err)
			}
			audit, _ := a.Audit(ctx, 100)
			counts := map[string]int{}
			for _, e := range audit {
				counts[e.Action]++
			}
			if counts[minutes.AuditSignInFailed] != th.RefuseUser+1 || counts[minutes.AuditSignInRefuse] != 1 || counts[minutes.AuditSignIn] != 2 {
				t.Fatalf("audit %v", counts)
			}
		})
		t.Run("PerAddress", func(t *testing.T) {
			th := th
			th.RefuseAddr = 3
			for i := range 3 {
				_, _, _ = a.SignIn(ctx, th, "guess"+string(rune('a'+i)), "x", "10.9.9.9")
			}
			_, _, err := a.SignIn(ctx, th, "hung", pw, "10.9.9.9")
			wantErr(t, err, app.ETHROTTLED, "too many")
		})
		t.Run("SignOut", func(t *testing.T) {
			token, _, err := a.SignIn(ctx, th, "hung", pw, "10.0.0.6")
			if err != nil {
				t.Fatal(err)
			}
			if err := a.SignOut(ctx, token, "10.0.0.6"); err != nil {
				t.Fatal(err)
			}
			_, err = a.SessionUser(ctx, token, time.Hour)
			wantErr(t, err, app.EUNAUTHORIZED, "sign in again")
		})
		t.Run("PasswordChangeEndsSessions", func(t *testing.T) {
			token, u, _ := a.SignIn(ctx, th, "hung", pw, "10.0.0.7")
			if err := a.SetPassword(as(u), "hung", "một mật khẩu mới"); err != nil {
				t.Fatal(err)
			}
			_, err := a.SessionUser(ctx, token, time.Hour)
			wantErr(t, err, app.EUNAUTHORIZED, "sign in again")
			// A viewer changes only their own password.
			err = a.SetPassword(as(u), "phuong", "một mật khẩu mới")
			wantErr(t, err, minutes.EFORBIDDEN, "viewer")
		})
		t.Run("DisabledEndsSessions", func(t *testing.T) {
			token, _, _ := a.SignIn(ctx, th, "hung", "một mật khẩu mới", "10.0.0.8")
			if err := a.SetDisabled(ctx, "hung", true); err != nil {
				t.Fatal(err)
			}
			_, err := a.SessionUser(ctx, token, time.Hour)
			wantErr(t, err, app.EUNAUTHORIZED, "sign in again")
			_, _, err = a.SignIn(ctx, th, "hung", "một mật khẩu mới", "10.0.0.8")
			wantErr(t, err, app.EUNAUTHORIZED, "wrong")
		})
		t.Run("IdleTimeout", func(t *testing.T) {
			addUser(t, a, "lan", minutes.RoleViewer, orgA)
			token, _, _ := a.SignIn(ctx, th, "lan", pw, "10.0.0.9")
			time.Sleep(1100 * time.Millisecond)
			_, err := a.SessionUser(ctx, token, time.Second/2)
			wantErr(t, err, app.EUNAUTHORIZED, "sign in again")
		})
		t.Run("Tokens", func(t *testing.T) {
			token, err := a.NewToken(ctx, "phuong")
			if err != nil {
				t.Fatal(err)
			}
			if u, err := a.TokenUser(ctx, token); err != nil || u.Name != "phuong" {
				t.Fatalf("token: %v", err)
			}
			if _, err := a.TokenUser(ctx, token+"x"); minutes.ErrorCode(err) != app.EUNAUTHORIZED {
				t.Fatalf("a wrong token: %v", err)
			}
			if n, err := a.RevokeTokens(ctx, "phuong"); err != nil || n != 1 {
				t.Fatalf("revoke: %d %v", n, err)
			}
			_, err = a.TokenUser(ctx, token)
			wantErr(t, err, app.EUNAUTHORIZED, "revoked")
		})
	})
}

// TestScope: what each role sees and may do, of its own organisation and
// of another; a refused operation changes nothing, and another office's
// meeting answers as a missing one.
func TestScope(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		draftA, finalA, draftB, finalB := testdb.Meeting(0), testdb.Meeting(4), testdb.Meeting(1), testdb.Meeting(5)
		for _, m := range []*minutes.Meeting{draftA, finalA, draftB, finalB} {
			if err := a.Record(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range []*minutes.Meeting{finalA, finalB} {
			if err := a.Finalize(ctx, m.ID, 0); err != nil {
				t.Fatal(err)
			}
		}
		viewer := as(addUser(t, a, "xem", minutes.RoleViewer, orgA))
		secretary := as(addUser(t, a, "thuky", minutes.RoleSecretary, orgA))
		approver := as(addUser(t, a, "duyet", minutes.RoleApprover, orgA))
		admin := as(addUser(t, a, "quantri", minutes.RoleAdmin))

		ids := func(ctx context.Context, f minutes.Filter) []int64 {
			ms, err := a.Meetings(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, m := range ms {
				out = append(out, m.ID)
			}
			return out
		}
		for _, c := range []struct {
			name string
			ctx  context.Context
			want []int64
		}{
			{"viewer", viewer, []int64{finalA.ID}},
			{"secretary", secretary, []int64{draftA.ID, finalA.ID}},
			{"approver", approver, []int64{draftA.ID, finalA.ID}},
			{"admin", admin, []int64{draftA.ID, draftB.ID, finalA.ID, finalB.ID}},
		} {
			got := ids(c.ctx, minutes.Filter{})
			slices.Sort(got)
			slices.Sort(c.want)
			if !slices.Equal(got, c.want) {
				t.Errorf("%s lists %v, want %v", c.name, got, c.want)
			}
			// A search for the other office's title finds nothing of it.
			for _, id := range ids(c.ctx, minutes.Filter{Search: draftB.Title}) {
				if id == draftB.ID && c.name != "admin" {
					t.Errorf("%s finds meeting %d of another office", c.name, id)
				}
			}
		}
		for _, c := range []struct {
			name string
			ctx  context.Context
		}{{"viewer", viewer}, {"secretary", secretary}, {"approver", approver}} {
			for _, id := range []int64{draftB.ID, finalB.ID} {
				_, err := a.Meeting(c.ctx, id)
				wantErr(t, err, minutes.ENOTFOUND, "")
				_, err = a.History(c.ctx, id)
				wantErr(t, err, minutes.ENOTFOUND, "")
				_, err = a.MeetingVersion(c.ctx, id, 1)
				wantErr(t, err, minutes.ENOTFOUND, "")
				ts, err := a.Tasks(c.ctx, minutes.TaskFilter{MeetingID: id})
				if err != nil || len(ts) != 0 {
					t.Errorf("%s sees %d tasks of meeting %d: %v", c.name, len(ts), id, err)
				}
			}
			lines, _ := a.Register(c.ctx, orgB, 2021)
			if len(lines) != 0 {
				t.Errorf("%s reads the register of %s", c.name, orgB)
			}
		}
		// A viewer does not see drafts, even of its own office.
		_, err := a.Meeting(viewer, draftA.ID)
		wantErr(t, err, minutes.ENOTFOUND, "")

		// Writes: refused before anything changes.
		_, err = a.ForEdit(viewer, finalA.ID)
		wantErr(t, err, minutes.EFORBIDDEN, "viewer")
		err = a.Delete(viewer, draftA.ID, 0)
		wantErr(t, err, minutes.EFORBIDDEN, "viewer")
		err = a.Finalize(secretary, draftA.ID, 0)
		wantErr(t, err, minutes.EFORBIDDEN, "secretary")
		err = a.Finalize(approver, draftB.ID, 0)
		wantErr(t, err, minutes.ENOTFOUND, "")
		err = a.Delete(secretary, draftB.ID, 0)
		wantErr(t, err, minutes.ENOTFOUND, "")
		err = a.Record(secretary, testdb.Meeting(9)) // Đảng ủy xã Phú Mỹ
		wantErr(t, err, minutes.EFORBIDDEN, "does not belong")
		moved, _ := a.ForEdit(secretary, draftA.ID)
		moved.Organization = orgB
		err = a.Update(secretary, moved)
		wantErr(t, err, minutes.EFORBIDDEN, "does not belong")
		_, err = a.SetSetting(secretary, "place", "Cần Thơ")
		wantErr(t, err, minutes.EFORBIDDEN, "secretary")
		ts, _ := a.Tasks(ctx, minutes.TaskFilter{MeetingID: finalB.ID})
		_, err = a.TaskDone(secretary, ts[0].ID, minutes.NewDate(2021, 5, 1), "xong")
		wantErr(t, err, minutes.ENOTFOUND, "")
		ts, _ = a.Tasks(viewer, minutes.TaskFilter{MeetingID: finalA.ID})
		if len(ts) == 0 {
			t.Fatal("a viewer sees no task of its office")
		}
		_, err = a.TaskDone(viewer, ts[0].ID, minutes.NewDate(2021, 5, 1), "xong")
		wantErr(t, err, minutes.EFORBIDDEN, "viewer")
		for _, m := range []*minutes.Meeting{draftA, draftB} {
			got, err := a.Meeting(ctx, m.ID)
			if err != nil || got.Status != minutes.StatusDraft || got.Version != m.Version || got.Organization != m.Organization {
				t.Fatalf("a refused write changed meeting %d: %+v %v", m.ID, got, err)
			}
		}
		ts, _ = a.Tasks(ctx, minutes.TaskFilter{MeetingID: finalB.ID})
		if ts[0].Status != minutes.TaskOpen {
			t.Fatal("a refused follow-up changed the task")
		}

		// Allowed, and recorded with the signed-in account.
		if err := a.Finalize(approver, draftA.ID, 0); err != nil {
			t.Fatal(err)
		}
		if v, err := a.Verify(viewer, draftA.ID); err != nil || len(v.Findings) != 0 {
			t.Fatalf("the seal of minutes finalized by a signed-in approver: %+v %v", v, err)
		}
		if _, err := a.Verify(viewer, finalB.ID); minutes.ErrorCode(err) != minutes.ENOTFOUND {
			t.Fatalf("verifying another office's minutes: %v", err)
		}
		if _, err := a.Verify(viewer, 0); minutes.ErrorCode(err) != minutes.EFORBIDDEN {
			t.Fatalf("a viewer verifying the whole database: %v", err)
		}
		if v, err := a.Verify(ctx, 0); err != nil || len(v.Findings) != 0 {
			t.Fatalf("verify: %+v %v", v, err)
		}
		h, err := a.History(viewer, draftA.ID)
		if err != nil || h[len(h)-1].OSUser != "duyet" || h[len(h)-1].Action != minutes.ActionFinalized {
			t.Fatalf("history %+v %v", h, err)
		}

		// A backup holds every office's meetings and the settings: admins only.
		for _, c := range []context.Context{viewer, secretary, approver} {
			if _, err := a.Backup(c); minutes.ErrorCode(err) != minutes.EFORBIDDEN {
				t.Fatalf("a backup by %s: %v", minutes.PrincipalOf(c).Role, err)
			}
		}
		if bs, err := a.Backup(admin); err != nil || len(bs) != 4 {
			t.Fatalf("the admin's backup: %d %v", len(bs), err)
		}

		// Drafts being typed are their author's.
		d := &minutes.Draft{ID: app.NewDraftID(), Kind: minutes.DraftNew, Data: "title=x"}
		if err := a.SaveDraft(secretary, d); err != nil {
			t.Fatal(err)
		}
		other := as(addUser(t, a, "thuky2", minutes.RoleSecretary, orgA))
		if _, err := a.Draft(other, d.ID); minutes.ErrorCode(err) != minutes.ENOTFOUND {
			t.Fatalf("another account reads the draft: %v", err)
		}
		if ds, _ := a.Drafts(other, minutes.DraftNew, 0); len(ds) != 0 {
			t.Fatal("another account is offered the draft")
		}
		if err := a.SaveDraft(other, &minutes.Draft{ID: d.ID, Kind: minutes.DraftNew, Data: "title=overwritten"}); minutes.ErrorCode(err) != minutes.ENOTFOUND {
			t.Fatalf("another account overwrites the draft: %v", err)
		}
		if got, err := a.Draft(secretary, d.ID); err != nil || got.Data != "title=x" {
			t.Fatalf("draft %+v %v", got, err)
		}
	})
}

// TestOfficeDefaults: on a shared database each office's form starts from
// its own defaults and its own last meeting, never another office's.
func TestOfficeDefaults(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, _ := service(t, dsn)
		if _, err := a.SetSetting(ctx, "place", "Sóc Trăng"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.SetSetting(minutes.WithSettingsOrg(ctx, orgB), "place", "Phú Mỹ"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.SetSetting(minutes.WithSettingsOrg(ctx, orgB), "term_start", "1/1/2021"); minutes.ErrorCode(err) != minutes.EUSAGE {
			t.Fatalf("term_start for one organisation: %v", err)
		}
		// Office A recorded last.
		b, m := testdb.Meeting(1), testdb.Meeting(0)
		if err := a.RecordAll(ctx, []*minutes.Meeting{b, m}); err != nil {
			t.Fatal(err)
		}
		secB := as(addUser(t, a, "thukyb", minutes.RoleSecretary, orgB))
		d, err := a.Defaults(secB)
		if err != nil {
			t.Fatal(err)
		}
		if d.Place != "Phú Mỹ" || d.Organization != orgB {
			t.Fatalf("office B's form starts from %+v", d)
		}
		d, _ = a.Defaults(as(addUser(t, a, "thukya", minutes.RoleSecretary, orgA)))
		if d.Place != "Sóc Trăng" || d.Organization != orgA {
			t.Fatalf("office A's form starts from %+v", d)
		}
		d, _ = a.Defaults(ctx)
		if d.Place != "Sóc Trăng" {
			t.Fatalf("the database-wide defaults: %+v", d)
		}
	})
}
