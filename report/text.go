package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/minutes-vn/minutes/minutes"
)

// Messages are the messages of printing documents.
var Messages = minutes.Messages{
	"report.substituted": {
		"có ký tự phông chữ không in được, đã in thay bằng %q: %s",
		"has characters the font cannot print, printed as %q instead: %s",
	},
	"report.marks_dropped": {
		"có dấu kết hợp không ghép được vào chữ nào, đã bỏ khi in",
		"has combining marks that compose with no letter; they were left out of the PDF",
	},
	"report.failed": {
		"không tạo được tệp PDF: %v",
		"could not make the PDF: %v",
	},
	"report.docx_failed": {
		"không tạo được tệp Word: %v",
		"could not make the Word document: %v",
	},
	"report.reference_invalid": {
		"tệp Word mẫu không dùng được: %v",
		"the reference Word document cannot be used: %v",
	},
	"report.no_issuer": {
		"báo cáo gồm %d cơ quan, đơn vị phải được ban hành dưới tên cơ quan của văn phòng, nhưng chưa đặt tên cơ quan; đặt: minutes config set organization \"Văn phòng Tỉnh ủy Sóc Trăng\" (và parent_organization, header), hoặc báo cáo riêng một cơ quan: --org",
		"the report covers %d bodies and must be issued in the office's name, which is not set; set it: minutes config set organization \"Văn phòng Tỉnh ủy Sóc Trăng\" (and parent_organization, header), or report on one body: --org",
	},
}

// Warning is a non-fatal problem, e.g. a rune the font lacks that was
// substituted: the field it concerns and what was done.
type Warning struct {
	Field string
	Msg   minutes.Msg
}

// cleaner makes stored text safe for gofpdf and records what it changed.
// The database keeps the original; only the printed copy is altered.
type cleaner struct {
	warnings []Warning
}

// text returns s composed to NFC, with runes the font lacks (and anything
// beyond the BMP, which makes gofpdf panic) replaced by a visible substitute,
// leftover combining marks removed, tabs as spaces and other control
// characters dropped. Newlines are kept: callers split paragraphs on them.
func (c *cleaner) text(field, s string) string {
	s = strings.TrimSpace(norm.NFC.String(s))
	clean := true
	for _, r := range s {
		if r == '\n' || (r >= ' ' && r != 0x7F && printable(r) && !unicode.Is(unicode.Mn, r)) {
			continue
		}
		clean = false
		break
	}
	if clean {
		return s
	}
	var b strings.Builder
	var missing []string
	seen := map[rune]bool{}
	marks := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < ' ' || r == 0x7F || (r >= 0x80 && r < 0xA0):
			// Validation rejects control characters; a stray one in old
			// data is not worth a visible mark.
		case unicode.Is(unicode.Mn, r):
			// NFC has composed every Vietnamese mark; one left over has no
			// base letter to sit on, and gofpdf cannot place it anyway.
			marks = true
		case !printable(r):
			b.WriteRune(substitute)
			if !seen[r] {
				seen[r] = true
				missing = append(missing, fmt.Sprintf("%s (%U)", string(r), r))
			}
		default:
			b.WriteRune(r)
		}
	}
	if len(missing) > 0 {
		c.warnings = append(c.warnings, Warning{field, minutes.M("report.substituted", string(substitute), strings.Join(missing, ", "))})
	}
	if marks {
		c.warnings = append(c.warnings, Warning{field, minutes.M("report.marks_dropped")})
	}
	return strings.TrimSpace(b.String())
}

// line is text for a one-line field: newlines become spaces.
func (c *cleaner) line(field, s string) string {
	return strings.Join(strings.Fields(c.text(field, s)), " ")
}

// paragraphs splits a multi-paragraph field on newlines, dropping empty ones.
func (c *cleaner) paragraphs(field, s string) []string {
	var out []string
	for _, p := range strings.Split(c.text(field, s), "\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// upper is the capitalised form used for bodies in the header.
func upper(s string) string { return strings.ToUpper(s) }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// count formats a count in running text, one rule for every document: from
// one to nine with a leading zero ("08 lượt ý kiến", "02 đồng chí", "03
// hội nghị"), as the formats write the numbers of documents and the days
// of the date line, and as the seed minutes write their counts; zero is
// "0", not "00". Figures in tables and charts are plain numerals (vnInt),
// aligned by their last digit.
func count(n int) string {
	if n > 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return vnInt(n)
}

// vnInt formats n with dots between thousands: 1.000, 12.345.
func vnInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// vnDec formats x with one decimal and a comma: 67,5; 1.234,0.
func vnDec(x float64) string {
	x = math.Round(x*10) / 10
	neg := x < 0
	x = math.Abs(x)
	whole := int(x)
	tenth := int(math.Round((x - float64(whole)) * 10))
	if tenth == 10 {
		whole, tenth = whole+1, 0
	}
	s := vnInt(whole) + "," + strconv.Itoa(tenth)
	if neg && (whole != 0 || tenth != 0) {
		s = "−" + s
	}
	return s
}

// signedInt formats a change: +12, −3, 0.
func signedInt(n int) string {
	if n > 0 {
		return "+" + vnInt(n)
	}
	return vnInt(n)
}

// signedDec formats a change with one decimal: +2,5, −0,3, 0,0.
func signedDec(x float64) string {
	s := vnDec(x)
	if math.Round(x*10) > 0 {
		return "+" + s
	}
	return s
}
