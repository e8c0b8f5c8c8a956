package main

import (
	"context"
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type importOptions struct {
	Paths     []string
	KeepGoing bool
}

func newImportCmd(f *factory) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:     "import FILE|DIR…",
		Short:   f.T("cmd.import.short"),
		Long:    f.T("cmd.import.long"),
		Example: "  minutes import bien-ban-2021/\n  minutes import q1.yaml q2.yaml --keep-going\n  minutes import backup.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runImport(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.KeepGoing, "keep-going", false, f.T("flag.import.keep_going"))
	return cmd
}

func runImport(ctx context.Context, f *factory, opts *importOptions) error {
	sources, err := record.Files(opts.Paths, f.stdin())
	if err != nil {
		return err
	}
	var progress func(int)
	var bar *progressbar.ProgressBar
	if f.IO.ErrTTY && !f.Quiet {
		// A spinner and a count: the total is not known while the files
		// are still being read.
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(f.IO.ErrOut),
			progressbar.OptionSetDescription(f.T("import.progress", 0)),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000))
		progress = func(n int) {
			bar.Describe(f.T("import.progress", n))
			_ = bar.Set(n)
		}
	}
	res, err := f.App().Import(ctx, sources, opts.KeepGoing, progress)
	if bar != nil {
		_ = bar.Finish() // clears the line before the summary
	}
	if res == nil {
		return err
	}
	f.warnProblems(res.Warnings)
	switch {
	case res.Backup && res.Restored == 0 && res.Skipped > 0:
		f.say(f.T("restore.nothing_new", minutes.Number(res.Skipped)))
	case res.Backup:
		f.say(f.T("restore.done", minutes.Number(res.Restored), minutes.Number(res.Skipped)))
	default:
		f.say(f.T("import.done", minutes.Number(res.Stored), minutes.Number(len(sources))))
		if res.Stored > 0 && !f.Quiet {
			fmt.Fprintln(f.IO.ErrOut, f.T("import.ids", res.FirstID, res.LastID))
		}
		for _, m := range res.Existing {
			f.say(f.T("import.existing", m.Number, m.ID))
		}
	}
	return err
}
