package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/schema"
)

// Check runs the database's own integrity check. On SQLite that is PRAGMA
// integrity_check — every page, every index entry against its row — and
// foreign_key_check; damage in the middle of a file, which the queries of
// the day may never read, is found here. PostgreSQL has no single check:
// every table of the schema is read whole (each row and its out-of-line
// values), and with the amcheck extension installed every B-tree index is
// verified against its structure. A fault found is a problem of the
// result, not an error: the error is for a check that could not run.
func (s *Store) Check(ctx context.Context) (minutes.Integrity, error) {
	var in minutes.Integrity
	var err error
	if s.dialect == schema.SQLite {
		err = s.checkSQLite(ctx, &in)
	} else {
		err = s.checkPostgres(ctx, &in)
	}
	if err != nil {
		return in, s.fault(err)
	}
	return in, nil
}

func (s *Store) checkSQLite(ctx context.Context, in *minutes.Integrity) error {
	in.Checked = append(in.Checked, minutes.M("check.sqlite_integrity"))
	// The check names a damaged tree by its root page: say whose it is.
	names := map[string]string{}
	if rs, err := s.db.QueryContext(ctx, `SELECT rootpage, name FROM sqlite_schema WHERE rootpage > 0`); err == nil {
		for rs.Next() {
			var root, name string
			if rs.Scan(&root, &name) == nil {
				names["Tree "+root+" "] = "Tree " + root + " (" + name + ") "
			}
		}
		rs.Close()
	}
	named := func(l string) string {
		if i := strings.Index(l, " page "); strings.HasPrefix(l, "Tree ") && i > 0 {
			if n, ok := names[l[:i+1]]; ok {
				return n + l[i+1:]
			}
		}
		return l
	}
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`PRAGMA integrity_check(%d)`, minutes.MaxProblems+1))
	if err != nil {
		// A file damaged where the check starts cannot even be walked.
		in.Add(err.Error())
		return nil
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return err
		}
		// One row may hold several lines, headed by the schema's name.
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "" && l != "ok" && !strings.HasPrefix(l, "*** in database") {
				in.Add(named(l))
			}
		}
	}
	if err := rows.Err(); err != nil {
		in.Add("integrity_check: " + err.Error())
	}
	rows.Close()

	in.Checked = append(in.Checked, minutes.M("check.sqlite_foreign_keys"))
	fk, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		in.Add("foreign_key_check: " + err.Error())
		return nil
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid, id any
		if err := fk.Scan(&table, &rowid, &parent, &id); err != nil {
			return err
		}
		in.Add(fmt.Sprintf("%s rowid %v: no row in %s", table, rowid, parent))
	}
	if err := fk.Err(); err != nil {
		in.Add("foreign_key_check: " + err.Error())
	}
	return nil
}

func (s *Store) checkPostgres(ctx context.Context, in *minutes.Integrity) error {
	var tables []string
	if err := s.db.SelectContext(ctx, &tables, `
		SELECT c.oid::regclass::text FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname = current_schema()
		ORDER BY 1`); err != nil {
		return err
	}
	in.Checked = append(in.Checked, minutes.M("check.pg_tables", len(tables)))
	for _, t := range tables {
		// Every column of every row, out-of-line (TOAST) values included:
		// a damaged page or value fails here. t is a name regclass quoted.
		var n int64
		q := `SELECT count(*) FROM (SELECT length(x::text) FROM ` + t + ` x) r`
		if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			if ctx.Err() != nil {
				return err
			}
			in.Add(t + ": " + err.Error())
		}
	}
	// amcheck lives in the schema it was created in, often not ours.
	var amcheck []string
	if err := s.db.SelectContext(ctx, &amcheck, `
		SELECT quote_ident(n.nspname) FROM pg_extension e
		JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'`); err != nil {
		return err
	}
	if len(amcheck) == 0 {
		in.Checked = append(in.Checked, minutes.M("check.pg_no_amcheck"))
		return nil
	}
	var indexes []string
	if err := s.db.SelectContext(ctx, &indexes, `
		SELECT c.oid::regclass::text FROM pg_index i
		JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_am a ON a.oid = c.relam
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE a.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid
		ORDER BY 1`); err != nil {
		return err
	}
	in.Checked = append(in.Checked, minutes.M("check.pg_indexes", len(indexes)))
	for _, ix := range indexes {
		if _, err := s.db.ExecContext(ctx, `SELECT `+amcheck[0]+`.bt_index_check($1::regclass, true)`, ix); err != nil {
			if ctx.Err() != nil {
				return err
			}
			in.Add(ix + ": " + strings.TrimPrefix(err.Error(), "pq: "))
		}
	}
	return nil
}

var checkMessages = minutes.Messages{
	"check.sqlite_integrity":    {"mọi trang, mọi chỉ mục của tệp SQLite (PRAGMA integrity_check)", "every page and index of the SQLite file (PRAGMA integrity_check)"},
	"check.sqlite_foreign_keys": {"các liên kết giữa các bảng (PRAGMA foreign_key_check)", "the links between tables (PRAGMA foreign_key_check)"},
	"check.pg_tables":           {"đọc toàn bộ %d bảng, từng dòng, từng giá trị", "read all %d tables whole, every row and value"},
	"check.pg_indexes":          {"cấu trúc của %d chỉ mục B-tree, đối chiếu với bảng (amcheck)", "the structure of %d B-tree indexes, against their tables (amcheck)"},
	"check.pg_no_amcheck":       {"chỉ mục không được kiểm tra: chưa cài tiện ích amcheck (CREATE EXTENSION amcheck)", "indexes not checked: the amcheck extension is not installed (CREATE EXTENSION amcheck)"},
}
