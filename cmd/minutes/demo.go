package main

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

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
	for _, kv := range [][2]string{{"organization", "Văn phòng Tỉnh ủy Sóc Trăng"}, {"parent_organization", "Đảng bộ tỉnh Sóc Trăng"},
		{"symbol", "VPTU"}, {"signer_authority", "T/L"}, {"signer_for", "Ban Thường vụ"}, {"signer_title", "Chánh Văn phòng"},
		{"signer_name", "Lê Văn Hùng"}, {"recipients", "Thường trực Tỉnh ủy; Các ban xây dựng Đảng Tỉnh ủy; Lưu Văn phòng Tỉnh ủy"}} {
		if _, err := a.SetSetting(ctx, kv[0], kv[1]); err != nil {
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
	periods := map[minutes.Period]bool{}
	for _, m := range ms {
		pdf, err := renderMinutes(f, m)
		if err != nil {
			return err
		}
		docs = append(docs, doc{filepath.Join(opts.Dir, fmt.Sprintf("bien-ban-%d.pdf", m.ID)), pdf})
		// The notice of conclusions, issued with the register's next number.
		in, err := a.NoticeInput(ctx, m, app.Issue{Number: minutes.NumberRequest{Next: true}})
		if err != nil {
			return err
		}
		notice, err := app.NoticePDF(in)
		f.warn(notice.Warnings, "export.warning", m.ID)
		if err != nil {
			return err
		}
		docs = append(docs, doc{filepath.Join(opts.Dir, fmt.Sprintf("thong-bao-%d.pdf", m.ID)), notice.Data})
		periods[minutes.QuarterPeriod(minutes.QuarterOf(m.Date))] = true
		periods[minutes.HalfPeriod(m.Date.Year, (int(m.Date.Month)+5)/6)] = true
	}
	for _, p := range slices.SortedFunc(maps.Keys(periods), func(a, b minutes.Period) int { return a.From.Compare(b.From)*2 + a.To.Compare(b.To) }) {
		// Dated, and tasks judged, at the period's end, so the demo gives
		// the same report whatever day it runs; issued by the office.
		in, err := a.ReportInput(ctx, app.Period{Span: p, Date: p.To})
		if err != nil {
			return err
		}
		if err := a.IssueReport(ctx, &in, app.Issue{Number: minutes.NumberRequest{Next: true}}); err != nil {
			return err
		}
		rep, err := app.ReportPDF(in)
		f.warn(rep.Warnings, "report.warning")
		if err != nil {
			return err
		}
		docs = append(docs, doc{filepath.Join(opts.Dir, "bao-cao-"+p.FileName()+".pdf"), rep.Data})
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
	"cmd.demo.long": {"Nạp các cuộc họp mẫu vào một cơ sở dữ liệu tạm (không đụng đến dữ liệu của bạn),\nrồi ghi biên bản và thông báo kết luận PDF của từng cuộc họp, báo cáo quý và báo cáo 6 tháng vào thư mục DIR (mặc định ./minutes-demo).",
		"Loads the bundled example meetings into a temporary database (your own data is not touched),\nthen writes each meeting's minutes and notice of conclusions, the quarterly and the six-month report as PDFs into DIR (default ./minutes-demo)."},
	"demo.done": {"Đã tạo biên bản, thông báo kết luận của %d cuộc họp mẫu và các báo cáo trong %s", "Wrote the minutes and notices of %d example meetings and the reports into %s"},
}
