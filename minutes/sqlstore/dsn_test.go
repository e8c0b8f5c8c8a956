package sqlstore

import (
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

func TestParseDSN(t *testing.T) {
	for _, c := range []struct {
		in, dialect, target string
	}{
		{"data/minutes.db", schema.SQLite, "data/minutes.db"},
		{"sqlite:data/a.db", schema.SQLite, "data/a.db"},
		{"SQLITE:data/a.db", schema.SQLite, "data/a.db"},
		{"sqlite:///abs/a.db", schema.SQLite, "/abs/a.db"},
		{"file:a.db?cache=shared", schema.SQLite, "a.db"},
		{`C:\Users\Phuong\minutes.db`, schema.SQLite, `C:\Users\Phuong\minutes.db`},
		{"postgres://u:p@h:5432/db?sslmode=disable", schema.Postgres, "postgres://u:p@h:5432/db?sslmode=disable"},
		{"PostgreSQL://u@h/db", schema.Postgres, "postgres://u@h/db"},
		{"host=10.0.0.5 dbname=minutes user=vp password=Bi mat", schema.Postgres, "host=10.0.0.5 dbname=minutes user=vp password=Bi mat"},
		{"dbname=minutes", schema.Postgres, "dbname=minutes"},
	} {
		d, err := parseDSN(c.in)
		if err != nil || d.dialect != c.dialect || d.target != c.target {
			t.Errorf("parseDSN(%q) = %+v, %v; want %s %q", c.in, d, err, c.dialect, c.target)
		}
	}
	for _, c := range []struct{ name, in, key string }{
		{"ErrEmptySQLite", "sqlite:", "db.empty_path"},
		{"ErrEmptySQLiteURL", "sqlite://", "db.empty_path"},
		{"ErrEmptyFile", "file:?mode=ro", "db.empty_path"},
		{"ErrUnknownScheme", "mysql://u:secret@h/db", "db.unknown"},
		{"ErrBadEscape", "postgres://u:se%zzcret@h/db", "db.bad_url"},
		{"ErrSpace", "postgres://u:se cret@h/db", "db.bad_url"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseDSN(c.in)
			var e *minutes.Error
			if !asError(err, &e) || e.Code != minutes.EUSAGE || e.Msgs[0].Key != c.key {
				t.Fatalf("parseDSN(%q) = %v, want EUSAGE %s", c.in, err, c.key)
			}
			if text := catalogEN().Error(err); strings.Contains(text, "secret") || strings.Contains(text, "se%zzcret") {
				t.Fatalf("the message shows the password: %s", text)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://vp:Bi-mat@h/db":                  "postgres://vp:xxxxx@h/db",
		"postgres://vp:a/b#c@d@h:5432/db":            "postgres://vp:xxxxx@h:5432/db",
		"postgres://vp:se%zz@h/db":                   "postgres://vp:xxxxx@h/db",
		"postgres://vp@h/db?password=Bi-mat&x=1":     "postgres://vp@h/db?password=xxxxx&x=1",
		"postgres://vp@h/db?sslmode=disable":         "postgres://vp@h/db?sslmode=disable",
		"host=h password=Bi-mat dbname=db":           "host=h password=xxxxx dbname=db",
		"host=h password = 'Bi mat \\' x' dbname=db": "host=h password = xxxxx dbname=db",
		"data/minutes.db":                            "data/minutes.db",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func asError(err error, e **minutes.Error) bool {
	v, ok := err.(*minutes.Error)
	*e = v
	return ok
}

func catalogEN() *minutes.Printer {
	return minutes.NewCatalog(minutes.DomainMessages, Messages).Printer(minutes.LangEN)
}
