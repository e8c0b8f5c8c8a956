package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/minutes-vn/minutes/internal/editor"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

type editOptions struct {
	ID int64
}

func newEditCmd(f *factory) *cobra.Command {
	opts := &editOptions{}
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   f.T("cmd.edit.short"),
		Long:    f.T("cmd.edit.long"),
		Example: "  minutes edit 12\n  EDITOR=nano minutes edit 12",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			return runEdit(cmd.Context(), f, opts)
		},
	}
	return cmd
}

func runEdit(ctx context.Context, f *factory, opts *editOptions) error {
	a := f.App()
	m, err := a.ForEdit(ctx, opts.ID)
	if err != nil {
		return err
	}
	return editAndSave(f, m, "edit.done", func(n *minutes.Meeting) error { return a.Update(ctx, n) })
}

// editAndSave opens m in the editor and saves what was typed with save; a
// conflict keeps the text and says where. done is the message of success.
func editAndSave(f *factory, m *minutes.Meeting, done string, save func(*minutes.Meeting) error) error {
	edited, err := editLoop(f, m)
	if err != nil || edited == nil {
		return err
	}
	if err := save(edited.meeting); err != nil {
		return keepOnConflict(f, err, m.ID, edited.text)
	}
	if edited.meeting.Version == m.Version {
		f.say(f.T("edit.unchanged"))
		return nil
	}
	f.warnDisguised(edited.meeting)
	f.say(f.T(done, m.ID, edited.meeting.Version))
	return nil
}

// edited is the outcome of an editing session.
type edited struct {
	meeting *minutes.Meeting // the new content, carrying the ID and version it started from
	text    []byte           // what the user typed
}

// editLoop opens m in the editor until the text is a valid record, as
// kubectl edit does: on invalid input the file reopens with the problems
// written at the top. It returns nil when nothing was changed.
func editLoop(f *factory, m *minutes.Meeting) (*edited, error) {
	body, err := record.MarshalYAML(m)
	if err != nil {
		return nil, err
	}
	original := body
	header := f.T("edit.header", m.ID, m.Version)
	var lastBad []byte
	for {
		text, err := runEditor(f, m.ID, []byte(commentLines(header)+string(body)))
		if err != nil {
			return nil, err
		}
		body = stripLeadingComments(text)
		if bytes.Equal(bytes.TrimSpace(body), bytes.TrimSpace(original)) {
			f.say(f.T("edit.unchanged"))
			return nil, nil
		}
		if lastBad != nil && bytes.Equal(body, lastBad) {
			// Saved again without fixing anything: stop, but keep the text.
			return nil, keepInvalid(f, m.ID, body, nil)
		}
		docs, err := record.Meetings(f.T("edit.source", m.ID), body)
		if err == nil && len(docs) != 1 {
			err = minutes.Errorm(minutes.EINVALID, "edit.one_meeting", len(docs))
		}
		if err != nil && !f.IO.InTTY {
			// No terminal: nobody is there to fix the text, and an editor
			// run by a script would be reopened for ever.
			return nil, keepInvalid(f, m.ID, body, err)
		}
		if err != nil {
			header = f.T("edit.header_error", m.ID, m.Version) + "\n" + f.P.Error(err)
			lastBad = body
			continue
		}
		n := docs[0].Meeting
		n.ID, n.Version = m.ID, m.Version
		return &edited{meeting: n, text: body}, nil
	}
}

// keepInvalid ends an edit whose text is still invalid, keeping the text;
// problems, when known, are listed after the message.
func keepInvalid(f *factory, id int64, text []byte, problems error) error {
	where := keepText(f, id, text)
	e := minutes.Errorm(minutes.EINVALID, "edit.gave_up", where)
	var pe *minutes.Error
	if errors.As(problems, &pe) {
		e.Problems = pe.Problems
	}
	return e
}

// keepOnConflict saves the user's text when the meeting changed meanwhile,
// so that nothing typed is lost, and says where.
func keepOnConflict(f *factory, err error, id int64, text []byte) error {
	if minutes.ErrorCode(err) != minutes.ECONFLICT {
		return err
	}
	var e *minutes.Error
	errors.As(err, &e)
	return e.Then(minutes.M("edit.kept", keepText(f, id, text)))
}

// keepText keeps what the user typed where it can: the recovery folder
// beside the default database, else the temporary folder, else standard
// error. It returns where, for the message.
func keepText(f *factory, id int64, text []byte) string {
	var dirs []string
	if p, err := sqlstore.DefaultPath(); err == nil {
		dirs = append(dirs, filepath.Join(filepath.Dir(p), "recovered"))
	}
	if path, err := editor.Keep(append(dirs, os.TempDir()), fmt.Sprintf("meeting-%d", id), text); err == nil {
		return path
	}
	fmt.Fprintf(f.IO.ErrOut, "%s\n%s\n", f.T("edit.kept_below"), text)
	return f.T("edit.kept_stderr")
}

// runEditor opens text in the user's editor and returns what was saved.
func runEditor(f *factory, id int64, text []byte) ([]byte, error) {
	command := editor.Command(f.Getenv)
	f.say(f.T("edit.waiting", command[0]))
	b, err := editor.Edit(command, fmt.Sprintf("minutes-%d-*.yaml", id), text, f.IO.In, f.IO.ErrOut)
	var re *editor.RunError
	switch {
	case errors.As(err, &re):
		return nil, minutes.Errorm(minutes.EUSAGE, "edit.editor_failed", strings.Join(re.Command, " "), re.Err)
	case errors.Is(err, editor.ErrFileGone):
		return nil, minutes.Errorm(minutes.EFAILED, "edit.file_gone", command[0])
	case err != nil:
		return nil, minutes.Errorm(minutes.EFAILED, "edit.temp_failed", err)
	}
	return b, nil
}

func commentLines(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("# " + l + "\n")
	}
	return b.String()
}

// stripLeadingComments removes the comment block written above the record.
func stripLeadingComments(b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line = b[:i]
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			break
		}
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
	return b
}
