package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
)

// taskAddGenerated stores generated meetings from..to-1 through minutes add.
func taskAddGenerated(t *testing.T, dsn string, from, to int) {
	t.Helper()
	dir := t.TempDir()
	for i := from; i < to; i++ {
		b, err := record.MarshalYAML(testdb.Meeting(i))
		if err != nil {
			t.Fatal(err)
		}
		mustRun(t, dsn, "add", "-f", writeFile(t, dir, fmt.Sprintf("m%d.yaml", i), string(b)))
	}
}

// taskList runs minutes tasks -o json with today fixed and extra args.
func taskList(t *testing.T, dsn, today string, args ...string) []record.TaskView {
	t.Helper()
	r := runCLI(t, dsn, "", append([]string{"tasks", "-o", "json"}, args...), todayEnv+"="+today)
	if r.code != 0 {
		t.Fatalf("tasks %v: exit %d\n%s", args, r.code, r.errOut)
	}
	var ts []record.TaskView
	if err := json.Unmarshal([]byte(r.out), &ts); err != nil {
		t.Fatalf("tasks -o json is not a JSON array: %v\n%s", err, r.out)
	}
	return ts
}

// taskExpect runs args and checks the exit status and a part of stderr.
func taskExpect(t *testing.T, dsn string, code int, errPart string, args []string, env ...string) result {
	t.Helper()
	r := runCLI(t, dsn, "", args, env...)
	if r.code != code || !strings.Contains(r.errOut, errPart) {
		t.Fatalf("minutes %s: exit %d, stderr %q; want exit %d and %q", strings.Join(args, " "), r.code, r.errOut, code, errPart)
	}
	return r
}

func TestTasksTransitionsCLI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		taskAddGenerated(t, dsn, 84, 85) // meeting 26/03/2021; due 25/4, 25/5, 24/6, 24/7
		ts := taskList(t, dsn, "2021-06-01")
		if len(ts) != 4 {
			t.Fatalf("%d tasks, want 4", len(ts))
		}
		id := func(i int) string { return fmt.Sprint(ts[i].ID) }
		today := todayEnv + "=2021-06-01"

		t.Run("OK", func(t *testing.T) {
			r := taskExpect(t, dsn, 0, "Đã ghi nhận việc số "+id(0)+" hoàn thành ngày 20/05/2021 (hoàn thành 20/05/2021, trễ 25 ngày)",
				[]string{"tasks", "done", id(0), "--note", "Đã tổ chức hội nghị quán triệt", "--on", "20/5/2021"}, today)
			if r.out != "" {
				t.Fatalf("done wrote data to stdout: %q", r.out)
			}
		})
		t.Run("ErrDoneTwice", func(t *testing.T) {
			taskExpect(t, dsn, exitConflict, "đã được ghi nhận hoàn thành ngày 20/05/2021",
				[]string{"tasks", "done", id(0), "--note", "lần hai"}, today)
		})
		t.Run("ErrDropDone", func(t *testing.T) {
			taskExpect(t, dsn, exitConflict, "không hủy được", []string{"tasks", "drop", id(0), "--reason", "x"}, today)
		})
		t.Run("ErrUnknownTask", func(t *testing.T) {
			taskExpect(t, dsn, exitNotFound, "không có việc (kết luận) số 99999", []string{"tasks", "done", "99999", "--note", "x"}, today)
			taskExpect(t, dsn, exitNotFound, "99999", []string{"tasks", "note", "99999", "x"}, today)
		})
		t.Run("ErrMissingReason", func(t *testing.T) {
			taskExpect(t, dsn, exitInvalid, "phải ghi lý do", []string{"tasks", "drop", id(1)}, today)
		})
		t.Run("ErrMissingNote", func(t *testing.T) {
			taskExpect(t, dsn, exitInvalid, "phải ghi kết quả thực hiện", []string{"tasks", "done", id(1)}, today)
		})
		t.Run("ErrDoneInFuture", func(t *testing.T) {
			taskExpect(t, dsn, exitInvalid, "ngày trong tương lai (hôm nay là 01/06/2021)",
				[]string{"tasks", "done", id(1), "--note", "x", "--on", "2/6/2021"}, today)
		})
		t.Run("ErrUsage", func(t *testing.T) {
			taskExpect(t, dsn, exitUsage, "không phải số hiệu việc", []string{"tasks", "done", "abc", "--note", "x"}, today)
			taskExpect(t, dsn, exitUsage, "--on", []string{"tasks", "done", id(1), "--note", "x", "--on", "31/2/2021"}, today)
			taskExpect(t, dsn, exitUsage, "trạng thái \"finished\" không hợp lệ", []string{"tasks", "--status", "finished"}, today)
			taskExpect(t, dsn, exitUsage, "--overdue", []string{"tasks", "--overdue", "--status", "done"}, today)
			taskExpect(t, dsn, exitUsage, "-o", []string{"tasks", "-o", "yaml"}, today)
			taskExpect(t, dsn, exitUsage, "\"finish\"", []string{"tasks", "finish", id(1)}, today)
			taskExpect(t, dsn, exitUsage, "", []string{"tasks", "drop"}, today)
			taskExpect(t, dsn, exitUsage, todayEnv, []string{"tasks"}, todayEnv+"=hôm nay")
		})
		t.Run("DropNoteReopen", func(t *testing.T) {
			mustRunEnv := func(args ...string) {
				t.Helper()
				taskExpect(t, dsn, 0, "", args, today)
			}
			mustRunEnv("tasks", "drop", id(1), "--reason", "Đã có chỉ đạo khác")
			taskExpect(t, dsn, exitConflict, "đã bị hủy", []string{"tasks", "done", id(1), "--note", "x"}, today)
			mustRunEnv("tasks", "reopen", id(1), "--reason", "Hủy nhầm")
			mustRunEnv("tasks", "note", id(2), "Đã", "làm", "việc", "với", "các", "phường") // unquoted words
			got := taskList(t, dsn, "2021-06-01", "--owner", ts[2].Owner)
			if len(got) == 0 || len(got[0].Notes) != 1 || got[0].Notes[0].Text != "Đã làm việc với các phường" {
				t.Fatalf("note not listed: %+v", got)
			}
		})
		t.Run("English", func(t *testing.T) {
			taskExpect(t, dsn, exitConflict, "is already done (on 20/05/2021)",
				[]string{"tasks", "done", id(0), "--note", "again"}, today, "LANG=en_US.UTF-8")
		})
	})
}

// Overdue follows the injected day, never the wall clock.
func TestTasksOverdueInjectedClock(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		taskAddGenerated(t, dsn, 0, 40)
		var due []minutes.Date
		for i := 0; i < 40; i++ {
			for _, c := range testdb.Meeting(i).Conclusions {
				due = append(due, c.Due)
			}
		}
		for _, today := range []minutes.Date{minutes.NewDate(2021, 1, 31), minutes.NewDate(2021, 3, 15), minutes.NewDate(2021, 6, 1), minutes.NewDate(2022, 1, 1)} {
			want := 0
			for _, d := range due {
				if d.Before(today) {
					want++
				}
			}
			got := taskList(t, dsn, today.String(), "--overdue")
			if len(got) != want {
				t.Errorf("today %v: %d overdue, want %d", today, len(got), want)
			}
			for _, tk := range got {
				d, _ := minutes.ParseDate(tk.Due)
				if !tk.Overdue || tk.DaysOverdue != minutes.DaysBetween(d, today) || tk.DaysOverdue < 1 {
					t.Errorf("today %v: task %d due %s: overdue %v by %d days", today, tk.ID, tk.Due, tk.Overdue, tk.DaysOverdue)
				}
			}
		}
	})
}

// What cron mails: a plain list, exit 0, and nothing at all when nothing is overdue.
func TestTasksOverdueForCron(t *testing.T) {
	dsn := testdb.SQLite(t)
	mustRun(t, dsn, "add", "-f", writeFile(t, t.TempDir(), "a.yaml", validRecord))
	r := runCLI(t, dsn, "", []string{"tasks", "--overdue"}, todayEnv+"=2021-06-01")
	want := `CÁC VIỆC QUÁ HẠN THỰC HIỆN KẾT LUẬN (tính đến ngày 01/06/2021): 1 việc

1. Việc số 1, hạn 23/05/2021 — QUÁ HẠN 9 ngày
   Thực hiện: (chưa giao)
   Nội dung: Tập trung lãnh đạo công tác bầu cử
   Hội nghị: ngày 25/03/2021, Hội nghị giao ban quý I/2021 (Thành ủy Sóc Trăng; cuộc họp số 1, kết luận thứ 1)
`
	if r.code != 0 || r.out != want {
		t.Fatalf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", r.code, r.out, want, r.errOut)
	}

	// Without --overdue every task is listed; one without a due date comes
	// last and is never overdue.
	noDue := strings.Replace(validRecord, "    due: 23/5/2021\n", "    due: 23/5/2021\n  - content: Rà soát quy chế làm việc\n", 1)
	mustRun(t, dsn, "add", "-f", writeFile(t, t.TempDir(), "b.yaml", noDue))
	r = runCLI(t, dsn, "", []string{"tasks", "--status", "open"}, todayEnv+"=2030-01-01")
	if r.code != 0 || !strings.HasSuffix(r.out, "3. Việc số 3 — đang thực hiện, không có hạn\n   Thực hiện: (chưa giao)\n   Nội dung: Rà soát quy chế làm việc\n"+
		"   Hội nghị: ngày 25/03/2021, Hội nghị giao ban quý I/2021 (Thành ủy Sóc Trăng; cuộc họp số 2, kết luận thứ 2)\n") {
		t.Fatalf("all open tasks: exit %d\n%s", r.code, r.out)
	}

	// Not overdue yet: nothing on stdout (cron sends no mail), exit 0; -q silences stderr too.
	r = runCLI(t, dsn, "", []string{"tasks", "--overdue"}, todayEnv+"=2021-05-23")
	if r.code != 0 || r.out != "" || !strings.Contains(r.errOut, "Không có việc nào quá hạn (tính đến ngày 23/05/2021)") {
		t.Fatalf("empty: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	r = runCLI(t, dsn, "", []string{"tasks", "--overdue", "-q"}, todayEnv+"=2021-05-23")
	if r.code != 0 || r.out != "" || r.errOut != "" {
		t.Fatalf("empty with -q: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}

	// The real binary, as cron runs it.
	bin := buildBinary(t)
	for _, c := range []struct {
		today string
		lines int
	}{{"2021-06-01", 11}, {"2021-05-01", 0}} {
		cmd := exec.Command(bin, "tasks", "--overdue", "-q")
		cmd.Env = append(os.Environ(), "MINUTES_DB="+dsn, todayEnv+"="+c.today, "LANG=vi_VN.UTF-8")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("binary, today %s: %v\n%s", c.today, err, errOut.String())
		}
		if n := strings.Count(out.String(), "\n"); n != c.lines || errOut.Len() != 0 {
			t.Fatalf("binary, today %s: %d lines on stdout, stderr %q:\n%s", c.today, n, errOut.String(), out.String())
		}
	}
}

func TestTasksTableAndCSV(t *testing.T) {
	dsn := testdb.SQLite(t)
	taskAddGenerated(t, dsn, 84, 86)
	env := todayEnv + "=2021-06-01"

	// On a terminal the default is the table.
	var out, errOut bytes.Buffer
	vars := map[string]string{"MINUTES_DB": dsn, todayEnv: "2021-06-01"}
	code := Execute(context.Background(), []string{"tasks", "--status", "open"}, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true},
		func(k string) string { return vars[k] })
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if code != 0 || len(lines) != 9 || !strings.HasPrefix(lines[0], "SỐ") || !strings.Contains(lines[1], "QUÁ HẠN 37 ngày") {
		t.Fatalf("table: exit %d\n%s%s", code, out.String(), errOut.String())
	}

	r := runCLI(t, dsn, "", []string{"tasks", "-o", "csv", "--due-before", "25/5/2021"}, env)
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("csv: %v, exit %d: %s", err, r.code, r.errOut)
	}
	// Due on or before 25/5: 25/4 and 25/5 of the first meeting, 26/4 of the second.
	if len(rows) != 4 || rows[0][0] != "id" || rows[0][10] != "overdue" || rows[1][8] != "2021-04-25" || rows[1][10] != "true" || rows[1][11] != "37" {
		t.Fatalf("csv rows: %q", rows)
	}
}

// The figures of the quarterly section "Tình hình thực hiện kết luận",
// computed from FindTasks by report.ComputeTaskFigures, against counts the
// database itself makes with SQL.
func TestTasksReportFiguresMatchSQL(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ms := make([]*minutes.Meeting, 120) // 1 January to 30 April 2021, due dates to late August
		for i := range ms {
			ms[i] = testdb.Meeting(i)
		}
		if err := s.CreateMeetings(ctx, ms); err != nil {
			t.Fatal(err)
		}
		q := minutes.Quarter{Year: 2021, Q: 2}
		today := minutes.NewDate(2021, 5, 20)
		all, err := s.FindTasks(ctx, minutes.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for i, tk := range all {
			switch {
			case i%7 == 3:
				_, err = s.DropTask(ctx, tk.ID, "Không còn phù hợp")
			case i%4 == 0:
				_, err = s.SetTaskDone(ctx, tk.ID, tk.Due.AddDays(-5), "Xong trước hạn")
			case i%4 == 1 && !today.Before(tk.Due.AddDays(7)):
				_, err = s.SetTaskDone(ctx, tk.ID, tk.Due.AddDays(7), "Xong trễ")
			case i%4 == 1:
				_, err = s.SetTaskDone(ctx, tk.ID, tk.MeetingDate.AddDays(1), "Xong sớm")
			}
			if err != nil {
				t.Fatal(err)
			}
		}

		for _, org := range []string{"", "Huyện ủy Mỹ Tú"} {
			tasks, err := s.FindTasks(ctx, minutes.TaskFilter{From: q.First(), To: q.Last(), Org: org})
			if err != nil {
				t.Fatal(err)
			}
			got := report.ComputeTaskFigures(tasks, minutes.QuarterPeriod(q), today)

			// Independently: the database counts.
			cond, args := "x.due >= ? AND x.due <= ?", []any{q.First().String(), q.Last().String()}
			if org != "" {
				cond, args = cond+" AND m.org_key = ?", append(args, minutes.Fold(org))
			}
			var rows []struct {
				Owner      string `db:"owner"`
				Due        int    `db:"due"`
				DoneOnTime int    `db:"done_on_time"`
				DoneLate   int    `db:"done_late"`
				Open       int    `db:"open"`
				Overdue    int    `db:"overdue"`
				Dropped    int    `db:"dropped"`
			}
			counts := s.DB().Rebind(`SELECT x.owner, COUNT(*) AS due,
				SUM(CASE WHEN x.status = 'done' AND x.done_on <= x.due THEN 1 ELSE 0 END) AS done_on_time,
				SUM(CASE WHEN x.status = 'done' AND x.done_on > x.due THEN 1 ELSE 0 END) AS done_late,
				SUM(CASE WHEN x.status = 'open' AND x.due >= ? THEN 1 ELSE 0 END) AS open,
				SUM(CASE WHEN x.status = 'open' AND x.due < ? THEN 1 ELSE 0 END) AS overdue,
				SUM(CASE WHEN x.status = 'dropped' THEN 1 ELSE 0 END) AS dropped
				FROM conclusions x JOIN meetings m ON m.id = x.meeting_id
				WHERE ` + cond + ` GROUP BY x.owner ORDER BY x.owner`)
			if err := s.DB().SelectContext(ctx, &rows, counts, append([]any{today.String(), today.String()}, args...)...); err != nil {
				t.Fatal(err)
			}
			var total report.TaskCounts
			byOwner := map[string]report.TaskCounts{}
			for _, r := range rows {
				c := report.TaskCounts{Due: r.Due, DoneOnTime: r.DoneOnTime, DoneLate: r.DoneLate, Open: r.Open, Overdue: r.Overdue, Dropped: r.Dropped}
				byOwner[r.Owner] = c
				total.Due += c.Due
				total.DoneOnTime += c.DoneOnTime
				total.DoneLate += c.DoneLate
				total.Open += c.Open
				total.Overdue += c.Overdue
				total.Dropped += c.Dropped
			}
			if total.Due == 0 || total.DoneOnTime == 0 || total.DoneLate == 0 || total.Open == 0 || total.Overdue == 0 || total.Dropped == 0 {
				t.Fatalf("org %q: the data must exercise every state: %+v", org, total)
			}
			strip := func(c report.TaskCounts) report.TaskCounts { c.DonePercent = 0; return c }
			if strip(got.Total) != total {
				t.Errorf("org %q total:\n report %+v\n SQL    %+v", org, strip(got.Total), total)
			}
			if len(got.ByOwner) != len(byOwner) {
				t.Errorf("org %q: %d owners, SQL has %d", org, len(got.ByOwner), len(byOwner))
			}
			for _, o := range got.ByOwner {
				if strip(o.TaskCounts) != byOwner[o.Owner] {
					t.Errorf("org %q owner %q:\n report %+v\n SQL    %+v", org, o.Owner, strip(o.TaskCounts), byOwner[o.Owner])
				}
			}
			var overdueIDs []int64
			if err := s.DB().SelectContext(ctx, &overdueIDs, s.DB().Rebind(`SELECT x.id FROM conclusions x JOIN meetings m ON m.id = x.meeting_id
				WHERE x.status = 'open' AND x.due < ? AND `+cond+` ORDER BY x.id`), append([]any{today.String()}, args...)...); err != nil {
				t.Fatal(err)
			}
			var listed []int64
			for _, o := range got.Overdue {
				listed = append(listed, o.ID)
			}
			slices.Sort(listed)
			if !slices.Equal(listed, overdueIDs) {
				t.Errorf("org %q overdue list %v, SQL %v", org, listed, overdueIDs)
			}

			// The quarterly report carries the same figures.
			fig := report.ComputeFigures(report.QuarterlyInput{Quarter: q, Org: org, Tasks: tasks, Today: today})
			if fig.Tasks == nil || !reflect.DeepEqual(*fig.Tasks, got) {
				t.Errorf("org %q: the quarterly figures differ from ComputeTaskFigures", org)
			}
		}
	})
}
