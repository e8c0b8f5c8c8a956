package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/schema"
)

// forgeTarget names the rows a forging statement aims at: meeting M (with a
// conclusion, a task note and a notice) and another meeting, a draft, whose
// rows some statements move onto M's keys.
type forgeTarget struct {
	M, Other          int64
	Concl, OtherConcl int64
	Concl2            int64 // a conclusion without task notes
	Note, OtherNote   int64
	UID               string
}

// forgeCase is one statement that another program could run to change
// minutes behind the program's back.
type forgeCase struct {
	table, stmt string
	sql         func(t forgeTarget) string
	// history statements are refused on drafts too (append-only for all):
	// they have no draft control.
	history bool
	// fkOff runs the statement with SQLite's foreign keys off, as a
	// program moving a key with children would.
	fkOff bool
}

// partTexts are the part tables keyed by (meeting_id, pos), with a text
// column each.
var partTexts = []struct{ table, col string }{
	{"chairs", "name"}, {"absentees", "name"}, {"agenda_items", "title"},
	{"comments", "content"}, {"recipients", "name"}, {"notice_recipients", "name"},
}

// meetingCols are enough columns to write a whole meeting row.
const meetingCols = `id, uid, organization, title, date, present, created_at, updated_at, status, version`

func forgeCases(dialect string) []forgeCase {
	var cs []forgeCase
	add := func(table, stmt string, f func(t forgeTarget) string) {
		cs = append(cs, forgeCase{table: table, stmt: stmt, sql: f})
	}
	sqlite := dialect == schema.SQLite
	// The meeting row.
	add("meetings", "UPDATE", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE meetings SET title = 'GIẢ MẠO' WHERE id = %d`, t.M)
	})
	add("meetings", "UPDATE present", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE meetings SET present = present + 1 WHERE id = %d`, t.M)
	})
	add("meetings", "DELETE (cascading)", func(t forgeTarget) string {
		return fmt.Sprintf(`DELETE FROM meetings WHERE id = %d`, t.M)
	})
	add("meetings", "UPSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO meetings (%s) SELECT %s FROM meetings WHERE id = %d
			ON CONFLICT (id) DO UPDATE SET title = 'GIẢ MẠO'`, meetingCols, meetingCols, t.M)
	})
	add("meetings", "UPSERT on uid", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO meetings (uid, organization, title, date, present, created_at, updated_at)
			SELECT uid, organization, title, date, present, created_at, updated_at FROM meetings WHERE id = %d
			ON CONFLICT (uid) DO UPDATE SET title = 'GIẢ MẠO'`, t.M)
	})
	forged := strings.Replace(meetingCols, "title", "'GIẢ MẠO'", 1)
	if sqlite {
		add("meetings", "INSERT OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT OR REPLACE INTO meetings (%s) SELECT %s FROM meetings WHERE id = %d`, meetingCols, forged, t.M)
		})
		add("meetings", "REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`REPLACE INTO meetings (%s) SELECT %s FROM meetings WHERE id = %d`, meetingCols, forged, t.M)
		})
		add("meetings", "REPLACE on uid", func(t forgeTarget) string {
			return fmt.Sprintf(`REPLACE INTO meetings (uid, organization, title, date, present, created_at, updated_at, status)
				SELECT uid, organization, 'GIẢ MẠO', date, present, created_at, updated_at, status FROM meetings WHERE id = %d`, t.M)
		})
		add("meetings", "UPDATE OR REPLACE id", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE OR REPLACE meetings SET id = %d WHERE id = %d`, t.M, t.Other)
		})
		cs[len(cs)-1].fkOff = true
		add("meetings", "UPDATE OR REPLACE uid", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE OR REPLACE meetings SET uid = '%s' WHERE id = %d`, t.UID, t.Other)
		})
	} else {
		add("meetings", "TRUNCATE CASCADE", func(forgeTarget) string { return `TRUNCATE meetings CASCADE` })
	}
	// The parts keyed by meeting and position, and the notice.
	for _, p := range partTexts {
		p := p
		add(p.table, "INSERT", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT INTO %s (meeting_id, pos, %s) VALUES (%d, 99, 'GIẢ MẠO')`, p.table, p.col, t.M)
		})
		add(p.table, "UPDATE", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE %s SET %s = 'GIẢ MẠO' WHERE meeting_id = %d`, p.table, p.col, t.M)
		})
		add(p.table, "DELETE", func(t forgeTarget) string {
			return fmt.Sprintf(`DELETE FROM %s WHERE meeting_id = %d`, p.table, t.M)
		})
		add(p.table, "UPSERT", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT INTO %s (meeting_id, pos, %s) VALUES (%d, 1, 'x')
				ON CONFLICT (meeting_id, pos) DO UPDATE SET %s = 'GIẢ MẠO'`, p.table, p.col, t.M, p.col)
		})
		add(p.table, "UPDATE key onto", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE %s SET meeting_id = %d, pos = pos + 100 WHERE meeting_id = %d`, p.table, t.M, t.Other)
		})
		if !sqlite {
			// One statement writing several tables, as the store writes one
			// meeting's parts on PostgreSQL: the part in a WITH clause, or
			// in the statement the WITH clause belongs to.
			add(p.table, "INSERT in WITH", func(t forgeTarget) string {
				return fmt.Sprintf(`WITH w0 AS (INSERT INTO %s (meeting_id, pos, %s) VALUES (%d, 99, 'GIẢ MẠO'))
					INSERT INTO comments (meeting_id, pos, content) VALUES (%d, 99, 'x')`, p.table, p.col, t.M, t.Other)
			})
			add(p.table, "INSERT after WITH", func(t forgeTarget) string {
				return fmt.Sprintf(`WITH w0 AS (INSERT INTO comments (meeting_id, pos, content) VALUES (%d, 99, 'x'))
					INSERT INTO %s (meeting_id, pos, %s) VALUES (%d, 99, 'GIẢ MẠO')`, t.Other, p.table, p.col, t.M)
			})
		}
		if sqlite {
			add(p.table, "INSERT OR REPLACE", func(t forgeTarget) string {
				return fmt.Sprintf(`INSERT OR REPLACE INTO %s (meeting_id, pos, %s) VALUES (%d, 1, 'GIẢ MẠO')`, p.table, p.col, t.M)
			})
			add(p.table, "REPLACE", func(t forgeTarget) string {
				return fmt.Sprintf(`REPLACE INTO %s (meeting_id, pos, %s) VALUES (%d, 1, 'GIẢ MẠO')`, p.table, p.col, t.M)
			})
			add(p.table, "UPDATE OR REPLACE", func(t forgeTarget) string {
				return fmt.Sprintf(`UPDATE OR REPLACE %s SET meeting_id = %d, pos = 1 WHERE meeting_id = %d`, p.table, t.M, t.Other)
			})
		} else {
			add(p.table, "TRUNCATE", func(forgeTarget) string { return `TRUNCATE ` + p.table })
		}
	}
	add("notices", "UPDATE", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE notices SET title = 'GIẢ MẠO' WHERE meeting_id = %d`, t.M)
	})
	add("notices", "DELETE", func(t forgeTarget) string {
		return fmt.Sprintf(`DELETE FROM notices WHERE meeting_id = %d`, t.M)
	})
	add("notices", "UPSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO notices (meeting_id, title) VALUES (%d, 'x') ON CONFLICT (meeting_id) DO UPDATE SET title = 'GIẢ MẠO'`, t.M)
	})
	if sqlite {
		add("notices", "INSERT OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT OR REPLACE INTO notices (meeting_id, title) VALUES (%d, 'GIẢ MẠO')`, t.M)
		})
	} else {
		add("notices", "TRUNCATE", func(forgeTarget) string { return `TRUNCATE notices` })
	}
	// Conclusions: keyed by id as well, which another meeting's row can
	// take.
	add("conclusions", "INSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO conclusions (meeting_id, pos, content) VALUES (%d, 99, 'GIẢ MẠO')`, t.M)
	})
	add("conclusions", "UPDATE", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE conclusions SET content = 'GIẢ MẠO' WHERE meeting_id = %d`, t.M)
	})
	add("conclusions", "UPDATE due", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE conclusions SET due = NULL WHERE meeting_id = %d`, t.M)
	})
	add("conclusions", "UPDATE id", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE conclusions SET id = id + 100000 WHERE id = %d`, t.Concl2)
	})
	cs[len(cs)-1].fkOff = sqlite
	add("conclusions", "DELETE", func(t forgeTarget) string {
		return fmt.Sprintf(`DELETE FROM conclusions WHERE meeting_id = %d`, t.M)
	})
	add("conclusions", "UPSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO conclusions (id, meeting_id, pos, content) VALUES (%d, %d, 99, 'x')
			ON CONFLICT (id) DO UPDATE SET content = 'GIẢ MẠO'`, t.Concl, t.Other)
	})
	if sqlite {
		add("conclusions", "INSERT OR REPLACE by id", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT OR REPLACE INTO conclusions (id, meeting_id, pos, content) VALUES (%d, %d, 99, 'GIẢ MẠO')`, t.Concl, t.Other)
		})
		add("conclusions", "REPLACE by position", func(t forgeTarget) string {
			return fmt.Sprintf(`REPLACE INTO conclusions (meeting_id, pos, content) VALUES (%d, 1, 'GIẢ MẠO')`, t.M)
		})
		add("conclusions", "UPDATE OR REPLACE id", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE OR REPLACE conclusions SET id = %d WHERE id = %d`, t.Concl, t.OtherConcl)
		})
		cs[len(cs)-1].fkOff = true
	} else {
		add("conclusions", "TRUNCATE CASCADE", func(forgeTarget) string { return `TRUNCATE conclusions CASCADE` })
	}
	// Task notes: the follow-up log of finalized minutes.
	add("task_notes", "UPDATE", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE task_notes SET text = 'GIẢ MẠO' WHERE id = %d`, t.Note)
	})
	add("task_notes", "DELETE", func(t forgeTarget) string {
		return fmt.Sprintf(`DELETE FROM task_notes WHERE id = %d`, t.Note)
	})
	add("task_notes", "UPSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO task_notes (id, conclusion_id, at, text) VALUES (%d, %d, '2021-01-01T00:00:00Z', 'x')
			ON CONFLICT (id) DO UPDATE SET text = 'GIẢ MẠO'`, t.Note, t.OtherConcl)
	})
	if sqlite {
		add("task_notes", "INSERT OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT OR REPLACE INTO task_notes (id, conclusion_id, at, text) VALUES (%d, %d, '2021-01-01T00:00:00Z', 'GIẢ MẠO')`, t.Note, t.OtherConcl)
		})
		add("task_notes", "UPDATE OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE OR REPLACE task_notes SET id = %d WHERE id = %d`, t.Note, t.OtherNote)
		})
	} else {
		add("task_notes", "TRUNCATE", func(forgeTarget) string { return `TRUNCATE task_notes` })
	}
	// History: append-only, for drafts too.
	addH := func(stmt string, f func(t forgeTarget) string) {
		cs = append(cs, forgeCase{table: "history", stmt: stmt, sql: f, history: true})
	}
	const hcols = `id, meeting_id, meeting_uid, version, action, at, db_user, os_user, fields, reason, snapshot, hash`
	hforged := strings.Replace(hcols, "db_user", "'kẻ giả mạo'", 1)
	addH("UPDATE", func(t forgeTarget) string {
		return fmt.Sprintf(`UPDATE history SET db_user = 'kẻ giả mạo' WHERE meeting_id = %d`, t.M)
	})
	addH("DELETE", func(t forgeTarget) string { return fmt.Sprintf(`DELETE FROM history WHERE meeting_id = %d`, t.M) })
	addH("UPSERT", func(t forgeTarget) string {
		return fmt.Sprintf(`INSERT INTO history (%s) SELECT %s FROM history WHERE meeting_id = %d
			ON CONFLICT (id) DO UPDATE SET db_user = 'kẻ giả mạo'`, hcols, hcols, t.M)
	})
	if sqlite {
		addH("INSERT OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`INSERT OR REPLACE INTO history (%s) SELECT %s FROM history WHERE meeting_id = %d`, hcols, hforged, t.M)
		})
		addH("REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`REPLACE INTO history (%s) SELECT %s FROM history WHERE meeting_id = %d`, hcols, hforged, t.M)
		})
		addH("UPDATE OR REPLACE", func(t forgeTarget) string {
			return fmt.Sprintf(`UPDATE OR REPLACE history SET id = (SELECT MIN(id) FROM history WHERE meeting_id = %d) WHERE meeting_id = %d`, t.M, t.Other)
		})
	} else {
		addH("TRUNCATE", func(forgeTarget) string { return `TRUNCATE history` })
	}
	return cs
}

// forgeMeeting stores a meeting with every part, a notice and a task note,
// finalized when final, and returns it with its keys.
func forgeMeeting(t *testing.T, s *sqlstore.Store, i int, final bool) (forgeTarget, *minutes.Meeting) {
	t.Helper()
	ctx := context.Background()
	m := testdb.Meeting(i)
	m.Number = fmt.Sprintf("%d-BB/TU", 5000+recNumbers.Add(1))
	m.Notice = &minutes.Notice{Title: "kết luận của Ban Thường vụ", Recipients: []string{"Các chi bộ", "Lưu"}}
	if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
		t.Fatal(err)
	}
	note, err := s.AddTaskNote(ctx, m.Conclusions[0].ID, "Đã triển khai")
	if err != nil {
		t.Fatal(err)
	}
	if final {
		if err := s.Finalize(ctx, m.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	var ft forgeTarget
	ft.M, ft.Concl, ft.Concl2 = m.ID, m.Conclusions[0].ID, m.Conclusions[1].ID
	db := s.DB()
	if err := db.Get(&ft.UID, db.Rebind(`SELECT uid FROM meetings WHERE id = ?`), m.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&ft.Note, db.Rebind(`SELECT MAX(id) FROM task_notes WHERE conclusion_id = ?`), note.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMeetingByID(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ft, got
}

// forgeState is all that a forging statement could change of meeting id,
// read back through the store.
type forgeState struct {
	Meeting *minutes.Meeting
	History []minutes.Change
	Tasks   []minutes.Task
}

func readForgeState(t *testing.T, s *sqlstore.Store, id int64) forgeState {
	t.Helper()
	ctx := context.Background()
	var st forgeState
	var err error
	if st.Meeting, err = s.FindMeetingByID(ctx, id); err != nil {
		t.Fatalf("read back meeting %d: %v", id, err)
	}
	if st.History, err = s.History(ctx, id); err != nil {
		t.Fatal(err)
	}
	if st.Tasks, err = s.FindTasks(ctx, minutes.TaskFilter{MeetingID: id}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestForgingStatements runs, on both databases, every statement of the
// dialect that can change a row against every table that holds finalized
// minutes (issue 16): each is refused by the database, and the record read
// back through the store is unchanged. The same statement run against a
// draft succeeds (the control), so a refusal is the lock's, not a typo's.
func TestForgingStatements(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		dialect := schema.SQLite
		if strings.HasPrefix(dsn, "postgres") {
			dialect = schema.Postgres
		}
		tables := map[string]bool{}
		for i, c := range forgeCases(dialect) {
			tables[c.table] = true
			t.Run(c.table+"/"+c.stmt, func(t *testing.T) {
				if !c.history {
					// Drafts live in a database of their own, so that a
					// control TRUNCATE meets no finalized minutes and a
					// REPLACE leaves nothing behind for the next case.
					ctlDSN := testdb.SQLite(t)
					if dialect == schema.Postgres {
						ctlDSN = testdb.Postgres(t)
					}
					ctl := open(t, ctlDSN)
					d, _ := forgeMeeting(t, ctl, 2*i, false)
					o, _ := forgeMeeting(t, ctl, 2*i+1, false)
					d.Other, d.OtherConcl, d.OtherNote = o.M, o.Concl, o.Note
					if err := forgeExec(ctl, c, c.sql(d)); err != nil {
						t.Fatalf("control: on a draft the statement fails, so the test proves nothing: %v\n%s", err, c.sql(d))
					}
				}
				ft, _ := forgeMeeting(t, s, 2*i, true)
				o, _ := forgeMeeting(t, s, 2*i+1, false)
				ft.Other, ft.OtherConcl, ft.OtherNote = o.M, o.Concl, o.Note
				before := readForgeState(t, s, ft.M)
				err := forgeExec(s, c, c.sql(ft))
				if err == nil || !strings.Contains(err.Error(), "minutes: read-only") {
					t.Errorf("want the database's refusal, got %v\n%s", err, c.sql(ft))
				}
				after := readForgeState(t, s, ft.M)
				if !reflect.DeepEqual(before, after) {
					t.Errorf("finalized minutes changed:\nbefore %+v\nafter  %+v", before.Meeting, after.Meeting)
				}
			})
		}
		for _, table := range []string{"meetings", "chairs", "absentees", "agenda_items", "comments", "conclusions",
			"recipients", "notices", "notice_recipients", "task_notes", "history"} {
			if !tables[table] {
				t.Errorf("no forging statement against %s", table)
			}
		}
	})
}

// TestLegitimateWritesStillPass: what the program itself does to finalized
// minutes goes through the new guards: amend (replacing parts and
// conclusions, deleting a conclusion with notes), restore, task follow-up,
// and deleting a draft.
func TestLegitimateWritesStillPass(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		ft, m := forgeMeeting(t, s, 1, true)
		if _, err := s.AddTaskNote(ctx, ft.Concl, "Ghi thêm sau khi thông qua"); err != nil {
			t.Fatalf("note on finalized minutes: %v", err)
		}
		if _, err := s.SetTaskDone(ctx, ft.Concl, m.Date, "Xong"); err != nil {
			t.Fatalf("follow-up on finalized minutes: %v", err)
		}
		m.Title += " (sửa)"
		m.Chairs = m.Chairs[:1]
		m.Conclusions = m.Conclusions[1:] // the conclusion with notes goes
		if err := s.Amend(ctx, m, "bỏ một kết luận"); err != nil {
			t.Fatalf("amend: %v", err)
		}
		as, err := s.Backup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dst := open(t, testdb.SQLite(t))
		if _, _, err := dst.Restore(ctx, as); err != nil {
			t.Fatalf("restore: %v", err)
		}
		d, _ := forgeMeeting(t, s, 2, false)
		if err := s.DeleteMeeting(ctx, d.M, 0); err != nil {
			t.Fatalf("delete a draft: %v", err)
		}
	})
}

// forgeExec runs q on its own connection, with foreign keys off when c
// asks for it.
func forgeExec(s *sqlstore.Store, c forgeCase, q string) error {
	ctx := context.Background()
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if c.fkOff {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	}
	_, err = conn.ExecContext(ctx, q)
	return err
}
