package app

import (
	"context"
	"os"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/report"
)

// Document is a printed document: its bytes and the texts that had to be
// changed to print (the stored record keeps the original).
type Document struct {
	Data     []byte
	Warnings []report.Warning
}

// MinutesPDF renders the minutes of m. EINTERNAL when no PDF could be made.
func MinutesPDF(m *minutes.Meeting) (Document, error) {
	pdf, warnings, err := report.Minutes(m)
	if err != nil {
		return Document{Warnings: warnings}, minutes.Errorm(minutes.EINTERNAL, "export.failed", m.ID, err)
	}
	return Document{Data: pdf, Warnings: warnings}, nil
}

// MinutesDocx renders the minutes of m as a Word document, styled after
// reference (an office's own .docx; nil for the official setup).
func MinutesDocx(m *minutes.Meeting, reference []byte) (Document, error) {
	b, warnings, err := report.MinutesDocx(m, report.DocxOptions{Reference: reference})
	return Document{Data: b, Warnings: warnings}, err
}

// QuarterlyDocx renders the quarterly report of in as a Word document.
func QuarterlyDocx(in report.QuarterlyInput, reference []byte) (Document, error) {
	return ReportDocx(in, reference)
}

// Reference returns the reference Word document that styles the office's
// documents: the file at path when one is given (--reference-doc), else the
// one the office setting reference_doc names, else nil for the official
// setup. EINVALID when the file cannot be read or is no Word document.
func (s *Service) Reference(ctx context.Context, path string) ([]byte, error) {
	setting := ""
	if path == "" {
		set, err := s.Settings(ctx)
		if err != nil {
			return nil, err
		}
		if path = set["reference_doc"]; path == "" {
			return nil, nil
		}
		setting = "reference_doc"
	}
	return readReference(path, setting)
}

func readReference(path, setting string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		err = report.CheckReference(b)
	}
	if err != nil {
		if setting != "" {
			return nil, minutes.Errorm(minutes.EINVALID, "docx.reference_setting", path, err)
		}
		return nil, minutes.Errorm(minutes.EINVALID, "docx.reference", path, err)
	}
	return b, nil
}

// Period asks for a report: the period (Span; zero takes Quarter, as the
// quarterly report asks), the organisation ("" for all of them) and the
// report's date (zero: today).
type Period struct {
	Quarter minutes.Quarter
	Span    minutes.Period
	Org     string
	Date    minutes.Date
}

// ReportInput loads what the report of p needs: the meetings of the
// period, of the period before and of the same period a year before, the
// follow-up of the conclusions due in it judged on the report's date, and
// the office issuing a report that covers several bodies.
func (s *Service) ReportInput(ctx context.Context, p Period) (report.ReportInput, error) {
	span := p.Span
	if span.IsZero() {
		span = minutes.QuarterPeriod(p.Quarter)
	}
	in := report.ReportInput{Period: span, Org: p.Org, Date: p.Date, Today: p.Date}
	if q, ok := span.Quarter(); ok {
		in.Quarter = q
	}
	if in.Date.IsZero() {
		in.Date, in.Today = s.Today(), s.Today()
	}
	db, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return in, err
	}
	load := func(q minutes.Period) ([]*minutes.Meeting, error) {
		return db.FindMeetings(ctx, minutes.Filter{From: q.From, To: q.To, Org: p.Org})
	}
	if in.Meetings, err = load(span); err != nil {
		return in, err
	}
	if in.Previous, err = load(span.Prev()); err != nil {
		return in, err
	}
	if span.Kind != minutes.PeriodYear {
		if in.YearBefore, err = load(span.YearBefore()); err != nil {
			return in, err
		}
	}
	if in.Tasks, err = db.FindTasks(ctx, minutes.TaskFilter{From: span.From, To: span.To, Org: p.Org}); err != nil {
		return in, err
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return in, err
	}
	in.Issuer, in.IssuerParent, in.IssuerHeader = settings["organization"], settings["parent_organization"], settings["header"]
	return in, nil
}

// QuarterlyInput is ReportInput, as the quarterly report asks for it.
func (s *Service) QuarterlyInput(ctx context.Context, p Period) (report.QuarterlyInput, error) {
	return s.ReportInput(ctx, p)
}

// ReportPDF renders the report of in. EINVALID when it covers several
// bodies and no office issues it; EINTERNAL when no PDF could be made.
func ReportPDF(in report.ReportInput) (Document, error) {
	pdf, warnings, err := report.Report(in)
	return Document{Data: pdf, Warnings: warnings}, renderError(err, "report.failed_render")
}

// ReportDocx renders the report of in as a Word document.
func ReportDocx(in report.ReportInput, reference []byte) (Document, error) {
	b, warnings, err := report.ReportDocx(in, report.DocxOptions{Reference: reference})
	return Document{Data: b, Warnings: warnings}, err
}

// QuarterlyPDF renders the quarterly report of in: ReportPDF.
func QuarterlyPDF(in report.QuarterlyInput) (Document, error) { return ReportPDF(in) }
