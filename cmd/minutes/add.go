package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/internal/form"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

type addOptions struct {
	File       string
	Accessible bool
}

func newAddCmd(f *factory) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:     "add [-f " + f.T("help.file_placeholder") + "|-]",
		Short:   f.T("cmd.add.short"),
		Long:    f.T("cmd.add.long"),
		Example: f.T("cmd.add.example"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.File == "" {
				if !f.IO.InTTY {
					return minutes.Errorm(minutes.EUSAGE, "add.no_file")
				}
				return runAddForm(cmd.Context(), f, opts.Accessible || accessibleEnv(f.Getenv("ACCESSIBLE")))
			}
			return runAdd(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.File, "file", "f", "", f.T("flag.add.file"))
	cmd.Flags().BoolVar(&opts.Accessible, "accessible", false, f.T("flag.add.accessible"))
	return cmd
}

func runAdd(ctx context.Context, f *factory, opts *addOptions) error {
	src := f.source(opts.File)
	b, err := src.Read()
	if err != nil {
		return err
	}
	docs, err := record.Meetings(src.Name, b)
	if err != nil {
		return err
	}
	if len(docs) > 1 {
		return minutes.Errorm(minutes.EINVALID, "add.several", src.Name, len(docs), opts.File)
	}
	m := docs[0].Meeting
	if err := f.App().Record(ctx, m); err != nil {
		return err
	}
	added(f, m)
	return nil
}

// runAddForm is `minutes add` on a terminal without a file: the form, on
// standard error, from the office defaults, stored in the database.
func runAddForm(ctx context.Context, f *factory, accessible bool) error {
	m, err := form.Run(ctx, form.Options{
		In: f.IO.In, Out: f.IO.ErrOut, Accessible: accessible, Quiet: f.Quiet,
		P: f.P, DraftPath: draftPath(),
		Defaults: func(ctx context.Context) (minutes.Defaults, error) { return officeDefaults(ctx, f) },
		Review: func(m *minutes.Meeting) string {
			var b bytes.Buffer
			writeText(f.P, &b, m)
			text := b.String()
			if _, rest, ok := strings.Cut(text, "\n"); ok {
				text = rest // the heading names an ID and a status the record does not have yet
			}
			return text
		},
		Bold: f.bold, Red: f.red,
		Save: func(ctx context.Context, m *minutes.Meeting) error { return f.App().Record(ctx, m) },
	})
	if errors.Is(err, form.ErrStopped) {
		return errSilent // the form has said where the draft is
	}
	if err != nil {
		return err
	}
	added(f, m)
	return nil
}

// added tells of a meeting just stored: its ID on standard output (data),
// a confirmation on standard error.
func added(f *factory, m *minutes.Meeting) {
	f.warnDisguised(m)
	fmt.Fprintln(f.IO.Out, m.ID)
	if m.Existing {
		f.say(f.T("add.existing", m.ID, m.Number))
		return
	}
	f.say(f.T("add.done", m.ID, m.Title))
}

// draftPath is the form's draft file, in the user's data directory beside
// the default database.
func draftPath() string {
	p, err := sqlstore.DefaultPath()
	if err != nil {
		return filepath.Join(os.TempDir(), "minutes-bien-ban-dang-soan.yaml")
	}
	return filepath.Join(filepath.Dir(p), "bien-ban-dang-soan.yaml")
}

// accessibleEnv reads ACCESSIBLE as huh's own examples do: set and not
// "0" or "false" means a screen reader is in use.
func accessibleEnv(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

var addMessages = minutes.Messages{
	"cmd.add.example": {"  minutes add                      # biểu mẫu hỏi từng mục (trên màn hình terminal)\n  minutes add --accessible         # biểu mẫu từng dòng, cho trình đọc màn hình\n  minutes add -f hop-25-3-2021.yaml\n  minutes template > moi.yaml && minutes add -f moi.yaml\n  cat hop.json | minutes add -f -",
		"  minutes add                      # a form asking for each field (on a terminal)\n  minutes add --accessible         # a line-by-line form, for screen readers\n  minutes add -f meeting-25-3-2021.yaml\n  minutes template > new.yaml && minutes add -f new.yaml\n  cat meeting.json | minutes add -f -"},
	"add.existing":        {"Cuộc họp này đã có (số %d, mang số %s, cùng nội dung): không lưu thêm lần nữa.", "This meeting is already stored (ID %d, number %s, the same content): not stored again."},
	"flag.add.accessible": {"biểu mẫu từng dòng, không vẽ màn hình, cho trình đọc màn hình (hoặc ACCESSIBLE=1)", "a line-by-line form without screen drawing, for screen readers (or ACCESSIBLE=1)"},
}
