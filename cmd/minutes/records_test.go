package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/record"
)

// recExpect runs args and checks the exit status and a part of stderr.
func recExpect(t *testing.T, dsn string, code int, errPart string, args []string, env ...string) result {
	t.Helper()
	r := runCLI(t, dsn, "", args, env...)
	if r.code != code || !strings.Contains(r.errOut, errPart) {
		t.Fatalf("minutes %s: exit %d, want %d with %q\nstderr: %s", strings.Join(args, " "), r.code, code, errPart, r.errOut)
	}
	return r
}

// recTerminal runs args as on a terminal, answering a prompt with answer.
func recTerminal(dsn, answer string, args ...string) result {
	var out, errOut bytes.Buffer
	io := &IO{In: strings.NewReader(answer), Out: &out, ErrOut: &errOut, InTTY: true}
	code := Execute(context.Background(), args, io, func(k string) string {
		if k == "MINUTES_DB" {
			return dsn
		}
		return ""
	})
	return result{code, out.String(), errOut.String()}
}

// recEditor writes an editor script that replaces the title line.
func recEditor(t *testing.T, title string) string {
	t.Helper()
	return recScript(t, "#!/bin/sh\nsed -i 's/^title: .*/title: "+title+"/' \"$1\"\n")
}

func recScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

type recEntry struct {
	Version int      `json:"version"`
	Action  string   `json:"action"`
	At      string   `json:"at"`
	DBUser  string   `json:"db_user"`
	OSUser  string   `json:"os_user"`
	Fields  []string `json:"fields"`
	Reason  string   `json:"reason"`
}

func recHistory(t *testing.T, dsn string, id string) []recEntry {
	t.Helper()
	var hs []recEntry
	if err := json.Unmarshal([]byte(mustRun(t, dsn, "history", id, "-o", "json")), &hs); err != nil {
		t.Fatalf("history -o json: %v", err)
	}
	return hs
}

func recActions(hs []recEntry) string {
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%d:%s", h.Version, h.Action))
	}
	return strings.Join(out, " ")
}

func TestFinalizeAmendHistoryCLI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		t.Setenv("XDG_DATA_HOME", dir) // where edit keeps a loser's text
		id := strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, dir, "m.yaml", validRecord)))

		t.Run("ErrFinalizeNeedsYes", func(t *testing.T) {
			recExpect(t, dsn, exitUsage, "--yes", []string{"finalize", id})
		})
		t.Run("FinalizeCancelled", func(t *testing.T) {
			r := recTerminal(dsn, "k\n", "finalize", id)
			if r.code != exitFailure || !strings.Contains(r.errOut, "Thông qua biên bản cuộc họp số "+id) || !strings.Contains(r.errOut, "Đã hủy") {
				t.Fatalf("exit %d\n%s", r.code, r.errOut)
			}
			if hs := recHistory(t, dsn, id); recActions(hs) != "1:created" {
				t.Fatalf("cancelled finalize wrote %s", recActions(hs))
			}
		})
		pdfDraft := mustRun(t, dsn, "export", id, "-o", "-")
		t.Run("FinalizeConfirmed", func(t *testing.T) {
			r := recTerminal(dsn, "c\n", "finalize", id)
			if r.code != exitOK || !strings.Contains(r.errOut, "Đã thông qua biên bản cuộc họp số "+id+" (phiên bản 2)") {
				t.Fatalf("exit %d\n%s", r.code, r.errOut)
			}
		})
		yamlV2 := mustRun(t, dsn, "export", id, "--format", "yaml")
		pdfV2 := mustRun(t, dsn, "export", id, "-o", "-")
		t.Run("ErrFinalizedTwice", func(t *testing.T) {
			recExpect(t, dsn, exitConflict, "đã được thông qua (phiên bản 2)", []string{"finalize", id, "--yes"})
		})
		t.Run("ErrFinalizedEdit", func(t *testing.T) {
			recExpect(t, dsn, exitConflict, "minutes amend "+id, []string{"edit", id}, "EDITOR="+recEditor(t, "X"))
		})
		t.Run("ErrFinalizedDelete", func(t *testing.T) {
			recExpect(t, dsn, exitConflict, "minutes amend "+id, []string{"delete", id, "--yes"})
		})
		t.Run("ErrAmendNeedsReason", func(t *testing.T) {
			recExpect(t, dsn, exitUsage, "--reason", []string{"amend", id}, "EDITOR="+recEditor(t, "X"))
			recExpect(t, dsn, exitUsage, "--reason", []string{"amend", id, "--reason", "  "}, "EDITOR="+recEditor(t, "X"))
		})
		t.Run("ErrAmendDraft", func(t *testing.T) {
			draft := strings.TrimSpace(mustRun(t, dsn, "add", "-f", filepath.Join(dir, "m.yaml")))
			recExpect(t, dsn, exitConflict, "minutes edit "+draft, []string{"amend", draft, "--reason", "x"}, "EDITOR="+recEditor(t, "X"))
		})
		t.Run("Amend", func(t *testing.T) {
			recExpect(t, dsn, exitOK, "phiên bản 3", []string{"amend", id, "--reason", "sửa tên hội nghị theo ý kiến Thường trực"},
				"EDITOR="+recEditor(t, "Hội nghị giao ban quý I\\/2021 (bản sửa đổi)"))
			if out := mustRun(t, dsn, "show", id); !strings.Contains(out, "đã thông qua, phiên bản 3") || !strings.Contains(out, "(bản sửa đổi)") {
				t.Fatalf("show after amend:\n%s", out)
			}
		})
		t.Run("History", func(t *testing.T) {
			hs := recHistory(t, dsn, id)
			if a := recActions(hs); a != "1:created 2:finalized 3:amended" {
				t.Fatalf("history %s", a)
			}
			last := hs[2]
			if last.Reason != "sửa tên hội nghị theo ý kiến Thường trực" || strings.Join(last.Fields, ",") != "title" || last.OSUser == "" {
				t.Fatalf("amended entry %+v", last)
			}
			if _, err := time.Parse(time.RFC3339Nano, last.At); err != nil || !strings.HasSuffix(last.At, "Z") {
				t.Fatalf("time %q is not UTC RFC 3339: %v", last.At, err)
			}
			table := mustRun(t, dsn, "history", id)
			for _, want := range []string{"PHIÊN BẢN", "tạo", "thông qua", "sửa đổi", "title", "sửa tên hội nghị theo ý kiến Thường trực"} {
				if !strings.Contains(table, want) {
					t.Errorf("history table lacks %q:\n%s", want, table)
				}
			}
			en := runCLI(t, dsn, "", []string{"history", id, "--lang", "en"})
			if !strings.Contains(en.out, "VERSION") || !strings.Contains(en.out, "amended") {
				t.Errorf("English history:\n%s", en.out)
			}
		})
		t.Run("EarlierVersionExactly", func(t *testing.T) {
			r := runCLI(t, dsn, "", []string{"export", id, "--version", "2", "--format", "yaml"})
			if r.code != 0 || r.out != yamlV2 {
				t.Fatalf("export --version 2 differs from what version 2 exported (exit %d):\n%s\n---\n%s", r.code, r.out, yamlV2)
			}
			if !strings.Contains(r.errOut, "phiên bản 2 của cuộc họp "+id+"; phiên bản hiện hành là 3") {
				t.Fatalf("no note that this is not the current version: %s", r.errOut)
			}
			if pdf := mustRun(t, dsn, "export", id, "--version", "2", "-o", "-"); pdf != pdfV2 {
				t.Fatal("the PDF of version 2 is not byte-identical to the one exported at version 2")
			}
			if pdf := mustRun(t, dsn, "export", id, "--version", "1", "-o", "-"); pdf != pdfDraft {
				t.Fatal("the PDF of version 1 is not byte-identical to the draft's")
			}
			if out := mustRun(t, dsn, "show", id, "--version", "1"); !strings.Contains(out, "nháp, phiên bản 1") {
				t.Fatalf("show --version 1:\n%s", out)
			}
		})
		t.Run("ErrNoSuchVersion", func(t *testing.T) {
			recExpect(t, dsn, exitNotFound, "không có phiên bản 9", []string{"show", id, "--version", "9"})
			recExpect(t, dsn, exitNotFound, "không có cuộc họp số 4242", []string{"history", "4242"})
		})
		t.Run("DeletedDraftHistory", func(t *testing.T) {
			draft := strings.TrimSpace(mustRun(t, dsn, "add", "-f", filepath.Join(dir, "m.yaml")))
			mustRun(t, dsn, "delete", draft, "--yes")
			if a := recActions(recHistory(t, dsn, draft)); a != "1:created 2:deleted" {
				t.Fatalf("history of the deleted draft: %s", a)
			}
			r := runCLI(t, dsn, "", []string{"show", draft, "--version", "1"})
			if r.code != 0 || !strings.Contains(r.out, "Hội nghị giao ban quý I/2021") || !strings.Contains(r.errOut, "đã bị xóa") {
				t.Fatalf("show --version of a deleted draft: exit %d\n%s\n%s", r.code, r.out, r.errOut)
			}
		})
	})
}

// recState builds a database with every kind of history: edited drafts, a
// finalized and amended meeting, a deleted draft, and tasks followed up on
// the finalized meeting and on a draft: done, dropped, reopened, with notes.
func recState(t *testing.T, dsn string) {
	t.Helper()
	mustRun(t, dsn, "import", "../../examples")
	task := func(meeting int64, pos int) string {
		for _, x := range taskList(t, dsn, "2021-06-01") {
			if x.MeetingID == meeting && x.Position == pos {
				return fmt.Sprint(x.ID)
			}
		}
		t.Fatalf("no task %d of meeting %d", pos, meeting)
		return ""
	}
	mustRun(t, dsn, "tasks", "note", task(3, 1), "Trên cuộc họp sẽ bị xóa")
	runCLI(t, dsn, "", []string{"edit", "2"}, "EDITOR="+recEditor(t, "Giao ban tháng 02\\/2021 (đã sửa)"))
	mustRun(t, dsn, "finalize", "1", "--yes")
	recExpect(t, dsn, exitOK, "", []string{"amend", "1", "--reason", "sửa tên"}, "EDITOR="+recEditor(t, "Hội nghị quý I\\/2021 (sửa đổi)"))
	recExpect(t, dsn, exitOK, "", []string{"amend", "1", "--reason", "sửa lần hai:\nbổ sung"}, "EDITOR="+recEditor(t, "Hội nghị quý I\\/2021 (sửa đổi lần 2)"))
	mustRun(t, dsn, "add", "-f", writeFile(t, t.TempDir(), "m.yaml", validRecord))
	mustRun(t, dsn, "delete", "3", "--yes")
	mustRun(t, dsn, "tasks", "done", task(1, 1), "--note", "Đã quán triệt đến chi bộ", "--on", "20/4/2021")
	mustRun(t, dsn, "tasks", "note", task(1, 2), "Đã lập danh sách cử tri")
	mustRun(t, dsn, "tasks", "drop", task(2, 1), "--reason", "Không còn phù hợp")
	mustRun(t, dsn, "tasks", "done", task(2, 2), "--note", "Xong", "--on", "10/3/2021")
	mustRun(t, dsn, "tasks", "reopen", task(2, 2), "--reason", "Ghi nhầm: chưa xong")
	mustRun(t, dsn, "tasks", "note", task(2, 2), "Dự thảo lần 1:\nchờ góp ý")
	mustRun(t, dsn, "tasks", "note", task(2, 2), "Dự thảo lần 2")
}

func TestBackupRestoreCLI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		t.Setenv("XDG_DATA_HOME", t.TempDir())
		recState(t, dsn)
		backup := mustRun(t, dsn, "export", "--all", "--format", "yaml")
		if n := strings.Count(backup, "\nrecord:\n  uid: "); n != 3 {
			t.Fatalf("backup holds %d meetings, want the 3 that exist", n)
		}
		// Since format 2 (issue 15): the header, the deleted draft's
		// history under its number, and the numbers of meetings.
		if !strings.HasPrefix(backup, "backup:\n  format: 2\n") || !strings.Contains(backup, "\ndeleted:\n  uid: ") ||
			!regexp.MustCompile(`(?m)^deleted:\n  uid: .*\n  id: 3\n`).MatchString(backup) {
			t.Fatalf("the backup lacks its header or the deleted draft 3:\n%s", backup)
		}
		for _, want := range []string{"\n  tasks:\n", "status: done", "status: dropped", "reason: 'Ghi nhầm: chưa xong'", "status_changed_at: ", "text: Dự thảo lần 2"} {
			if !strings.Contains(backup, want) {
				t.Fatalf("the backup lacks %q:\n%s", want, backup)
			}
		}
		followUp := recTasks(t, dsn)
		file := writeFile(t, t.TempDir(), "backup.yaml", backup)
		fresh := func() string {
			if strings.HasPrefix(dsn, "postgres") {
				return testdb.Postgres(t)
			}
			return testdb.SQLite(t)
		}

		t.Run("RestoreIsByteIdentical", func(t *testing.T) {
			dst := fresh()
			recExpect(t, dst, exitOK, "Đã khôi phục 3 cuộc họp", []string{"import", file})
			if again := mustRun(t, dst, "export", "--all", "--format", "yaml"); again != backup {
				t.Fatalf("backup → restore → backup differs:\n%s", recFirstDiff(backup, again))
			}
			if got := recTasks(t, dst); !reflect.DeepEqual(got, followUp) {
				t.Fatalf("tasks after restore:\n%+v\nwant\n%+v", got, followUp)
			}
			// Restore writes its own entry, which backups leave out.
			var id string
			for _, line := range strings.Split(mustRun(t, dst, "list", "--status", "finalized", "-o", "csv"), "\n")[1:] {
				id, _, _ = strings.Cut(line, ",")
				break
			}
			if a := recActions(recHistory(t, dst, id)); a != "1:created 2:finalized 3:amended 4:amended 4:task_done 4:task_note 4:restored" {
				t.Fatalf("restored history: %s", a)
			}
			recExpect(t, dst, exitConflict, "minutes amend", []string{"edit", id}, "EDITOR="+recEditor(t, "X"))
			recExpect(t, dst, exitOK, "phiên bản 5", []string{"amend", id, "--reason", "sau khôi phục"}, "EDITOR="+recEditor(t, "Sau khôi phục"))

			t.Run("SecondImportIsNoOp", func(t *testing.T) {
				before := countMeetings(t, dst)
				tasks := recTasks(t, dst)
				recExpect(t, dst, exitOK, "Không có gì mới: cả 3 cuộc họp", []string{"import", file})
				if n := countMeetings(t, dst); n != before {
					t.Fatalf("%d meetings after a second import, had %d", n, before)
				}
				if got := recTasks(t, dst); !reflect.DeepEqual(got, tasks) {
					t.Fatalf("tasks after a second import:\n%+v\nwant\n%+v", got, tasks)
				}
			})
		})
		t.Run("RestoreIntoSQLite", func(t *testing.T) {
			// From PostgreSQL this is a migration between databases.
			dst := testdb.SQLite(t)
			mustRun(t, dst, "import", file)
			if again := mustRun(t, dst, "export", "--all"); again != backup {
				t.Fatalf("restored into SQLite, the backup differs:\n%s", recFirstDiff(backup, again))
			}
		})
		t.Run("JSONBackup", func(t *testing.T) {
			js := writeFile(t, t.TempDir(), "backup.json", mustRun(t, dsn, "export", "--all", "--format", "json"))
			dst := fresh()
			mustRun(t, dst, "import", js)
			if again := mustRun(t, dst, "export", "--all", "--format", "yaml"); again != backup {
				t.Fatalf("JSON backup restored differs:\n%s", recFirstDiff(backup, again))
			}
		})
		t.Run("ErrUsage", func(t *testing.T) {
			recExpect(t, dsn, exitUsage, "--all", []string{"export", "--all", "1"})
			recExpect(t, dsn, exitUsage, "pdf", []string{"export", "--all", "--format", "pdf"})
			recExpect(t, dsn, exitUsage, "--version", []string{"export", "--all", "--version", "2"})
			recExpect(t, dsn, exitUsage, "--all", []string{"export"})
		})
		t.Run("ErrMixed", func(t *testing.T) {
			plain := writeFile(t, t.TempDir(), "plain.yaml", validRecord)
			recExpect(t, fresh(), exitInvalid, "record:", []string{"import", file, plain})
		})
		t.Run("ErrUnknownKeyInRecord", func(t *testing.T) {
			bad := regexp.MustCompile(`(?m)^  status: finalized$`).ReplaceAllString(backup, "  status: finalized\n  approved: yes")
			p := writeFile(t, t.TempDir(), "bad.yaml", bad)
			dst := fresh()
			r := recExpect(t, dst, exitInvalid, "record.approved", []string{"import", p})
			if !regexp.MustCompile(`dòng \d+`).MatchString(r.errOut) {
				t.Fatalf("no line number: %s", r.errOut)
			}
			if n := countMeetings(t, dst); n != 0 {
				t.Fatalf("a rejected backup stored %d meetings", n)
			}
		})
		t.Run("ErrUnknownKeyInTask", func(t *testing.T) {
			bad := regexp.MustCompile(`(?m)^(\s+)status: dropped$`).ReplaceAllString(backup, "${1}status: dropped\n${1}dropped_by: Bí thư")
			dst := fresh()
			r := recExpect(t, dst, exitInvalid, "record.tasks[1].dropped_by", []string{"import", writeFile(t, t.TempDir(), "bad.yaml", bad)})
			if !regexp.MustCompile(`dòng \d+`).MatchString(r.errOut) {
				t.Fatalf("no line number: %s", r.errOut)
			}
			if n := countMeetings(t, dst); n != 0 {
				t.Fatalf("a rejected backup stored %d meetings", n)
			}
		})
		t.Run("ErrBadTask", func(t *testing.T) {
			bad := regexp.MustCompile(`(?m)^(\s+)status: dropped$`).ReplaceAllString(backup, "${1}status: finished")
			bad = regexp.MustCompile(`(?m)^(\s+)done_on: \S+$`).ReplaceAllString(bad, "")
			r := recExpect(t, fresh(), exitInvalid, `"finished"`, []string{"import", writeFile(t, t.TempDir(), "bad.yaml", bad)})
			if !strings.Contains(r.errOut, "record.tasks[1].done_on") {
				t.Fatalf("a done task without its day is not reported: %s", r.errOut)
			}
			bad = regexp.MustCompile(`(?m)^(\s+- )conclusion: 2$`).ReplaceAllString(backup, "${1}conclusion: 7")
			recExpect(t, fresh(), exitInvalid, "không có kết luận số 7", []string{"import", writeFile(t, t.TempDir(), "bad.yaml", bad)})
		})
		t.Run("ErrBadTimestamp", func(t *testing.T) {
			bad := regexp.MustCompile(`created_at: \S+`).ReplaceAllString(backup, "created_at: 25/3/2021")
			recExpect(t, fresh(), exitInvalid, "RFC 3339", []string{"import", writeFile(t, t.TempDir(), "bad.yaml", bad)})
		})
	})
}

// recTasks lists every task as minutes tasks -o json shows it, without the
// IDs, which differ between databases.
func recTasks(t *testing.T, dsn string) []record.TaskView {
	t.Helper()
	ts := taskList(t, dsn, "2021-06-01")
	for i := range ts {
		ts[i].ID, ts[i].MeetingID = 0, 0
	}
	return ts
}

func recFirstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestConcurrentEditProcesses runs several real minutes processes that
// edit (or amend) one meeting at once, from the same version: the editors
// wait for each other, so every process saves after all have read. Exactly
// one wins; every other exits 4 and keeps its text in a file it names.
func TestConcurrentEditProcesses(t *testing.T) {
	const n = 6
	bin := buildBinary(t)
	testdb.Each(t, func(t *testing.T, dsn string) {
		for _, command := range []string{"edit", "amend"} {
			t.Run(command, func(t *testing.T) {
				data := t.TempDir()
				id := strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, data, "m.yaml", validRecord)))
				if command == "amend" {
					mustRun(t, dsn, "finalize", id, "--yes")
				}
				before := recHistory(t, dsn, id)
				barrier := t.TempDir()
				editor := recScript(t, fmt.Sprintf(`#!/bin/sh
touch "%[1]s/$$"
i=0
while [ "$(ls "%[1]s" | wc -l)" -lt %[2]d ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i+1)); done
sed -i "s/^title: .*/title: Tiêu đề của tiến trình $$/" "$1"
`, barrier, n))
				args := []string{command, id}
				if command == "amend" {
					args = append(args, "--reason", "sửa đồng thời")
				}
				type run struct {
					code   int
					stderr string
				}
				runs := make([]run, n)
				start := time.Now()
				var wg sync.WaitGroup
				for i := range runs {
					wg.Go(func() {
						cmd := exec.Command(bin, args...)
						cmd.Env = append(os.Environ(), "MINUTES_DB="+dsn, "EDITOR="+editor, "XDG_DATA_HOME="+data, "LANG=vi_VN.UTF-8")
						var stderr bytes.Buffer
						cmd.Stderr = &stderr
						err := cmd.Run()
						runs[i] = run{cmd.ProcessState.ExitCode(), stderr.String()}
						if err != nil && cmd.ProcessState == nil {
							t.Error(err)
						}
					})
				}
				wg.Wait()
				elapsed := time.Since(start)

				var winners int
				titles := map[string]bool{}
				kept := regexp.MustCompile(`giữ trong (\S+\.yaml)`)
				for i, r := range runs {
					switch r.code {
					case exitOK:
						winners++
					case exitConflict:
						m := kept.FindStringSubmatch(r.stderr)
						if m == nil || !strings.Contains(r.stderr, "đã được người khác sửa") {
							t.Fatalf("process %d: exit 4 without the kept file or the reason:\n%s", i, r.stderr)
						}
						b, err := os.ReadFile(m[1])
						if err != nil {
							t.Fatalf("process %d: kept file: %v", i, err)
						}
						title := regexp.MustCompile(`(?m)^title: (.*)$`).FindStringSubmatch(string(b))
						if title == nil || !strings.HasPrefix(title[1], "Tiêu đề của tiến trình ") {
							t.Fatalf("process %d: the kept file lacks the edited title:\n%s", i, b)
						}
						titles[title[1]] = true
					default:
						t.Fatalf("process %d: exit %d\n%s", i, r.code, r.stderr)
					}
				}
				if winners != 1 || len(titles) != n-1 {
					t.Fatalf("%d winners, %d distinct kept texts of %d losers", winners, len(titles), n-1)
				}
				shown := mustRun(t, dsn, "show", id, "-o", "yaml")
				won := regexp.MustCompile(`(?m)^title: (.*)$`).FindStringSubmatch(shown)[1]
				if titles[won] || !strings.HasPrefix(won, "Tiêu đề của tiến trình ") {
					t.Fatalf("stored title %q is not the one winner's", won)
				}
				after := recHistory(t, dsn, id)
				if len(after) != len(before)+1 {
					t.Fatalf("history %s after one winning %s", recActions(after), command)
				}
				t.Logf("%s: %d processes, 1 winner, %d conflicts each with its text kept, %v",
					command, n, n-1, elapsed.Round(time.Millisecond))
			})
		}
	})
}
