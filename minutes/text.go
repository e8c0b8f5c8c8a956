package minutes

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Length limits, in characters (runes): far above any real record, low
// enough that a wrong paste is refused with a clear message.
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

// CheckText reports why s is not acceptable text of at most max
// characters, or the zero Msg when it is.
func CheckText(s string, max int) Msg {
	if !utf8.ValidString(s) {
		return M("text.utf8")
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) {
			return M("text.control", r)
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return M("text.too_long", n, max)
	}
	return Msg{}
}

// Brief shortens s to be quoted in a message: a key or a value of a
// hundred thousand characters is named by its first forty.
func Brief(s string) string {
	const most = 40
	if len(s) <= most {
		return s
	}
	n := 0
	for i := range s {
		if n == most {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Fold maps s to a search key that ignores case and Vietnamese diacritics:
// "Quận" and "quan" fold alike, and so do "Đảng" and "dang". It runs in Go
// so that SQLite (whose lower() is ASCII-only) and PostgreSQL agree.
func Fold(s string) string {
	foldOnce.Do(buildFoldTable)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < foldTableSize:
			if f := foldTable[r]; f != 0 {
				b.WriteRune(f)
			}
		default:
			foldSlow(&b, r)
		}
	}
	return b.String()
}

// foldTableSize covers Latin-1, Latin Extended A and B, the combining marks
// and Latin Extended Additional, where every Vietnamese letter lives.
const foldTableSize = 0x2000

var (
	foldOnce  sync.Once
	foldTable [foldTableSize]rune // 0: the rune folds to nothing (a mark)
)

// buildFoldTable folds each rune of the table once, the slow way; a search
// key is then a table lookup per letter instead of a normalisation.
func buildFoldTable() {
	var b strings.Builder
	for r := rune(0); r < foldTableSize; r++ {
		b.Reset()
		foldSlow(&b, r)
		if f := []rune(b.String()); len(f) == 1 {
			foldTable[r] = f[0]
		} else if len(f) > 1 {
			foldTable[r] = unicode.ToLower(r) // no single base letter: keep it
		}
	}
}

// foldSlow decomposes r (NFD), drops the combining marks, maps đ to d and
// lower-cases the rest.
func foldSlow(b *strings.Builder, r rune) {
	for _, d := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, d):
		case d == 'đ' || d == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(d))
		}
	}
}

// isBidiControl reports the invisible characters that change the direction
// of text (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C):
// with them an amount or a name can read differently from what is stored.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// HasBidiControls reports whether s holds a character that changes the
// direction of text.
func HasBidiControls(s string) bool {
	return strings.IndexFunc(s, isBidiControl) >= 0
}

// ShowBidiControls returns s with each direction control written visibly,
// as ⟪U+202E⟫, for terminals and web pages: the database keeps the text as
// typed, but nobody reads it disguised.
func ShowBidiControls(s string) string {
	if !HasBidiControls(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isBidiControl(r) {
			fmt.Fprintf(&b, "⟪U+%04X⟫", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// DisguisedFields lists the text fields of m that hold direction controls,
// for a warning when the record is stored.
func (m *Meeting) DisguisedFields() []string {
	var out []string
	for _, f := range m.texts() {
		if HasBidiControls(*f.ptr) {
			out = append(out, f.path())
		}
	}
	return out
}
