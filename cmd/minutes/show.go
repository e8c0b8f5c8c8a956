package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type showOptions struct {
	ID      int64
	Output  string
	Version int
}

func newShowCmd(f *factory) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   f.T("cmd.show.short"),
		Example: "  minutes show 12\n  minutes show 12 -o json | jq .conclusions\n  minutes show 12 --version 2",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if err := checkFormat("-o", opts.Output, fmtText, fmtYAML, fmtJSON); err != nil {
				return err
			}
			opts.ID = id
			return runShow(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", fmtText, f.T("flag.output")+" (text|yaml|json)")
	cmd.Flags().IntVar(&opts.Version, "version", 0, f.T("flag.version"))
	return cmd
}

func runShow(ctx context.Context, f *factory, opts *showOptions) error {
	m, err := findMeeting(ctx, f, opts.ID, opts.Version)
	if err != nil {
		return err
	}
	if err := writeMeetings(f.P, f.IO.Out, opts.Output, []*minutes.Meeting{m}, false); err != nil {
		return err
	}
	if opts.Output != fmtText || opts.Version != 0 || len(m.Conclusions) == 0 {
		return nil
	}
	// How the conclusions are being carried out: follow-up, not content, so
	// it shows with the current version only and never in the data formats.
	a := f.App()
	tasks, err := a.Tasks(ctx, minutes.TaskFilter{MeetingID: m.ID})
	if err != nil {
		return err
	}
	today := a.Today()
	fmt.Fprintln(f.IO.Out, f.T("show.followup")+":")
	for _, t := range tasks {
		fmt.Fprintf(f.IO.Out, "  %d. %s — %s\n", t.Pos, f.T("show.task_ref", t.ID), f.P.Msg(t.State(today)))
	}
	return nil
}
