package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// Faults of the database that are nobody's input and no bug: a busy or
// read-only SQLite file, a full disk, a PostgreSQL server that stopped
// answering or dropped the connection. Each becomes an EFAILED error with
// a message of its own, so the user knows what to do, instead of "internal
// error".

// pgSilence is how long a PostgreSQL server may keep silent while the
// client waits for its answer before the connection counts as dead: a
// frozen network otherwise hangs the client for ever (lib/pq sets no read
// deadline). Statements here take milliseconds; a minute of silence is not
// a slow query. Tests shorten it.
var pgSilence = 60 * time.Second

// openPostgres connects through a dialer that keeps TCP alive and gives up
// on a silent server.
func openPostgres(target string) (*sqlx.DB, error) {
	c, err := pq.NewConnector(postgresDSN(target))
	if err != nil {
		return nil, err
	}
	c.Dialer(silenceDialer{})
	return sqlx.NewDb(sql.OpenDB(c), "postgres"), nil
}

type silenceDialer struct{}

func (silenceDialer) dialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3}}
}

func (d silenceDialer) Dial(network, address string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, address)
}

func (d silenceDialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	c, err := d.dialer(timeout).Dial(network, address)
	return wrapSilence(c, err)
}

func (d silenceDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := d.dialer(0).DialContext(ctx, network, address)
	return wrapSilence(c, err)
}

func wrapSilence(c net.Conn, err error) (net.Conn, error) {
	if err != nil {
		return nil, err
	}
	return &silenceConn{Conn: c}, nil
}

// silenceConn gives each read pgSilence: lib/pq reads only when it waits
// for an answer, so an idle pooled connection never times out.
type silenceConn struct{ net.Conn }

func (c *silenceConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(pgSilence)); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

// isBusy reports SQLite's "database is locked": another process is writing.
func isBusy(err error) bool {
	s := err.Error()
	return strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked")
}

// busyPatience is how long a write waits for other writers of the same
// SQLite file (eight imports at once) before saying the database is busy.
var busyPatience = 2 * time.Minute

// fault turns a fault of the database into an error the user can act on;
// other errors pass unchanged.
func (s *Store) fault(err error) error {
	if err == nil || minutes.ErrorCode(err) != minutes.EINTERNAL {
		return err
	}
	var pe *pq.Error
	var ne net.Error
	msg := err.Error()
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case s.dialect == schema.SQLite && isBusy(err):
		return minutes.Errorm(minutes.EFAILED, "db.busy").Because(err)
	case strings.Contains(msg, "readonly database"), strings.Contains(msg, "SQLITE_READONLY"):
		return minutes.Errorm(minutes.EFAILED, "db.readonly").Because(err)
	case strings.Contains(msg, "database or disk is full"), strings.Contains(msg, "SQLITE_FULL"),
		errors.As(err, &pe) && (pe.Code == "53100" || pe.Code == "53200"):
		return minutes.Errorm(minutes.EFAILED, "db.full").Because(err)
	case strings.Contains(msg, "malformed"), strings.Contains(msg, "SQLITE_CORRUPT"), strings.Contains(msg, "SQLITE_NOTADB"), strings.Contains(msg, "file is not a database"):
		return minutes.Errorm(minutes.EFAILED, "db.corrupt").Because(err)
	case errors.As(err, &ne) && ne.Timeout():
		return minutes.Errorm(minutes.EFAILED, "db.silent", int(pgSilence.Seconds())).Because(err)
	case errors.Is(err, sql.ErrConnDone), strings.Contains(msg, "bad connection"), strings.Contains(msg, "connection reset"),
		strings.Contains(msg, "broken pipe"), strings.Contains(msg, "unexpected EOF"), strings.Contains(msg, "connection refused"):
		return minutes.Errorm(minutes.EFAILED, "db.lost").Because(err)
	}
	return err
}

var faultMessages = minutes.Messages{
	"db.busy":          {"cơ sở dữ liệu đang bận (một chương trình khác đang ghi quá lâu); chưa lưu gì — hãy chạy lại sau ít phút", "the database is busy (another program has been writing for too long); nothing was stored — run the command again in a few minutes"},
	"db.readonly":      {"cơ sở dữ liệu chỉ cho đọc (tệp hoặc thư mục không có quyền ghi); xem vẫn được, nhưng không lưu được gì", "the database is read-only (no write permission on the file or its folder); it can be read, but nothing can be stored"},
	"db.readonly_old":  {"cơ sở dữ liệu chỉ cho đọc và được tạo bởi một phiên bản minutes cũ hơn, cần cập nhật cấu trúc mà không ghi được; hãy mở nó một lần ở nơi có quyền ghi", "the database is read-only and was made by an older minutes: its schema needs an update that cannot be written; open it once where it can be written"},
	"db.full":          {"ổ đĩa của cơ sở dữ liệu đã đầy; chưa lưu gì — hãy giải phóng chỗ trống rồi chạy lại", "the database's disk is full; nothing was stored — free some space and run the command again"},
	"db.corrupt":       {"tệp cơ sở dữ liệu bị hỏng; chạy minutes check để xem chỗ hỏng, và khôi phục từ bản sao lưu", "the database file is damaged; run minutes check to see where, and restore from a backup"},
	"db.silent":        {"máy chủ PostgreSQL không trả lời trong %d giây (mạng bị treo?); chưa lưu gì", "the PostgreSQL server did not answer for %d seconds (is the network down?); nothing was stored"},
	"db.retry_too_big": {"một chương trình khác ghi vào cơ sở dữ liệu giữa chừng, và lần nhập này (hơn %d cuộc họp) quá lớn để tự chạy lại; chưa lưu gì — hãy chạy lại lệnh", "another program wrote to the database meanwhile, and this import (over %d meetings) is too large to retry by itself; nothing was stored — run the command again"},
	"db.lost":          {"mất kết nối tới máy chủ cơ sở dữ liệu; chưa lưu gì — kiểm tra mạng rồi chạy lại", "the connection to the database server was lost; nothing was stored — check the network and run the command again"},
	"db.newer":         {"cơ sở dữ liệu này đã được một phiên bản minutes mới hơn cập nhật (cấu trúc số %d, bản này chỉ biết đến số %d); hãy dùng phiên bản minutes mới hơn — không ghi gì vào", "this database was updated by a newer minutes (schema %d; this one knows up to %d); use a newer minutes — nothing was written"},
}
