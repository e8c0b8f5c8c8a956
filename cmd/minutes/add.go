package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
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
	fmt.Fprintln(f.IO.Out, m.ID)
	f.say(f.T("add.done", m.ID, m.Title))
	return nil
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
	"flag.add.accessible": {"biểu mẫu từng dòng, không vẽ màn hình, cho trình đọc màn hình (hoặc ACCESSIBLE=1)", "a line-by-line form without screen drawing, for screen readers (or ACCESSIBLE=1)"},
}
