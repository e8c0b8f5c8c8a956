package main

import (
	"os"
	"strings"
	"testing"
)

// TestPasswordNeverPrinted gives --db every way a PostgreSQL password can be
// written wrong or right, with and without --debug, and looks for the
// password in everything printed.
func TestPasswordNeverPrinted(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const secret = "Bi3mat"
	for _, c := range []struct {
		name, dsn string
		code      int
	}{
		{"BadEscape", "postgres://vp:" + secret + "%zz@127.0.0.1:1/db", exitUsage},
		{"Space", "postgres://vp:" + secret + " x@127.0.0.1:1/db", exitUsage},
		{"UnescapedSlash", "postgres://vp:" + secret + "/x@127.0.0.1:1/db", exitUsage},
		{"UnescapedHash", "postgres://vp:" + secret + "#x@127.0.0.1:1/db", exitUsage},
		{"QueryPassword", "postgres://vp@127.0.0.1:1/db?password=" + secret, exitFailure},
		{"KeyValue", "host=127.0.0.1 port=1 dbname=db user=vp password=" + secret + " connect_timeout=2", exitFailure},
		{"UnknownScheme", "mysql://vp:" + secret + "@127.0.0.1:1/db", exitUsage},
	} {
		for _, debug := range []bool{false, true} {
			args := []string{"--db", c.dsn, "list"}
			if debug {
				args = append([]string{"--debug"}, args...)
			}
			r := runCLI(t, "", "", args)
			if r.code != c.code {
				t.Errorf("%s (debug %v): exit %d, want %d\n%s", c.name, debug, r.code, c.code, r.errOut)
			}
			if strings.Contains(r.out+r.errOut, secret) {
				t.Errorf("%s (debug %v): the password is printed:\n%s", c.name, debug, r.errOut)
			}
		}
	}
	// A key=value string is PostgreSQL, never a SQLite file named after it.
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a DSN created files in the working folder: %v", entries)
	}
}

// TestEmptySQLitePath refuses a --db that names no file, instead of
// recording into a throwaway database.
func TestEmptySQLitePath(t *testing.T) {
	for _, dsn := range []string{"sqlite:", "sqlite://", "file:"} {
		r := runCLI(t, dsn, "", []string{"list"})
		if r.code != exitUsage || !strings.Contains(r.errOut, "không có đường dẫn tệp") {
			t.Errorf("MINUTES_DB=%q: exit %d, %s", dsn, r.code, r.errOut)
		}
	}
}
