package sqlstore

import (
	"context"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

func faultKey(err error) string {
	if e, ok := err.(*minutes.Error); ok && len(e.Msgs) > 0 {
		return e.Code + " " + e.Msgs[0].Key
	}
	return "not ours: " + err.Error()
}

// TestNewerSchemaRefused: a database that a newer minutes migrated is
// refused before anything is written, on both databases.
func TestNewerSchemaRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().ExecContext(ctx, s.DB().Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`), 999, "999_from_the_future.sql", "2030-01-01T00:00:00Z"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		_, err = Open(ctx, dsn)
		if got := faultKey(err); got != "failed db.newer" {
			t.Fatalf("open of a newer database: %s", got)
		}
		if !strings.Contains(catalogEN().Error(err), "schema 999") {
			t.Fatalf("the message does not say which schema: %s", catalogEN().Error(err))
		}
	})
}

// TestDiskFull: SQLite answers SQLITE_FULL when the file may not grow, as
// on a full disk; the user is told so and nothing is stored.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, testdb.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.db.SetMaxOpenConns(1) // the pragma holds for the connection it runs on
	var pages int
	if err := s.db.GetContext(ctx, &pages, `PRAGMA page_count`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.Itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	var ms []*minutes.Meeting
	for i := range 200 {
		ms = append(ms, testdb.Meeting(i))
	}
	err = s.CreateMeetings(ctx, ms)
	if got := faultKey(err); got != "failed db.full" {
		t.Fatalf("a full database: %s", got)
	}
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT COUNT(*) FROM meetings`); err != nil || n != 0 {
		t.Fatalf("%d meetings half-stored (%v)", n, err)
	}
}

// TestSilentServer: a PostgreSQL server that stops answering (a frozen
// network, played by a proxy that stops forwarding) ends the command with
// a message instead of hanging for ever.
func TestSilentServer(t *testing.T) {
	dsn := testdb.Postgres(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := startFreezingProxy(t, u.Host)
	u.Host = p.addr
	old := pgSilence
	pgSilence = 2 * time.Second
	defer func() { pgSilence = old }()
	ctx := context.Background()
	s, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.FindMeetings(ctx, minutes.Filter{}); err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	p.freeze()
	start := time.Now()
	_, err = s.FindMeetings(ctx, minutes.Filter{})
	if got := faultKey(err); got != "failed db.silent" {
		t.Fatalf("a silent server: %s", got)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("it took %v to give up", d)
	}
}

// TestLostConnection: a connection the server ends in the middle of a
// transaction is a lost connection, said so, and nothing is stored.
func TestLostConnection(t *testing.T) {
	dsn := testdb.Postgres(t)
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	other, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var pid int
		if err := tx.GetContext(ctx, &pid, `SELECT pg_backend_pid()`); err != nil {
			return err
		}
		if _, err := other.db.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
			t.Fatal(err)
		}
		_, err := tx.ExecContext(ctx, `SELECT 1`)
		return err
	})
	if got := faultKey(err); got != "failed db.lost" {
		t.Fatalf("a lost connection: %s", got)
	}
}

type freezingProxy struct {
	addr   string
	mu     sync.Mutex
	frozen bool
}

func (p *freezingProxy) freeze() {
	p.mu.Lock()
	p.frozen = true
	p.mu.Unlock()
}

func (p *freezingProxy) isFrozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.frozen
}

// startFreezingProxy forwards TCP to target until freeze, and from then on
// swallows what it reads and sends nothing back: the network froze.
func startFreezingProxy(t *testing.T, target string) *freezingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &freezingProxy{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			pipe := func(dst, src net.Conn) {
				buf := make([]byte, 32<<10)
				for {
					n, err := src.Read(buf)
					if err != nil {
						return
					}
					if p.isFrozen() {
						continue // swallowed
					}
					if _, err := dst.Write(buf[:n]); err != nil {
						return
					}
				}
			}
			go pipe(up, c)
			go pipe(c, up)
		}
	}()
	return p
}
