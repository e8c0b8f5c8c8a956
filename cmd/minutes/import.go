package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type importOptions struct {
	Paths     []string
	KeepGoing bool
}

func newImportCmd(f *factory) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:     "import FILE|DIR…",
		Short:   minutes.T("cmd.import.short"),
		Long:    minutes.T("cmd.import.long"),
		Example: "  minutes import bien-ban-2021/\n  minutes import q1.yaml q2.yaml --keep-going\n  minutes import backup.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runImport(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.KeepGoing, "keep-going", false, minutes.T("flag.import.keep_going"))
	return cmd
}

func runImport(ctx context.Context, f *factory, opts *importOptions) error {
	paths, err := expandPaths(opts.Paths)
	if err != nil {
		return err
	}
	var (
		valid    []*minutes.Meeting
		archives []*minutes.Archive // documents of a backup (export --all)
		problems []minutes.Problem
		rejected int
	)
	for _, p := range paths {
		docs, err := decodeFile(f, p)
		if err != nil {
			var e *minutes.Error
			if !errors.As(err, &e) || e.Code != minutes.EINVALID {
				return err
			}
			problems = append(problems, e.Problems...)
			rejected++
			continue
		}
		for _, d := range docs {
			var e *minutes.Error
			if errors.As(d.Err, &e) {
				problems = append(problems, e.Problems...)
				rejected++
				continue
			}
			if a := d.Archive(); a != nil {
				archives = append(archives, a)
				continue
			}
			valid = append(valid, d.Meeting)
		}
	}
	if len(problems) > 0 && !opts.KeepGoing {
		err := minutes.Invalid(problems).(*minutes.Error)
		err.Message = minutes.T("import.rejected_all", rejected) + "\n" + err.Message
		return err
	}
	if len(archives) > 0 {
		if len(valid) > 0 {
			return minutes.Errorm(minutes.EINVALID, "restore.mixed")
		}
		if err := runRestore(ctx, f, archives); err != nil || len(problems) == 0 {
			return err
		}
		e := minutes.Invalid(problems).(*minutes.Error)
		e.Message = minutes.T("import.rejected_some", rejected) + "\n" + e.Message
		return e
	}
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	var progress func(int)
	if f.IO.ErrTTY && !f.Quiet && len(valid) > 1 {
		bar := progressbar.NewOptions(len(valid),
			progressbar.OptionSetWriter(f.IO.ErrOut),
			progressbar.OptionSetDescription(minutes.T("import.progress")),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000))
		progress = func(n int) { _ = bar.Set(n) }
		defer bar.Finish()
	}
	if err := s.CreateMeetingsProgress(ctx, valid, progress); err != nil {
		return err
	}
	f.say(minutes.T("import.done", len(valid), len(paths)))
	if len(valid) > 0 && !f.Quiet {
		fmt.Fprintln(f.IO.ErrOut, minutes.T("import.ids", valid[0].ID, valid[len(valid)-1].ID))
	}
	if len(problems) > 0 {
		e := minutes.Invalid(problems).(*minutes.Error)
		e.Message = minutes.T("import.rejected_some", rejected) + "\n" + e.Message
		return e
	}
	return nil
}
