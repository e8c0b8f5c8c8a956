package app

import (
	"context"

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
