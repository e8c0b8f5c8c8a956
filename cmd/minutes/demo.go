package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/examples"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type demoOptions struct {
	Dir   string
	Force bool
}

func newDemoCmd(f *factory) *cobra.Command {
	opts := &demoOptions{Dir: "minutes-demo"}
	cmd := &cobra.Command{
		Use:     "demo [DIR]",
		Short:   f.T("cmd.demo.short"),
		Long:    f.T("cmd.demo.long"),
		Example: "  minutes demo\n  minutes demo /tmp/bien-ban-mau",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runDemo(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, f.T("flag.force"))
	return cmd
}

// runDemo loads the bundled examples into a fresh database in a temporary
// directory — never the user's own — and writes their PDFs into opts.Dir.
func runDemo(ctx context.Context, f *factory, opts *demoOptions) error {
	tmp, err := os.MkdirTemp("", "minutes-demo-db-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	f.DSN = filepath.Join(tmp, "demo.db")
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return minutes.Errorm(minutes.EFAILED, "output.failed", opts.Dir, err)
	}
	names, err := fs.Glob(examples.FS, "*.yaml")
	if err != nil {
		return err
	}
	var ms []*minutes.Meeting
	for _, name := range names {
		b, err := fs.ReadFile(examples.FS, name)
		if err != nil {
			return err
		}
		docs, err := record.Meetings("examples/"+name, b)
		if err != nil {
			return err
		}
		for _, d := range docs {
			ms = append(ms, d.Meeting)
		}
	}
	a := f.App()
	if err := a.RecordAll(ctx, ms); err != nil {
		return err
	}
	// The examples come from several bodies of one province: the report on
	// all of them is issued by the province's office, as configured with
	// minutes config.
	for k, v := range map[string]string{"organization": "Văn phòng Tỉnh ủy Sóc Trăng", "parent_organization": "Đảng bộ tỉnh Sóc Trăng"} {
		if _, err := a.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	// Every document is made before any is written, so that a demo that
	// would overwrite a file without --force writes nothing.
	type doc struct {
		path string
		data []byte
	}
	var docs []doc
	quarters := map[minutes.Quarter]bool{}
	for _, m := range ms {
		pdf, err := renderMinutes(f, m)
		if err != nil {
			return err
		}
		docs = append(docs, doc{filepath.Join(opts.Dir, fmt.Sprintf("bien-ban-%d.pdf", m.ID)), pdf})
		quarters[minutes.QuarterOf(m.Date)] = true
	}
	for q := range quarters {
		// Dated, and tasks judged, at the quarter's end, so the demo
		// gives the same report whatever day it runs.
		in, err := a.QuarterlyInput(ctx, app.Period{Quarter: q, Date: q.Last()})
		if err != nil {
			return err
		}
		rep, err := app.ReportPDF(in)
		f.warn(rep.Warnings, "report.warning")
		if err != nil {
			return err
		}
		pdf := rep.Data
		docs = append(docs, doc{filepath.Join(opts.Dir, fmt.Sprintf("bao-cao-quy-%s-%d.pdf", q.Roman(), q.Year)), pdf})
	}
	for _, d := range docs {
		if _, err := os.Stat(d.path); err == nil && !opts.Force {
			return minutes.Errorm(minutes.EUSAGE, "output.exists", d.path)
		}
	}
	for _, d := range docs {
		if err := writeOutput(f, d.path, d.data, opts.Force, modeDocument); err != nil {
			return err
		}
		fmt.Fprintln(f.IO.Out, d.path)
	}
	f.say(f.T("demo.done", len(ms), opts.Dir))
	return nil
}

var demoMessages = minutes.Messages{
	"cmd.demo.short": {"Tạo biên bản và báo cáo mẫu từ các cuộc họp kèm theo", "Write sample minutes and reports from the bundled meetings"},
	"cmd.demo.long": {"Nạp các cuộc họp mẫu vào một cơ sở dữ liệu tạm (không đụng đến dữ liệu của bạn),\nrồi ghi biên bản PDF của từng cuộc họp và báo cáo quý vào thư mục DIR (mặc định ./minutes-demo).",
		"Loads the bundled example meetings into a temporary database (your own data is not touched),\nthen writes each meeting's minutes PDF and the quarterly report into DIR (default ./minutes-demo)."},
	"demo.done": {"Đã tạo biên bản của %d cuộc họp mẫu và báo cáo quý trong %s", "Wrote the minutes of %d example meetings and the quarterly report into %s"},
}
