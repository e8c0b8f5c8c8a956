// Package testdb gives tests real databases: a SQLite file in a temporary
// directory, and a fresh PostgreSQL schema on the server named by
// MINUTES_TEST_POSTGRES. Under CI=true a missing PostgreSQL fails the test
// instead of skipping it, so CI never passes without running them.
package testdb

import (
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/lib/pq"
)

// SQLite returns the path of a new database file in t.TempDir().
func SQLite(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "minutes.db")
}

// Postgres returns a postgres:// URL whose search_path is a new, empty
// schema, dropped when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("MINUTES_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("MINUTES_TEST_POSTGRES is not set, and CI=true requires the PostgreSQL tests to run")
		}
		t.Skip("MINUTES_TEST_POSTGRES not set; skipping PostgreSQL")
	}
	db, err := sql.Open("postgres", base)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at MINUTES_TEST_POSTGRES is not reachable: %v", err)
		}
		t.Skipf("PostgreSQL not reachable: %v", err)
	}
	// The trigram index that serves --search needs pg_trgm; installed in
	// public, it outlives the per-test schemas. Two tests racing to create
	// it is harmless: one wins.
	_, _ = db.Exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`)
	// minutes check verifies indexes with amcheck when it is there.
	_, _ = db.Exec(`CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public`)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := fmt.Sprintf("t_%x_%d", b, time.Now().UnixNano()%1e6)
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = db.Exec(`DROP SCHEMA ` + name + ` CASCADE`)
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name) // lib/pq sends unknown keys as run-time parameters
	u.RawQuery = q.Encode()
	return u.String()
}

// Each runs f as a subtest on SQLite and on PostgreSQL, with a fresh
// database URL for each.
func Each(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, Postgres(t)) })
}
