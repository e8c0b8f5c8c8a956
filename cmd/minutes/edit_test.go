package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// editorScript writes a shell script that acts as the user's editor: it is
// run as a real process on the file to edit, "$1".
func editorScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(p, []byte("#!/bin/sh\nset -e\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEdit(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // where texts are kept
	testdb.Each(t, func(t *testing.T, dsn string) {
		add := func() string {
			return strings.TrimSpace(mustRun(t, dsn, "add", "-f", writeFile(t, t.TempDir(), "hop.yaml", validRecord)))
		}
		edit := func(id, script string) result {
			return runCLI(t, dsn, "", []string{"edit", id}, "EDITOR="+editorScript(t, script))
		}
		// editOnTerminal is edit by someone at a terminal, who can fix what
		// the editor reopens.
		editOnTerminal := func(id, script string) result {
			return runCLIOn(t, true, dsn, "", []string{"edit", id}, "EDITOR="+editorScript(t, script))
		}

		t.Run("OK", func(t *testing.T) {
			id := add()
			r := edit(id, `sed -i 's/^title: .*/title: Hội nghị giao ban (đã sửa)/' "$1"`)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.errOut)
			}
			out := mustRun(t, dsn, "show", id)
			if !strings.Contains(out, "Hội nghị giao ban (đã sửa)") || !strings.Contains(out, "phiên bản 2") {
				t.Fatalf("edit not stored as version 2:\n%s", out)
			}
		})

		t.Run("Unchanged", func(t *testing.T) {
			id := add()
			r := edit(id, `true`)
			if r.code != 0 || !strings.Contains(r.errOut, "Không có thay đổi") {
				t.Fatalf("exit %d: %s", r.code, r.errOut)
			}
			if out := mustRun(t, dsn, "show", id); !strings.Contains(out, "phiên bản 1") {
				t.Fatalf("an unchanged edit made a new version:\n%s", out)
			}
		})

		t.Run("InvalidReopensWithTheErrorThenSaves", func(t *testing.T) {
			id := add()
			dir := t.TempDir()
			r := editOnTerminal(id, `n=$(cat "`+dir+`/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "`+dir+`/count"
if [ $n = 1 ]; then sed -i 's|^date: .*|date: 31/02/2021|' "$1"
else cp "$1" "`+dir+`/seen.yaml"; sed -i 's|^date: .*|date: 2021-03-26|' "$1"; fi`)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.errOut)
			}
			seen, err := os.ReadFile(filepath.Join(dir, "seen.yaml"))
			if err != nil {
				t.Fatalf("the editor was not reopened: %v", err)
			}
			head := string(seen[:strings.Index(string(seen), "\norganization:")])
			for _, want := range []string{"# ", "CHƯA được lưu", "date", "31/02/2021", "không tồn tại"} {
				if !strings.Contains(head, want) {
					t.Errorf("reopened file's header lacks %q:\n%s", want, head)
				}
			}
			if out := mustRun(t, dsn, "show", id, "-o", "yaml"); !strings.Contains(out, `date: "2021-03-26"`) {
				t.Fatalf("fixed edit not stored:\n%s", out)
			}
		})

		t.Run("ErrStillInvalidKeepsText", func(t *testing.T) {
			id := add()
			before := mustRun(t, dsn, "show", id, "-o", "yaml")
			r := edit(id, `sed -i 's|^date: .*|date: 31/02/2021|' "$1"`)
			if r.code != 3 || !strings.Contains(r.errOut, "hủy sửa") {
				t.Fatalf("exit %d, want 3: %s", r.code, r.errOut)
			}
			kept := regexp.MustCompile(`\S+\.yaml`).FindString(r.errOut)
			text, err := os.ReadFile(kept)
			if err != nil || !strings.Contains(string(text), "31/02/2021") {
				t.Fatalf("typed text not kept at %q (%v):\n%s", kept, err, text)
			}
			if after := mustRun(t, dsn, "show", id, "-o", "yaml"); after != before {
				t.Fatalf("a rejected edit changed the meeting")
			}
		})

		t.Run("ErrNoTerminalStopsAtFirstInvalidSave", func(t *testing.T) {
			id := add()
			dir := t.TempDir()
			// An editor run by a script that keeps saving invalid text
			// (doubling it each time) must not be reopened.
			r := edit(id, `echo x >> "`+dir+`/count"; cat "$1" "$1" > "$1.2"; mv "$1.2" "$1"; sed -i 's|^date: .*|date: 31/02/2021|' "$1"`)
			if r.code != 3 || !strings.Contains(r.errOut, "hủy sửa") {
				t.Fatalf("exit %d, want 3: %s", r.code, r.errOut)
			}
			if n, _ := os.ReadFile(filepath.Join(dir, "count")); string(n) != "x\n" {
				t.Fatalf("the editor ran %d times without a terminal, want once", strings.Count(string(n), "x"))
			}
		})

		t.Run("ErrEditorDeletesItsFile", func(t *testing.T) {
			id := add()
			r := edit(id, `rm "$1"`)
			if r.code != 1 || !strings.Contains(r.errOut, "đã xóa tệp") || strings.Contains(r.errOut, "lỗi nội bộ") {
				t.Fatalf("exit %d, want 1 saying the file was deleted: %s", r.code, r.errOut)
			}
		})

		t.Run("EditorPathWithSpaces", func(t *testing.T) {
			id := add()
			dir := filepath.Join(t.TempDir(), "Program Files", "Notepad++")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			script := filepath.Join(dir, "notepad++.sh")
			if err := os.WriteFile(script, []byte("#!/bin/sh\nsed -i \"s/^title: .*/title: Sửa bằng $1/\" \"$2\"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, dsn, "", []string{"edit", id}, `EDITOR="`+script+`" -multiInst`)
			if r.code != 0 || !strings.Contains(r.errOut, "Đang chờ trình soạn thảo") {
				t.Fatalf("exit %d: %s", r.code, r.errOut)
			}
			if out := mustRun(t, dsn, "show", id); !strings.Contains(out, "Sửa bằng -multiInst") {
				t.Fatalf("the quoted editor did not run with its argument:\n%s", out)
			}
		})

		t.Run("ErrFinalized", func(t *testing.T) {
			id := add()
			mustRun(t, dsn, "finalize", id, "--yes")
			r := edit(id, `sed -i 's/^title: .*/title: X/' "$1"`)
			if r.code != 4 || !strings.Contains(r.errOut, "minutes amend "+id) {
				t.Fatalf("exit %d, want 4 naming amend: %s", r.code, r.errOut)
			}
		})
	})
}
