package minutes

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		want DocNumber
		out  string
	}{
		{"15-BB/TU", true, DocNumber{15, "BB", "TU", false}, "15-BB/TU"},
		{"05-TB/ĐU", true, DocNumber{5, "TB", "ĐU", false}, "05-TB/ĐU"},
		{"5-BC/VPTU", true, DocNumber{5, "BC", "VPTU", false}, "05-BC/VPTU"},
		{"07/BB-UBND", true, DocNumber{7, "BB", "UBND", true}, "07/BB-UBND"},
		{"12/TB-UBND", true, DocNumber{12, "TB", "UBND", true}, "12/TB-UBND"},
		{"112 / BC - UBND", true, DocNumber{112, "BC", "UBND", true}, "112/BC-UBND"},
		{"3/BC-VP-UBND", true, DocNumber{3, "BC", "VP-UBND", true}, "03/BC-VP-UBND"},
		{"0-BB/TU", false, DocNumber{}, ""},
		{"15/BB", false, DocNumber{}, ""},
		{"số 15", false, DocNumber{}, ""},
		{"15-bb/tu", false, DocNumber{}, ""},
		{"", false, DocNumber{}, ""},
	} {
		got, ok := ParseNumber(c.in)
		if ok != c.ok || got != c.want || (ok && got.String() != c.out) {
			t.Errorf("ParseNumber(%q) = %+v %v (%s), want %+v %v (%s)", c.in, got, ok, got.String(), c.want, c.ok, c.out)
		}
	}
	if b := (DocNumber{Type: "BC", Issuer: "UBND", State: true}).Blank(); !strings.HasSuffix(b, "/BC-UBND") || !strings.HasPrefix(b, "  ") {
		t.Errorf("blank %q", b)
	}
}

// The numbering periods: a calendar year for State bodies (NĐ 30/2020),
// the committee's term for Party bodies (36-HD/VPTW), five years from
// term_start, or from 1 January 2020 without it.
func TestNumberingPeriod(t *testing.T) {
	d := NewDate
	for _, c := range []struct {
		header           string
		day, term        Date
		wantFrom, wantTo Date
	}{
		{HeaderState, d(2021, 3, 2), Date{}, d(2021, 1, 1), d(2021, 12, 31)},
		{HeaderState, d(2021, 3, 2), d(2020, 10, 16), d(2021, 1, 1), d(2021, 12, 31)},
		{HeaderParty, d(2021, 3, 2), Date{}, d(2020, 1, 1), d(2024, 12, 31)},
		{HeaderParty, d(2025, 1, 1), Date{}, d(2025, 1, 1), d(2029, 12, 31)},
		{HeaderParty, d(2019, 6, 1), Date{}, d(2015, 1, 1), d(2019, 12, 31)},
		{HeaderParty, d(2021, 3, 2), d(2020, 10, 16), d(2020, 10, 16), d(2025, 10, 15)},
		{HeaderParty, d(2020, 10, 15), d(2020, 10, 16), d(2015, 10, 16), d(2020, 10, 15)},
		{HeaderParty, d(2025, 10, 16), d(2020, 10, 16), d(2025, 10, 16), d(2030, 10, 15)},
		{HeaderParty, d(2031, 1, 1), d(2020, 10, 16), d(2030, 10, 16), d(2035, 10, 15)},
		{"", d(2021, 3, 2), Date{}, d(2020, 1, 1), d(2024, 12, 31)},
	} {
		p := NumberingPeriod(c.header, c.day, c.term)
		if p.From != c.wantFrom || p.To != c.wantTo || !p.Contains(c.day) {
			t.Errorf("%s %s (term from %s): %s–%s, want %s–%s", c.header, c.day, c.term, p.From, p.To, c.wantFrom, c.wantTo)
		}
	}
	if n := TermName(NumberingPeriod(HeaderParty, d(2021, 1, 1), d(2020, 10, 16))); n != "nhiệm kỳ 2020–2025" {
		t.Errorf("term name %q", n)
	}
}

// The register's listing: every number dated in the window, the gaps
// between, by type and period.
func TestRegisterLines(t *testing.T) {
	d := NewDate
	year := Period{Kind: PeriodRange, From: d(2020, 1, 1), To: d(2024, 12, 31)}
	reg := func(number string, day Date) Registration {
		n, _ := ParseNumber(number)
		return Registration{Number: number, Parsed: n, Period: year, Date: day, Kind: DocMinutes}
	}
	rs := []Registration{reg("14-BB/TU", d(2020, 12, 20)), reg("17-BB/TU", d(2021, 1, 10)), reg("18-BB/TU", d(2021, 2, 1)),
		reg("02-TB/TU", d(2021, 3, 1)), reg("25-BB/TU", d(2022, 1, 5)), reg("21-BB/TU", d(2021, 12, 1))}
	var got []string
	for _, l := range RegisterLines(rs, d(2021, 1, 1), d(2021, 12, 31)) {
		s := l.Number
		if l.Gap {
			s = "(" + s + ")"
		}
		got = append(got, s)
	}
	want := "(15-BB/TU) (16-BB/TU) 17-BB/TU 18-BB/TU (19-BB/TU) (20-BB/TU) 21-BB/TU (22-BB/TU) (23-BB/TU) (24-BB/TU) (01-TB/TU) 02-TB/TU"
	if strings.Join(got, " ") != want {
		t.Errorf("register\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestAuthorities(t *testing.T) {
	for in, want := range map[string]string{"T/M": AuthOnBehalf, "tm.": AuthOnBehalf, "Thay mặt": AuthOnBehalf, "K/T": AuthFor, "KT": AuthFor,
		"ký thay": AuthFor, "TL.": AuthByOrder, "t/l": AuthByOrder, "thừa lệnh": AuthByOrder, "TUQ.": AuthDelegated, "thừa ủy quyền": AuthDelegated} {
		if got, ok := ParseAuthority(in); !ok || got != want {
			t.Errorf("%q: %s %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "thay", "KT/TL", "ủy quyền"} {
		if _, ok := ParseAuthority(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	// Written as each style writes it, and the record normalised to its style.
	m := &Meeting{Organization: "X", Title: "Y", Date: NewDate(2021, 1, 1), Chairs: []Person{{Name: "A"}}, Header: HeaderState,
		Notice: &Notice{Signer: &Signer{Authority: "t/l", For: "Chủ tịch", Title: "Chánh Văn phòng", Name: "B"}}}
	m.Normalize()
	if m.Notice.Signer.Authority != "TL." || strings.Join(m.Notice.Signer.Lines(HeaderState), "|") != "TL. CHỦ TỊCH|CHÁNH VĂN PHÒNG" {
		t.Errorf("state signer %+v", m.Notice.Signer)
	}
	m.Header = HeaderParty
	if strings.Join(m.Notice.Signer.Lines(HeaderParty), "|") != "T/L CHỦ TỊCH|CHÁNH VĂN PHÒNG" {
		t.Errorf("party lines %q", m.Notice.Signer.Lines(HeaderParty))
	}
}

func TestNoticeValidation(t *testing.T) {
	base := func() *Meeting {
		return &Meeting{Organization: "Thành ủy", Title: "Hội nghị", Date: NewDate(2021, 3, 25), Chairs: []Person{{Name: "A"}}, Header: HeaderParty}
	}
	p := NewCatalog(DomainMessages).Printer(LangEN)
	for name, c := range map[string]struct {
		notice *Notice
		field  string
		says   string
	}{
		"ErrNumberForm":      {&Notice{Number: "25/TB"}, "notice.number", "is not a document number"},
		"ErrNumberType":      {&Notice{Number: "25-BB/TU"}, "notice.number", "must carry the type TB, not BB (for example 25-TB/TU)"},
		"ErrSignerName":      {&Notice{Signer: &Signer{Title: "Phó Bí thư"}}, "notice.signer.name", "required"},
		"ErrAuthority":       {&Notice{Signer: &Signer{Authority: "thay", Name: "B"}}, "notice.signer.authority", "is not a signing authority"},
		"ErrAuthorityFor":    {&Notice{Signer: &Signer{Authority: "T/M", Name: "B"}}, "notice.signer.for", "whom T/M signs for"},
		"ErrPartyDelegation": {&Notice{Signer: &Signer{Authority: "TUQ.", For: "Bí thư", Name: "B"}}, "notice.signer.authority", "not signed by delegation"},
		"ErrConcludedBy":     {&Notice{ConcludedBy: &Person{Title: "Bí thư"}}, "notice.concluded_by.name", "required"},
	} {
		t.Run(name, func(t *testing.T) {
			m := base()
			m.Notice = c.notice
			m.Normalize()
			ps := Problems(m.Validate())
			if len(ps) != 1 || ps[0].Field != c.field || !strings.Contains(p.Msg(ps[0].Reason), c.says) {
				t.Fatalf("problems %+v (%s)", ps, p.Error(m.Validate()))
			}
		})
	}
	m := base()
	m.Notice = &Notice{Number: "25-TB/TU", Recipients: []string{" ", ""}, Signer: &Signer{}, ConcludedBy: &Person{}}
	m.Normalize()
	if err := m.Validate(); err != nil || m.Notice.Signer != nil || m.Notice.ConcludedBy != nil || m.Notice.Recipients != nil {
		t.Errorf("blank parts are dropped: %+v %v", m.Notice, err)
	}
	m.Notice = &Notice{}
	m.Normalize()
	if m.Notice != nil {
		t.Error("a blank notice block is none")
	}
	if err := base().CanIssueNotice(); ErrorCode(err) != EINVALID {
		t.Errorf("no conclusions: %v", err)
	}
}

func TestIssueSettings(t *testing.T) {
	for _, c := range []struct{ key, value, want string }{
		{"symbol", "VPTU", "VPTU"}, {"term_start", "16/10/2020", "2020-10-16"}, {"signer_authority", "tl.", "tl."},
		{"signer_authority", "TUQ.", "TUQ."}, {"signer_name", " Lê Văn Hùng ", "Lê Văn Hùng"}, {"recipients", "A; B", "A; B"},
	} {
		if got, err := CheckSetting(c.key, c.value); err != nil || got != c.want {
			t.Errorf("%s=%q: %q %v", c.key, c.value, got, err)
		}
	}
	for _, c := range []struct{ key, value string }{{"symbol", "tu"}, {"symbol", "T U"}, {"term_start", "2020"}, {"signer_authority", "thay"}} {
		if _, err := CheckSetting(c.key, c.value); ErrorCode(err) != EINVALID {
			t.Errorf("%s=%q accepted: %v", c.key, c.value, err)
		}
	}
	is := IssuingOf(map[string]string{"organization": "Văn phòng", "symbol": "VPTU", "term_start": "2020-10-16", "signer_name": "B",
		"signer_authority": "T/L", "signer_for": "Ban Thường vụ", "recipients": "Thường trực; Lưu Văn phòng;"})
	if is.Symbol != "VPTU" || is.TermStart != NewDate(2020, 10, 16) || is.Signer == nil || is.Signer.For != "Ban Thường vụ" ||
		strings.Join(is.Recipients, "|") != "Thường trực|Lưu Văn phòng" {
		t.Errorf("issuing %+v", is)
	}
	if IssuingOf(map[string]string{"signer_title": "X"}).Signer != nil {
		t.Error("a signer without a name")
	}
}
