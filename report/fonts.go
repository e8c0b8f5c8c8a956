package report

import (
	"encoding/binary"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
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
		var one [65536 / 64]uint64
		cmapFormat4(f.ttf, func(r rune) { one[r/64] |= 1 << (r % 64) })
		for i := range all {
			all[i] &= one[i]
		}
	}
	return &all
})

// printable reports whether every style of the font has a glyph for r.
func printable(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	return coverage()[r/64]&(1<<(r%64)) != 0
}

// cmapFormat4 calls fn for every character the Unicode BMP cmap (platform 3,
// encoding 1, format 4) of a TrueType font maps to a glyph other than .notdef.
// Liberation's cmap is well formed; out-of-range offsets end the walk early
// rather than panic.
func cmapFormat4(ttf []byte, fn func(rune)) {
	u16 := func(o int) int {
		if o < 0 || o+2 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint16(ttf[o:]))
	}
	u32 := func(o int) int {
		if o < 0 || o+4 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint32(ttf[o:]))
	}
	cmap := -1
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
			break
		}
	}
	if cmap < 0 {
		return
	}
	sub := -1
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		if u16(rec) == 3 && u16(rec+2) == 1 {
			sub = cmap + u32(rec+4)
			break
		}
	}
	if sub < 0 || u16(sub) != 4 {
		return
	}
	segs := u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*segs
	deltas, rangeOffsets := starts+2*segs, starts+4*segs
	for s := 0; s < segs; s++ {
		end, start, delta, ro := u16(ends+2*s), u16(starts+2*s), u16(deltas+2*s), u16(rangeOffsets+2*s)
		if end < 0 || start < 0 || delta < 0 || ro < 0 {
			return
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				g = u16(rangeOffsets + 2*s + ro + 2*(c-start))
				if g < 0 {
					return
				}
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				fn(rune(c))
			}
		}
	}
}
