package minutes

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Quận":                     "quan",
		"ĐẢNG BỘ":                  "dang bo",
		"Ủy ban nhân dân Phường 2": "uy ban nhan dan phuong 2",
		"Nguye\u0302\u0303n (NFD)": "nguyen (nfd)",
		"Hội nghị – “OCOP” 100%":   "hoi nghi – “ocop” 100%",
		"Ελληνικά, Русский, 中文, 👍": "ελληνικα, русскии, 中文, 👍",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFoldTableAgreesWithNormalisation checks every rune the table covers
// against the plain definition: NFD, drop marks, đ→d, lower case.
func TestFoldTableAgreesWithNormalisation(t *testing.T) {
	for r := rune(0x80); r < foldTableSize; r++ {
		var b strings.Builder
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			if d == 'đ' || d == 'Đ' {
				d = 'd'
			}
			b.WriteString(strings.ToLower(string(d)))
		}
		want := b.String()
		if len([]rune(want)) > 1 {
			continue // several letters (ligatures): the table keeps the rune
		}
		if got := Fold(string(r)); got != want {
			t.Errorf("Fold(%U %q) = %q, want %q", r, r, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Hội nghị Ban Chấp hành Đảng bộ thành phố Sóc Trăng đánh giá tình hình kinh tế - xã hội quý I/2021"
	for i := 0; i < b.N; i++ {
		Fold(s)
	}
}
