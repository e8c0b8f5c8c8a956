package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
)

type listOptions struct {
	app.ListQuery
	dataOut
}

func newListCmd(f *factory) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:     "list",
		Short:   f.T("cmd.list.short"),
		Example: "  minutes list --quarter 2021-Q1\n  minutes list --search quan --limit 20\n  minutes list --search \"dang bo\" -o json\n  minutes list --from 1/3/2021 --to 31/3/2021 --org \"Thành ủy Sóc Trăng\" -o quy1.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.resolve(); err != nil {
				return err
			}
			return runList(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Quarter, "quarter", "", f.T("flag.quarter"))
	fl.IntVar(&opts.Year, "year", 0, f.T("flag.year"))
	fl.StringVar(&opts.From, "from", "", f.T("flag.from"))
	fl.StringVar(&opts.To, "to", "", f.T("flag.to"))
	fl.StringVar(&opts.Org, "org", "", f.T("flag.org"))
	fl.StringVar(&opts.Search, "search", "", f.T("flag.search"))
	fl.StringVar(&opts.Status, "status", "", f.T("flag.status"))
	fl.IntVar(&opts.Limit, "limit", 0, f.T("flag.limit"))
	opts.outputFlags(f, cmd, fmtTable, fmtTable, fmtJSON, fmtCSV, fmtYAML)
	return cmd
}

func runList(ctx context.Context, f *factory, opts *listOptions) error {
	fl, err := opts.Filter()
	if err != nil {
		return err
	}
	// A table shows only the chairs among the parts; the data formats carry
	// whole records (CSV counts turns and conclusions).
	fl.Brief = opts.Output == fmtTable
	ms, err := f.App().Meetings(ctx, fl)
	if err != nil {
		return err
	}
	return opts.write(f, func(w io.Writer) error { return writeMeetings(f.P, w, opts.width(f), opts.Output, ms, true) })
}
