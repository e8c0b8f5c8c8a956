package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type showOptions struct {
	ID int64
	dataOut
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
			if err := opts.resolve(); err != nil {
				return err
			}
			opts.ID = id
			return runShow(cmd.Context(), f, opts)
		},
	}
	opts.outputFlags(f, cmd, fmtText, fmtText, fmtYAML, fmtJSON)
	cmd.Flags().IntVar(&opts.Version, "version", 0, f.T("flag.version"))
	return cmd
}

func runShow(ctx context.Context, f *factory, opts *showOptions) error {
	m, err := findMeeting(ctx, f, opts.ID, opts.Version)
	if err != nil {
		return err
	}
	return opts.write(f, func(w io.Writer) error {
		if err := writeMeetings(f.P, w, opts.width(f), opts.Output, []*minutes.Meeting{m}, false); err != nil {
			return err
		}
		if opts.Output != fmtText || opts.Version != 0 || len(m.Conclusions) == 0 {
			return nil
		}
		return writeFollowUp(ctx, f, w, m)
	})
}

// writeFollowUp prints how the conclusions of m are being carried out:
// follow-up, not content, so it shows with the current version only and
// never in the data formats.
func writeFollowUp(ctx context.Context, f *factory, w io.Writer, m *minutes.Meeting) error {
	a := f.App()
	tasks, err := a.Tasks(ctx, minutes.TaskFilter{MeetingID: m.ID})
	if err != nil {
		return err
	}
	today := a.Today()
	fmt.Fprintln(w, f.T("show.followup")+":")
	for _, t := range tasks {
		fmt.Fprintf(w, "  %d. %s — %s\n", t.Pos, f.T("show.task_ref", t.ID), f.P.Msg(t.State(today)))
	}
	return nil
}
