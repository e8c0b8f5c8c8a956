package minutes

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The number register: every document an office issues carries a number
// (số) and a symbol (ký hiệu) — 15-BB/TU in a Party body, 07/BB-UBND in a
// State one — unique per issuing body, document type and numbering period.
//
// The numbering period is the calendar year for State bodies (Nghị định
// 30/2020/NĐ-CP, Phụ lục I: "số của văn bản … là duy nhất trong một năm")
// and the term of the Party committee for Party bodies (Hướng dẫn
// 36-HD/VPTW, II.1: numbered "liên tục từ số 01 cho mỗi loại văn bản trong
// một nhiệm kỳ cấp ủy", the term running from the day after one congress
// closes to the end of the next). The register does not know when a
// congress closed: the office says so with the setting term_start; each
// term is taken to last five years from it, backwards and forwards, until
// the office sets the next one. Without the setting, terms begin on
// 1 January of 2020, 2025, 2030…, an approximation that a Party office
// should replace with its own date.

// Document types, as the symbol abbreviates them.
const (
	TypeMinutes = "BB" // biên bản
	TypeNotice  = "TB" // thông báo
	TypeReport  = "BC" // báo cáo
)

// Kinds of registered document.
const (
	DocMinutes = "minutes"
	DocNotice  = "notice"
	DocReport  = "report"
)

// DocNumber is a document's number and symbol.
type DocNumber struct {
	Seq    int
	Type   string // BB, TB, BC
	Issuer string // the issuing body's abbreviation: TU, UBND, ĐU
	State  bool   // written 07/BB-UBND (State) rather than 15-BB/TU (Party)
}

// The patterns of numbers, compiled on first use: their Unicode classes
// take 0.6 ms to compile, a tenth of the start of every command.
var (
	partyNumber = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^0*(\d{1,6})\s*-\s*(\p{Lu}+)\s*/\s*([\p{Lu}\p{N}][\p{Lu}\p{N}\-.]*)$`)
	})
	stateNumber = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^0*(\d{1,6})\s*/\s*(\p{Lu}+)\s*-\s*([\p{Lu}\p{N}][\p{Lu}\p{N}\-.]*)$`)
	})
	symbolRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\p{Lu}\p{N}][\p{Lu}\p{N}\-.]*$`) })
)

// ParseNumber reads a number as Party (15-BB/TU) or State (07/BB-UBND)
// documents write it, with or without leading zeros.
func ParseNumber(s string) (DocNumber, bool) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		re    *regexp.Regexp
		state bool
	}{{partyNumber(), false}, {stateNumber(), true}} {
		if m := f.re.FindStringSubmatch(s); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n == 0 {
				return DocNumber{}, false
			}
			return DocNumber{Seq: n, Type: m[2], Issuer: m[3], State: f.state}, true
		}
	}
	return DocNumber{}, false
}

// String writes n as its style does, numbers below 10 with a leading zero
// (Nghị định 30/2020, Phụ lục I; Hướng dẫn 36-HD/VPTW numbers from 01).
func (n DocNumber) String() string {
	if n.State {
		return fmt.Sprintf("%02d/%s-%s", n.Seq, n.Type, n.Issuer)
	}
	return fmt.Sprintf("%02d-%s/%s", n.Seq, n.Type, n.Issuer)
}

// Blank is the number with room for the number itself, for a draft that
// the registry numbers by hand: "   -BC/TU", "   /BC-UBND".
func (n DocNumber) Blank() string {
	if n.State {
		return fmt.Sprintf("      /%s-%s", n.Type, n.Issuer)
	}
	return fmt.Sprintf("      -%s/%s", n.Type, n.Issuer)
}

// CheckSymbol reports why s cannot be a body's abbreviation in a number.
func CheckSymbol(s string) Msg {
	if !symbolRE().MatchString(s) {
		return M("number.symbol", s)
	}
	return Msg{}
}

// TermYears is the length assumed of a Party committee's term.
const TermYears = 5

// defaultTermStart anchors the terms when the office has not said when its
// own began.
var defaultTermStart = Date{2020, 1, 1}

// NumberingPeriod is the span within which a body's numbers of one type
// run from 01: the calendar year of d for a State body, the term of the
// Party committee holding d for a Party body (termStart: the first day of
// one of its terms; zero for the default).
func NumberingPeriod(header string, d Date, termStart Date) Period {
	if header == HeaderState {
		return YearPeriod(d.Year)
	}
	anchor := termStart
	if anchor.IsZero() {
		anchor = defaultTermStart
	}
	k := (d.Year - anchor.Year) / TermYears
	if d.Year < anchor.Year {
		k = -((anchor.Year - d.Year + TermYears - 1) / TermYears)
	}
	start := anchor.addYears(k * TermYears)
	for d.Before(start) {
		start = start.addYears(-TermYears)
	}
	for !d.Before(start.addYears(TermYears)) {
		start = start.addYears(TermYears)
	}
	return Period{Kind: PeriodRange, From: start, To: start.addYears(TermYears).AddDays(-1)}
}

// TermName names a Party numbering period: "nhiệm kỳ 2020–2025".
func TermName(p Period) string {
	return fmt.Sprintf("nhiệm kỳ %d–%d", p.From.Year, p.From.Year+TermYears)
}

// Registration is one document of the register: which body issued which
// number, when, and what it is.
type Registration struct {
	ID           int64
	Organization string // the issuing body as its documents spell it
	Number       string // as written: 15-BB/TU
	Parsed       DocNumber
	Period       Period // the numbering period it counts in
	Header       string // HeaderParty (numbered by term) or HeaderState (by year)
	Kind         string // DocMinutes, DocNotice, DocReport
	MeetingID    int64  // the meeting whose minutes or notice it is; 0 for a report
	Subject      string // a report's period (2021-Q1), which recognises it when reissued
	Date         Date
	Title        string
	CreatedAt    time.Time
	CreatedBy    string
}

// Holder names the document that holds a number, for a message: the
// meeting whose minutes or notice it is, or the report.
func (r Registration) Holder() Msg {
	switch r.Kind {
	case DocMinutes:
		return M("number.holder_minutes", r.MeetingID, r.Title)
	case DocNotice:
		return M("number.holder_notice", r.MeetingID, r.Title)
	}
	return M("number.holder_report", r.Title, r.Date.Short())
}

// NumberTaken is the conflict of a number another document holds.
func NumberTaken(number string, holder Registration) *Error {
	return Errorm(ECONFLICT, "number.taken", number, holder.Holder())
}

// RegisterFilter selects the register of one body over a span of days.
type RegisterFilter struct {
	Org      string // matched ignoring case and diacritics
	From, To Date
}

// RegisterLine is one line of the listing: a registration, or a number
// left unused between two that were (a gap).
type RegisterLine struct {
	Type   string
	Seq    int
	Period Period
	Gap    bool
	Registration
}

// RegisterLines lists rs (all of one body, any periods) with the gaps
// between consecutive numbers of each type and period, keeping the lines
// dated in [from, to] and the gaps that fall between them: a gap is shown
// when a number above it or below it is in the window. Sorted by type,
// period, number.
func RegisterLines(rs []Registration, from, to Date) []RegisterLine {
	type key struct {
		typ   string
		start Date
	}
	groups := map[key][]Registration{}
	var keys []key
	for _, r := range rs {
		k := key{r.Parsed.Type, r.Period.From}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	sortKeys := func(a, b key) int {
		if a.typ != b.typ {
			return strings.Compare(a.typ, b.typ)
		}
		return a.start.Compare(b.start)
	}
	slices.SortFunc(keys, sortKeys)
	in := func(d Date) bool {
		return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !to.Before(d))
	}
	var out []RegisterLine
	for _, k := range keys {
		g := groups[k]
		slices.SortStableFunc(g, func(a, b Registration) int { return a.Parsed.Seq - b.Parsed.Seq })
		prev := 0
		prevIn := false
		for _, r := range g {
			cur := in(r.Date)
			if (cur || prevIn) && r.Parsed.Seq > prev+1 {
				for s := prev + 1; s < r.Parsed.Seq; s++ {
					n := r.Parsed
					n.Seq = s
					out = append(out, RegisterLine{Type: k.typ, Seq: s, Period: r.Period, Gap: true,
						Registration: Registration{Number: n.String(), Parsed: n, Period: r.Period}})
				}
			}
			if cur {
				out = append(out, RegisterLine{Type: k.typ, Seq: r.Parsed.Seq, Period: r.Period, Registration: r})
			}
			if r.Parsed.Seq > prev {
				prev = r.Parsed.Seq
			}
			prevIn = cur
		}
	}
	return out
}

// NumberRequest is the number a document is to be issued with: Number as
// the secretary typed it, or Next for the next free one, taken inside the
// transaction that registers it, so that two secretaries numbering at the
// same moment get 16 and 17.
type NumberRequest struct {
	Number string
	Next   bool
}

// IsZero reports a request for no number at all.
func (r NumberRequest) IsZero() bool { return r.Number == "" && !r.Next }

// NumberStore keeps the register. Every method is one transaction. The
// numbers of minutes and notices are registered by the store whenever a
// meeting is written (Store); these are the register's own operations.
type NumberStore interface {
	// Registrations returns every registration of the body org names
	// (ignoring case and diacritics); RegisterLines picks the window.
	Registrations(ctx context.Context, org string) ([]Registration, error)

	// NextNumber proposes the next free number of type typ for body org in
	// the numbering period of day d under header: one above the highest
	// registered. symbol is the body's abbreviation; "" takes the one its
	// last registered number carries. EINVALID when none is known.
	NextNumber(ctx context.Context, org, header, typ, symbol string, d Date) (DocNumber, error)

	// FinalizeNumbered is Finalize giving minutes that have no number yet
	// the one req asks for. ECONFLICT when another document holds it.
	FinalizeNumbered(ctx context.Context, id int64, version int, req NumberRequest, symbol string) error

	// IssueNotice gives the notice of meeting id the number req asks for,
	// unless it has one already, and returns the number it holds.
	// ENOTFOUND, ECONFLICT when another document holds the number.
	IssueNotice(ctx context.Context, id int64, req NumberRequest, symbol string) (string, error)

	// RegisterReport records the number of a report, r.Number set to the
	// number taken. The same report issued again (same body, subject and
	// date) keeps its number. ECONFLICT when another document holds it.
	RegisterReport(ctx context.Context, r *Registration, header string, req NumberRequest, symbol string) error
}

var numberMessages = Messages{
	"number.symbol": {
		"%q không phải là ký hiệu viết tắt của cơ quan (chữ in hoa và số, ví dụ TU, UBND, ĐU)",
		"%q is not a body's abbreviation (capital letters and digits, such as TU, UBND, ĐU)"},
	"number.taken": {
		"số %s đã được dùng: %s",
		"number %s is already used: %s"},
	"number.holder_minutes": {
		"biên bản cuộc họp %d «%s»",
		"the minutes of meeting %d «%s»"},
	"number.holder_notice": {
		"thông báo kết luận của cuộc họp %d «%s»",
		"the notice of conclusions of meeting %d «%s»"},
	"number.holder_report": {
		"báo cáo «%s» ngày %s",
		"the report «%s» of %s"},
	"number.bad": {
		"%q không phải là số, ký hiệu văn bản; viết như 15-BB/TU (văn bản của Đảng) hoặc 07/BB-UBND (văn bản nhà nước)",
		"%q is not a document number; write it as 15-BB/TU (Party documents) or 07/BB-UBND (State documents)"},
	"number.wrong_type": {
		"số của %s phải có ký hiệu loại văn bản %s, không phải %s (ví dụ %s)",
		"the number of a %s must carry the type %s, not %s (for example %s)"},
	"number.no_symbol": {
		"chưa biết ký hiệu viết tắt của %s để lấy số; ghi số (--number %s) hoặc đặt: minutes config set symbol TU",
		"the abbreviation of %s is not known, so no number can be proposed; give one (--number %s) or set it: minutes config set symbol TU"},
	"doctype.minutes": {"biên bản", "minutes"},
	"doctype.notice":  {"thông báo", "notice"},
	"doctype.report":  {"báo cáo", "report"},
}

// RegisterRun is a line of the register as people read it: one number in
// use, or a run of unused numbers of one type (First to Last, Count of
// them).
type RegisterRun struct {
	First, Last RegisterLine
	Count       int
}

// Runs folds consecutive unused numbers of one type into runs, as the
// register is shown: "01-BB/TU – 14-BB/TU (14 numbers unused)".
func Runs(lines []RegisterLine) []RegisterRun {
	var out []RegisterRun
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		j := i
		if l.Gap {
			for j+1 < len(lines) && lines[j+1].Gap && lines[j+1].Type == l.Type && lines[j+1].Seq == lines[j].Seq+1 {
				j++
			}
		}
		out = append(out, RegisterRun{First: l, Last: lines[j], Count: j - i + 1})
		i = j
	}
	return out
}
