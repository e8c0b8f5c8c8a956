package app

import (
	"context"
	"strings"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

// Error codes of signing in, beside the domain's: the web answers 401 and 429.
const (
	EUNAUTHORIZED = "unauthorized" // a wrong name or password, or no session
	ETHROTTLED    = "throttled"    // too many refused sign-ins: wait
)

// Throttle is how refused sign-ins are slowed, then refused, per account
// name and per address, over a sliding window.
type Throttle struct {
	Window     time.Duration // failures older than this are forgotten
	SlowAfter  int           // failures of a name after which each attempt waits
	Delay      time.Duration // the wait per failure beyond SlowAfter, at most MaxDelay
	MaxDelay   time.Duration
	RefuseUser int // failures of a name after which it is refused (429) until the window passes
	RefuseAddr int // failures from one address after which it is refused
	Sleep      func(time.Duration)
}

// DefaultThrottle: 3 free attempts, then 1 s more per failure (at most 5 s),
// then 10 failures of one account or 30 from one address in 15 minutes refuse
// further attempts until the oldest of them is 15 minutes old.
var DefaultThrottle = Throttle{Window: 15 * time.Minute, SlowAfter: 3, Delay: time.Second, MaxDelay: 5 * time.Second,
	RefuseUser: 10, RefuseAddr: 30, Sleep: time.Sleep}

func (s *Service) admin(ctx context.Context) (Store, error) {
	return s.storeFor(ctx, minutes.PermAdmin)
}

func (s *Service) audit(ctx context.Context, db Store, action, detail, address string) error {
	return db.AddAudit(ctx, minutes.AuditEntry{User: minutes.PrincipalOf(ctx).Name(), Action: action, Detail: detail, Address: address})
}

// AddUser creates an account. EFORBIDDEN unless an admin (or the local
// operator) asks; EINVALID for a bad name or a short password; EUSAGE for
// an unknown role or a non-admin without organisation; ECONFLICT for a name taken.
func (s *Service) AddUser(ctx context.Context, name, fullName string, role minutes.Role, orgs []string, password string) (*minutes.User, error) {
	db, err := s.admin(ctx)
	if err != nil {
		return nil, err
	}
	if err := minutes.CheckUserName(name); err != nil {
		return nil, err
	}
	if _, err := minutes.ParseRole(string(role)); err != nil {
		return nil, err
	}
	orgs = cleanOrgs(orgs)
	if len(orgs) == 0 && role != minutes.RoleAdmin {
		return nil, minutes.Errorm(minutes.EUSAGE, "access.no_org", name)
	}
	if err := minutes.CheckPassword(password); err != nil {
		return nil, err
	}
	u := &minutes.User{Name: name, FullName: minutes.Clean(fullName), Role: role, Orgs: orgs, Password: HashPassword(password)}
	if err := db.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, s.audit(ctx, db, minutes.AuditUserAdded, name+" "+string(role)+" "+strings.Join(orgs, "; "), "")
}

func cleanOrgs(orgs []string) []string {
	var out []string
	for _, o := range orgs {
		if o = minutes.Clean(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// Users lists every account. EFORBIDDEN unless an admin.
func (s *Service) Users(ctx context.Context) ([]minutes.User, error) {
	db, err := s.admin(ctx)
	if err != nil {
		return nil, err
	}
	return db.Users(ctx)
}

// AccountsExist reports whether an account may sign in: serve on another
// address than loopback refuses to start without one.
func (s *Service) AccountsExist(ctx context.Context) (bool, error) {
	db, err := s.Store(ctx)
	if err != nil {
		return false, err
	}
	n, err := db.CountUsers(ctx)
	return n > 0, err
}

func (s *Service) changeUser(ctx context.Context, name string, endSessions bool, action, detail string, f func(u *minutes.User) error) error {
	db, err := s.admin(ctx)
	if err != nil {
		return err
	}
	u, err := db.FindUser(ctx, name)
	if err != nil {
		return err
	}
	if err := f(u); err != nil {
		return err
	}
	if err := db.UpdateUser(ctx, u, endSessions); err != nil {
		return err
	}
	return s.audit(ctx, db, action, name+detail, "")
}

// SetPassword gives account name a new password and ends its sessions.
// An account changes its own; an admin anyone's.
func (s *Service) SetPassword(ctx context.Context, name, password string) error {
	if err := minutes.CheckPassword(password); err != nil {
		return err
	}
	if p := minutes.PrincipalOf(ctx); !p.Admin() && p.User == name {
		// One's own password: with the rights of an admin for this only.
		ctx = minutes.WithPrincipal(ctx, &minutes.Principal{User: p.User, Role: minutes.RoleAdmin})
	}
	return s.changeUser(ctx, name, true, minutes.AuditPassword, "", func(u *minutes.User) error {
		u.Password = HashPassword(password)
		return nil
	})
}

// SetRole changes the role and, when orgs is not nil, the organisations of account name.
func (s *Service) SetRole(ctx context.Context, name string, role minutes.Role, orgs []string) error {
	if _, err := minutes.ParseRole(string(role)); err != nil {
		return err
	}
	return s.changeUser(ctx, name, false, minutes.AuditRole, " "+string(role)+" "+strings.Join(orgs, "; "), func(u *minutes.User) error {
		u.Role = role
		if orgs != nil {
			u.Orgs = cleanOrgs(orgs)
		}
		if len(u.Orgs) == 0 && role != minutes.RoleAdmin {
			return minutes.Errorm(minutes.EUSAGE, "access.no_org", name)
		}
		return nil
	})
}

// SetDisabled disables (ending its sessions) or enables account name.
func (s *Service) SetDisabled(ctx context.Context, name string, disabled bool) error {
	action := minutes.AuditEnabled
	if disabled {
		action = minutes.AuditDisabled
	}
	return s.changeUser(ctx, name, disabled, action, "", func(u *minutes.User) error {
		u.Disabled = disabled
		return nil
	})
}

// NewToken makes a personal API token for account name and returns it: it
// is shown once, and only its digest is kept.
func (s *Service) NewToken(ctx context.Context, name string) (string, error) {
	db, err := s.admin(ctx)
	if err != nil {
		return "", err
	}
	u, err := db.FindUser(ctx, name)
	if err != nil {
		return "", err
	}
	token, digest := NewSecret()
	if err := db.CreateToken(ctx, digest, u.ID); err != nil {
		return "", err
	}
	return token, s.audit(ctx, db, minutes.AuditToken, name, "")
}

// RevokeTokens revokes every API token of account name and reports how many.
func (s *Service) RevokeTokens(ctx context.Context, name string) (int, error) {
	db, err := s.admin(ctx)
	if err != nil {
		return 0, err
	}
	u, err := db.FindUser(ctx, name)
	if err != nil {
		return 0, err
	}
	n, err := db.RevokeTokens(ctx, u.ID)
	if err != nil {
		return 0, err
	}
	return n, s.audit(ctx, db, minutes.AuditTokenRevoked, name, "")
}

// Audit lists the latest limit entries of the audit. EFORBIDDEN unless an admin.
func (s *Service) Audit(ctx context.Context, limit int) ([]minutes.AuditEntry, error) {
	db, err := s.admin(ctx)
	if err != nil {
		return nil, err
	}
	return db.Audit(ctx, limit)
}

// SignIn checks name and password from address and opens a session: it
// returns the session's token (for the cookie) and the account. Refused
// sign-ins are recorded and slowed, then refused with ETHROTTLED; a wrong
// name and a wrong password answer alike, in the same time, with
// EUNAUTHORIZED. The password is never logged or kept.
func (s *Service) SignIn(ctx context.Context, t Throttle, name, password, address string) (string, *minutes.User, error) {
	db, err := s.Store(ctx)
	if err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	byUser, byAddr, err := db.LoginFailures(ctx, name, address, time.Now().Add(-t.Window))
	if err != nil {
		return "", nil, err
	}
	if (t.RefuseUser > 0 && byUser >= t.RefuseUser) || (t.RefuseAddr > 0 && byAddr >= t.RefuseAddr) {
		_ = db.AddAudit(ctx, minutes.AuditEntry{User: name, Action: minutes.AuditSignInRefuse, Address: address})
		return "", nil, minutes.Errorm(ETHROTTLED, "access.throttled", int(t.Window.Minutes()))
	}
	if n := byUser - t.SlowAfter; n > 0 && t.Sleep != nil {
		t.Sleep(min(time.Duration(n)*t.Delay, t.MaxDelay))
	}
	u, err := db.FindUser(ctx, name)
	ok := false
	switch {
	case err == nil:
		ok = CheckPasswordHash(password, u.Password) && !u.Disabled
	case minutes.ErrorCode(err) == minutes.ENOTFOUND:
		CheckPasswordHash(password, dummyHash)
	default:
		return "", nil, err
	}
	if !ok {
		if err := db.AddLoginFailure(ctx, name, address); err != nil {
			return "", nil, err
		}
		_ = db.AddAudit(ctx, minutes.AuditEntry{User: name, Action: minutes.AuditSignInFailed, Address: address})
		return "", nil, minutes.Errorm(EUNAUTHORIZED, "access.bad_login")
	}
	token, digest := NewSecret()
	if err := db.CreateSession(ctx, digest, u.ID, address); err != nil {
		return "", nil, err
	}
	_ = db.ClearLoginFailures(ctx, name)
	return token, u, db.AddAudit(ctx, minutes.AuditEntry{User: u.Name, Action: minutes.AuditSignIn, Address: address})
}

// SessionUser returns the account of the session token, seen within idle.
// EUNAUTHORIZED for none or an expired one.
func (s *Service) SessionUser(ctx context.Context, token string, idle time.Duration) (*minutes.User, error) {
	db, err := s.Store(ctx)
	if err != nil {
		return nil, err
	}
	u, err := db.SessionUser(ctx, Digest(token), idle)
	if minutes.ErrorCode(err) == minutes.ENOTFOUND {
		return nil, minutes.Errorm(EUNAUTHORIZED, "access.no_session")
	}
	return u, err
}

// TokenUser returns the account of a personal API token. EUNAUTHORIZED.
func (s *Service) TokenUser(ctx context.Context, token string) (*minutes.User, error) {
	db, err := s.Store(ctx)
	if err != nil {
		return nil, err
	}
	u, err := db.TokenUser(ctx, Digest(token))
	if minutes.ErrorCode(err) == minutes.ENOTFOUND {
		return nil, minutes.Errorm(EUNAUTHORIZED, "access.bad_token")
	}
	return u, err
}

// SignOut ends the session token.
func (s *Service) SignOut(ctx context.Context, token, address string) error {
	db, err := s.Store(ctx)
	if err != nil {
		return err
	}
	if err := db.DeleteSession(ctx, Digest(token)); err != nil {
		return err
	}
	return s.audit(ctx, db, minutes.AuditSignOut, "", address)
}

var accountMessages = minutes.Messages{
	"access.throttled": {"đăng nhập sai quá nhiều lần; hãy thử lại sau %d phút", "too many failed sign-ins; try again in %d minutes"},
	"access.bad_login": {"tên đăng nhập hoặc mật khẩu không đúng", "wrong user name or password"},
	"access.bad_token": {"mã truy cập API không đúng hoặc đã bị thu hồi", "the API token is wrong or has been revoked"},
}
