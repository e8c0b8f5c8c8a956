package minutes

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time zone, so that no conversion can ever
// move a meeting to the day before. The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the Date y-m-d; it does not check validity.
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { y, m, d := t.Date(); return Date{y, m, d} }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as 2021-03-25, the canonical form in files and databases.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Short formats d as 25/03/2021, the way Vietnamese offices write a date in tables.
func (d Date) Short() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// Vietnamese formats d as "ngày 25 tháng 3 năm 2021". Following the rules for
// official documents, days below 10 and the months 1 and 2 take a leading zero.
func (d Date) Vietnamese() string {
	month := strconv.Itoa(int(d.Month))
	if d.Month <= 2 {
		month = fmt.Sprintf("%02d", int(d.Month))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day, month, d.Year)
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(int(d.Month), int(e.Month))
	default:
		return cmp.Compare(d.Day, e.Day)
	}
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// ParseDate accepts the dates a secretary writes: 25/3/2021, 25/03/2021
// (also with '-' or '.' between day, month and year, the same on both
// sides) and 2021-03-25, and rejects days that do not exist. Only ASCII
// digits count: a sign, a space inside, an empty part or a second kind of
// separator is a date nobody meant (strconv would read "-1/-3/2021" as
// 1 March 2021).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	y, m, d, ok := splitDate(s)
	if !ok {
		return Date{}, Errorm(EINVALID, "date.format", Brief(s))
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return Date{}, Errorm(EINVALID, "date.impossible", Brief(s))
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, Errorm(EINVALID, "date.impossible", Brief(s))
	}
	return Date{y, time.Month(m), d}, nil
}

// splitDate reads YYYY-M-D or D/M/YYYY (with one separator of / - .).
func splitDate(s string) (y, m, d int, ok bool) {
	a, rest, sep := digits(s, 4)
	if sep != '/' && sep != '-' && sep != '.' {
		return 0, 0, 0, false
	}
	b, rest, sep2 := digits(rest, 2)
	if sep2 != sep {
		return 0, 0, 0, false
	}
	c, rest, end := digits(rest, 4)
	if end != 0 || rest != "" {
		return 0, 0, 0, false
	}
	switch {
	case a.n == 4 && sep == '-' && c.n <= 2: // 2021-03-25
		return a.v, b.v, c.v, true
	case a.n <= 2 && c.n == 4: // 25/3/2021
		return c.v, b.v, a.v, true
	}
	return 0, 0, 0, false
}

type digitRun struct{ v, n int } // value and count of digits

// digits reads 1 to max ASCII digits at the start of s, and the separator
// after them ('/', '-' or '.'), or 0 at the end of s. sep is 0 and n is 0
// when s does not start so.
func digits(s string, max int) (num digitRun, rest string, sep byte) {
	i := 0
	for i < len(s) && i <= max && s[i] >= '0' && s[i] <= '9' {
		num.v = num.v*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || i > max {
		return digitRun{}, s, 0xff
	}
	num.n = i
	if i == len(s) {
		return num, "", 0
	}
	switch s[i] {
	case '/', '-', '.':
		return num, s[i+1:], s[i]
	}
	return digitRun{}, s, 0xff
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// Clock is a time of day in minutes after midnight.
type Clock struct {
	Hour, Minute int
}

// ParseClock accepts the times a secretary writes: 7:30, 07:30, 7h30, 7h
// and 07 giờ 30 (phút). The hour has one or two ASCII digits, the minutes
// two: "+7:+5", "7:5" or "0 7:3 0" are not times anybody meant.
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	bad := Errorm(EINVALID, "time.format", Brief(s))
	h, rest := 0, s
	n := 0
	for n < len(rest) && n < 3 && rest[n] >= '0' && rest[n] <= '9' {
		h = h*10 + int(rest[n]-'0')
		n++
	}
	if n == 0 || n > 2 {
		return Clock{}, bad
	}
	rest = strings.TrimLeft(rest[n:], " ")
	switch {
	case strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, "h"), strings.HasPrefix(rest, "H"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "giờ"):
		rest = rest[len("giờ"):]
	default:
		return Clock{}, bad
	}
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "phút"))
	m := 0
	switch {
	case rest == "" && !strings.Contains(s, ":"): // 7h, 7 giờ
	case len(rest) == 2 && rest[0] >= '0' && rest[0] <= '9' && rest[1] >= '0' && rest[1] <= '9':
		m = int(rest[0]-'0')*10 + int(rest[1]-'0')
	default:
		return Clock{}, bad
	}
	if h > 23 || m > 59 {
		return Clock{}, bad
	}
	return Clock{h, m}, nil
}

// String formats c as 07:30.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// Vietnamese formats c as "07 giờ 30 phút".
func (c Clock) Vietnamese() string { return fmt.Sprintf("%02d giờ %02d phút", c.Hour, c.Minute) }

// Minutes returns minutes since midnight.
func (c Clock) Minutes() int { return c.Hour*60 + c.Minute }

// Quarter is a calendar quarter such as 2021-Q1.
type Quarter struct {
	Year int
	Q    int // 1..4
}

// ParseQuarter accepts 2021-Q1, 2021Q1, Q1/2021, Q1-2021 and I/2021.
func ParseQuarter(s string) (Quarter, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	u = strings.ReplaceAll(u, " ", "")
	var year, q string
	switch {
	case strings.Contains(u, "/"):
		p := strings.SplitN(u, "/", 2)
		q, year = p[0], p[1]
	case strings.HasPrefix(u, "Q") && strings.Contains(u, "-"):
		p := strings.SplitN(u, "-", 2)
		q, year = p[0], p[1]
	default:
		i := strings.Index(u, "Q")
		if i < 0 {
			return Quarter{}, Errorm(EUSAGE, "quarter.format", s)
		}
		year, q = strings.TrimSuffix(u[:i], "-"), u[i:]
	}
	q = strings.TrimPrefix(q, "Q")
	n := map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "I": 1, "II": 2, "III": 3, "IV": 4}[q]
	y, err := strconv.Atoi(year)
	if n == 0 || err != nil || y < 1900 || y > 2200 {
		return Quarter{}, Errorm(EUSAGE, "quarter.format", s)
	}
	return Quarter{y, n}, nil
}

// QuarterOf returns the quarter d falls in.
func QuarterOf(d Date) Quarter { return Quarter{d.Year, (int(d.Month)-1)/3 + 1} }

// String formats q as 2021-Q1.
func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.Q) }

// Roman returns the quarter number as a Roman numeral: I, II, III, IV.
func (q Quarter) Roman() string { return [...]string{"", "I", "II", "III", "IV"}[q.Q] }

// Vietnamese formats q as "quý I/2021".
func (q Quarter) Vietnamese() string { return fmt.Sprintf("quý %s/%d", q.Roman(), q.Year) }

// First returns the first day of q.
func (q Quarter) First() Date { return Date{q.Year, time.Month(3*q.Q - 2), 1} }

// Last returns the last day of q.
func (q Quarter) Last() Date { return q.Next().First().AddDays(-1) }

// Prev returns the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// Next returns the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Months returns the three months of q.
func (q Quarter) Months() [3]time.Month {
	m := time.Month(3*q.Q - 2)
	return [3]time.Month{m, m + 1, m + 2}
}
