package report

import (
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/minutes-vn/minutes/internal/gofpdf"
)

// fontStyle is one of the four Liberation Serif files; gofpdf has no
// synthetic bold or italic, so each style is a font of its own.
type fontStyle int

const (
	regular fontStyle = iota
	bold
	italic
	boldItalic
	numStyles
)

type fontFile struct {
	ttf    []byte
	family string // the name gofpdf knows the font by
	style  string // gofpdf style letters
}

// fonts are shared by every document: the fork of gofpdf in internal/gofpdf
// only reads font bytes (upstream wrote into them), and names each embedded
// subset with a tag and the font's PostScript name.
var fonts = [numStyles]fontFile{
	regular:    {ttf: liberationserifregular.TTF, family: "LiberationSerif", style: ""},
	bold:       {ttf: liberationserifbold.TTF, family: "LiberationSerif", style: "B"},
	italic:     {ttf: liberationserifitalic.TTF, family: "LiberationSerif", style: "I"},
	boldItalic: {ttf: liberationserifbolditalic.TTF, family: "LiberationSerif", style: "BI"},
}

// coverage is the set of BMP runes that all four styles can print. It is
// computed once from the fonts' cmap tables and only read afterwards.
var coverage = sync.OnceValue(func() *[65536 / 64]uint64 {
	var all [65536 / 64]uint64
	for i := range all {
		all[i] = ^uint64(0)
	}
	for _, f := range fonts {
		glyphs, err := gofpdf.UTF8RuneGlyphs(f.ttf)
		if err != nil {
			panic("report: embedded Liberation font: " + err.Error())
		}
		var one [65536 / 64]uint64
		for r, g := range glyphs {
			if g != 0 {
				one[r/64] |= 1 << (r % 64)
			}
		}
		for i := range all {
			all[i] &= one[i]
		}
	}
	return &all
})

// Preload parses the fonts in the background. A command that opens the
// database and reads a meeting before it prints (a few milliseconds) finds
// them parsed: on two cores the parse, 2 ms at the start of a process,
// costs nothing. Rendering waits for it where it needs it, never for
// longer than the parse itself.
func Preload() {
	go coverage()
}

// printable reports whether every style of the font has a glyph for r.
func printable(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return coverage()[r/64]&(1<<(r%64)) != 0
}
