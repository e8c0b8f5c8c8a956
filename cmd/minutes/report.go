package main

import (
	"bytes"
	"context"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
)

type reportOptions struct {
	Quarter  string
	Period   string
	From, To string
	Org      string
	Output   string
	Format   string
	Date     string
	Force    bool
	// Reference is an office's own Word file for --format docx.
	Reference string
	issueFlags

	span minutes.Period
}

// newReportCmd is `minutes report --period …` (or --from/--to), and the
// parent of `report quarterly`, which keeps working as it always did.
func newReportCmd(f *factory) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report --period 2021-Q1|2021-H1|2021-9M|2021 | --from 1/1/2021 --to 30/6/2021 [--org ORG] [-o FILE.pdf]",
		Short: f.T("cmd.report.short"),
		Long:  f.T("cmd.report.long"),
		Example: "  minutes report --period 2021-H1 -o bao-cao-6-thang-2021.pdf\n" +
			"  minutes report --period 2021-9M --org \"Thành ủy Sóc Trăng\" --issue\n" +
			"  minutes report --period 2021 --format docx --signer-authority T/M --signer-for \"Ban Thường vụ\" --signer-title \"Phó Bí thư\" --signer-name \"Trần Văn Phúc\"\n" +
			"  minutes report --from 1/1/2021 --to 30/6/2021 --format csv > 6-thang.csv\n" +
			"  minutes report quarterly --quarter 2021-Q1",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			switch {
			case opts.Period != "" && (opts.From != "" || opts.To != ""):
				return minutes.Errorm(minutes.EUSAGE, "report.period_or_range")
			case opts.Period != "":
				if opts.span, err = minutes.ParsePeriod(opts.Period); err != nil {
					return err
				}
			case opts.From != "" || opts.To != "":
				if opts.From == "" || opts.To == "" {
					return minutes.Errorm(minutes.EUSAGE, "report.need_both")
				}
				from, err := minutes.ParseDate(opts.From)
				if err != nil {
					return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--from", err)
				}
				to, err := minutes.ParseDate(opts.To)
				if err != nil {
					return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--to", err)
				}
				if to.Before(from) {
					return minutes.Errorm(minutes.EUSAGE, "period.range", from.Short(), to.Short())
				}
				opts.span = minutes.RangePeriod(from, to)
			default:
				return minutes.Errorm(minutes.EUSAGE, "report.need_period")
			}
			if err := opts.resolveFormat(); err != nil {
				return err
			}
			return runReport(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Period, "period", "", f.T("flag.report.period"))
	fl.StringVar(&opts.From, "from", "", f.T("flag.from"))
	fl.StringVar(&opts.To, "to", "", f.T("flag.to"))
	opts.commonFlags(f, cmd)
	cmd.AddCommand(newReportQuarterlyCmd(f))
	return cmd
}

func (opts *reportOptions) commonFlags(f *factory, cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&opts.Org, "org", "", f.T("flag.org"))
	fl.StringVarP(&opts.Output, "output", "o", "", f.T("flag.report.output"))
	fl.StringVar(&opts.Format, "format", "", f.T("flag.report.format"))
	fl.StringVar(&opts.Date, "date", "", f.T("flag.report.date"))
	fl.BoolVar(&opts.Force, "force", false, f.T("flag.force"))
	fl.StringVar(&opts.Reference, "reference-doc", "", f.T("flag.reference_doc"))
	opts.issueFlags.register(f, cmd)
}

// resolveFormat picks the format from --format or the -o extension.
func (opts *reportOptions) resolveFormat() error {
	if opts.Format == "" {
		opts.Format = fmtPDF
		if opts.Output != "" && opts.Output != "-" {
			opts.Format = formatFromName(opts.Output)
			if opts.Format == fmtYAML {
				opts.Format = fmtPDF
			}
		}
	}
	return checkFormat("--format", opts.Format, fmtPDF, fmtDocx, fmtCSV, fmtJSON)
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
			q, err := minutes.ParseQuarter(opts.Quarter)
			if err != nil {
				return err
			}
			opts.span = minutes.QuarterPeriod(q)
			if err := opts.resolveFormat(); err != nil {
				return err
			}
			return runReport(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Quarter, "quarter", "", f.T("flag.quarter"))
	opts.commonFlags(f, cmd)
	return cmd
}

func runReport(ctx context.Context, f *factory, opts *reportOptions) error {
	p := app.Period{Span: opts.span, Org: opts.Org}
	var err error
	if opts.Date != "" {
		// The report speaks as of its date: tasks are judged on that day too.
		if p.Date, err = minutes.ParseDate(opts.Date); err != nil {
			return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--date", err)
		}
	}
	in, err := f.App().ReportInput(ctx, p)
	if err != nil {
		return err
	}
	name := "bao-cao-" + opts.span.FileName()
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
		if opts.Format == fmtCSV && (opts.Output != "-" || isFile(f.IO.Out)) {
			// A file is for Excel, which reads UTF-8 without a BOM as the
			// local code page; a pipe to a script gets none.
			data = append([]byte(record.BOM), data...)
		}
	default:
		org, header, err := in.IssuingBody()
		if err != nil {
			return err
		}
		date := in.Date
		what := minutes.M("doctype.report")
		is, err := opts.issueFlags.resolve(ctx, f, what, func(ctx context.Context) (minutes.DocNumber, error) {
			return f.App().ProposeNumber(ctx, org, header, minutes.TypeReport, date)
		})
		if err != nil {
			return err
		}
		if err := f.App().IssueReport(ctx, &in, is); err != nil {
			return err
		}
		var doc app.Document
		if opts.Format == fmtDocx {
			ref, err := f.App().Reference(ctx, opts.Reference)
			if err != nil {
				return err
			}
			doc, err = app.ReportDocx(in, ref)
			f.warn(doc.Warnings, "report.warning")
			if err != nil {
				return err
			}
		} else {
			doc, err = app.ReportPDF(in)
			f.warn(doc.Warnings, "report.warning")
			if err != nil {
				return err
			}
		}
		f.issued(what, in.Number, in.Signer == nil, len(in.Recipients) == 0)
		data = doc.Data
		if opts.Output == "" {
			opts.Output = name + "." + opts.Format
		}
	}
	if err := writeOutput(f, opts.Output, data, opts.Force, modeDocument); err != nil {
		return err
	}
	if opts.Output != "-" {
		f.say(f.T("report.done", opts.Output, countIn(in), opts.span.Vietnamese()))
	}
	return nil
}

// countIn is the number of meetings the report of in covers.
func countIn(in report.ReportInput) int { return report.ComputeFigures(in).Current.Meetings }

var reportMessages = minutes.Messages{
	"cmd.report.short": {"Báo cáo tổng hợp các hội nghị: theo quý, 6 tháng, 9 tháng, năm hoặc khoảng thời gian bất kỳ", "Summary reports of the conferences: by quarter, six or nine months, year, or any range of days"},
	"cmd.report.long": {"Báo cáo gồm số liệu (số hội nghị, đại biểu, lượt phát biểu, kết luận) so với cùng kỳ năm trước và kỳ trước,\nbiểu đồ theo tháng (theo quý với báo cáo năm), bảng các hội nghị, kết luận của từng hội nghị và tình hình thực hiện.\n" +
		"Báo cáo ban hành có số (--issue lấy số tiếp theo, --number ghi số), người ký và nơi nhận (theo tùy chọn hoặc minutes config).\n" +
		"Không có --org thì báo cáo gộp mọi cơ quan và được ban hành dưới tên cơ quan đặt bằng minutes config set organization.",
		"A report holds the figures (meetings, delegates, speaker turns, conclusions) beside the same period a year before and the period\nbefore, a chart by month (by quarter for a year), the table of meetings, each meeting's conclusions and their follow-up.\n" +
			"An issued report has a number (--issue takes the next, --number gives one), a signer and recipients (from flags or minutes config).\n" +
			"Without --org it covers every organisation and is issued in the name set with minutes config set organization."},
	"flag.report.period":         {"kỳ báo cáo: 2021-Q1 (quý), 2021-H1 (6 tháng đầu năm), 2021-H2, 2021-9M (9 tháng), 2021 (năm)", "the period: 2021-Q1 (a quarter), 2021-H1 (first six months), 2021-H2, 2021-9M (nine months), 2021 (the year)"},
	"report.need_period":         {"hãy chọn kỳ báo cáo: --period 2021-Q1 (hoặc 2021-H1, 2021-9M, 2021), hoặc --from 1/1/2021 --to 30/6/2021", "choose the period: --period 2021-Q1 (or 2021-H1, 2021-9M, 2021), or --from 1/1/2021 --to 30/6/2021"},
	"report.period_or_range":     {"dùng --period hoặc --from/--to, không dùng cả hai", "use --period or --from/--to, not both"},
	"report.need_both":           {"cần cả --from và --to", "both --from and --to are needed"},
	"cmd.report.quarterly.short": {"Báo cáo tổng hợp các hội nghị trong quý (PDF, hoặc số liệu CSV/JSON)", "The quarter's summary of conferences (PDF, or the figures as CSV/JSON)"},
	"cmd.report.quarterly.long": {"Báo cáo quý gồm số liệu (số hội nghị, đại biểu, lượt phát biểu, kết luận) so với quý trước, biểu đồ theo tháng,\nbảng các hội nghị và kết luận của từng hội nghị. Không có --org thì báo cáo gộp mọi cơ quan, chia theo từng cơ quan.",
		"The quarterly report holds the figures (meetings, delegates, speaker turns, conclusions) beside the previous quarter's,\na chart per month, the table of meetings and each meeting's conclusions. Without --org it covers every organisation, grouped."},
	"flag.report.output":  {"tệp kết quả (mặc định bao-cao-quy-I-2021.pdf, bao-cao-6-thang-dau-nam-2021.pdf…; - là đầu ra chuẩn)", "output file (default bao-cao-quy-I-2021.pdf, bao-cao-6-thang-dau-nam-2021.pdf…; - for standard output)"},
	"flag.report.format":  {"pdf, docx (Word), csv hoặc json (số liệu)", "pdf, docx (Word), csv or json (the figures)"},
	"flag.report.date":    {"ngày ghi trên báo cáo (mặc định hôm nay)", "the report's date (default today)"},
	"report.need_quarter": {"hãy chọn quý: --quarter 2021-Q1", "choose a quarter: --quarter 2021-Q1"},
	"report.done":         {"Đã ghi %s (%d hội nghị, %s)", "Wrote %s (%d meetings, %s)"},
	"report.warning":      {"Cảnh báo: %s: %s", "Warning: %s: %s"},
}
