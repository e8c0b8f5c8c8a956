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
	b, warnings, err := report.QuarterlyDocx(in, report.DocxOptions{Reference: reference})
	return Document{Data: b, Warnings: warnings}, err
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

// Period asks for a report: the quarter, the organisation ("" for all of
// them) and the report's date (zero: today).
type Period struct {
	Quarter minutes.Quarter
	Org     string
	Date    minutes.Date
}

// QuarterlyInput loads what the quarterly report of p needs: the quarter's
// meetings and the previous quarter's, the follow-up of the conclusions due
// in it judged on the report's date, and the office issuing a report that
// covers several bodies.
func (s *Service) QuarterlyInput(ctx context.Context, p Period) (report.QuarterlyInput, error) {
	q := p.Quarter
	in := report.QuarterlyInput{Quarter: q, Org: p.Org, Date: p.Date, Today: p.Date}
	if in.Date.IsZero() {
		in.Date, in.Today = s.Today(), s.Today()
	}
	db, err := s.Store(ctx)
	if err != nil {
		return in, err
	}
	if in.Meetings, err = db.FindMeetings(ctx, minutes.Filter{From: q.First(), To: q.Last(), Org: p.Org}); err != nil {
		return in, err
	}
	prev := q.Prev()
	if in.Previous, err = db.FindMeetings(ctx, minutes.Filter{From: prev.First(), To: prev.Last(), Org: p.Org}); err != nil {
		return in, err
	}
	if in.Tasks, err = db.FindTasks(ctx, minutes.TaskFilter{From: q.First(), To: q.Last(), Org: p.Org}); err != nil {
		return in, err
	}
	settings, err := db.Settings(ctx)
	if err != nil {
		return in, err
	}
	in.Issuer, in.IssuerParent = settings["organization"], settings["parent_organization"]
	return in, nil
}

// QuarterlyPDF renders the quarterly report of in. EINTERNAL when no PDF
// could be made.
func QuarterlyPDF(in report.QuarterlyInput) (Document, error) {
	pdf, warnings, err := report.Quarterly(in)
	if err != nil {
		return Document{Warnings: warnings}, minutes.Errorm(minutes.EINTERNAL, "report.failed_render", err)
	}
	return Document{Data: pdf, Warnings: warnings}, nil
}
