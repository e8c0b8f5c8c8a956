package minutes

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kinds of report period, as offices report: by quarter, six months, nine
// months, year, or any range of days.
const (
	PeriodQuarter = "quarter"
	PeriodHalf    = "half"
	PeriodNine    = "9m"
	PeriodYear    = "year"
	PeriodRange   = "range"
)

// Period is the span of days a report covers. The zero Period is no period.
type Period struct {
	Kind     string
	Year     int
	N        int  // the quarter (1–4) or the half (1–2)
	From, To Date // inclusive
}

// QuarterPeriod is the period of quarter q.
func QuarterPeriod(q Quarter) Period {
	return Period{Kind: PeriodQuarter, Year: q.Year, N: q.Q, From: q.First(), To: q.Last()}
}

// HalfPeriod is the first (n = 1) or the last (n = 2) six months of year y.
func HalfPeriod(y, n int) Period {
	from := Date{y, time.Month(6*n - 5), 1}
	return Period{Kind: PeriodHalf, Year: y, N: n, From: from, To: from.addMonths(6).AddDays(-1)}
}

// NineMonths is the first nine months of year y.
func NineMonths(y int) Period {
	return Period{Kind: PeriodNine, Year: y, From: Date{y, 1, 1}, To: Date{y, 9, 30}}
}

// YearPeriod is the calendar year y.
func YearPeriod(y int) Period {
	return Period{Kind: PeriodYear, Year: y, From: Date{y, 1, 1}, To: Date{y, 12, 31}}
}

// RangePeriod is the days from `from` to `to`, both included. A range that
// is exactly a quarter, a half, nine months or a year is named as such.
func RangePeriod(from, to Date) Period {
	p := Period{Kind: PeriodRange, From: from, To: to}
	for _, named := range namedPeriods(from.Year) {
		if named.From == from && named.To == to {
			return named
		}
	}
	return p
}

func namedPeriods(y int) []Period {
	ps := []Period{YearPeriod(y), NineMonths(y), HalfPeriod(y, 1), HalfPeriod(y, 2)}
	for q := 1; q <= 4; q++ {
		ps = append(ps, QuarterPeriod(Quarter{y, q}))
	}
	return ps
}

// ParsePeriod reads a report period: a quarter (2021-Q1, and the forms
// ParseQuarter accepts), a half (2021-H1, 2021-H2, also H1/2021 and
// 2021-6M for the first), nine months (2021-9M, 9M/2021) or a year (2021).
// EUSAGE otherwise.
func ParsePeriod(s string) (Period, error) {
	u := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if y, err := strconv.Atoi(u); err == nil && len(u) == 4 {
		if y < 1900 || y > 2200 {
			return Period{}, Errorm(EUSAGE, "period.format", s)
		}
		return YearPeriod(y), nil
	}
	year, part, ok := splitPeriod(u)
	if ok {
		y, err := strconv.Atoi(year)
		if err == nil && y >= 1900 && y <= 2200 {
			switch part {
			case "H1", "6M", "6T":
				return HalfPeriod(y, 1), nil
			case "H2":
				return HalfPeriod(y, 2), nil
			case "9M", "9T":
				return NineMonths(y), nil
			}
		}
	}
	if q, err := ParseQuarter(s); err == nil {
		return QuarterPeriod(q), nil
	}
	return Period{}, Errorm(EUSAGE, "period.format", s)
}

// splitPeriod splits 2021-H1, 2021H1, H1/2021 and H1-2021 into year and part.
func splitPeriod(u string) (year, part string, ok bool) {
	for _, sep := range []string{"-", "/"} {
		if a, b, found := strings.Cut(u, sep); found {
			if len(a) == 4 {
				return a, b, true
			}
			return b, a, true
		}
	}
	if len(u) > 4 {
		return u[:4], u[4:], true
	}
	return "", "", false
}

// IsZero reports whether p is no period.
func (p Period) IsZero() bool { return p.From.IsZero() }

// Contains reports whether d falls in p.
func (p Period) Contains(d Date) bool { return !d.Before(p.From) && !p.To.Before(d) }

// Quarter returns the quarter p is, and whether it is one.
func (p Period) Quarter() (Quarter, bool) {
	return Quarter{p.Year, p.N}, p.Kind == PeriodQuarter
}

// String formats p as it is written on the command line: 2021-Q1,
// 2021-H1, 2021-9M, 2021, or 2021-01-01..2021-06-30 for a range.
func (p Period) String() string {
	switch p.Kind {
	case PeriodQuarter:
		return Quarter{p.Year, p.N}.String()
	case PeriodHalf:
		return fmt.Sprintf("%d-H%d", p.Year, p.N)
	case PeriodNine:
		return fmt.Sprintf("%d-9M", p.Year)
	case PeriodYear:
		return strconv.Itoa(p.Year)
	}
	return p.From.String() + ".." + p.To.String()
}

// Vietnamese names p as a report's title does: "quý I/2021", "6 tháng đầu
// năm 2021", "6 tháng cuối năm 2021", "9 tháng đầu năm 2021", "năm 2021",
// "từ ngày 01/01/2021 đến ngày 30/6/2021".
func (p Period) Vietnamese() string {
	switch p.Kind {
	case PeriodQuarter:
		return Quarter{p.Year, p.N}.Vietnamese()
	case PeriodHalf:
		if p.N == 2 {
			return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
		}
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	case PeriodNine:
		return fmt.Sprintf("9 tháng đầu năm %d", p.Year)
	case PeriodYear:
		return fmt.Sprintf("năm %d", p.Year)
	}
	return "từ ngày " + p.From.Numeric() + " đến ngày " + p.To.Numeric()
}

// FileName is p in a file name: quy-I-2021, 6-thang-dau-nam-2021,
// 9-thang-dau-nam-2021, nam-2021, 01-01-2021-den-30-06-2021.
func (p Period) FileName() string {
	switch p.Kind {
	case PeriodQuarter:
		return fmt.Sprintf("quy-%s-%d", Quarter{p.Year, p.N}.Roman(), p.Year)
	case PeriodHalf:
		if p.N == 2 {
			return fmt.Sprintf("6-thang-cuoi-nam-%d", p.Year)
		}
		return fmt.Sprintf("6-thang-dau-nam-%d", p.Year)
	case PeriodNine:
		return fmt.Sprintf("9-thang-dau-nam-%d", p.Year)
	case PeriodYear:
		return fmt.Sprintf("nam-%d", p.Year)
	}
	f := func(d Date) string { return fmt.Sprintf("%02d-%02d-%04d", d.Day, int(d.Month), d.Year) }
	return f(p.From) + "-den-" + f(p.To)
}

// Months is the number of whole months p spans, or 0 when it does not
// start on the first of a month and end on the last day of one.
func (p Period) Months() int {
	if p.From.Day != 1 || p.To.AddDays(1).Day != 1 || p.To.Before(p.From) {
		return 0
	}
	end := p.To.AddDays(1)
	return (end.Year-p.From.Year)*12 + int(end.Month) - int(p.From.Month)
}

// Days is the number of days of p.
func (p Period) Days() int { return DaysBetween(p.From, p.To) + 1 }

// Prev is the period of the same length that ends the day before p
// begins: the previous quarter, the last six months of the year before
// a first half, the year before. A range of whole months is followed back
// by as many months, any other range by as many days.
func (p Period) Prev() Period {
	switch p.Kind {
	case PeriodQuarter:
		return QuarterPeriod(Quarter{p.Year, p.N}.Prev())
	case PeriodHalf:
		if p.N == 2 {
			return HalfPeriod(p.Year, 1)
		}
		return HalfPeriod(p.Year-1, 2)
	case PeriodYear:
		return YearPeriod(p.Year - 1)
	}
	if n := p.Months(); n > 0 {
		return RangePeriod(p.From.addMonths(-n), p.From.AddDays(-1))
	}
	return RangePeriod(p.From.AddDays(-p.Days()), p.From.AddDays(-1))
}

// YearBefore is the same period a year earlier ("cùng kỳ năm trước"); for
// a year it is the year before, which is also Prev.
func (p Period) YearBefore() Period {
	switch p.Kind {
	case PeriodQuarter:
		return QuarterPeriod(Quarter{p.Year - 1, p.N})
	case PeriodHalf:
		return HalfPeriod(p.Year-1, p.N)
	case PeriodNine:
		return NineMonths(p.Year - 1)
	case PeriodYear:
		return YearPeriod(p.Year - 1)
	}
	return RangePeriod(p.From.addYears(-1), p.To.addYears(-1))
}

// Bucket is one bar of a report's chart: a month, a quarter or a year of
// the period, clipped to it.
type Bucket struct {
	Key      string // 2021-01, 2021-Q1 or 2021
	From, To Date
	Month    time.Month // for a month
	Quarter  int        // for a quarter
	Year     int
}

// Buckets splits p for its chart: by quarter for a year, by month for a
// period of up to twelve months, by quarter up to twelve quarters, else
// by year.
func (p Period) Buckets() []Bucket {
	if p.To.Before(p.From) {
		return nil
	}
	months := (p.To.Year-p.From.Year)*12 + int(p.To.Month) - int(p.From.Month) + 1
	quarters := (p.To.Year-p.From.Year)*4 + (int(p.To.Month)-1)/3 - (int(p.From.Month)-1)/3 + 1
	var out []Bucket
	clip := func(b Bucket) Bucket {
		if b.From.Before(p.From) {
			b.From = p.From
		}
		if p.To.Before(b.To) {
			b.To = p.To
		}
		return b
	}
	switch {
	case p.Kind != PeriodYear && months <= 12:
		for d := (Date{p.From.Year, p.From.Month, 1}); !p.To.Before(d); d = d.addMonths(1) {
			out = append(out, clip(Bucket{Key: fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)), From: d,
				To: d.addMonths(1).AddDays(-1), Month: d.Month, Year: d.Year}))
		}
	case quarters <= 12:
		for q := QuarterOf(p.From); !p.To.Before(q.First()); q = q.Next() {
			out = append(out, clip(Bucket{Key: q.String(), From: q.First(), To: q.Last(), Quarter: q.Q, Year: q.Year}))
		}
	default:
		for y := p.From.Year; y <= p.To.Year; y++ {
			out = append(out, clip(Bucket{Key: strconv.Itoa(y), From: Date{y, 1, 1}, To: Date{y, 12, 31}, Year: y}))
		}
	}
	return out
}

// Numeric formats d as Vietnamese running text writes a short date, with
// the leading-zero rule of the date line: 05/02/2021, 25/3/2021.
func (d Date) Numeric() string {
	month := strconv.Itoa(int(d.Month))
	if d.Month <= 2 {
		month = fmt.Sprintf("%02d", int(d.Month))
	}
	return fmt.Sprintf("%02d/%s/%d", d.Day, month, d.Year)
}

// addMonths returns d moved by n months; d is the first of a month.
func (d Date) addMonths(n int) Date {
	return DateOf(time.Date(d.Year, d.Month+time.Month(n), d.Day, 0, 0, 0, 0, time.UTC))
}

// addYears returns d moved by n years; 29 February becomes 28 February.
func (d Date) addYears(n int) Date {
	t := time.Date(d.Year+n, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.Day {
		t = time.Date(d.Year+n, d.Month, d.Day-1, 0, 0, 0, 0, time.UTC)
	}
	return DateOf(t)
}

var periodMessages = Messages{
	"period.format": {
		"kỳ báo cáo %q không hợp lệ; viết 2021-Q1 (quý), 2021-H1 (6 tháng đầu năm), 2021-H2, 2021-9M (9 tháng), 2021 (cả năm), hoặc dùng --from và --to",
		"the report period %q is not valid; write 2021-Q1 (a quarter), 2021-H1 (the first six months), 2021-H2, 2021-9M (nine months), 2021 (the year), or use --from and --to"},
	"period.range": {
		"ngày bắt đầu %s sau ngày kết thúc %s",
		"the first day %s is after the last day %s"},
}
