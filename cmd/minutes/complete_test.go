package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
)

// complete asks the program for completions as the shell scripts do, and
// returns the offered words (with descriptions) and the directive line.
func complete(t *testing.T, dsn string, args ...string) ([]string, string) {
	t.Helper()
	r := runCLI(t, dsn, "", append([]string{cobra.ShellCompRequestCmd}, args...))
	if r.code != 0 {
		t.Fatalf("__complete %s: exit %d\n%s", strings.Join(args, " "), r.code, r.errOut)
	}
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	return lines[:len(lines)-1], lines[len(lines)-1]
}

func TestCompletion(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		one := writeFile(t, dir, "1.yaml", validRecord)
		two := writeFile(t, dir, "2.yaml", strings.Replace(strings.Replace(validRecord,
			"Thành ủy Sóc Trăng", "Huyện ủy Mỹ Xuyên", 1), "Hội nghị giao ban quý I/2021", "Hội nghị sơ kết 6 tháng", 1))
		mustRun(t, dsn, "add", "-f", one)
		mustRun(t, dsn, "add", "-f", two)
		for i := 3; i <= 12; i++ {
			mustRun(t, dsn, "add", "-f", one)
		}

		// Every command taking an ID offers the IDs, newest first, with
		// date and title; files are not offered.
		for _, cmd := range []string{"show", "edit", "delete", "export", "finalize", "amend", "history"} {
			words, directive := complete(t, dsn, cmd, "")
			if len(words) != 12 || words[0] != "12\t25/03/2021 Hội nghị giao ban quý I/2021" || words[10] != "2\t25/03/2021 Hội nghị sơ kết 6 tháng" {
				t.Errorf("%s: offered %q", cmd, words)
			}
			if directive != ":36" { // NoFileComp | KeepOrder
				t.Errorf("%s: directive %s", cmd, directive)
			}
		}
		if words, _ := complete(t, dsn, "show", "1"); strings.Join(firstFields(words), " ") != "12 11 10 1" {
			t.Errorf("show 1<TAB> offered %q", words)
		}
		if words, _ := complete(t, dsn, "show", "3", ""); len(words) != 0 {
			t.Errorf("a second ID was offered: %q", words)
		}

		// Organisations for --org, matched ignoring case and diacritics.
		if words, _ := complete(t, dsn, "list", "--org", ""); strings.Join(words, "|") != "Huyện ủy Mỹ Xuyên|Thành ủy Sóc Trăng" {
			t.Errorf("list --org offered %q", words)
		}
		if words, _ := complete(t, dsn, "list", "--org", "thanh"); strings.Join(words, "|") != "Thành ủy Sóc Trăng" {
			t.Errorf("list --org thanh offered %q", words)
		}

		// Settings.
		if words, _ := complete(t, dsn, "config", "set", ""); strings.Join(words, " ") != strings.Join(minutes.SettingKeys, " ") {
			t.Errorf("config set offered %q", words)
		}
		if words, _ := complete(t, dsn, "config", "set", "header", ""); strings.Join(words, " ") != "party state" {
			t.Errorf("config set header offered %q", words)
		}
	})
}

// TestCompletionOnEveryIDCommand: the loop in root.go reaches every command
// whose usage names an ID, and every --org flag, whoever wrote the command.
func TestCompletionOnEveryIDCommand(t *testing.T) {
	f := newFactory(&IO{}, func(string) string { return "" }, "vi")
	root := newRootCmd(f)
	walkCommands(root, func(c *cobra.Command) {
		if takesID.MatchString(c.Use) && c.ValidArgsFunction == nil {
			t.Errorf("%s takes an ID but completes nothing", c.CommandPath())
		}
		if c.LocalFlags().Lookup("org") != nil {
			if _, ok := c.GetFlagCompletionFunc("org"); !ok {
				t.Errorf("%s --org has no completion", c.CommandPath())
			}
		}
	})
}

// TestCompletionCreatesNoDatabase: pressing Tab before the first meeting
// offers nothing and leaves no database file behind.
func TestCompletionCreatesNoDatabase(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "none.db")
	if words, _ := complete(t, dsn, "show", ""); len(words) != 0 {
		t.Errorf("offered %q", words)
	}
	if _, err := os.Stat(dsn); !os.IsNotExist(err) {
		t.Errorf("completion created %s", dsn)
	}
}

func TestCompletionScripts(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	for shell, want := range map[string]string{
		"bash":       "__start_minutes",
		"zsh":        "#compdef minutes",
		"fish":       "complete -c minutes",
		"powershell": "Register-ArgumentCompleter",
	} {
		if out := mustRun(t, dsn, "completion", shell); !strings.Contains(out, want) {
			t.Errorf("completion %s lacks %q", shell, want)
		}
	}
}

func firstFields(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i], _, _ = strings.Cut(w, "\t")
	}
	return out
}
