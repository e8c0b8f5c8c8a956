package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type addOptions struct {
	File string
}

func newAddCmd(f *factory) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:     "add [-f FILE|-]",
		Short:   minutes.T("cmd.add.short"),
		Long:    minutes.T("cmd.add.long"),
		Example: "  minutes add -f hop-25-3-2021.yaml\n  minutes template > moi.yaml && minutes add -f moi.yaml\n  cat hop.json | minutes add -f -",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.File == "" {
				return minutes.Errorm(minutes.EUSAGE, "add.no_file")
			}
			return runAdd(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.File, "file", "f", "", minutes.T("flag.add.file"))
	return cmd
}

func runAdd(ctx context.Context, f *factory, opts *addOptions) error {
	b, err := readInput(f, opts.File)
	if err != nil {
		return err
	}
	docs, err := record.Meetings(sourceName(opts.File), b)
	if err != nil {
		return err
	}
	if len(docs) > 1 {
		return minutes.Errorm(minutes.EINVALID, "add.several", sourceName(opts.File), len(docs), opts.File)
	}
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	m := docs[0].Meeting
	if err := s.CreateMeetings(ctx, []*minutes.Meeting{m}); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Out, m.ID)
	f.say(minutes.T("add.done", m.ID, m.Title))
	return nil
}
