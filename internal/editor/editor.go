// Package editor runs the user's text editor on a text, as git commit and
// kubectl edit do, and keeps what was typed when it cannot be used. It owns
// the choice of editor ($MINUTES_EDITOR, $VISUAL, $EDITOR, quoted as a
// shell would) and imports only the standard library: the command line
// decides what the text means and says what happened, in its reader's
// language.
package editor

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Command is the editor to run: $MINUTES_EDITOR, $VISUAL or $EDITOR
// (which may carry arguments, such as "code --wait", and be quoted as a
// shell would: "C:\Program Files\…\notepad++.exe" -multiInst), else
// notepad on Windows and vi elsewhere. getenv is os.Getenv or a test's.
func Command(getenv func(string) string) []string {
	for _, k := range []string{"MINUTES_EDITOR", "VISUAL", "EDITOR"} {
		v := strings.TrimSpace(getenv(k))
		if v == "" {
			continue
		}
		if _, err := os.Stat(v); err == nil {
			return []string{v} // a path with spaces, unquoted
		}
		if words := ShellWords(v); len(words) > 0 {
			return words
		}
	}
	if runtime.GOOS == "windows" {
		return []string{"notepad"}
	}
	return []string{"vi"}
}

// ShellWords splits s into words as a shell does with quotes: "…" and '…'
// group words, and a backslash is an ordinary character (Windows paths)
// except before a quote inside "…".
func ShellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == '"' && r == '\\' && i+1 < len(rs) && rs[i+1] == '"':
			cur.WriteRune('"')
			i++
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// Errors of Edit, for the caller to put into words.
var (
	// ErrTemp: the temporary file for the editor could not be written.
	ErrTemp = errors.New("editor: cannot write the temporary file")
	// ErrFileGone: the editor deleted the file instead of saving it.
	ErrFileGone = errors.New("editor: the file is gone")
)

// RunError is an editor that could not be run or exited with an error.
type RunError struct {
	Command []string
	Err     error
}

func (e *RunError) Error() string { return fmt.Sprintf("%s: %v", strings.Join(e.Command, " "), e.Err) }

// Edit writes text to a temporary file named after pattern (as
// os.CreateTemp takes it), runs command on it with the given streams, and
// returns what was saved.
func Edit(command []string, pattern string, text []byte, in io.Reader, out io.Writer) ([]byte, error) {
	file, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTemp, err)
	}
	path := file.Name()
	defer os.Remove(path)
	_, err = file.Write(text)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTemp, err)
	}
	cmd := exec.Command(command[0], append(command[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, out
	if err := cmd.Run(); err != nil {
		return nil, &RunError{command, err}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, ErrFileGone
	}
	return b, nil
}

// Keep writes text where it can be found again: the first of dirs that
// can be written, under a name of its own (two people who lose on the same
// meeting in the same second must not overwrite each other). It returns the
// file, or an error when no folder could take it.
func Keep(dirs []string, name string, text []byte) (string, error) {
	err := errors.New("editor: no folder to keep the text in")
	for _, dir := range dirs {
		var path string
		if path, err = keepIn(dir, name, text); err == nil {
			return path, nil
		}
	}
	return "", err
}

func keepIn(dir, name string, text []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	file, err := os.CreateTemp(dir, name+"-"+time.Now().Format("20060102-150405")+"-*.yaml")
	if err != nil {
		return "", err
	}
	_, err = file.Write(text)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file.Name())
	}
	return file.Name(), err
}
