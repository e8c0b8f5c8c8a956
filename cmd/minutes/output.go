package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/minutes-vn/minutes/internal/safewrite"
	"github.com/spf13/cobra"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Output formats.
const (
	fmtTable = "table"
	fmtText  = "text"
	fmtJSON  = "json"
	fmtYAML  = "yaml"
	fmtCSV   = "csv"
	fmtPDF   = "pdf"
	fmtDocx  = "docx"
)

func checkFormat(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return minutes.Errorm(minutes.EUSAGE, "cli.bad_format", flag, value, strings.Join(allowed, ", "))
}

// writeMeetings prints meetings in one of the data formats; every command
// that prints meetings goes through it, so formats agree everywhere.
func writeMeetings(p *minutes.Printer, w io.Writer, width int, format string, ms []*minutes.Meeting, asList bool) error {
	switch format {
	case fmtJSON:
		views := record.MeetingViews(ms)
		if !asList && len(views) == 1 {
			return record.EncodeJSON(w, views[0])
		}
		return record.EncodeJSON(w, views)
	case fmtYAML:
		vals := make([]any, len(ms))
		for i, v := range record.MeetingViews(ms) {
			vals[i] = v
		}
		return record.EncodeYAML(w, vals...)
	case fmtCSV:
		return record.MeetingsCSV(w, ms)
	case fmtText:
		for i, m := range ms {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeText(p, w, m)
		}
		return nil
	default:
		return writeTable(p, w, width, ms)
	}
}

func chairNames(m *minutes.Meeting) string {
	names := make([]string, len(m.Chairs))
	for i, c := range m.Chairs {
		names[i] = c.Name
	}
	return strings.Join(names, "; ")
}

func writeTable(p *minutes.Printer, w io.Writer, width int, ms []*minutes.Meeting) error {
	if len(ms) == 0 {
		fmt.Fprintln(w, p.T("list.none"))
		return nil
	}
	t := table{header: p.T("list.header"), shrink: []int{3, 2, 4}}
	for _, m := range ms {
		t.add(strconv.FormatInt(m.ID, 10), m.Date.Short(), cut(m.Organization, 28),
			cut(m.Title, 60), cut(chairNames(m), 28), presentText(p, m.Attendance), statusText(p, m.Status))
	}
	return t.write(w, width)
}

// table is a table for people: columns as wide as their widest cell, two
// spaces apart; on a terminal narrower than that, the columns in shrink
// (in that order) are cut with "…" to fit, down to a few letters.
type table struct {
	header string // cells separated by tabs
	rows   [][]string
	shrink []int
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, width int) error {
	rows := append([][]string{strings.Split(t.header, "\t")}, t.rows...)
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	total := 2 * (len(widths) - 1)
	for _, n := range widths {
		total += n
	}
	const least = 8
	for _, col := range t.shrink {
		if width <= 0 || total <= width {
			break
		}
		cut := min(total-width, widths[col]-least)
		if cut > 0 {
			widths[col] -= cut
			total -= cut
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			c = cut(c, widths[i])
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cut shortens s to n characters for a table cell.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func presentText(p *minutes.Printer, a minutes.Attendance) string {
	if a.AtLeast {
		return p.T("show.more_than", a.Present)
	}
	return strconv.Itoa(a.Present)
}

func statusText(p *minutes.Printer, s string) string { return p.Msg(minutes.StatusMsg(s)) }

// writeText prints one meeting as readable text.
func writeText(p *minutes.Printer, w io.Writer, m *minutes.Meeting) {
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-18s %s\n", label+":", value)
		}
	}
	fmt.Fprintln(w, p.T("show.heading", m.ID, statusText(p, m.Status), m.Version))
	fmt.Fprintln(w, m.Title)
	line(p.T("show.seal"), m.Seal)
	line(p.T("show.organization"), joinNonEmpty(" — ", m.Organization, m.ParentOrganization))
	line(p.T("show.number"), m.Number)
	when := m.Date.Short()
	if m.StartTime != nil {
		when += ", " + m.StartTime.String()
		if m.EndTime != nil {
			when += " – " + m.EndTime.String()
		}
	}
	line(p.T("show.date"), when)
	line(p.T("show.location"), joinNonEmpty(", ", m.Location, m.Place))
	for i, c := range m.Chairs {
		label := p.T("show.chairs") + ":"
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(w, "%-18s %s\n", label, joinNonEmpty(" — ", c.Name, c.Title))
	}
	if m.Secretary != nil {
		line(p.T("show.secretary"), joinNonEmpty(" — ", m.Secretary.Name, m.Secretary.Title))
	}
	att := presentText(p, m.Attendance)
	if m.Attendance.Invited > 0 {
		att += " / " + strconv.Itoa(m.Attendance.Invited)
	}
	line(p.T("show.present"), att)
	for _, a := range m.Attendance.Absent {
		line(p.T("show.absent"), joinNonEmpty(" — ", a.Name, a.Reason))
	}
	line(p.T("show.composition"), m.Attendance.Composition)
	if len(m.Agenda) > 0 {
		fmt.Fprintln(w, p.T("show.agenda")+":")
		for i, a := range m.Agenda {
			fmt.Fprintf(w, "  %d. %s\n", i+1, joinNonEmpty(" — ", a.Title, a.Presenter))
		}
	}
	if m.Summary != "" {
		fmt.Fprintln(w, p.T("show.summary")+":")
		for _, p := range strings.Split(m.Summary, "\n") {
			fmt.Fprintln(w, "  "+p)
		}
	}
	if m.Turns() > 0 {
		fmt.Fprintln(w, p.T("show.comments", m.Turns())+":")
		for i, c := range m.Comments {
			who := joinNonEmpty(", ", c.Speaker, c.Title)
			if who != "" {
				who += ": "
			}
			fmt.Fprintf(w, "  %d. %s%s\n", i+1, who, c.Content)
		}
	}
	if len(m.Conclusions) > 0 {
		fmt.Fprintln(w, p.T("show.conclusions")+":")
		for i, c := range m.Conclusions {
			extra := c.Owner
			if !c.Due.IsZero() {
				extra = joinNonEmpty(", ", extra, p.T("show.due", c.Due.Short()))
			}
			if extra != "" {
				extra = " (" + extra + ")"
			}
			fmt.Fprintf(w, "  %d. %s%s\n", i+1, c.Content, extra)
		}
	}
	line(p.T("show.recipients"), strings.Join(m.Recipients, "; "))
	if n := m.Notice; n != nil {
		fmt.Fprintln(w, p.T("show.notice")+":")
		line("  "+p.T("show.number"), n.Number)
		if !n.Date.IsZero() {
			line("  "+p.T("show.date"), n.Date.Short())
		}
		line("  "+p.T("show.notice_title"), n.Title)
		if s := n.Signer; s != nil {
			line("  "+p.T("show.signer"), joinNonEmpty(" — ", strings.Join(s.Lines(m.Header), " / "), s.Name))
		}
		line("  "+p.T("show.recipients"), strings.Join(n.Recipients, "; "))
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// Modes of output files: documents and data files respect the umask like
// any file a program writes; a backup holds every meeting and its history,
// so only its owner may read it.
const (
	modeDocument = 0o666
	modeBackup   = 0o600
)

// writeOutput writes data to path atomically (a temporary file in the same
// directory, then a rename), so an interrupted export never leaves a broken
// file; "-" writes to standard output.
func writeOutput(f *factory, path string, data []byte, force bool, mode os.FileMode) error {
	if path == "-" {
		if f.IO.OutTTY && !utf8.Valid(data) {
			// A PDF or Word file on a terminal is noise that can leave it
			// in a strange state.
			return minutes.Errorm(minutes.EUSAGE, "output.binary_tty")
		}
		_, err := io.Copy(f.IO.Out, bytes.NewReader(data))
		return err
	}
	switch err := safewrite.File(path, data, mode, force); {
	case errors.Is(err, safewrite.ErrNotRegular):
		return minutes.Errorm(minutes.EUSAGE, "output.not_regular", path)
	case errors.Is(err, safewrite.ErrExists):
		return minutes.Errorm(minutes.EUSAGE, "output.exists", path)
	case err != nil:
		return minutes.Errorm(minutes.EFAILED, "output.failed", path, err)
	}
	return nil
}

// dataOut is the -o of a command that prints data: a format, or a file
// whose extension names one ("minutes list -o quy-1.csv"), so that nobody
// needs a shell redirect (Windows PowerShell 5.1 writes those in UTF-16).
// The file is written atomically; --force overwrites it.
type dataOut struct {
	Output  string
	Force   bool
	formats []string
	file    string
}

// outputFlags registers -o (default def, one of formats) and --force.
func (d *dataOut) outputFlags(f *factory, cmd *cobra.Command, def string, formats ...string) {
	d.formats = formats
	usage := f.T("flag.output_file", strings.Join(formats, "|"))
	if len(formats) == 0 {
		usage = f.T("flag.output_only_file")
	}
	cmd.Flags().StringVarP(&d.Output, "output", "o", def, usage)
	cmd.Flags().BoolVar(&d.Force, "force", false, f.T("flag.force"))
}

// resolve reads -o as a format or a file. EUSAGE naming the formats.
func (d *dataOut) resolve() error {
	if len(d.formats) == 0 {
		d.file, d.Output = d.Output, ""
		return nil
	}
	for _, a := range d.formats {
		if d.Output == a {
			return nil
		}
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(d.Output)), ".")
	if ext == "yml" {
		ext = fmtYAML
	}
	if ext == "txt" {
		ext = fmtText
	}
	for _, a := range d.formats {
		if ext != "" && ext == a {
			d.file, d.Output = d.Output, ext
			return nil
		}
	}
	return checkFormat("-o", d.Output, d.formats...)
}

// width is the width tables may take: the terminal's when they go to it.
func (d *dataOut) width(f *factory) int {
	if (d.file == "" || d.file == "-") && f.IO.OutTTY {
		return f.IO.Width
	}
	return 0
}

// write runs print on standard output, or into the file -o named. Text
// for people (tables, text) shows direction controls visibly; the data
// formats keep the text as stored.
func (d *dataOut) write(f *factory, print func(w io.Writer) error) error {
	people := d.Output == fmtTable || d.Output == fmtText
	if d.file == "" || d.file == "-" {
		if people {
			return visible(f.IO.Out, print)
		}
		if d.Output == fmtCSV && isFile(f.IO.Out) {
			_, _ = io.WriteString(f.IO.Out, record.BOM) // redirected to a file, for Excel
		}
		return print(f.IO.Out)
	}
	var b bytes.Buffer
	if d.Output == fmtCSV {
		b.WriteString(record.BOM) // a file is for Excel; a pipe to a script gets none
	}
	if people {
		if err := visible(&b, print); err != nil {
			return err
		}
	} else if err := print(&b); err != nil {
		return err
	}
	if err := writeOutput(f, d.file, b.Bytes(), d.Force, modeDocument); err != nil {
		return err
	}
	f.say(f.T("export.done", d.file))
	return nil
}

// isFile reports whether w is a regular file (standard output redirected
// with >).
func isFile(w io.Writer) bool {
	file, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode().IsRegular()
}

// visible runs print and writes what it printed to w with every direction
// control (U+202E…) shown as ⟪U+202E⟫, so that a name or an amount never
// reads differently on screen from what is stored.
func visible(w io.Writer, print func(w io.Writer) error) error {
	var b bytes.Buffer
	if err := print(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, minutes.ShowBidiControls(b.String()))
	return err
}

// warnDisguised warns of every text of m that holds direction controls:
// stored as typed, but worth a look.
func (f *factory) warnDisguised(m *minutes.Meeting) {
	var ws []minutes.Problem
	for _, field := range m.DisguisedFields() {
		ws = append(ws, minutes.Problem{Field: field, Reason: minutes.M("text.bidi")})
	}
	f.warnProblems(ws)
}

// warnProblems prints located notes that are not errors.
func (f *factory) warnProblems(ws []minutes.Problem) {
	for _, w := range ws {
		fmt.Fprintln(f.IO.ErrOut, minutes.ShowBidiControls(f.T("cli.warning", f.P.Problem(w))))
	}
}
