/*
 * Copyright (c) 2013-2014 Kurt Jung (Gmail: kurt.w.jung)
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

package gofpdf

import (
	"bytes"
	"time"
)

// Version of FPDF from which this package is derived
const (
	cnFpdfVersion = "1.7"
)

// pdfVersion is the version in the header: upstream raised it from 1.3 only
// for blend modes, layers and some page layouts, which this fork lacks.
const pdfVersion = "1.3"

type colorType struct {
	r, g, b    float64
	ir, ig, ib int
	gray       bool
	str        string
}

// SizeType fields Wd and Ht specify the horizontal and vertical extents of a
// document element such as a page.
type SizeType struct {
	Wd, Ht float64
}

// Fpdf is the principal structure for creating a single PDF document
//
// Fork: only what package report reaches is left (README.md lists what went
// and why): pages of one size, UTF-8 TrueType text in cells, lines,
// rectangles, RGB colours and the document information. The writer still
// puts out every object and dictionary upstream wrote for such a document,
// empty ones included, so that the output is byte for byte upstream's.
type Fpdf struct {
	page             int                    // current page number
	n                int                    // current object number
	offsets          []int                  // array of object offsets
	buffer           fmtBuffer              // buffer holding in-memory PDF
	pages            []*bytes.Buffer        // slice[page] of page content; 1-based
	state            int                    // current document state
	k                float64                // scale factor (number of points in user unit)
	wPt, hPt         float64                // dimensions of the pages in points
	w, h             float64                // dimensions of the pages in user unit
	lMargin          float64                // left margin
	tMargin          float64                // top margin
	rMargin          float64                // right margin
	cMargin          float64                // cell margin
	x, y             float64                // current position in user unit
	lineWidth        float64                // line width in user unit
	fonts            map[string]fontDefType // array of used fonts
	fontFamily       string                 // current font family
	fontStyle        string                 // current font style
	currentFont      fontDefType            // current font info
	fontSizePt       float64                // current font size in points
	fontSize         float64                // current font size in user unit
	autoPageBreak    bool                   // automatic page breaking
	pageBreakTrigger float64                // threshold used to trigger page breaks
	producer         string                 // producer
	title            string                 // title
	subject          string                 // subject
	keywords         string                 // keywords
	author           string                 // author
	creator          string                 // creator
	creationDate     time.Time              // override for document CreationDate value
	modDate          time.Time              // override for document ModDate value
	err              error                  // Set if error occurs during life cycle of instance
	catalogSort      bool                   // sort resource catalogs in document
	cutFonts         fontCuts               // Fork: the font subsets, cut while the pages are written
	colorFlag        bool                   // indicates whether fill and text colors are different
	color            struct {
		// Composite values of colors
		draw, fill, text colorType
	}
}

type fontBoxType struct {
	Xmin, Ymin, Xmax, Ymax int
}

// FontDescType (font descriptor) specifies metrics and other
// attributes of a font, as distinct from the metrics of individual
// glyphs (as defined in the pdf specification).
type FontDescType struct {
	// The maximum height above the baseline reached by glyphs in this
	// font (for example for "S"). The height of glyphs for accented
	// characters shall be excluded.
	Ascent int
	// The maximum depth below the baseline reached by glyphs in this
	// font. The value shall be a negative number.
	Descent int
	// The vertical coordinate of the top of flat capital letters,
	// measured from the baseline (for example "H").
	CapHeight int
	// A collection of flags defining various characteristics of the
	// font (PDF 32000-1:2008, 9.8.2).
	Flags int
	// A rectangle, expressed in the glyph coordinate system, that
	// shall specify the font bounding box. This should be the smallest
	// rectangle enclosing the shape that would result if all of the
	// glyphs of the font were placed with their origins coincident
	// and then filled.
	FontBBox fontBoxType
	// The angle, expressed in degrees counterclockwise from the
	// vertical, of the dominant vertical strokes of the font. (The
	// 9-o’clock position is 90 degrees, and the 3-o’clock position
	// is –90 degrees.) The value shall be negative for fonts that
	// slope to the right, as almost all italic fonts do.
	ItalicAngle int
	// The thickness, measured horizontally, of the dominant vertical
	// stems of glyphs in the font.
	StemV int
	// The width to use for character codes whose widths are not
	// specified in a font dictionary’s Widths array. This shall have
	// a predictable effect only if all such codes map to glyphs whose
	// actual widths are the same as the value of the MissingWidth
	// entry. (Default value: 0.)
	MissingWidth int
}

type fontDefType struct {
	Name      string        // the key of the font in Fpdf.fonts
	Desc      FontDescType  // Font descriptor
	Cw        []uint16      // Character width by ordinal (Fork: uint16, not int: 384 KB less per font)
	N         int           // object number, set when the font is written
	i         string        // ID of the font in the resource dictionary
	utf8File  *utf8FontFile // UTF-8 font
	usedRunes map[int]int   // Array of used runes
}
