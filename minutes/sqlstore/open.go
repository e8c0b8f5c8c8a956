// Package sqlstore keeps meetings in SQLite (embedded, the default) or
// PostgreSQL (shared by a province's offices) through one set of queries.
// It is the only package that imports database drivers and sqlx, and the
// one reader of a DSN. It saves and loads; the rules it applies inside its
// transactions are the domain's (minutes). It imports minutes, schema and
// record (the canonical form of history snapshots); never app, report or a
// front end.
package sqlstore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	_ "modernc.org/sqlite"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

var bindSQLite sync.Once

// Store implements minutes.Store over SQL.
type Store struct {
	db      *sqlx.DB
	dialect string
	dbUser  string
	// osUser is the operating-system user, looked up on the first write
	// that records it: with cgo the lookup loads the system's user
	// databases (NSS), a cost no read needs.
	osUser func() string

	// Now is the clock for timestamps; tests replace it.
	Now func() time.Time
}

var _ minutes.Store = (*Store)(nil)

// now is the store's clock: microseconds are what PostgreSQL keeps, so
// a snapshot written from memory equals the row read back.
func now() time.Time { return time.Now().Truncate(time.Microsecond) }

// DefaultPath returns the default database file: in the user's data
// directory ($XDG_DATA_HOME or ~/.local/share on Unix, %AppData% on Windows).
func DefaultPath() (string, error) {
	var dir string
	switch {
	case runtime.GOOS == "windows":
		dir = os.Getenv("AppData")
	case os.Getenv("XDG_DATA_HOME") != "":
		dir = os.Getenv("XDG_DATA_HOME")
	default:
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	if runtime.GOOS == "darwin" && os.Getenv("XDG_DATA_HOME") == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	}
	if dir == "" {
		return "", errors.New("no data directory: set MINUTES_DB")
	}
	return filepath.Join(dir, "minutes", "minutes.db"), nil
}

// Open connects to the database named by dsn — a postgres:// URL, a
// sqlite: URL or a file path — and brings its schema up to date.
// An empty dsn means DefaultPath.
func Open(ctx context.Context, dsn string) (*Store, error) {
	// modernc registers the driver as "sqlite", which sqlx's bindvar table
	// does not know.
	bindSQLite.Do(func() { sqlx.BindDriver("sqlite", sqlx.QUESTION) })
	s := &Store{Now: now, osUser: sync.OnceValue(func() string {
		if u, err := user.Current(); err == nil {
			return u.Username
		}
		return ""
	})}
	d, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	s.dialect = d.dialect
	if d.dialect == schema.Postgres {
		s.db, err = openPostgres(d.target)
	} else {
		if err := createPrivate(d.target); err != nil {
			return nil, minutes.Errorm(minutes.EINTERNAL, "db.open", d.target, err)
		}
		s.db, err = sqlx.Open("sqlite", sqliteDSN(d.target))
	}
	if err != nil {
		return nil, minutes.Errorm(minutes.EUSAGE, "db.open", Redact(dsn), err)
	}
	if s.dialect == schema.SQLite {
		// One writer at a time is SQLite's rule; a small pool keeps readers
		// concurrent without piling up busy waits.
		s.db.SetMaxOpenConns(4)
	}
	if err := s.retryBusy(ctx, s.db.PingContext); err != nil {
		s.db.Close()
		if ro, rerr := s.openReadOnly(ctx, d.target, err); ro != nil || rerr != nil {
			return ro, rerr
		}
		if f := s.fault(err); f != err {
			return nil, f
		}
		return nil, minutes.Errorm(minutes.EINTERNAL, "db.open", Redact(dsn), err)
	}
	if err := s.retryBusy(ctx, func(ctx context.Context) error { return schema.Migrate(ctx, s.db.DB, s.dialect) }); err != nil {
		s.db.Close()
		var newer *schema.NewerError
		if errors.As(err, &newer) {
			return nil, minutes.Errorm(minutes.EFAILED, "db.newer", newer.Found, newer.Newest)
		}
		if ro, rerr := s.openReadOnly(ctx, d.target, err); ro != nil || rerr != nil {
			return ro, rerr
		}
		if f := s.fault(err); f != err {
			return nil, f
		}
		return nil, minutes.Errorm(minutes.EINTERNAL, "db.migrate", err)
	}
	if s.dialect == schema.Postgres {
		_ = s.db.GetContext(ctx, &s.dbUser, `SELECT current_user`)
	}
	if err := s.retryBusy(ctx, s.backfillRegister); err != nil {
		s.db.Close()
		return nil, minutes.Errorm(minutes.EINTERNAL, "db.migrate", err)
	}
	return s, nil
}

// openReadOnly opens a SQLite file that refused to be written (cause) for
// reading only, so that a database on a read-only share or with read-only
// permissions can still be listed and printed; writes then fail with
// db.readonly. It returns nil, nil when cause is not a refusal to write.
// A file whose folder cannot be written either cannot keep SQLite's shared
// memory files beside it: it is then read as immutable.
func (s *Store) openReadOnly(ctx context.Context, path string, cause error) (*Store, error) {
	if s.dialect != schema.SQLite || minutes.ErrorCode(s.fault(cause)) != minutes.EFAILED ||
		s.fault(cause).(*minutes.Error).Msgs[0].Key != "db.readonly" {
		return nil, nil
	}
	for _, mode := range []string{"mode=ro", "mode=ro&immutable=1"} {
		db, err := sqlx.Open("sqlite", "file:"+path+"?"+mode+"&_pragma=busy_timeout(10000)&_pragma=query_only(1)")
		if err != nil {
			continue
		}
		db.SetMaxOpenConns(4)
		current, err := schema.Current(ctx, db.DB, schema.SQLite)
		var newer *schema.NewerError
		switch {
		case errors.As(err, &newer):
			db.Close()
			return nil, minutes.Errorm(minutes.EFAILED, "db.newer", newer.Found, newer.Newest)
		case err != nil:
			db.Close()
			continue
		case !current:
			db.Close()
			return nil, minutes.Errorm(minutes.EFAILED, "db.readonly_old")
		}
		ro := *s
		ro.db = db
		return &ro, nil
	}
	return nil, nil
}

// retryBusy runs f until SQLite stops answering SQLITE_BUSY, for at most
// busyPatience. Turning a new file to WAL mode needs the file to itself and
// fails at once, without the busy timeout, when several processes create
// the same database together; and a migration waits behind another
// process's long import.
func (s *Store) retryBusy(ctx context.Context, f func(context.Context) error) error {
	deadline := time.Now().Add(busyPatience)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := f(ctx)
		if err == nil || s.dialect != schema.SQLite || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// DB exposes the connection for tests that write through plain SQL.
func (s *Store) DB() *sqlx.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Exists reports whether the database dsn names can be opened without
// creating it: a PostgreSQL server always (its schema is created on first
// use, which changes nothing a user sees), a SQLite file when it is there.
// Reading defaults and completing a word must not create a database.
func Exists(dsn string) bool {
	d, err := parseDSN(dsn)
	if err != nil || d.dialect == schema.Postgres {
		return true // let Open say what is wrong
	}
	_, err = os.Stat(d.target)
	return !errors.Is(err, fs.ErrNotExist)
}

func sqliteDSN(path string) string {
	// Pragmas in the DSN apply to every pooled connection. _txlock=immediate
	// makes read-then-write transactions from several processes wait for
	// each other instead of failing with SQLITE_BUSY.
	return "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)&_txlock=immediate"
}

// createPrivate creates the SQLite file at path, readable by its owner
// only, in a folder only its owner may enter, unless it exists: minutes of
// Party committees are internal documents. SQLite gives its -wal and -shm
// files the mode of the database.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

func newUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// isRetryable reports a PostgreSQL serialization failure or deadlock, after
// which the whole transaction may be tried again.
func isRetryable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// isForeignKey reports a row that names a row that does not exist (a
// draft of a meeting deleted meanwhile).
func isForeignKey(err error) bool {
	var pe *pq.Error
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// Ping asks the database a question, for a health check.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	return nil
}
