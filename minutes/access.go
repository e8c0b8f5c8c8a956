package minutes

import (
	"context"
	"slices"
	"strings"
	"time"
)

// EFORBIDDEN is a request the signed-in user's role does not allow. A
// meeting of an organisation the user does not belong to is not forbidden
// but missing (ENOTFOUND): its existence is not told.
const EFORBIDDEN = "forbidden"

// Role is what an account may do. Each role may do what the one before it
// may, and more.
type Role string

// The roles of the office server.
const (
	RoleViewer    Role = "viewer"    // reads finalized minutes, reports and tasks
	RoleSecretary Role = "secretary" // also records, edits and deletes drafts, imports, follows up tasks
	RoleApprover  Role = "approver"  // also finalizes and amends
	RoleAdmin     Role = "admin"     // also users and settings; sees every organisation
)

// Roles lists the roles, weakest first.
var Roles = []Role{RoleViewer, RoleSecretary, RoleApprover, RoleAdmin}

// ParseRole reads a role's name. EUSAGE for an unknown one.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles, r) {
		return r, nil
	}
	return "", Errorm(EUSAGE, "access.bad_role", s)
}

func (r Role) rank() int { return slices.Index(Roles, r) }

// Permission is one kind of operation.
type Permission int

// The permissions, each held by a role and those above it.
const (
	PermRead     Permission = iota // finalized minutes, reports, tasks of one's organisations
	PermRecord                     // drafts: record, edit, delete, import; follow up tasks; backups
	PermFinalize                   // finalize and amend
	PermAdmin                      // accounts, office settings, every organisation, the audit
)

var permRole = map[Permission]Role{
	PermRead: RoleViewer, PermRecord: RoleSecretary, PermFinalize: RoleApprover, PermAdmin: RoleAdmin,
}

// Principal is who asks: a signed-in account, or the local operator (the
// command line, or serve on loopback without accounts), who may do anything.
type Principal struct {
	User  string
	Role  Role
	Orgs  []string // the organisations the account belongs to, as typed
	Local bool     // the operator of this machine: every right, every organisation
}

// Operator is the local operator.
var Operator = &Principal{Local: true, Role: RoleAdmin}

// Admin reports whether p manages accounts and sees every organisation.
func (p *Principal) Admin() bool { return p == nil || p.Local || p.Role == RoleAdmin }

// Can reports whether p holds perm.
func (p *Principal) Can(perm Permission) bool {
	if p == nil || p.Local {
		return true
	}
	return p.Role.rank() >= permRole[perm].rank() && p.Role.rank() >= 0
}

// Require returns EFORBIDDEN unless p holds perm.
func (p *Principal) Require(perm Permission) error {
	if p.Can(perm) {
		return nil
	}
	return Errorm(EFORBIDDEN, "access.forbidden", string(p.Role))
}

// Scope returns the folded organisations p may see and whether p sees
// every one. A viewer sees finalized minutes only: Drafts says whether p
// sees drafts.
func (p *Principal) Scope() (orgKeys []string, all bool) {
	if p.Admin() {
		return nil, true
	}
	for _, o := range p.Orgs {
		orgKeys = append(orgKeys, Fold(Clean(o)))
	}
	return orgKeys, false
}

// SeesDrafts reports whether p reads drafts (a viewer reads finalized minutes only).
func (p *Principal) SeesDrafts() bool { return p.Can(PermRecord) }

// Sees reports whether p may see a meeting of org in status.
func (p *Principal) Sees(org, status string) bool {
	keys, all := p.Scope()
	if !all && !slices.Contains(keys, Fold(Clean(org))) {
		return false
	}
	return status == StatusFinalized || p.SeesDrafts()
}

// Name is how changes made by p are recorded: the account's name; "" for
// the local operator, whose operating-system user the store records.
func (p *Principal) Name() string {
	if p == nil || p.Local {
		return ""
	}
	return p.User
}

type settingsOrgKey struct{}

// WithSettingsOrg returns ctx whose office defaults are those of org: read
// over the database-wide ones, and written for org alone (minutes config
// set --org). On a shared server each office has its own.
func WithSettingsOrg(ctx context.Context, org string) context.Context {
	return context.WithValue(ctx, settingsOrgKey{}, Clean(org))
}

// SettingsOrg returns the organisation whose defaults ctx reads, and
// whether it was named (WithSettingsOrg) rather than taken from the
// signed-in account's first organisation; "" for the database-wide ones.
func SettingsOrg(ctx context.Context) (org string, named bool) {
	if o, ok := ctx.Value(settingsOrgKey{}).(string); ok && o != "" {
		return o, true
	}
	if p := PrincipalOf(ctx); !p.Local && len(p.Orgs) > 0 {
		return p.Orgs[0], false
	}
	return "", false
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p: every operation and every query of
// the store under ctx acts for p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalOf returns who ctx acts for: the local operator when none was
// set (the command line).
func PrincipalOf(ctx context.Context) *Principal {
	if p, ok := ctx.Value(principalKey{}).(*Principal); ok && p != nil {
		return p
	}
	return Operator
}

// Require returns EFORBIDDEN unless the principal of ctx holds perm.
func Require(ctx context.Context, perm Permission) error {
	return PrincipalOf(ctx).Require(perm)
}

// MinPassword is the shortest password an account may have.
const MinPassword = 10

// User is an account of the office server.
type User struct {
	ID       int64
	Name     string
	FullName string
	Role     Role
	Orgs     []string
	Disabled bool
	Created  time.Time
	// Password is the encoded argon2id hash; never the password.
	Password string
}

// Principal is the principal a signed-in u acts as.
func (u *User) Principal() *Principal {
	return &Principal{User: u.Name, Role: u.Role, Orgs: u.Orgs}
}

// CheckUserName returns EINVALID unless name is a usable account name:
// 1 to 64 letters, digits, '.', '_' or '-'.
func CheckUserName(name string) error {
	if name == "" || len(name) > 64 {
		return Errorm(EINVALID, "access.bad_name", name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return Errorm(EINVALID, "access.bad_name", name)
		}
	}
	return nil
}

// CheckPassword returns EINVALID when pw is too short. The password is
// never part of the message.
func CheckPassword(pw string) error {
	if len([]rune(pw)) < MinPassword {
		return Errorm(EINVALID, "access.short_password", MinPassword)
	}
	if len(pw) > 1024 {
		return Errorm(EINVALID, "access.long_password", 1024)
	}
	return nil
}

// AuditEntry is one line of the audit: sign-ins, refused sign-ins and
// account changes.
type AuditEntry struct {
	At      time.Time
	User    string // who acted; "" for the local operator or an unknown name
	Action  string
	Detail  string
	Address string
}

// Audit actions.
const (
	AuditSignIn       = "sign_in"
	AuditSignInFailed = "sign_in_failed"
	AuditSignInRefuse = "sign_in_throttled"
	AuditSignOut      = "sign_out"
	AuditUserAdded    = "user_added"
	AuditPassword     = "password_changed"
	AuditRole         = "role_changed"
	AuditDisabled     = "user_disabled"
	AuditEnabled      = "user_enabled"
	AuditToken        = "token_created"
	AuditTokenRevoked = "token_revoked"
)

// AccountStore keeps accounts, sessions, tokens, failed sign-ins and the
// audit. minutes/sqlstore implements it.
type AccountStore interface {
	// CreateUser stores u with its organisations. ECONFLICT when the name is taken.
	CreateUser(ctx context.Context, u *User) error
	// FindUser returns the account name. ENOTFOUND.
	FindUser(ctx context.Context, name string) (*User, error)
	// Users lists every account by name.
	Users(ctx context.Context) ([]User, error)
	// CountUsers counts the accounts that may sign in.
	CountUsers(ctx context.Context) (int, error)
	// UpdateUser saves the role, organisations, password and disabled flag
	// of u; a changed password or a disabled account ends its sessions. ENOTFOUND.
	UpdateUser(ctx context.Context, u *User, endSessions bool) error

	// CreateSession stores a session of user id under the token's digest.
	CreateSession(ctx context.Context, digest string, userID int64, address string) error
	// SessionUser returns the account of a session seen within idle and
	// marks it seen now. ENOTFOUND for none, an expired one or a disabled account.
	SessionUser(ctx context.Context, digest string, idle time.Duration) (*User, error)
	// DeleteSession ends one session.
	DeleteSession(ctx context.Context, digest string) error

	// CreateToken stores a personal API token's digest for user id.
	CreateToken(ctx context.Context, digest string, userID int64) error
	// TokenUser returns the account of a token not revoked. ENOTFOUND.
	TokenUser(ctx context.Context, digest string) (*User, error)
	// RevokeTokens revokes every token of user id and reports how many.
	RevokeTokens(ctx context.Context, userID int64) (int, error)

	// AddLoginFailure records a refused sign-in of username from address.
	AddLoginFailure(ctx context.Context, username, address string) error
	// LoginFailures counts the refused sign-ins since since, of username and from address.
	LoginFailures(ctx context.Context, username, address string, since time.Time) (byUser, byAddress int, err error)
	// ClearLoginFailures forgets the refused sign-ins of username.
	ClearLoginFailures(ctx context.Context, username string) error

	// AddAudit records e.
	AddAudit(ctx context.Context, e AuditEntry) error
	// Audit lists the latest limit entries, newest first.
	Audit(ctx context.Context, limit int) ([]AuditEntry, error)
}

var accessMessages = Messages{
	"access.bad_role":       {"vai trò %q không có; hãy chọn viewer (xem), secretary (thư ký), approver (người duyệt) hoặc admin (quản trị)", "there is no role %q; choose viewer, secretary, approver or admin"},
	"access.forbidden":      {"vai trò %s không được làm việc này", "the role %s may not do this"},
	"access.bad_name":       {"tên đăng nhập %q không dùng được: từ 1 đến 64 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang", "user name %q cannot be used: 1 to 64 ASCII letters, digits, '.', '_' or '-'"},
	"access.short_password": {"mật khẩu quá ngắn: cần ít nhất %d ký tự", "the password is too short: at least %d characters"},
	"access.long_password":  {"mật khẩu quá dài: tối đa %d byte", "the password is too long: at most %d bytes"},
	"access.user_exists":    {"đã có người dùng %q", "there is already a user %q"},
	"access.no_user":        {"không có người dùng %q", "there is no user %q"},
	"access.no_session":     {"phiên đăng nhập đã hết hạn hoặc không có; hãy đăng nhập lại", "the session has expired or does not exist; sign in again"},
	"access.other_org":      {"tài khoản này không thuộc tổ chức %q nên không ghi được biên bản của tổ chức đó", "this account does not belong to %q, so it cannot record that body's minutes"},
	"access.no_org":         {"người dùng %s cần thuộc ít nhất một tổ chức (--org), trừ vai trò admin", "user %s needs at least one organisation (--org), unless an admin"},
}
