package app

import (
	"context"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/report"
)

// Issue says how a document is issued: its number — the one a secretary
// typed, the next free one, or none yet, for a draft printed with the
// number left blank for the registry — and who signs it and receives it
// when the front end gives them (else the record's, else the office's).
type Issue struct {
	Number     minutes.NumberRequest
	Signer     *minutes.Signer
	Recipients []string
}

// issuing returns the office's settings for the documents it issues.
func (s *Service) issuing(ctx context.Context) (minutes.Issuing, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return minutes.Issuing{}, err
	}
	return minutes.IssuingOf(set), nil
}

// symbolOf is the abbreviation of org in numbers as the office set it
// (symbol), when org is the office itself; "" lets the register find it
// in org's last number.
func symbolOf(is minutes.Issuing, org string) string {
	if is.Symbol != "" && sameBody(is.Organization, org) {
		return is.Symbol
	}
	return ""
}

// sameBody reports whether two names are one body's, as --org matches.
func sameBody(a, b string) bool {
	return a != "" && minutes.Fold(minutes.Clean(a)) == minutes.Fold(minutes.Clean(b))
}

// ProposeNumber is the next free number of type typ for body org in the
// numbering period of day d: what a secretary is offered when a document
// is issued. EINVALID when the body's abbreviation is not known.
func (s *Service) ProposeNumber(ctx context.Context, org, header, typ string, d minutes.Date) (minutes.DocNumber, error) {
	is, err := s.issuing(ctx)
	if err != nil {
		return minutes.DocNumber{}, err
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return minutes.DocNumber{}, err
	}
	return db.NextNumber(ctx, org, header, typ, symbolOf(is, org), d)
}

// blankNumber is the number line of a draft: the body's symbol with room
// for the number ("      -TB/TU"), or "" when the symbol is not known.
func (s *Service) blankNumber(ctx context.Context, org, header, typ string, d minutes.Date) string {
	n, err := s.ProposeNumber(ctx, org, header, typ, d)
	if err != nil {
		return ""
	}
	return n.Blank()
}

// FinalizeNumbered approves draft id as Finalize does, giving minutes that
// have no number the one req asks for (the next free one, or the one typed)
// in the same transaction. ECONFLICT when another document holds it,
// EINVALID for a number that is not one of minutes.
func (s *Service) FinalizeNumbered(ctx context.Context, id int64, version int, req minutes.NumberRequest) error {
	db, err := s.storeFor(ctx, minutes.PermFinalize)
	if err != nil {
		return err
	}
	m, err := db.FindMeetingByID(ctx, id)
	if err != nil {
		return err
	}
	is, err := s.issuing(ctx)
	if err != nil {
		return err
	}
	return db.FinalizeNumbered(ctx, id, version, req, symbolOf(is, m.Organization))
}

// NoticeInput resolves what the notice of conclusions of m needs: its
// number — the register's, or one taken now as is.Number asks, or the
// blank form of a draft —, the signer and Nơi nhận (the front end's, else
// the record's, else the office's, and for Nơi nhận last the minutes').
// EINVALID when the meeting recorded no conclusion; ECONFLICT when the
// number asked for is another document's.
func (s *Service) NoticeInput(ctx context.Context, m *minutes.Meeting, is Issue) (report.NoticeInput, error) {
	in := report.NoticeInput{Meeting: m}
	if err := m.CanIssueNotice(); err != nil {
		return in, err
	}
	office, err := s.issuing(ctx)
	if err != nil {
		return in, err
	}
	n := m.Notice
	if n == nil {
		n = &minutes.Notice{}
	}
	d := n.Date
	if d.IsZero() {
		d = m.Date
	}
	in.Number = n.Number
	if in.Number == "" && !is.Number.IsZero() {
		db, err := s.storeFor(ctx, minutes.PermRecord)
		if err != nil {
			return in, err
		}
		if in.Number, err = db.IssueNotice(ctx, m.ID, is.Number, symbolOf(office, m.Organization)); err != nil {
			return in, err
		}
		if m.Notice == nil {
			m.Notice = &minutes.Notice{}
		}
		m.Notice.Number = in.Number
	}
	if in.Number == "" {
		in.Number = s.blankNumber(ctx, m.Organization, m.Header, minutes.TypeNotice, d)
	}
	// The office's signer and Nơi nhận are its own documents': another
	// body's notice falls back on the minutes' recipients, and is signed
	// as its record says.
	var officeSigner *minutes.Signer
	var officeRecipients []string
	if sameBody(office.Organization, m.Organization) {
		officeSigner, officeRecipients = office.Signer, office.Recipients
	}
	in.Signer = firstSigner(is.Signer, n.Signer, officeSigner)
	in.Recipients = firstList(is.Recipients, n.Recipients, officeRecipients, m.Recipients)
	return in, nil
}

// NoticePDF renders the notice of conclusions of in.
func NoticePDF(in report.NoticeInput) (Document, error) {
	b, warnings, err := report.Notice(in)
	return Document{Data: b, Warnings: warnings}, renderError(err, "notice.failed")
}

// NoticeDocx renders the notice of conclusions of in as a Word document.
func NoticeDocx(in report.NoticeInput, reference []byte) (Document, error) {
	b, warnings, err := report.NoticeDocx(in, report.DocxOptions{Reference: reference})
	return Document{Data: b, Warnings: warnings}, err
}

// IssueReport makes the report of in issuable: its number — the one
// registered for it before, one taken now as is.Number asks, or the blank
// form of a draft —, its signer and Nơi nhận (the front end's, else the
// office's). EINVALID when the report covers several bodies and no office
// issues it; ECONFLICT when the number asked for is another document's.
func (s *Service) IssueReport(ctx context.Context, in *report.ReportInput, is Issue) error {
	office, err := s.issuing(ctx)
	if err != nil {
		return err
	}
	org, header, err := in.IssuingBody()
	if err != nil {
		return err
	}
	if sameBody(office.Organization, org) || is.Signer != nil {
		in.Signer = firstSigner(is.Signer, office.Signer)
	}
	if sameBody(office.Organization, org) || len(is.Recipients) > 0 {
		in.Recipients = firstList(is.Recipients, office.Recipients)
	}
	if org == "" {
		return nil
	}
	date := in.Date
	if date.IsZero() {
		date = in.ReportPeriod().To
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return err
	}
	r := &minutes.Registration{Organization: org, Subject: in.ReportPeriod().String(), Date: date, Title: in.Title()}
	req := is.Number
	if req.IsZero() {
		// Issued before: printed again with its number.
		rs, err := db.Registrations(ctx, org)
		if err != nil {
			return err
		}
		for _, x := range rs {
			if x.Kind == minutes.DocReport && x.Subject == r.Subject {
				in.Number = x.Number
				return nil
			}
		}
		in.Number = s.blankNumber(ctx, org, header, minutes.TypeReport, date)
		return nil
	}
	if err := db.RegisterReport(ctx, r, header, req, symbolOf(office, org)); err != nil {
		return err
	}
	in.Number = r.Number
	return nil
}

// Register lists the register of body org over a year: every number
// dated in it, with the numbers left unused between them.
func (s *Service) Register(ctx context.Context, org string, year int) ([]minutes.RegisterLine, error) {
	db, err := s.storeFor(ctx, minutes.PermRead)
	if err != nil {
		return nil, err
	}
	if !minutes.PrincipalOf(ctx).Admin() && !minutes.PrincipalOf(ctx).Sees(org, minutes.StatusFinalized) {
		return []minutes.RegisterLine{}, nil // another office's register is not told
	}
	rs, err := db.Registrations(ctx, org)
	if err != nil {
		return nil, err
	}
	return minutes.RegisterLines(rs, minutes.NewDate(year, 1, 1), minutes.NewDate(year, 12, 31)), nil
}

func firstSigner(ss ...*minutes.Signer) *minutes.Signer {
	for _, s := range ss {
		if s != nil && s.Name != "" {
			return s
		}
	}
	return nil
}

func firstList(ls ...[]string) []string {
	for _, l := range ls {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

// renderError passes the refusals of a document (EINVALID: a notice
// without conclusions, a report without its issuer) as they are, and
// wraps what failed inside the renderer.
func renderError(err error, key string) error {
	switch minutes.ErrorCode(err) {
	case "":
		return nil
	case minutes.EINVALID, minutes.ECONFLICT:
		return err
	}
	return minutes.Errorm(minutes.EINTERNAL, key, err)
}
