package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
)

type exportOptions struct {
	ID      int64
	Output  string
	Format  string
	Force   bool
	Version int
	All     bool
	// Reference is an office's own Word file for --format docx.
	Reference string
	// Document is the document printed: the minutes, or the notice of
	// conclusions, issued as issueFlags say.
	Document string
	issueFlags
}

// oneDocument turns the garbage collector off while one meeting's document
// is made, and returns what turns it back on. Such a command allocates
// 10-15 MB in all and exits: three or four collections of a heap that is
// mostly the fonts cost about 3 ms of a 20 ms process, and free nothing
// that peak memory would miss (24.9 MB peak either way). The memory limit
// still collects if a document ever needs that much.
func oneDocument() (restore func()) {
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(256<<20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// Documents of export.
const (
	docMinutes = "minutes"
	docNotice  = "notice"
)

func newExportCmd(f *factory) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export ID [-o FILE.pdf] | export --all [-o FILE.yaml]",
		Short: f.T("cmd.export.short"),
		Long:  f.T("cmd.export.long"),
		Example: "  minutes export 12 -o bien-ban-12.pdf\n  minutes export 12 --format yaml > hop-12.yaml\n" +
			"  minutes export 12 -o - | lp\n  minutes export 12 --version 2 -o bien-ban-12-v2.pdf\n" +
			"  minutes export 12 --document notice --issue -o thong-bao-12.pdf\n" +
			"  minutes export 12 --document notice --number 25-TB/TU -o thong-bao-12.docx\n" +
			"  minutes export --all --format yaml > sao-luu.yaml",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.All {
				return runBackupFlags(cmd, f, opts, args)
			}
			if len(args) == 0 {
				return minutes.Errorm(minutes.EUSAGE, "export.need_id")
			}
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if opts.Format == "" {
				opts.Format = formatFromName(opts.Output)
			}
			if err := checkFormat("--document", opts.Document, docMinutes, docNotice); err != nil {
				return err
			}
			formats := []string{fmtPDF, fmtDocx, fmtYAML, fmtJSON}
			if opts.Document == docNotice {
				formats = formats[:2]
			} else if opts.Issue || opts.Number != "" || opts.SignerName != "" || len(opts.Recipients) > 0 {
				return minutes.Errorm(minutes.EUSAGE, "export.notice_flags")
			}
			if err := checkFormat("--format", opts.Format, formats...); err != nil {
				return err
			}
			if opts.Output == "" {
				opts.Output = "-"
				if opts.Format == fmtPDF || opts.Format == fmtDocx {
					name := "bien-ban"
					if opts.Document == docNotice {
						name = "thong-bao"
					}
					opts.Output = fmt.Sprintf("%s-%d.%s", name, id, opts.Format)
					if opts.Version > 0 {
						opts.Output = fmt.Sprintf("%s-%d-v%d.%s", name, id, opts.Version, opts.Format)
					}
				}
			}
			if opts.Document == docNotice {
				return runExportNotice(cmd.Context(), f, opts)
			}
			return runExport(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", f.T("flag.export.output"))
	fl.StringVar(&opts.Format, "format", "", f.T("flag.export.format"))
	fl.BoolVar(&opts.Force, "force", false, f.T("flag.force"))
	fl.IntVar(&opts.Version, "version", 0, f.T("flag.version"))
	fl.BoolVar(&opts.All, "all", false, f.T("flag.export.all"))
	fl.StringVar(&opts.Reference, "reference-doc", "", f.T("flag.reference_doc"))
	fl.StringVar(&opts.Document, "document", docMinutes, f.T("flag.export.document"))
	opts.issueFlags.register(f, cmd)
	return cmd
}

// formatFromName guesses the format from the output file's extension.
func formatFromName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return fmtYAML
	case ".json":
		return fmtJSON
	case ".docx":
		return fmtDocx
	}
	return fmtPDF
}

func runExport(ctx context.Context, f *factory, opts *exportOptions) error {
	defer oneDocument()()
	if opts.Format == "" || opts.Format == fmtPDF {
		report.Preload()
	}
	m, err := findMeeting(ctx, f, opts.ID, opts.Version)
	if err != nil {
		return err
	}
	var data []byte
	switch opts.Format {
	case fmtYAML:
		data, err = record.MarshalYAML(m)
	case fmtJSON:
		var b bytes.Buffer
		err = record.EncodeJSON(&b, record.ToWire(m, false))
		data = b.Bytes()
	case fmtDocx:
		var ref []byte
		if ref, err = f.App().Reference(ctx, opts.Reference); err == nil {
			doc, derr := app.MinutesDocx(m, ref)
			f.warn(doc.Warnings, "export.warning", m.ID)
			data, err = doc.Data, derr
		}
	default:
		data, err = renderMinutes(f, m)
	}
	if err != nil {
		return err
	}
	if err := writeOutput(f, opts.Output, data, opts.Force, modeDocument); err != nil {
		return err
	}
	if opts.Output != "-" {
		f.say(f.T("export.done", opts.Output))
	}
	return nil
}

// runExportNotice writes the notice of conclusions of a meeting, issued
// with the number the flags ask for (or the one it has, or blank).
func runExportNotice(ctx context.Context, f *factory, opts *exportOptions) error {
	defer oneDocument()()
	if opts.Format == "" || opts.Format == fmtPDF {
		report.Preload()
	}
	m, err := findMeeting(ctx, f, opts.ID, opts.Version)
	if err != nil {
		return err
	}
	if err := m.CanIssueNotice(); err != nil {
		return err
	}
	if (opts.Issue || opts.Number != "") && opts.Version > 0 {
		return minutes.Errorm(minutes.EUSAGE, "export.issue_version")
	}
	what := minutes.M("doctype.notice")
	d := m.Date
	if m.Notice != nil && !m.Notice.Date.IsZero() {
		d = m.Notice.Date
	}
	is, err := opts.issueFlags.resolve(ctx, f, what, func(ctx context.Context) (minutes.DocNumber, error) {
		if m.Notice != nil && m.Notice.Number != "" {
			n, _ := minutes.ParseNumber(m.Notice.Number)
			return n, minutes.Errorf(minutes.ECONFLICT, "numbered")
		}
		return f.App().ProposeNumber(ctx, m.Organization, m.Header, minutes.TypeNotice, d)
	})
	if err != nil {
		return err
	}
	in, err := f.App().NoticeInput(ctx, m, is)
	if err != nil {
		return err
	}
	var doc app.Document
	if opts.Format == fmtDocx {
		ref, err := f.App().Reference(ctx, opts.Reference)
		if err != nil {
			return err
		}
		doc, err = app.NoticeDocx(in, ref)
		f.warn(doc.Warnings, "export.warning", m.ID)
		if err != nil {
			return err
		}
	} else {
		doc, err = app.NoticePDF(in)
		f.warn(doc.Warnings, "export.warning", m.ID)
		if err != nil {
			return err
		}
	}
	f.issued(what, in.Number, in.Signer == nil, len(in.Recipients) == 0)
	if err := writeOutput(f, opts.Output, doc.Data, opts.Force, modeDocument); err != nil {
		return err
	}
	if opts.Output != "-" {
		f.say(f.T("export.done", opts.Output))
	}
	return nil
}

// issued tells what an issued document carries: its number, or that it is
// a draft, and what it still lacks to be issued.
func (f *factory) issued(what minutes.Msg, number string, noSigner, noRecipients bool) {
	if n, ok := minutes.ParseNumber(number); ok && n.Seq > 0 {
		f.say(f.T("issue.numbered", what, number))
	} else {
		f.say(f.T("issue.draft"))
	}
	if noSigner {
		fmt.Fprintln(f.IO.ErrOut, f.T("cli.warning", f.T("issue.no_signer")))
	}
	if noRecipients {
		fmt.Fprintln(f.IO.ErrOut, f.T("cli.warning", f.T("issue.no_recipients")))
	}
}

// renderMinutes renders the PDF and tells the user about every text that
// had to be changed for printing; the stored record keeps the original.
func renderMinutes(f *factory, m *minutes.Meeting) ([]byte, error) {
	doc, err := app.MinutesPDF(m)
	f.warn(doc.Warnings, "export.warning", m.ID)
	return doc.Data, err
}

// warn prints each warning of a document under the message key, whose
// arguments are args followed by the warning's field and message.
func (f *factory) warn(ws []report.Warning, key string, args ...any) {
	for _, w := range ws {
		fmt.Fprintln(f.IO.ErrOut, f.T(key, append(args, w.Field, w.Msg)...))
	}
}
