package docx

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// xw writes XML by hand: encoding/xml's reflection is several times slower
// for the tens of thousands of elements of a large report, and element
// order — which Word checks — is clearer in code than in struct tags.
type xw struct{ bytes.Buffer }

// start writes <name a1="v1" …>; attrs alternate names and values.
func (w *xw) start(name string, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(name)
	w.attrs(attrs)
	w.WriteByte('>')
}

// empty writes <name a1="v1" …/>.
func (w *xw) empty(name string, attrs ...string) {
	w.WriteByte('<')
	w.WriteString(name)
	w.attrs(attrs)
	w.WriteString("/>")
}

func (w *xw) end(name string) {
	w.WriteString("</")
	w.WriteString(name)
	w.WriteByte('>')
}

// val writes <name w:val="v"/>, the shape of most WordprocessingML properties.
func (w *xw) val(name, v string) { w.empty(name, "w:val", v) }

// elem writes <name>text</name>.
func (w *xw) elem(name, text string) {
	w.start(name)
	w.text(text)
	w.end(name)
}

func (w *xw) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteByte(' ')
		w.WriteString(attrs[i])
		w.WriteString(`="`)
		w.text(attrs[i+1])
		w.WriteByte('"')
	}
}

// text writes s escaped, composed to NFC: Vietnamese typed on some keyboards
// arrives decomposed, and Word shows and searches the composed form.
func (w *xw) text(s string) {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if plain(s) {
		w.WriteString(s)
		return
	}
	// encoding/xml escapes quotes and white space and replaces what XML
	// cannot hold (control characters, invalid UTF-8) with U+FFFD.
	_ = xml.EscapeText(w, []byte(s))
}

// plain reports whether s can be written as it is.
func plain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '&', c == '<', c == '>', c == '"':
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.ContainsAny(s, "\uFFFE\uFFFF")
}

func itoa(n int) string { return strconv.Itoa(n) }

// Twips are twentieths of a point, WordprocessingML's unit of length.
type Twips int

// MM converts millimetres to twips.
func MM(mm float64) Twips { return Twips(round(mm * 1440 / 25.4)) }

// Pt converts points to twips.
func Pt(pt float64) Twips { return Twips(round(pt * 20)) }

func round(x float64) int {
	if x < 0 {
		return -int(-x + 0.5)
	}
	return int(x + 0.5)
}

func (t Twips) String() string { return strconv.Itoa(int(t)) }

// emu converts twips to English Metric Units, DrawingML's unit (635 per twip).
func (t Twips) emu() string { return strconv.Itoa(int(t) * 635) }
