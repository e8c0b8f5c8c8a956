package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/minutes"
)

var _ minutes.AccountStore = (*Store)(nil)

type userRow struct {
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	FullName  string `db:"full_name"`
	Role      string `db:"role"`
	Password  string `db:"password"`
	Disabled  bool   `db:"disabled"`
	CreatedAt dbTime `db:"created_at"`
}

const userColumns = `u.id, u.name, u.full_name, u.role, u.password, u.disabled, u.created_at`

// tsec is a timestamp of the account tables: whole seconds, so that SQLite
// compares the texts in the order of the times (RFC 3339 with fractions of
// varying length does not sort).
func (s *Store) tsec(t time.Time) any { return s.ts(t.UTC().Truncate(time.Second)) }

func (s *Store) loadUsers(ctx context.Context, tx *sqlx.Tx, where string, args ...any) ([]minutes.User, error) {
	var rows []userRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+userColumns+` FROM users u WHERE `+where+` ORDER BY u.name`), args...); err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	out := make([]minutes.User, len(rows))
	byID := map[int64]*minutes.User{}
	for i, r := range rows {
		out[i] = minutes.User{ID: r.ID, Name: r.Name, FullName: r.FullName, Role: minutes.Role(r.Role),
			Password: r.Password, Disabled: r.Disabled, Created: r.CreatedAt.Time}
		byID[r.ID] = &out[i]
	}
	if len(rows) == 0 {
		return out, nil
	}
	var orgs []struct {
		UserID int64  `db:"user_id"`
		Org    string `db:"organization"`
	}
	if err := tx.SelectContext(ctx, &orgs, tx.Rebind(`SELECT o.user_id, o.organization FROM user_orgs o
		WHERE o.user_id IN (SELECT u.id FROM users u WHERE `+where+`) ORDER BY o.user_id, o.organization`), args...); err != nil {
		return nil, fmt.Errorf("user organisations: %w", err)
	}
	for _, o := range orgs {
		if u := byID[o.UserID]; u != nil {
			u.Orgs = append(u.Orgs, o.Org)
		}
	}
	return out, nil
}

func (s *Store) writeOrgs(ctx context.Context, tx *sqlx.Tx, u *minutes.User) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM user_orgs WHERE user_id = ?`), u.ID); err != nil {
		return fmt.Errorf("user organisations: %w", err)
	}
	seen := map[string]bool{}
	for _, o := range u.Orgs {
		o = minutes.Clean(o)
		k := minutes.Fold(o)
		if o == "" || seen[k] {
			continue
		}
		seen[k] = true
		if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO user_orgs (user_id, organization, org_key) VALUES (?, ?, ?)`), u.ID, o, k); err != nil {
			return fmt.Errorf("user organisations: %w", err)
		}
	}
	return nil
}

// CreateUser stores u and sets its ID. ECONFLICT when the name is taken.
func (s *Store) CreateUser(ctx context.Context, u *minutes.User) error {
	now := s.Now()
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM users WHERE name = ?`), u.Name); err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		if n > 0 {
			return minutes.Errorm(minutes.ECONFLICT, "access.user_exists", u.Name)
		}
		err := tx.GetContext(ctx, &u.ID, tx.Rebind(`INSERT INTO users (name, full_name, role, password, disabled, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), u.Name, u.FullName, string(u.Role), u.Password, u.Disabled, s.tsec(now), s.tsec(now))
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		u.Created = now
		return s.writeOrgs(ctx, tx, u)
	})
}

// FindUser returns account name. ENOTFOUND.
func (s *Store) FindUser(ctx context.Context, name string) (*minutes.User, error) {
	var us []minutes.User
	err := s.readTx(ctx, func(tx *sqlx.Tx) (err error) {
		us, err = s.loadUsers(ctx, tx, `u.name = ?`, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, minutes.Errorm(minutes.ENOTFOUND, "access.no_user", name)
	}
	return &us[0], nil
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]minutes.User, error) {
	var us []minutes.User
	err := s.readTx(ctx, func(tx *sqlx.Tx) (err error) {
		us, err = s.loadUsers(ctx, tx, `1 = 1`)
		return err
	})
	return us, err
}

// CountUsers counts the accounts that may sign in.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		return tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM users WHERE disabled = ?`), false)
	})
	return n, err
}

// UpdateUser saves role, organisations, password and the disabled flag of
// u; endSessions (a new password) or a disabled account ends its sessions.
func (s *Store) UpdateUser(ctx context.Context, u *minutes.User, endSessions bool) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE users SET full_name = ?, role = ?, password = ?, disabled = ?, updated_at = ? WHERE id = ?`),
			u.FullName, string(u.Role), u.Password, u.Disabled, s.tsec(s.Now()), u.ID)
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return minutes.Errorm(minutes.ENOTFOUND, "access.no_user", u.Name)
		}
		if endSessions || u.Disabled {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM sessions WHERE user_id = ?`), u.ID); err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
		}
		return s.writeOrgs(ctx, tx, u)
	})
}

// CreateSession stores a session of user id under the digest of its token.
func (s *Store) CreateSession(ctx context.Context, digest string, userID int64, address string) error {
	now := s.tsec(s.Now())
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen, address) VALUES (?, ?, ?, ?, ?)`),
			digest, userID, now, now, address)
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
}

// SessionUser returns the account of a session seen within idle and marks
// it seen now; an expired session is removed. ENOTFOUND for none, an
// expired one or a disabled account. It reads in a read-only transaction
// (on SQLite, readers do not queue behind each other) and writes only when
// the session was last marked more than a minute ago: once a minute is
// enough for an idle timeout of hours.
func (s *Store) SessionUser(ctx context.Context, digest string, idle time.Duration) (*minutes.User, error) {
	now := s.Now()
	var u *minutes.User
	var lastSeen time.Time
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		var sess []struct {
			UserID   int64  `db:"user_id"`
			LastSeen dbTime `db:"last_seen"`
		}
		if err := tx.SelectContext(ctx, &sess, tx.Rebind(`SELECT user_id, last_seen FROM sessions WHERE token_hash = ?`), digest); err != nil {
			return fmt.Errorf("session: %w", err)
		}
		if len(sess) == 0 {
			return nil
		}
		lastSeen = sess[0].LastSeen.Time
		if now.Sub(lastSeen) > idle {
			return nil
		}
		us, err := s.loadUsers(ctx, tx, `u.id = ? AND u.disabled = ?`, sess[0].UserID, false)
		if err == nil && len(us) > 0 {
			u = &us[0]
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	switch {
	case u == nil && !lastSeen.IsZero() && now.Sub(lastSeen) > idle:
		_ = s.DeleteSession(ctx, digest)
	case u != nil && now.Sub(lastSeen) >= time.Minute:
		err = s.inTx(ctx, func(tx *sqlx.Tx) error {
			_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`), s.tsec(now), digest)
			return err
		})
	}
	if err == nil && u == nil {
		err = minutes.Errorm(minutes.ENOTFOUND, "access.no_session")
	}
	return u, err
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, digest string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM sessions WHERE token_hash = ?`), digest)
		return err
	})
}

// CreateToken stores a personal API token's digest for user id.
func (s *Store) CreateToken(ctx context.Context, digest string, userID int64) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES (?, ?, ?)`),
			digest, userID, s.tsec(s.Now()))
		return err
	})
}

// TokenUser returns the account of a token not revoked, of an account not
// disabled. ENOTFOUND.
func (s *Store) TokenUser(ctx context.Context, digest string) (*minutes.User, error) {
	var u *minutes.User
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		us, err := s.loadUsers(ctx, tx, `u.disabled = ? AND u.id IN (SELECT t.user_id FROM api_tokens t WHERE t.token_hash = ? AND t.revoked_at IS NULL)`, false, digest)
		if err == nil && len(us) > 0 {
			u = &us[0]
		}
		return err
	})
	if err == nil && u == nil {
		err = minutes.Errorm(minutes.ENOTFOUND, "access.no_session")
	}
	return u, err
}

// RevokeTokens revokes every token of user id and reports how many.
func (s *Store) RevokeTokens(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`), s.tsec(s.Now()), userID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// AddLoginFailure records a refused sign-in.
func (s *Store) AddLoginFailure(ctx context.Context, username, address string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)`),
			strings.ToLower(username), address, s.tsec(s.Now()))
		return err
	})
}

// LoginFailures counts the refused sign-ins since since, of username and
// from address.
func (s *Store) LoginFailures(ctx context.Context, username, address string, since time.Time) (byUser, byAddress int, err error) {
	err = s.readTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &byUser, tx.Rebind(`SELECT COUNT(*) FROM login_failures WHERE username = ? AND at >= ?`),
			strings.ToLower(username), s.tsec(since)); err != nil {
			return err
		}
		return tx.GetContext(ctx, &byAddress, tx.Rebind(`SELECT COUNT(*) FROM login_failures WHERE address = ? AND at >= ?`), address, s.tsec(since))
	})
	return byUser, byAddress, err
}

// ClearLoginFailures forgets the refused sign-ins of username (after it
// signed in) and those older than a day, whoever they were.
func (s *Store) ClearLoginFailures(ctx context.Context, username string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM login_failures WHERE username = ? OR at < ?`),
			strings.ToLower(username), s.tsec(s.Now().Add(-24*time.Hour)))
		return err
	})
}

// AddAudit records e; a zero At is now.
func (s *Store) AddAudit(ctx context.Context, e minutes.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO audit (at, username, action, detail, address) VALUES (?, ?, ?, ?, ?)`),
			s.tsec(e.At), e.User, e.Action, e.Detail, e.Address)
		return err
	})
}

// Audit lists the latest limit entries, newest first.
func (s *Store) Audit(ctx context.Context, limit int) ([]minutes.AuditEntry, error) {
	var rows []struct {
		At      dbTime `db:"at"`
		User    string `db:"username"`
		Action  string `db:"action"`
		Detail  string `db:"detail"`
		Address string `db:"address"`
	}
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		return tx.SelectContext(ctx, &rows, tx.Rebind(fmt.Sprintf(`SELECT at, username, action, detail, address FROM audit ORDER BY id DESC LIMIT %d`, max(limit, 1))))
	})
	out := make([]minutes.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = minutes.AuditEntry{At: r.At.Time, User: r.User, Action: r.Action, Detail: r.Detail, Address: r.Address}
	}
	return out, err
}
