package sqlstore

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// A DSN names the database, as --db and MINUTES_DB give it:
//
//	path/to/file.db            a SQLite file
//	sqlite:PATH, sqlite://PATH, file:PATH?…
//	postgres://… postgresql://… (any case)
//	host=… dbname=… user=…     a libpq key=value string
//
// "" is the default SQLite file. This is the program's one reading of a
// DSN; anything else is a usage error that names what is accepted, and no
// message ever shows a password (Redact).
type dsn struct {
	dialect string
	target  string // the SQLite file, or what lib/pq is given
}

// libpqKeys are the keywords that make a string a libpq connection string
// rather than a file name.
var libpqKeys = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "password": true,
	"passfile": true, "sslmode": true, "sslcert": true, "sslkey": true, "sslrootcert": true,
	"connect_timeout": true, "application_name": true, "options": true, "service": true,
	"target_session_attrs": true, "keepalives": true,
}

var kvStart = regexp.MustCompile(`^\s*([a-z_]+)\s*=`)

func parseDSN(s string) (dsn, error) {
	lower := strings.ToLower(s)
	switch {
	case strings.TrimSpace(s) == "":
		p, err := DefaultPath()
		if err != nil {
			return dsn{}, minutes.Errorm(minutes.EUSAGE, "db.no_default", err)
		}
		return dsn{schema.SQLite, p}, nil
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			// url's own error quotes the whole string, password included.
			return dsn{}, minutes.Errorm(minutes.EUSAGE, "db.bad_url", Redact(s))
		}
		u.Scheme = "postgres"
		return dsn{schema.Postgres, u.String()}, nil
	case strings.HasPrefix(lower, "sqlite:") || strings.HasPrefix(lower, "file:"):
		p := s[strings.Index(s, ":")+1:]
		if strings.HasPrefix(lower, "sqlite://") {
			p = s[len("sqlite://"):]
		}
		if strings.HasPrefix(lower, "file:") {
			p, _, _ = strings.Cut(p, "?")
		}
		if strings.TrimSpace(p) == "" {
			// sqlite: with an unset variable would record into a
			// throwaway database.
			return dsn{}, minutes.Errorm(minutes.EUSAGE, "db.empty_path", Redact(s))
		}
		return dsn{schema.SQLite, p}, nil
	case strings.Contains(s, "://"):
		return dsn{}, minutes.Errorm(minutes.EUSAGE, "db.unknown", Redact(s))
	}
	if m := kvStart.FindStringSubmatch(s); m != nil && libpqKeys[m[1]] {
		return dsn{schema.Postgres, s}, nil
	}
	return dsn{schema.SQLite, s}, nil
}

var (
	urlPassword = regexp.MustCompile(`(?i)([?&]password=)[^&#]*`)
	kvPassword  = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S*)`)
)

// Redact returns s with any password in it replaced by xxxxx: in the user
// information or the query of a URL, parseable or not, and in a key=value
// string. A password may hold an unescaped @, / or #, so the user
// information is taken to end at the last @: when in doubt, more is hidden.
func Redact(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		if at := strings.LastIndex(s, "@"); at > i {
			if c := strings.Index(s[i+3:at], ":"); c >= 0 {
				s = s[:i+3+c+1] + "xxxxx" + s[at:]
			}
		}
		return urlPassword.ReplaceAllString(s, "${1}xxxxx")
	}
	return kvPassword.ReplaceAllString(s, "${1}xxxxx")
}

// postgresDSN adds what lib/pq needs and does not default well: a connect
// timeout (it waits forever by default).
func postgresDSN(target string) string {
	if !strings.HasPrefix(target, "postgres://") {
		if !strings.Contains(target, "connect_timeout") {
			target += " connect_timeout=10"
		}
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "10")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

var dsnMessages = minutes.Messages{
	"db.bad_url":    {"địa chỉ cơ sở dữ liệu %s không đọc được (ký tự đặc biệt trong mật khẩu như @ / # %% hay dấu cách phải viết dạng %%XX, ví dụ @ là %%40)", "the database URL %s cannot be read (special characters in the password such as @ / # %% or a space must be written %%XX, e.g. @ as %%40)"},
	"db.empty_path": {"--db %s không có đường dẫn tệp; hãy viết --db sqlite:ĐƯỜNG_DẪN hoặc bỏ --db để dùng cơ sở dữ liệu mặc định", "--db %s names no file; write --db sqlite:PATH, or leave --db out for the default database"},
	"db.unknown":    {"không biết loại cơ sở dữ liệu %s; dùng đường dẫn tệp SQLite, sqlite:ĐƯỜNG_DẪN, postgres://… hoặc chuỗi host=… dbname=…", "unknown kind of database %s; use a SQLite file path, sqlite:PATH, postgres://… or a host=… dbname=… string"},
	"db.no_default": {"không tìm được thư mục dữ liệu của người dùng (%v); hãy chỉ ra cơ sở dữ liệu bằng --db hoặc MINUTES_DB", "no user data directory (%v); name the database with --db or MINUTES_DB"},
}
