package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// verifyRecord is validRecord with every part verify is asked to guard.
func verifyRecord(n int) string {
	return fmt.Sprintf(`organization: Thành ủy Sóc Trăng
number: %d-BB/TU
title: Hội nghị số %d
date: 25/3/2021
chairs:
  - name: Nguyễn Văn Quận
    title: Bí thư Thành ủy
attendance:
  present: 80
  absent:
    - name: Trần Văn A
      reason: đi công tác
agenda:
  - title: Báo cáo tình hình quý I
comments:
  - speaker: Lê Minh Đức
    content: tình hình kết nạp đảng viên mới
conclusions:
  - content: Tập trung lãnh đạo công tác bầu cử
    due: 23/5/2021
`, 900+n, n)
}

// sealedDB stores three finalized meetings, the second amended once.
func sealedDB(t *testing.T, dsn string) {
	t.Helper()
	dir := t.TempDir()
	for i := 1; i <= 3; i++ {
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, fmt.Sprintf("m%d.yaml", i), verifyRecord(i)))
		mustRun(t, dsn, "finalize", fmt.Sprint(i), "--yes")
	}
	edited := writeFile(t, dir, "amend.yaml", strings.Replace(verifyRecord(2), "Hội nghị số 2", "Hội nghị số 2 (đã sửa)", 1))
	r := runCLI(t, dsn, "", []string{"amend", "2", "--reason", "sửa tiêu đề"}, "EDITOR=cp "+edited)
	if r.code != 0 {
		t.Fatalf("amend: exit %d\n%s", r.code, r.errOut)
	}
}

const verifyClean = "Đã kiểm tra 3 biên bản đã thông qua: không phát hiện thay đổi.\n"

// untrigger removes the guards of table, as an administrator of the
// database could: DROP TRIGGER on SQLite, DISABLE TRIGGER on PostgreSQL.
func untrigger(t *testing.T, s *sqlstore.Store, table string) {
	t.Helper()
	db := s.DB()
	if strings.HasPrefix(db.DriverName(), "postgres") {
		if _, err := db.Exec(`ALTER TABLE ` + table + ` DISABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
		return
	}
	var names []string
	if err := db.Select(&names, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`, table); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := db.Exec(`DROP TRIGGER ` + n); err != nil {
			t.Fatal(err)
		}
	}
}

// TestVerify changes finalized minutes behind the program's back, one row
// of one table at a time, with the table's triggers out of the way: verify
// names the meeting and what changed, and exits 1; untouched, it exits 0.
func TestVerify(t *testing.T) {
	cases := []struct {
		name, table, sql, want string
	}{
		{"Title", "meetings", `UPDATE meetings SET title = 'GIẢ MẠO' WHERE id = 2`, "cuộc họp 2: nội dung hiện lưu khác phiên bản 3 đã thông qua, ở: title"},
		{"AttendanceCount", "meetings", `UPDATE meetings SET present = 8 WHERE id = 1`, "cuộc họp 1: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: attendance"},
		{"FinalizedBy", "meetings", `UPDATE meetings SET finalized_by = 'kẻ giả mạo' WHERE id = 1`, "ở: record.finalized_by"},
		{"BackToDraft", "meetings", `UPDATE meetings SET status = 'draft' WHERE id = 3`, "cuộc họp 3: đã được thông qua (phiên bản 2) nhưng nay lại ghi là bản nháp"},
		{"Deleted", "meetings", `DELETE FROM meetings WHERE id = 3`, "cuộc họp 3: biên bản đã thông qua (phiên bản 2) không còn trong cơ sở dữ liệu"},
		{"ChairName", "chairs", `UPDATE chairs SET name = 'Người Khác' WHERE meeting_id = 1`, "cuộc họp 1: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: chairs"},
		{"Conclusion", "conclusions", `UPDATE conclusions SET content = 'Không làm gì' WHERE meeting_id = 3`, "cuộc họp 3: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: conclusions"},
		{"Comment", "comments", `UPDATE comments SET content = 'ý kiến khác' WHERE meeting_id = 2`, "cuộc họp 2: nội dung hiện lưu khác phiên bản 3 đã thông qua, ở: comments"},
		{"AgendaItem", "agenda_items", `DELETE FROM agenda_items WHERE meeting_id = 1`, "cuộc họp 1: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: agenda"},
		{"Absentee", "absentees", `UPDATE absentees SET reason = 'ốm' WHERE meeting_id = 1`, "cuộc họp 1: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: attendance"},
		{"HistoryReason", "history", `UPDATE history SET reason = 'lý do khác' WHERE meeting_id = 2 AND action = 'amended'`, "cuộc họp 2, phiên bản 3: mã kiểm tra không khớp"},
		{"HistorySnapshot", "history", `UPDATE history SET snapshot = REPLACE(snapshot, 'Hội nghị số 1', 'Hội nghị GIẢ') WHERE meeting_id = 1 AND action = 'finalized'`, "cuộc họp 1, phiên bản 2: mã kiểm tra không khớp"},
		{"HistoryVersionDeleted", "history", `DELETE FROM history WHERE meeting_id = 2 AND action = 'finalized'`, "cuộc họp 2, phiên bản 3: mã kiểm tra không khớp"},
		{"SealRemoved", "history", `UPDATE history SET hash = '' WHERE meeting_id = 2 AND action = 'amended'`, "cuộc họp 2, phiên bản 3: mục lịch sử không còn mã kiểm tra"},
	}
	testdb.Each(t, func(t *testing.T, dsn string) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				db := dsn
				if !strings.HasPrefix(dsn, "postgres") {
					db = testdb.SQLite(t)
				} else {
					db = testdb.Postgres(t)
				}
				sealedDB(t, db)
				if r := runCLI(t, db, "", []string{"verify"}); r.code != 0 || r.out != verifyClean {
					t.Fatalf("untouched: exit %d, %q\n%s", r.code, r.out, r.errOut)
				}
				s, err := sqlstore.Open(context.Background(), db)
				if err != nil {
					t.Fatal(err)
				}
				untrigger(t, s, c.table)
				if _, err := s.DB().Exec(c.sql); err != nil {
					t.Fatalf("%s: %v", c.sql, err)
				}
				s.Close()
				r := runCLI(t, db, "", []string{"verify"})
				if r.code != exitFailure || !strings.Contains(r.errOut, c.want) ||
					!strings.Contains(r.errOut, "Lỗi: đã kiểm tra 3 biên bản đã thông qua: phát hiện") {
					t.Fatalf("after %s: exit %d, want 1 and %q in\n%s", c.sql, r.code, c.want, r.errOut)
				}
			})
		}
		t.Run("OneMeeting", func(t *testing.T) {
			db := testdb.SQLite(t)
			if strings.HasPrefix(dsn, "postgres") {
				db = testdb.Postgres(t)
			}
			sealedDB(t, db)
			if r := runCLI(t, db, "", []string{"verify", "2"}); r.code != 0 || !strings.Contains(r.out, "Đã kiểm tra 1 biên bản") {
				t.Fatalf("verify 2: exit %d, %q %s", r.code, r.out, r.errOut)
			}
			mustRun(t, db, "add", "-f", writeFile(t, t.TempDir(), "d.yaml", verifyRecord(9)))
			if r := runCLI(t, db, "", []string{"verify", "4"}); r.code != exitNotFound || !strings.Contains(r.errOut, "chưa từng được thông qua") {
				t.Fatalf("verify of a draft: exit %d\n%s", r.code, r.errOut)
			}
			if r := runCLI(t, db, "", []string{"--lang", "en", "verify"}); r.code != 0 || r.out != "Checked 3 finalized minutes: no change found.\n" {
				t.Fatalf("English: exit %d, %q", r.code, r.out)
			}
		})
	})
}

// TestVerifyCopyAndBackup: the seals travel with the data. A copy of the
// database file verifies as the original does and a change to the copy is
// found in the copy; a backup restored into SQLite or PostgreSQL verifies
// clean, and a backup edited by hand restores but verify names the change
// (the restore does not compute seals: it keeps those the backup carries).
func TestVerifyCopyAndBackup(t *testing.T) {
	src := testdb.SQLite(t)
	sealedDB(t, src)
	t.Run("CopyOfTheFile", func(t *testing.T) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		cp := filepath.Join(t.TempDir(), "ban-sao.db")
		if err := os.WriteFile(cp, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if r := runCLI(t, cp, "", []string{"verify"}); r.code != 0 || r.out != verifyClean {
			t.Fatalf("copy: exit %d %q\n%s", r.code, r.out, r.errOut)
		}
		s, err := sqlstore.Open(context.Background(), cp)
		if err != nil {
			t.Fatal(err)
		}
		untrigger(t, s, "chairs")
		if _, err := s.DB().Exec(`UPDATE chairs SET title = 'Chủ tịch' WHERE meeting_id = 3`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if r := runCLI(t, cp, "", []string{"verify"}); r.code != exitFailure || !strings.Contains(r.errOut, "cuộc họp 3: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: chairs") {
			t.Fatalf("changed copy: exit %d\n%s", r.code, r.errOut)
		}
		if r := runCLI(t, src, "", []string{"verify"}); r.code != 0 {
			t.Fatalf("the original after its copy changed: exit %d\n%s", r.code, r.errOut)
		}
	})
	dir := t.TempDir()
	backup := filepath.Join(dir, "sao-luu.yaml")
	mustRun(t, src, "export", "--all", "--format", "yaml", "-o", backup)
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n      hash: "); n != 4 {
		t.Fatalf("the backup carries %d seals, want 4 (three finalized, one amended)", n)
	}
	for _, target := range []string{"sqlite", "postgres"} {
		t.Run("Restored/"+target, func(t *testing.T) {
			dst := testdb.SQLite(t)
			if target == "postgres" {
				dst = testdb.Postgres(t)
			}
			mustRun(t, dst, "import", backup)
			if r := runCLI(t, dst, "", []string{"verify"}); r.code != 0 || r.out != verifyClean {
				t.Fatalf("restored: exit %d %q\n%s", r.code, r.out, r.errOut)
			}
		})
	}
	t.Run("EditedBackup", func(t *testing.T) {
		// The record of meeting 1 (first document), edited where a person
		// would: its title; the snapshots in its history keep the original.
		doc := string(b)
		i := strings.Index(doc, "title: Hội nghị số 1\n")
		if i < 0 {
			t.Fatalf("no title of meeting 1 in the backup:\n%s", doc)
		}
		edited := doc[:i] + "title: Hội nghị số 1 (sửa tay)\n" + doc[i+len("title: Hội nghị số 1\n"):]
		dst := testdb.SQLite(t)
		mustRun(t, dst, "import", writeFile(t, dir, "sua-tay.yaml", edited))
		r := runCLI(t, dst, "", []string{"verify"})
		if r.code != exitFailure || !strings.Contains(r.errOut, "nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: title") {
			t.Fatalf("restored from an edited backup: exit %d\n%s", r.code, r.errOut)
		}
	})
}

// TestSealInShowAndPDF: the seal that show prints is the one in the PDF's
// Keywords (read by pdfinfo) and in the Word document's core properties,
// and a new version has a new one.
func TestSealInShowAndPDF(t *testing.T) {
	db := testdb.SQLite(t)
	sealedDB(t, db)
	var shown struct {
		Hash string `json:"hash"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "show", "2", "-o", "json")), &shown); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(shown.Hash) {
		t.Fatalf("show -o json hash = %q", shown.Hash)
	}
	if text := mustRun(t, db, "show", "2"); !strings.Contains(text, "Mã kiểm tra (SHA-256): "+shown.Hash+"\n") {
		t.Fatalf("show does not print the seal %s:\n%s", shown.Hash, text)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "bb2.pdf")
	mustRun(t, db, "export", "2", "-o", pdf)
	info := pdfTool(t, "pdfinfo", pdf)
	if !strings.Contains(info, "Keywords:        sha256:"+shown.Hash+"\n") {
		t.Fatalf("pdfinfo does not show the seal %s:\n%s", shown.Hash, info)
	}
	docx := filepath.Join(dir, "bb2.docx")
	mustRun(t, db, "export", "2", "--format", "docx", "-o", docx)
	if core := docxPart(t, docx, "docProps/core.xml"); !strings.Contains(core, "<cp:keywords>sha256:"+shown.Hash+"</cp:keywords>") {
		t.Fatalf("core.xml lacks the seal:\n%s", core)
	}
	// The version before has a seal of its own, in show and in its PDF.
	old := mustRun(t, db, "show", "2", "--version", "2")
	oldPDF := filepath.Join(dir, "bb2-v2.pdf")
	mustRun(t, db, "export", "2", "--version", "2", "-o", oldPDF)
	m := regexp.MustCompile(`Mã kiểm tra \(SHA-256\): ([0-9a-f]{64})`).FindStringSubmatch(old)
	if m == nil || m[1] == shown.Hash || !strings.Contains(pdfTool(t, "pdfinfo", oldPDF), "sha256:"+m[1]) {
		t.Fatalf("version 2: seal %v, current %s", m, shown.Hash)
	}
	// A draft has none.
	mustRun(t, db, "add", "-f", writeFile(t, dir, "d.yaml", verifyRecord(8)))
	if text := mustRun(t, db, "show", "4"); strings.Contains(text, "Mã kiểm tra") {
		t.Fatalf("a draft shows a seal:\n%s", text)
	}
}

// docxPart returns one part of a Word document.
func docxPart(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// undo006 takes a database back to where migration 008 left it before 006
// existed: without the seals' column and 006's triggers, and without 006 in
// schema_migrations.
func undo006(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	db := s.DB()
	var stmts []string
	if strings.HasPrefix(db.DriverName(), "postgres") {
		for _, tr := range []string{"history", "meetings", "chairs", "absentees", "agenda_items", "comments", "conclusions",
			"recipients", "notices", "notice_recipients", "task_notes"} {
			stmts = append(stmts, `DROP TRIGGER `+tr+`_no_truncate ON `+tr)
		}
		stmts = append(stmts, `DROP TRIGGER conclusions_finalized_id ON conclusions`, `DROP TRIGGER task_notes_finalized ON task_notes`,
			`DROP FUNCTION minutes_guard_truncate()`, `DROP FUNCTION minutes_guard_task_note()`)
	} else {
		for _, tr := range []string{"meetings_finalized_replace", "meetings_finalized_displace", "history_no_replace",
			"conclusions_finalized_replace", "conclusions_finalized_displace", "task_notes_finalized_replace",
			"task_notes_finalized_update", "task_notes_finalized_delete"} {
			stmts = append(stmts, `DROP TRIGGER `+tr)
		}
	}
	// The history's own guards stay; dropping a column is DDL, which they
	// do not see.
	stmts = append(stmts, `ALTER TABLE history DROP COLUMN hash`, `DELETE FROM schema_migrations WHERE version = 6`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestMigration006OnAnOlderDatabase: a database at migration 008 that never
// had 006 gets it on the next open (the migrator runs every missing
// version, not only those above the newest). Minutes finalized before are
// unsealed: verify compares their record with the history, says how many
// are unsealed, and exits 0; a change to them is still found; their next
// amendment is sealed.
func TestMigration006OnAnOlderDatabase(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		dir := t.TempDir()
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, "m1.yaml", verifyRecord(1)))
		mustRun(t, dsn, "finalize", "1", "--yes")
		s, err := sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		undo006(t, s)
		s.Close()
		s, err = sqlstore.Open(ctx, dsn) // migrates again
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.DB().Get(&n, `SELECT COUNT(*) FROM schema_migrations WHERE version = 6`); err != nil || n != 1 {
			t.Fatalf("006 not applied again: %d (%v)", n, err)
		}
		replace := `INSERT OR REPLACE INTO meetings (id, uid, organization, title, date, present, created_at, updated_at, status)
			SELECT id, uid, organization, 'GIẢ MẠO', date, present, created_at, updated_at, status FROM meetings WHERE id = 1`
		if strings.HasPrefix(dsn, "postgres") {
			replace = `TRUNCATE chairs`
		}
		if _, err := s.DB().Exec(replace); err == nil || !strings.Contains(err.Error(), "minutes: read-only") {
			t.Fatalf("006's guards missing after the migration: %v", err)
		}
		s.Close()
		r := runCLI(t, dsn, "", []string{"verify"})
		if r.code != 0 || r.out != "Đã kiểm tra 1 biên bản đã thông qua: không phát hiện thay đổi.\n" ||
			!strings.Contains(r.errOut, "1 phiên bản được thông qua trước khi có mã kiểm tra") {
			t.Fatalf("unsealed minutes: exit %d %q\n%s", r.code, r.out, r.errOut)
		}
		if show := mustRun(t, dsn, "show", "1"); strings.Contains(show, "Mã kiểm tra") {
			t.Fatalf("show prints a seal for unsealed minutes:\n%s", show)
		}
		// Unsealed, a changed record is still found against its history.
		s, err = sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		untrigger(t, s, "chairs")
		for _, name := range []string{"Người Khác", "Nguyễn Văn Quận"} {
			if _, err := s.DB().Exec(s.DB().Rebind(`UPDATE chairs SET name = ? WHERE meeting_id = 1`), name); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, dsn, "", []string{"verify"})
			if changed := name == "Người Khác"; changed != (r.code == exitFailure) || changed && !strings.Contains(r.errOut, "cuộc họp 1: nội dung hiện lưu khác phiên bản 2 đã thông qua, ở: chairs") {
				t.Fatalf("unsealed minutes, chair %s: exit %d\n%s", name, r.code, r.errOut)
			}
		}
		s.Close()
		edited := writeFile(t, dir, "a.yaml", strings.Replace(verifyRecord(1), "Hội nghị số 1", "Hội nghị số 1 (sửa)", 1))
		if r := runCLI(t, dsn, "", []string{"amend", "1", "--reason", "sửa"}, "EDITOR=cp "+edited); r.code != 0 {
			t.Fatalf("amend: %d\n%s", r.code, r.errOut)
		}
		if show := mustRun(t, dsn, "show", "1"); !strings.Contains(show, "Mã kiểm tra (SHA-256): ") {
			t.Fatalf("the amendment is not sealed:\n%s", show)
		}
		if r := runCLI(t, dsn, "", []string{"verify"}); r.code != 0 || !strings.Contains(r.errOut, "1 phiên bản được thông qua trước khi có mã kiểm tra") {
			t.Fatalf("after the amendment: exit %d\n%s", r.code, r.errOut)
		}
		s, err = sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		untrigger(t, s, "comments")
		if _, err := s.DB().Exec(`UPDATE comments SET content = 'khác' WHERE meeting_id = 1`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if r := runCLI(t, dsn, "", []string{"verify"}); r.code != exitFailure || !strings.Contains(r.errOut, "ở: comments") {
			t.Fatalf("a change to sealed minutes: exit %d\n%s", r.code, r.errOut)
		}
	})
}
