package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// fmtVerb matches one verb of a format string; %% is not a verb.
var fmtVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([a-zA-Z%])`)

func verbs(s string) []string {
	var out []string
	for _, m := range fmtVerb.FindAllStringSubmatch(s, -1) {
		if m[1] != "%" {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// TestMessageCatalogue checks every message the program can show: the
// command line's catalogue holds its own and those of every package whose
// errors and warnings it prints.
func TestMessageCatalogue(t *testing.T) {
	keys := catalog.Keys()
	if len(keys) < 200 {
		t.Fatalf("only %d messages: are the commands' registrations missing?", len(keys))
	}
	for _, k := range keys {
		vi, en, ok := catalog.Lookup(k)
		if !ok {
			t.Errorf("%s: listed but not found", k)
			continue
		}
		if strings.TrimSpace(vi) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("%s: a language is missing: vi %q, en %q", k, vi, en)
		}
		if v, e := verbs(vi), verbs(en); strings.Join(v, ",") != strings.Join(e, ",") {
			t.Errorf("%s: the languages take different arguments: vi %v, en %v", k, v, e)
		}
		if !norm.NFC.IsNormalString(vi) {
			t.Errorf("%s: the Vietnamese text is not NFC (decomposed diacritics): %q", k, vi)
		}
	}
}

func TestVerbs(t *testing.T) {
	for s, want := range map[string]string{
		"không có cuộc họp số %d":          "d",
		"%q không hợp lệ; chọn: %s":        "q,s",
		"Có %02d lượt, 100%% đúng, %-18s:": "d,s",
		"%[2]s và %[1]d":                   "d,s",
		"không có gì":                      "",
	} {
		if got := strings.Join(verbs(s), ","); got != want {
			t.Errorf("verbs(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestHelpIsVietnameseByDefault(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	vi := runCLI(t, dsn, "", []string{"add", "--help"})
	for _, want := range []string{"Cách dùng:", "Ví dụ:", "Tùy chọn:", "Tùy chọn chung:", "minutes add [-f TỆP|-] [tùy chọn]", "xem hướng dẫn của minutes add", "--accessible"} {
		if !strings.Contains(vi.out, want) {
			t.Errorf("minutes add --help lacks %q:\n%s", want, vi.out)
		}
	}
	root := runCLI(t, dsn, "", []string{"--help"})
	for _, want := range []string{"Các lệnh:", "Xem hướng dẫn của một lệnh", "Tạo tập lệnh gợi ý bằng phím Tab cho shell", "config ", `Dùng "minutes [lệnh] --help"`} {
		if !strings.Contains(root.out, want) {
			t.Errorf("minutes --help lacks %q:\n%s", want, root.out)
		}
	}
	comp := runCLI(t, dsn, "", []string{"completion", "bash", "--help"})
	if !strings.Contains(comp.out, "source <(minutes completion bash)") || !strings.Contains(comp.out, "không kèm lời mô tả") {
		t.Errorf("completion bash --help:\n%s", comp.out)
	}
	for _, english := range []string{"Usage:", "Flags:", "Available Commands:", "help for", "Generate the autocompletion"} {
		if strings.Contains(vi.out+root.out+comp.out, english) {
			t.Errorf("Vietnamese help still says %q", english)
		}
	}

	// English with --lang en, or with an English locale.
	for _, r := range []result{
		runCLI(t, dsn, "", []string{"--lang", "en", "--help"}),
		runCLI(t, dsn, "", []string{"--help"}, "LANG=en_GB.UTF-8"),
	} {
		for _, want := range []string{"Usage:", "Available Commands:", "Flags:", "Help about any command", "Record one meeting"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("English help lacks %q:\n%s", want, r.out)
			}
		}
	}
}

func TestUsageErrorsInTheUsersLanguage(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	for _, c := range []struct {
		args   []string
		vi, en string
	}{
		{[]string{"shw", "1"}, "không có lệnh \"shw\" trong \"minutes\"\n\nCó phải ý bạn là:\n\tshow", "unknown command \"shw\" for \"minutes\"\n\nDid you mean this?\n\tshow"},
		{[]string{"list", "--frob"}, "không có tùy chọn --frob", "unknown flag: --frob"},
		{[]string{"list", "-z"}, "không có tùy chọn -z (trong -z)", "unknown shorthand flag: 'z' in -z"},
		{[]string{"list", "--org"}, "tùy chọn --org cần một giá trị", "flag needs an argument: --org"},
		{[]string{"list", "--year", "hai"}, `giá trị "hai" không hợp lệ cho tùy chọn "--year": phải là một số`, `invalid argument "hai" for "--year" flag: must be a number`},
		{[]string{"show"}, "cần đúng 1 tham số, nhận được 0", "accepts 1 arg(s), received 0"},
		{[]string{"config", "set", "organization"}, "cần ít nhất 2 tham số, mới nhận được 1", "requires at least 2 arg(s), only received 1"},
	} {
		vi := runCLI(t, dsn, "", c.args)
		if vi.code != exitUsage || !strings.Contains(vi.errOut, "Lỗi: "+c.vi) {
			t.Errorf("minutes %s: exit %d\n%s\nwant %q", strings.Join(c.args, " "), vi.code, vi.errOut, c.vi)
		}
		en := runCLI(t, dsn, "", append([]string{"--lang=en"}, c.args...))
		if en.code != exitUsage || !strings.Contains(en.errOut, "Error: "+c.en) {
			t.Errorf("minutes --lang=en %s: exit %d\n%s\nwant %q", strings.Join(c.args, " "), en.code, en.errOut, c.en)
		}
	}
}

// TestErrorColour: the error prefix is red on a terminal, plain in a pipe,
// and plain on a terminal with NO_COLOR.
func TestErrorColour(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	run := func(tty bool, env ...string) string {
		var out, errOut strings.Builder
		vars := map[string]string{"MINUTES_DB": dsn, "TERM": "xterm-256color"}
		for _, kv := range env {
			k, v, _ := strings.Cut(kv, "=")
			vars[k] = v
		}
		io := &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrTTY: tty}
		Execute(t.Context(), []string{"show", "42"}, io, func(k string) string { return vars[k] })
		return errOut.String()
	}
	const red = "\x1b[1;31mLỗi: \x1b[0m"
	if got := run(true); !strings.HasPrefix(got, red) && runtime.GOOS != "windows" {
		t.Errorf("on a terminal: %q, want the red prefix", got)
	}
	if got := run(false); !strings.HasPrefix(got, "Lỗi: không có cuộc họp số 42") {
		t.Errorf("in a pipe: %q, want no colour", got)
	}
	if got := run(true, "NO_COLOR=1"); strings.Contains(got, "\x1b[") {
		t.Errorf("with NO_COLOR: %q, want no colour", got)
	}
	if got := run(true, "TERM=dumb"); strings.Contains(got, "\x1b[") {
		t.Errorf("with TERM=dumb: %q, want no colour", got)
	}
}

// TestWindowsBuild cross-compiles the binary for Windows without cgo: the
// embedded SQLite, the form and everything else must be pure Go.
func TestWindowsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiling takes a while; skipped with -short")
	}
	out := filepath.Join(t.TempDir(), "minutes.exe")
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=windows go build: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || string(b[:2]) != "MZ" {
		t.Fatalf("%s is not a Windows executable", out)
	}
}

// TestEveryKeyInCatalogue finds every message key the program's code names
// (T("…"), M("…"), Errorm(code, "…")) and checks that the command line's
// catalogue has it: a key missing there would print as the bare key.
func TestEveryKeyInCatalogue(t *testing.T) {
	use := regexp.MustCompile(`(?:\bT\(|\bM\(|Errorm\(\s*[\w.]+\s*,)\s*"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)
	seen := 0
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "gofpdf") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			seen++
			if _, _, ok := catalog.Lookup(m[1]); !ok {
				t.Errorf("%s: message %q is not in the catalogue", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 300 {
		t.Fatalf("only %d uses of message keys found: is the pattern still right?", seen)
	}
}
