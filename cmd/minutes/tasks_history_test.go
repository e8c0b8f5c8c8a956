package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// Task changes appear in the meeting's history (minutes history), at the
// meeting's current version: follow-up is not content.
func TestTasksInHistory(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		taskAddGenerated(t, dsn, 84, 85)
		ts := taskList(t, dsn, "2021-06-01")
		today := todayEnv + "=2021-06-01"
		for _, args := range [][]string{
			{"tasks", "done", fmt.Sprint(ts[0].ID), "--note", "Đã tổ chức hội nghị quán triệt", "--on", "20/5/2021"},
			{"tasks", "drop", fmt.Sprint(ts[1].ID), "--reason", "Đã có chỉ đạo khác"},
			{"tasks", "reopen", fmt.Sprint(ts[1].ID), "--reason", "Hủy nhầm"},
			{"tasks", "note", fmt.Sprint(ts[2].ID), "Đã làm việc với các phường"},
		} {
			taskExpect(t, dsn, 0, "", args, today)
		}
		// The follow-up is in the meeting's history, at version 1: it is not content.
		meeting := fmt.Sprint(ts[0].MeetingID)
		var hs []struct {
			Version int      `json:"version"`
			Action  string   `json:"action"`
			Fields  []string `json:"fields"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dsn, "history", meeting, "-o", "json")), &hs); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hs {
			if h.Version != 1 {
				t.Errorf("history %s at version %d: task changes must not bump the version", h.Action, h.Version)
			}
			got = append(got, h.Action+" "+strings.Join(h.Fields, ","))
		}
		want := "created ,task_done conclusions[1],task_dropped conclusions[2],task_reopened conclusions[2],task_note conclusions[3]"
		if strings.Join(got, ",") != want {
			t.Errorf("history %q\nwant     %q", strings.Join(got, ","), want)
		}
		if out := mustRun(t, dsn, "history", meeting); !strings.Contains(out, "ghi nhận hoàn thành việc") || !strings.Contains(out, "Đã tổ chức hội nghị quán triệt") {
			t.Errorf("history table:\n%s", out)
		}
	})
}
