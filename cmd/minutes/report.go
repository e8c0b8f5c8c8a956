package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
)

type reportOptions struct {
	Quarter string
	Org     string
	Output  string
	Format  string
	Date    string
	Force   bool
	// Reference is an office's own Word file for --format docx.
	Reference string
}

func newReportCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: f.T("cmd.report.short"),
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newReportQuarterlyCmd(f))
	return cmd
}

func newReportQuarterlyCmd(f *factory) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "quarterly --quarter 2021-Q1 [--org ORG] [-o FILE.pdf]",
		Short: f.T("cmd.report.quarterly.short"),
		Long:  f.T("cmd.report.quarterly.long"),
		Example: "  minutes report quarterly --quarter 2021-Q1 -o bao-cao-quy-I-2021.pdf\n" +
			"  minutes report quarterly --quarter I/2021 --org \"Thành ủy Sóc Trăng\"\n" +
			"  minutes report quarterly --quarter 2021-Q1 --format csv > quy-I.csv",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Quarter == "" {
				return minutes.Errorm(minutes.EUSAGE, "report.need_quarter")
			}
			if opts.Format == "" {
				opts.Format = fmtPDF
				if opts.Output != "" && opts.Output != "-" {
					opts.Format = formatFromName(opts.Output)
					if opts.Format == fmtYAML {
						opts.Format = fmtPDF
					}
				}
			}
			if err := checkFormat("--format", opts.Format, fmtPDF, fmtDocx, fmtCSV, fmtJSON); err != nil {
				return err
			}
			return runReportQuarterly(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Quarter, "quarter", "", f.T("flag.quarter"))
	fl.StringVar(&opts.Org, "org", "", f.T("flag.org"))
	fl.StringVarP(&opts.Output, "output", "o", "", f.T("flag.report.output"))
	fl.StringVar(&opts.Format, "format", "", f.T("flag.report.format"))
	fl.StringVar(&opts.Date, "date", "", f.T("flag.report.date"))
	fl.BoolVar(&opts.Force, "force", false, f.T("flag.force"))
	fl.StringVar(&opts.Reference, "reference-doc", "", f.T("flag.reference_doc"))
	return cmd
}

func runReportQuarterly(ctx context.Context, f *factory, opts *reportOptions) error {
	q, err := minutes.ParseQuarter(opts.Quarter)
	if err != nil {
		return err
	}
	p := app.Period{Quarter: q, Org: opts.Org}
	if opts.Date != "" {
		// The report speaks as of its date: tasks are judged on that day too.
		if p.Date, err = minutes.ParseDate(opts.Date); err != nil {
			return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--date", err)
		}
	}
	in, err := f.App().QuarterlyInput(ctx, p)
	if err != nil {
		return err
	}
	var data []byte
	switch opts.Format {
	case fmtCSV, fmtJSON:
		figs := report.ComputeFigures(in)
		var b bytes.Buffer
		if opts.Format == fmtCSV {
			err = report.FiguresCSV(&b, figs)
		} else {
			err = record.EncodeJSON(&b, figs)
		}
		if err != nil {
			return err
		}
		data = b.Bytes()
		if opts.Output == "" {
			opts.Output = "-"
		}
	case fmtDocx:
		ref, err := f.App().Reference(ctx, opts.Reference)
		if err != nil {
			return err
		}
		doc, err := app.QuarterlyDocx(in, ref)
		f.warn(doc.Warnings, "report.warning")
		if err != nil {
			return err
		}
		data = doc.Data
		if opts.Output == "" {
			opts.Output = fmt.Sprintf("bao-cao-quy-%s-%d.docx", q.Roman(), q.Year)
		}
	default:
		if data, err = renderQuarterly(f, in); err != nil {
			return err
		}
		if opts.Output == "" {
			opts.Output = fmt.Sprintf("bao-cao-quy-%s-%d.pdf", q.Roman(), q.Year)
		}
	}
	if err := writeOutput(f, opts.Output, data, opts.Force, modeDocument); err != nil {
		return err
	}
	if opts.Output != "-" {
		f.say(f.T("report.done", opts.Output, len(in.Meetings), q.Vietnamese()))
	}
	return nil
}

func renderQuarterly(f *factory, in report.QuarterlyInput) ([]byte, error) {
	doc, err := app.QuarterlyPDF(in)
	f.warn(doc.Warnings, "report.warning")
	return doc.Data, err
}

var reportMessages = minutes.Messages{
	"cmd.report.short":           {"Báo cáo tổng hợp", "Summary reports"},
	"cmd.report.quarterly.short": {"Báo cáo tổng hợp các hội nghị trong quý (PDF, hoặc số liệu CSV/JSON)", "The quarter's summary of conferences (PDF, or the figures as CSV/JSON)"},
	"cmd.report.quarterly.long": {"Báo cáo quý gồm số liệu (số hội nghị, đại biểu, lượt phát biểu, kết luận) so với quý trước, biểu đồ theo tháng,\nbảng các hội nghị và kết luận của từng hội nghị. Không có --org thì báo cáo gộp mọi cơ quan, chia theo từng cơ quan.",
		"The quarterly report holds the figures (meetings, delegates, speaker turns, conclusions) beside the previous quarter's,\na chart per month, the table of meetings and each meeting's conclusions. Without --org it covers every organisation, grouped."},
	"flag.report.output":  {"tệp kết quả (mặc định bao-cao-quy-I-2021.pdf; - là đầu ra chuẩn)", "output file (default bao-cao-quy-I-2021.pdf; - for standard output)"},
	"flag.report.format":  {"pdf, docx (Word), csv hoặc json (số liệu)", "pdf, docx (Word), csv or json (the figures)"},
	"flag.report.date":    {"ngày ghi trên báo cáo (mặc định hôm nay)", "the report's date (default today)"},
	"report.need_quarter": {"hãy chọn quý: --quarter 2021-Q1", "choose a quarter: --quarter 2021-Q1"},
	"report.done":         {"Đã ghi %s (%d hội nghị, %s)", "Wrote %s (%d meetings, %s)"},
	"report.warning":      {"Cảnh báo: %s: %s", "Warning: %s: %s"},
}
