package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type numbersOptions struct {
	Org  string
	Year int
	dataOut
}

func newNumbersCmd(f *factory) *cobra.Command {
	opts := &numbersOptions{}
	cmd := &cobra.Command{
		Use:   "numbers [--org ORG] [--year 2021]",
		Short: f.T("cmd.numbers.short"),
		Long:  f.T("cmd.numbers.long"),
		Example: "  minutes numbers --org \"Thành ủy Sóc Trăng\" --year 2021\n" +
			"  minutes numbers --year 2021 -o so-dang-ky-2021.csv",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.resolve(); err != nil {
				return err
			}
			if opts.Year != 0 && (opts.Year < 1900 || opts.Year > 2200) {
				return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--year", strconv.Itoa(opts.Year))
			}
			return runNumbers(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Org, "org", "", f.T("flag.numbers.org"))
	cmd.Flags().IntVar(&opts.Year, "year", 0, f.T("flag.numbers.year"))
	opts.outputFlags(f, cmd, fmtTable, fmtTable, fmtJSON, fmtCSV)
	return cmd
}

// numberView is one line of the register as JSON and CSV show it.
type numberView struct {
	Type      string `json:"type"`
	Seq       int    `json:"seq"`
	Number    string `json:"number"`
	Used      bool   `json:"used"`
	Kind      string `json:"kind,omitempty"`
	Date      string `json:"date,omitempty"`
	Title     string `json:"title,omitempty"`
	MeetingID int64  `json:"meeting_id,omitempty"`
	Period    string `json:"period"` // the numbering period: 2021-01-01..2021-12-31
}

func runNumbers(ctx context.Context, f *factory, opts *numbersOptions) error {
	a := f.App()
	org := opts.Org
	if org == "" {
		set, err := a.Settings(ctx)
		if err != nil {
			return err
		}
		if org = set["organization"]; org == "" {
			return minutes.Errorm(minutes.EUSAGE, "numbers.need_org")
		}
	}
	year := opts.Year
	if year == 0 {
		year = a.Today().Year
	}
	lines, err := a.Register(ctx, org, year)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if !l.Gap {
			org = l.Organization // as its documents spell it
			break
		}
	}
	views := make([]numberView, len(lines))
	for i, l := range lines {
		v := numberView{Type: l.Type, Seq: l.Seq, Number: l.Number, Used: !l.Gap, Period: l.Period.From.String() + ".." + l.Period.To.String()}
		if !l.Gap {
			v.Kind, v.Date, v.Title, v.MeetingID = l.Kind, l.Date.String(), l.Title, l.MeetingID
		}
		views[i] = v
	}
	return opts.write(f, func(w io.Writer) error {
		switch opts.Output {
		case fmtJSON:
			return record.EncodeJSON(w, views)
		case fmtCSV:
			cw := csv.NewWriter(w)
			_ = cw.Write([]string{"type", "seq", "number", "used", "kind", "date", "title", "meeting_id", "period"})
			for _, v := range views {
				id := ""
				if v.MeetingID != 0 {
					id = strconv.FormatInt(v.MeetingID, 10)
				}
				_ = cw.Write([]string{v.Type, strconv.Itoa(v.Seq), v.Number, strconv.FormatBool(v.Used), v.Kind, v.Date, v.Title, id, v.Period})
			}
			cw.Flush()
			return cw.Error()
		}
		return writeNumbersTable(f.P, w, org, year, lines)
	})
}

func writeNumbersTable(p *minutes.Printer, w io.Writer, org string, year int, lines []minutes.RegisterLine) error {
	fmt.Fprintln(w, p.T("numbers.heading", org, year))
	if len(lines) == 0 {
		fmt.Fprintln(w, p.T("numbers.none"))
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, p.T("numbers.header"))
	for _, run := range minutes.Runs(lines) {
		l := run.First
		switch {
		case l.Gap && run.Count >= 3:
			fmt.Fprintf(tw, "%s\t%s – %s\t\t%s\t\n", l.Type, l.Number, run.Last.Number, p.T("numbers.gaps", run.Count))
			continue
		case l.Gap:
			for _, g := range []minutes.RegisterLine{run.First, run.Last}[:run.Count] {
				fmt.Fprintf(tw, "%s\t%s\t\t%s\t\n", g.Type, g.Number, p.T("numbers.gap"))
			}
			continue
		}
		held := p.Msg(minutes.M("doctype." + l.Kind))
		if l.MeetingID != 0 {
			held += " " + p.T("numbers.meeting", l.MeetingID)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Type, l.Number, l.Date.Short(), cut(oneLine(l.Title), 60), held)
	}
	return tw.Flush()
}

var numbersMessages = minutes.Messages{
	"cmd.numbers.short": {"Sổ đăng ký số văn bản: biên bản, thông báo, báo cáo đã ban hành, kể cả số còn trống", "The register of document numbers: minutes, notices and reports issued, the unused numbers included"},
	"cmd.numbers.long": {"Liệt kê số, ký hiệu của các văn bản một cơ quan đã ban hành trong năm, theo loại văn bản, kèm ngày và trích yếu,\n" +
		"và các số bỏ trống giữa chúng. Số văn bản không trùng trong một cơ quan, một loại văn bản và một kỳ đánh số:\n" +
		"một năm với văn bản nhà nước (Nghị định 30/2020/NĐ-CP), một nhiệm kỳ cấp ủy với văn bản của Đảng (Hướng dẫn 36-HD/VPTW;\n" +
		"ngày bắt đầu nhiệm kỳ: minutes config set term_start 16/10/2020).",
		"Lists the numbers of the documents a body issued in a year, by document type, with their date and summary line, and the\n" +
			"numbers left unused between them. A number is unique per body, document type and numbering period: a year for State\n" +
			"documents (Decree 30/2020/NĐ-CP), the committee's term for Party documents (Guideline 36-HD/VPTW; the first day of the term:\n" +
			"minutes config set term_start 16/10/2020)."},
	"flag.numbers.org":  {"cơ quan ban hành (mặc định: minutes config organization)", "the issuing body (default: minutes config organization)"},
	"flag.numbers.year": {"năm (mặc định: năm nay)", "the year (default: this year)"},
	"numbers.need_org":  {"chọn cơ quan: --org \"Thành ủy Sóc Trăng\" (hoặc đặt minutes config set organization …)", "choose the body: --org \"Thành ủy Sóc Trăng\" (or set minutes config set organization …)"},
	"numbers.heading":   {"Sổ đăng ký văn bản của %s, năm %d", "Register of the documents of %s, %d"},
	"numbers.none":      {"Chưa có văn bản nào được đánh số.", "No document has been numbered."},
	"numbers.header":    {"LOẠI\tSỐ, KÝ HIỆU\tNGÀY\tTRÍCH YẾU\tVĂN BẢN", "TYPE\tNUMBER\tDATE\tSUMMARY\tDOCUMENT"},
	"numbers.gap":       {"(số chưa dùng)", "(unused)"},
	"numbers.gaps":      {"(%d số chưa dùng)", "(%d numbers unused)"},
	"numbers.meeting":   {"cuộc họp %d", "of meeting %d"},
}
