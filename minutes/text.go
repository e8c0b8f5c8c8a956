package minutes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Length limits, in characters (runes), from SPEC §1.
const (
	MaxTitle = 1000
	MaxText  = 100000
)

// Clean trims s and normalises it to NFC. Vietnamese typed on some keyboards
// or pasted from macOS arrives decomposed (NFD); gofpdf cannot shape
// combining marks, so every string is composed before it is stored.
func Clean(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}

// checkText reports why s is not acceptable text, or "" when it is.
func checkText(s string, max int) string {
	if !utf8.ValidString(s) {
		return T("text.utf8")
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) {
			return T("text.control", r)
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return T("text.too_long", n, max)
	}
	return ""
}

// Fold maps s to a search key that ignores case and Vietnamese diacritics:
// "Quận" and "quan" fold alike, and so do "Đảng" and "dang". It runs in Go
// so that SQLite (whose lower() is ASCII-only) and PostgreSQL agree.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
