// Package schema holds the database migrations, one folder per dialect,
// embedded in the binary, and applies them under a lock. It imports only
// the standard library.
package schema

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// lockKey is the PostgreSQL advisory lock that serialises migrations when
// several clients of one database start at once ("minutes" in ASCII).
const lockKey = 0x6d696e75746573

type migration struct {
	version int
	name    string
	sql     string
}

func migrations(dialect string) ([]migration, error) {
	sub, err := fs.Sub(files, dialect)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil {
			return nil, fmt.Errorf("schema: migration %s/%s: name must start with a number and _", dialect, e.Name())
		}
		b, err := fs.ReadFile(sub, e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// NewerError is a database that a newer program migrated: it holds a
// migration this program does not know.
type NewerError struct{ Found, Newest int }

func (e *NewerError) Error() string {
	return fmt.Sprintf("schema: the database has migration %d; this program knows up to %d", e.Found, e.Newest)
}

// Current reports whether db's schema is exactly this program's, without
// writing: for a database that can only be read. A newer schema is a
// *NewerError.
func Current(ctx context.Context, db *sql.DB, dialect string) (bool, error) {
	ms, err := migrations(dialect)
	if err != nil {
		return false, err
	}
	newest := 0
	for _, m := range ms {
		newest = max(newest, m.version)
	}
	var count, top sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&count, &top); err != nil {
		return false, err
	}
	if int(top.Int64) > newest {
		return false, &NewerError{Found: int(top.Int64), Newest: newest}
	}
	return int(count.Int64) == len(ms) && int(top.Int64) == newest, nil
}

// Migrate brings db up to the newest schema. It is safe to run from many
// processes at once: on PostgreSQL the work happens under a transaction-scoped
// advisory lock; on SQLite the write transaction itself is exclusive
// (the DSN asks for BEGIN IMMEDIATE). Each run of pending migrations is one
// transaction, so a failure leaves the schema as it was.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	ms, err := migrations(dialect)
	if err != nil {
		return err
	}
	newest, known := 0, make(map[int]bool, len(ms))
	for _, m := range ms {
		known[m.version] = true
		newest = max(newest, m.version)
	}
	// The common case, an up-to-date database, costs one read and no lock.
	// Versions are compared, not counted: a database that a newer program
	// migrated is refused before anything is written.
	var count, top sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&count, &top); err == nil {
		if int(top.Int64) > newest {
			return &NewerError{Found: int(top.Int64), Newest: newest}
		}
		if int(count.Int64) == len(ms) && int(top.Int64) == newest {
			return nil
		}
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("schema: begin: %w", err)
	}
	defer tx.Rollback()
	if dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(lockKey)); err != nil {
			return fmt.Errorf("schema: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	// Versions applied so far; any missing one runs, in order, even below
	// the newest (migrations written on parallel branches).
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("schema: %w", err)
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	insert := `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`
	if dialect == Postgres {
		insert = `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`
	}
	for v := range applied {
		if !known[v] {
			return &NewerError{Found: v, Newest: newest}
		}
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("schema: migration %s/%s: %w", dialect, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, insert, m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return tx.Commit()
}
