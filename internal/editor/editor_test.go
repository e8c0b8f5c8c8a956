package editor

import (
	"strings"
	"testing"
)

func TestShellWords(t *testing.T) {
	for in, want := range map[string][]string{
		`vi`:          {"vi"},
		`code --wait`: {"code", "--wait"},
		`"C:\Program Files\Notepad++\notepad++.exe" -multiInst`: {`C:\Program Files\Notepad++\notepad++.exe`, "-multiInst"},
		`'/opt/my editor/ed' -x`:                                {"/opt/my editor/ed", "-x"},
		`"say \"hi\"" x`:                                        {`say "hi"`, "x"},
		`  `:                                                    nil,
	} {
		if got := ShellWords(in); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("ShellWords(%q) = %q, want %q", in, got, want)
		}
	}
}
