package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type listOptions struct {
	Quarter, From, To, Org, Search, Status, Output string
	Year, Limit                                    int
}

func newListCmd(f *factory) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:     "list",
		Short:   f.T("cmd.list.short"),
		Example: "  minutes list --quarter 2021-Q1\n  minutes list --search quan --limit 20\n  minutes list --search \"dang bo\" -o json\n  minutes list --from 1/3/2021 --to 31/3/2021 --org \"Thành ủy Sóc Trăng\" -o csv > quy1.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat("-o", opts.Output, fmtTable, fmtJSON, fmtCSV, fmtYAML); err != nil {
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
	fl.StringVarP(&opts.Output, "output", "o", fmtTable, f.T("flag.output")+" (table|json|csv|yaml)")
	return cmd
}

// filter turns the options into a store filter, checking each flag.
func (o *listOptions) filter() (minutes.Filter, error) {
	var fl minutes.Filter
	if o.Quarter != "" && o.Year != 0 {
		return fl, minutes.Errorm(minutes.EUSAGE, "list.quarter_and_year")
	}
	if o.Quarter != "" {
		q, err := minutes.ParseQuarter(o.Quarter)
		if err != nil {
			return fl, err
		}
		fl.From, fl.To = q.First(), q.Last()
	}
	if o.Year != 0 {
		if o.Year < 1900 || o.Year > 2200 {
			return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_year", o.Year)
		}
		fl.From, fl.To = minutes.NewDate(o.Year, 1, 1), minutes.NewDate(o.Year, 12, 31)
	}
	for _, d := range []struct {
		flag, value string
		to          *minutes.Date
	}{{"--from", o.From, &fl.From}, {"--to", o.To, &fl.To}} {
		if d.value == "" {
			continue
		}
		v, err := minutes.ParseDate(d.value)
		if err != nil {
			return fl, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", d.flag, err)
		}
		*d.to = v
	}
	switch o.Status {
	case "", minutes.StatusDraft, minutes.StatusFinalized:
	default:
		return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_status", o.Status)
	}
	if o.Limit < 0 {
		return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_limit", o.Limit)
	}
	fl.Org, fl.Search, fl.Status, fl.Limit = o.Org, o.Search, o.Status, o.Limit
	return fl, nil
}

func runList(ctx context.Context, f *factory, opts *listOptions) error {
	fl, err := opts.filter()
	if err != nil {
		return err
	}
	// A table shows only the chairs among the parts; the data formats carry
	// whole records (CSV counts turns and conclusions).
	fl.Brief = opts.Output == fmtTable
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ms, err := s.FindMeetings(ctx, fl)
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []*minutes.Meeting{}
	}
	return writeMeetings(f.P, f.IO.Out, opts.Output, ms, true)
}
