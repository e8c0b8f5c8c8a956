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

// Version: 1.7
// Date:    2011-06-18
// Author:  Olivier PLATHEY
// Port to Go: Kurt Jung, 2013-07-15

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type fmtBuffer struct {
	bytes.Buffer
}

func (b *fmtBuffer) printf(fmtStr string, args ...interface{}) {
	b.Buffer.WriteString(fmt.Sprintf(fmtStr, args...))
}

// New returns a pointer to a new Fpdf instance. Its methods are subsequently
// called to produce a single PDF document.
//
// orientationStr specifies the page orientation. For portrait mode,
// specify "P" or "Portrait". For landscape mode, specify "L" or "Landscape".
// An empty string will be replaced with "P".
//
// unitStr specifies the unit of length used in size parameters for elements
// other than fonts, which are always measured in points. Specify "pt" for
// point, "mm" for millimeter, "cm" for centimeter, or "in" for inch. An empty
// string will be replaced with "mm".
//
// sizeStr specifies the page size. Acceptable values are "A3", "A4", "A5",
// "Letter", "Legal", or "Tabloid". An empty string will be replaced with "A4".
//
// fontDirStr is unused: this fork reads fonts only from bytes given to
// AddUTF8FontFromBytes. It is kept for upstream's signature.
func New(orientationStr, unitStr, sizeStr, fontDirStr string) (f *Fpdf) {
	f = new(Fpdf)
	if orientationStr == "" {
		orientationStr = "p"
	} else {
		orientationStr = strings.ToLower(orientationStr)
	}
	if unitStr == "" {
		unitStr = "mm"
	}
	if sizeStr == "" {
		sizeStr = "A4"
	}
	f.page = 0
	f.n = 2
	f.pages = make([]*bytes.Buffer, 0, 8)
	f.pages = append(f.pages, bytes.NewBufferString("")) // pages[0] is unused (1-based)
	f.state = 0
	f.fonts = make(map[string]fontDefType)
	f.fontFamily = ""
	f.fontStyle = ""
	f.fontSizePt = 12
	f.setDrawColor(0, 0, 0)
	f.setFillColor(0, 0, 0)
	f.setTextColor(0, 0, 0)
	f.colorFlag = false
	// Scale factor
	switch unitStr {
	case "pt", "point":
		f.k = 1.0
	case "mm":
		f.k = 72.0 / 25.4
	case "cm":
		f.k = 72.0 / 2.54
	case "in", "inch":
		f.k = 72.0
	default:
		f.err = fmt.Errorf("incorrect unit %s", unitStr)
		return
	}
	f.fontSize = f.fontSizePt / f.k
	// Page sizes
	stdPageSizes := map[string]SizeType{
		"a3":      {841.89, 1190.55},
		"a4":      {595.28, 841.89},
		"a5":      {420.94, 595.28},
		"a6":      {297.64, 420.94},
		"a2":      {1190.55, 1683.78},
		"a1":      {1683.78, 2383.94},
		"letter":  {612, 792},
		"legal":   {612, 1008},
		"tabloid": {792, 1224},
	}
	size, ok := stdPageSizes[strings.ToLower(sizeStr)]
	if !ok {
		f.err = fmt.Errorf("unknown page size %s", sizeStr)
		return
	}
	size.Wd /= f.k
	size.Ht /= f.k
	// Page orientation
	switch orientationStr {
	case "p", "portrait":
		f.w, f.h = size.Wd, size.Ht
	case "l", "landscape":
		f.w, f.h = size.Ht, size.Wd
	default:
		f.err = fmt.Errorf("incorrect orientation: %s", orientationStr)
		return
	}
	f.wPt = f.w * f.k
	f.hPt = f.h * f.k
	// Page margins (1 cm)
	margin := 28.35 / f.k
	f.SetMargins(margin, margin, margin)
	// Interior cell margin (1 mm)
	f.cMargin = margin / 10
	// Line width (0.2 mm)
	f.lineWidth = 0.567 / f.k
	// 	Automatic page break
	f.SetAutoPageBreak(true, 2*margin)
	f.SetProducer("FPDF "+cnFpdfVersion, true)
	return
}

// Err returns true if a processing error has occurred.
func (f *Fpdf) Err() bool {
	return f.err != nil
}

// Error returns the internal Fpdf error; this will be nil if no error has occurred.
func (f *Fpdf) Error() error {
	return f.err
}

// SetMargins defines the left, top and right margins. By default, they equal 1
// cm. Call this method to change them. If the value of the right margin is
// less than zero, it is set to the same as the left margin.
func (f *Fpdf) SetMargins(left, top, right float64) {
	f.lMargin = left
	f.tMargin = top
	if right < 0 {
		right = left
	}
	f.rMargin = right
}

// SetCellMargin sets the cell margin. This is the amount of space before and
// after the text within a cell that's left blank, and is in units passed to
// New().
func (f *Fpdf) SetCellMargin(margin float64) {
	f.cMargin = margin
}

// SetAutoPageBreak enables or disables the automatic page breaking mode. When
// enabling, the second parameter is the distance from the bottom of the page
// that defines the triggering limit. By default, the mode is on and the margin
// is 2 cm.
func (f *Fpdf) SetAutoPageBreak(auto bool, margin float64) {
	f.autoPageBreak = auto
	f.pageBreakTrigger = f.h - margin
}

// SetProducer defines the producer of the document. isUTF8 indicates if the string
// is encoded in ISO-8859-1 (false) or UTF-8 (true).
func (f *Fpdf) SetProducer(producerStr string, isUTF8 bool) {
	if isUTF8 {
		producerStr = utf8toutf16(producerStr)
	}
	f.producer = producerStr
}

// SetTitle defines the title of the document. isUTF8 indicates if the string
// is encoded in ISO-8859-1 (false) or UTF-8 (true).
func (f *Fpdf) SetTitle(titleStr string, isUTF8 bool) {
	if isUTF8 {
		titleStr = utf8toutf16(titleStr)
	}
	f.title = titleStr
}

// SetSubject defines the subject of the document. isUTF8 indicates if the
// string is encoded in ISO-8859-1 (false) or UTF-8 (true).
func (f *Fpdf) SetSubject(subjectStr string, isUTF8 bool) {
	if isUTF8 {
		subjectStr = utf8toutf16(subjectStr)
	}
	f.subject = subjectStr
}

// SetKeywords defines the keywords of the document (the Info dictionary's
// /Keywords). isUTF8 indicates if the string is encoded in ISO-8859-1
// (false) or UTF-8 (true).
func (f *Fpdf) SetKeywords(keywordsStr string, isUTF8 bool) {
	if isUTF8 {
		keywordsStr = utf8toutf16(keywordsStr)
	}
	f.keywords = keywordsStr
}

// SetAuthor defines the author of the document. isUTF8 indicates if the string
// is encoded in ISO-8859-1 (false) or UTF-8 (true).
func (f *Fpdf) SetAuthor(authorStr string, isUTF8 bool) {
	if isUTF8 {
		authorStr = utf8toutf16(authorStr)
	}
	f.author = authorStr
}

// SetCreator defines the creator of the document. isUTF8 indicates if the
// string is encoded in ISO-8859-1 (false) or UTF-8 (true).
func (f *Fpdf) SetCreator(creatorStr string, isUTF8 bool) {
	if isUTF8 {
		creatorStr = utf8toutf16(creatorStr)
	}
	f.creator = creatorStr
}

// Close terminates the PDF document. It is not necessary to call this method
// explicitly because Output() does it automatically. If the document
// contains no page, AddPage() is called to prevent the generation of an
// invalid document.
func (f *Fpdf) Close() {
	if f.err != nil {
		return
	}
	if f.state == 3 {
		return
	}
	if f.page == 0 {
		f.AddPage()
		if f.err != nil {
			return
		}
	}
	// Close page
	f.state = 1
	// Close document
	f.enddoc()
}

// AddPage adds a new page to the document. The page is added and the current
// position set to the top-left corner according to the left and top margins.
//
// The font which was set before calling is automatically restored. There is no
// need to call SetFont() again if you want to continue with the same font. The
// same is true for colors and line width.
//
// The origin of the coordinate system is at the top-left corner and increasing
// ordinates go downwards.
func (f *Fpdf) AddPage() {
	if f.err != nil {
		return
	}
	familyStr := f.fontFamily
	style := f.fontStyle
	fontsize := f.fontSizePt
	lw := f.lineWidth
	dc := f.color.draw
	fc := f.color.fill
	tc := f.color.text
	cf := f.colorFlag

	// Start new page
	f.page++
	f.pages = append(f.pages, bytes.NewBufferString(""))
	f.state = 2
	f.x = f.lMargin
	f.y = f.tMargin
	f.fontFamily = ""
	// 	Set line cap and line join styles (butt, miter)
	f.out("0 J")
	f.out("0 j")
	// Set line width
	f.lineWidth = lw
	f.outf("%.2f w", lw*f.k)
	// 	Set font
	if familyStr != "" {
		f.SetFont(familyStr, style, fontsize)
		if f.err != nil {
			return
		}
	}
	// 	Set colors
	f.color.draw = dc
	if dc.str != "0 G" {
		f.out(dc.str)
	}
	f.color.fill = fc
	if fc.str != "0 g" {
		f.out(fc.str)
	}
	f.color.text = tc
	f.colorFlag = cf
	// Restore font (upstream did so after the page header)
	if familyStr != "" {
		f.SetFont(familyStr, style, fontsize)
	}
}

func colorComp(v int) (int, float64) {
	if v < 0 {
		v = 0
	} else if v > 255 {
		v = 255
	}
	return v, float64(v) / 255.0
}

func rgbColorValue(r, g, b int, grayStr, fullStr string) (clr colorType) {
	clr.ir, clr.r = colorComp(r)
	clr.ig, clr.g = colorComp(g)
	clr.ib, clr.b = colorComp(b)
	clr.gray = clr.ir == clr.ig && clr.r == clr.b
	if clr.gray {
		clr.str = sprintf("%.3f %s", clr.r, grayStr)
	} else {
		clr.str = sprintf("%.3f %.3f %.3f %s", clr.r, clr.g, clr.b, fullStr)
	}
	return
}

// SetDrawColor defines the color used for all drawing operations (lines,
// rectangles and cell borders). It is expressed in RGB components (0 - 255).
// The method can be called before the first page is created. The value is
// retained from page to page.
func (f *Fpdf) SetDrawColor(r, g, b int) {
	f.setDrawColor(r, g, b)
}

func (f *Fpdf) setDrawColor(r, g, b int) {
	f.color.draw = rgbColorValue(r, g, b, "G", "RG")
	if f.page > 0 {
		f.out(f.color.draw.str)
	}
}

// SetFillColor defines the color used for all filling operations (filled
// rectangles and cell backgrounds). It is expressed in RGB components (0
// -255). The method can be called before the first page is created and the
// value is retained from page to page.
func (f *Fpdf) SetFillColor(r, g, b int) {
	f.setFillColor(r, g, b)
}

func (f *Fpdf) setFillColor(r, g, b int) {
	f.color.fill = rgbColorValue(r, g, b, "g", "rg")
	f.colorFlag = f.color.fill.str != f.color.text.str
	if f.page > 0 {
		f.out(f.color.fill.str)
	}
}

func (f *Fpdf) setTextColor(r, g, b int) {
	f.color.text = rgbColorValue(r, g, b, "g", "rg")
	f.colorFlag = f.color.fill.str != f.color.text.str
}

// GetStringWidth returns the length of a string in user units. A font must be
// currently selected.
func (f *Fpdf) GetStringWidth(s string) float64 {
	if f.err != nil {
		return 0
	}
	w := f.GetStringSymbolWidth(s)
	return float64(w) * f.fontSize / 1000
}

// GetStringSymbolWidth returns the length of a string in glyph units. A font
// must be currently selected.
func (f *Fpdf) GetStringSymbolWidth(s string) int {
	if f.err != nil {
		return 0
	}
	w := 0
	for _, char := range s {
		intChar := int(char)
		// Fork: > and not >=, which let a rune of U+10000 index past the end.
		if len(f.currentFont.Cw) > intChar && f.currentFont.Cw[intChar] > 0 {
			if f.currentFont.Cw[intChar] != 65535 {
				w += int(f.currentFont.Cw[intChar])
			}
		} else if f.currentFont.Desc.MissingWidth != 0 {
			w += f.currentFont.Desc.MissingWidth
		} else {
			w += 500
		}
	}
	return w
}

// SetLineWidth defines the line width. By default, the value equals 0.2 mm.
// The method can be called before the first page is created. The value is
// retained from page to page.
func (f *Fpdf) SetLineWidth(width float64) {
	f.lineWidth = width
	if f.page > 0 {
		f.outf("%.2f w", width*f.k)
	}
}

// Line draws a line between points (x1, y1) and (x2, y2) using the current
// draw color and line width.
func (f *Fpdf) Line(x1, y1, x2, y2 float64) {
	f.outf("%.2f %.2f m %.2f %.2f l S", x1*f.k, (f.h-y1)*f.k, x2*f.k, (f.h-y2)*f.k)
}

// fillDrawOp corrects path painting operators
func fillDrawOp(styleStr string) (opStr string) {
	switch strings.ToUpper(styleStr) {
	case "", "D":
		// Stroke the path.
		opStr = "S"
	case "F":
		// fill the path, using the nonzero winding number rule
		opStr = "f"
	case "F*":
		// fill the path, using the even-odd rule
		opStr = "f*"
	case "FD", "DF":
		// fill and then stroke the path, using the nonzero winding number rule
		opStr = "B"
	case "FD*", "DF*":
		// fill and then stroke the path, using the even-odd rule
		opStr = "B*"
	default:
		opStr = styleStr
	}
	return
}

// Rect outputs a rectangle of width w and height h with the upper left corner
// positioned at point (x, y).
//
// It can be drawn (border only), filled (with no border) or both. styleStr can
// be "F" for filled, "D" for outlined only, or "DF" or "FD" for outlined and
// filled. An empty string will be replaced with "D". Drawing uses the current
// draw color and line width centered on the rectangle's perimeter. Filling
// uses the current fill color.
func (f *Fpdf) Rect(x, y, w, h float64, styleStr string) {
	f.outf("%.2f %.2f %.2f %.2f re %s", x*f.k, (f.h-y)*f.k, w*f.k, -h*f.k, fillDrawOp(styleStr))
}

func makeSubsetRange(end int) map[int]int {
	answer := make(map[int]int)
	for i := 0; i < end; i++ {
		answer[i] = 0
	}
	return answer
}

// AddUTF8FontFromBytes  imports a TrueType font with utf-8 symbols from static
// bytes within the executable and makes it available for use in the generated
// document.
//
// family specifies the font family. The name can be chosen arbitrarily. This
// string is used to subsequently set the font with the SetFont method.
//
// style specifies the font style. Acceptable values are (case insensitive) the
// empty string for regular style, "B" for bold, "I" for italic, or "BI" or
// "IB" for bold and italic combined.
func (f *Fpdf) AddUTF8FontFromBytes(familyStr, styleStr string, utf8Bytes []byte) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	def, err := f.utf8FontDef(fontkey, utf8Bytes)
	if err != nil {
		f.err = err // Fork: upstream printed the error and went on
		return
	}
	f.fonts[fontkey] = def
}

// utf8FontDef parses a TrueType font for Unicode text.
//
// Fork: one function for the file and the bytes variants, which upstream
// spelled out twice. The ID no longer hashes the JSON of the definition,
// 65,536 widths included: the key is unique within a document already.
func (f *Fpdf) utf8FontDef(fontKey string, utf8Bytes []byte) (fontDefType, error) {
	utf8File, err := parsedUTF8Font(utf8Bytes)
	if err != nil {
		return fontDefType{}, err
	}
	// upstream kept 32 runes instead when the page-count alias was set
	usedRunes := makeSubsetRange(57)
	return fontDefType{
		Name: fontKey,
		Desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		Cw:        utf8File.CharWidths,
		utf8File:  utf8File,
		usedRunes: usedRunes,
		i:         fmt.Sprintf("%x", sha1.Sum([]byte("UTF8 "+fontKey))),
	}, nil
}

// parsedFonts holds each font parsed, keyed by the address and length of
// its bytes: the callers of this fork pass the same (embedded, never
// written) font bytes to every document.
var parsedFonts sync.Map

type fontBytesKey struct {
	first *byte
	n     int
}

// parsedUTF8Font returns the parse of a TrueType font for one document.
//
// Fork: a font is parsed once per process, not once per document (about a
// sixth of rendering the minutes of one meeting). What the parse leaves is
// only read afterwards (widths, the rune-to-glyph map, metrics); each
// document gets a copy with its own reader, and GenerateCutFont replaces
// every table it writes, so documents built at once share nothing they
// write.
func parsedUTF8Font(b []byte) (_ *utf8FontFile, err error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("empty font")
	}
	key := fontBytesKey{&b[0], len(b)}
	v, ok := parsedFonts.Load(key)
	if !ok {
		// Fork: a table missing or cut short makes the parser index past
		// its slices; that is the font's error, not the program's.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("damaged TrueType font: %v", p)
			}
		}()
		font := newUTF8Font(&fileReader{array: b})
		if err := font.parseFile(); err != nil {
			return nil, err
		}
		v, _ = parsedFonts.LoadOrStore(key, font)
	}
	cp := *v.(*utf8FontFile)
	cp.fileReader = &fileReader{array: b}
	return &cp, nil
}

// getFontKey is the key of a font in Fpdf.fonts
func getFontKey(familyStr, styleStr string) string {
	familyStr = strings.ToLower(familyStr)
	styleStr = strings.ToUpper(styleStr)
	if styleStr == "IB" {
		styleStr = "BI"
	}
	return familyStr + styleStr
}

// SetFont sets the font used to print character strings. It is mandatory to
// call this method at least once before printing text or the resulting
// document will not be valid.
//
// The font must have been added with AddUTF8FontFromBytes: this fork has
// neither upstream's core fonts nor its underline and strike-out styles.
//
// The method can be called before the first page is created and the font is
// kept from page to page.
//
// familyStr specifies the font family, as given to AddUTF8FontFromBytes (case
// insensitive). An empty string keeps the current family.
//
// styleStr can be "B" (bold), "I" (italic) or both. The default value
// (specified with an empty string) is regular.
//
// size is the font size measured in points. The default value is the current
// size. If no size has been specified since the beginning of the document, the
// value taken is 12.
func (f *Fpdf) SetFont(familyStr, styleStr string, size float64) {
	if f.err != nil {
		return
	}
	familyStr = fontFamilyEscape(familyStr)
	if familyStr == "" {
		familyStr = f.fontFamily
	} else {
		familyStr = strings.ToLower(familyStr)
	}
	styleStr = strings.ToUpper(styleStr)
	if styleStr == "IB" {
		styleStr = "BI"
	}
	if size == 0.0 {
		size = f.fontSizePt
	}

	// Test if font is already loaded
	fontKey := familyStr + styleStr
	if _, ok := f.fonts[fontKey]; !ok {
		f.err = fmt.Errorf("undefined font: %s %s", familyStr, styleStr)
		return
	}
	// Select it
	f.fontFamily = familyStr
	f.fontStyle = styleStr
	f.fontSizePt = size
	f.fontSize = size / f.k
	f.currentFont = f.fonts[fontKey]
	if f.page > 0 {
		f.outf("BT /F%s %.2f Tf ET", f.currentFont.i, f.fontSizePt)
	}
}

// CellFormat prints a rectangular cell with optional borders, background color
// and character string. The upper-left corner of the cell corresponds to the
// current position. The text can be aligned or centered. After the call, the
// current position moves to the right or to the next line.
//
// An error will be returned if a call to SetFont() has not already taken
// place before this method is called.
//
// If automatic page breaking is enabled and the cell goes beyond the limit, a
// page break is done before outputting.
//
// w and h specify the width and height of the cell. If w is 0, the cell
// extends up to the right margin. Specifying 0 for h will result in no output,
// but the current position will be advanced by w.
//
// txtStr specifies the text to display.
//
// borderStr specifies how the cell border will be drawn. An empty string
// indicates no border, "1" indicates a full border, and one or more of "L",
// "T", "R" and "B" indicate the left, top, right and bottom sides of the
// border.
//
// ln indicates where the current position should go after the call. Possible
// values are 0 (to the right), 1 (to the beginning of the next line), and 2
// (below).
//
// alignStr specifies how the text is to be positioned within the cell.
// Horizontal alignment is controlled by including "L", "C" or "R" (left,
// center, right) in alignStr, or by "J" alone (the slack divided among the
// spaces). Vertical alignment is controlled by including "T", "M", "B" or "A"
// (top, middle, bottom, baseline) in alignStr. The default alignment is left
// middle.
//
// fill is true to paint the cell background or false to leave it transparent.
//
// link and linkStr must be 0 and "": this fork writes no links, and sets the
// document's error if asked for one.
func (f *Fpdf) CellFormat(w, h float64, txtStr, borderStr string, ln int,
	alignStr string, fill bool, link int, linkStr string) {
	if f.err != nil {
		return
	}

	if f.currentFont.Name == "" {
		f.err = fmt.Errorf("font has not been set; unable to render text")
		return
	}
	if link != 0 || linkStr != "" {
		f.err = fmt.Errorf("links are not supported")
		return
	}

	borderStr = strings.ToUpper(borderStr)
	k := f.k
	if f.y+h > f.pageBreakTrigger && f.autoPageBreak {
		// Automatic page break
		x := f.x
		f.AddPage()
		if f.err != nil {
			return
		}
		f.x = x
	}
	if w == 0 {
		w = f.w - f.rMargin - f.x
	}
	var s fmtBuffer
	if fill || borderStr == "1" {
		var op string
		if fill {
			if borderStr == "1" {
				op = "B"
			} else {
				op = "f"
			}
		} else {
			op = "S"
		}
		s.printf("%.2f %.2f %.2f %.2f re %s ", f.x*k, (f.h-f.y)*k, w*k, -h*k, op)
	}
	if len(borderStr) > 0 && borderStr != "1" {
		x := f.x
		y := f.y
		left := x * k
		top := (f.h - y) * k
		right := (x + w) * k
		bottom := (f.h - (y + h)) * k
		if strings.Contains(borderStr, "L") {
			s.printf("%.2f %.2f m %.2f %.2f l S ", left, top, left, bottom)
		}
		if strings.Contains(borderStr, "T") {
			s.printf("%.2f %.2f m %.2f %.2f l S ", left, top, right, top)
		}
		if strings.Contains(borderStr, "R") {
			s.printf("%.2f %.2f m %.2f %.2f l S ", right, top, right, bottom)
		}
		if strings.Contains(borderStr, "B") {
			s.printf("%.2f %.2f m %.2f %.2f l S ", left, bottom, right, bottom)
		}
	}
	if len(txtStr) > 0 {
		var dx, dy float64
		// Horizontal alignment
		switch {
		case strings.Contains(alignStr, "R"):
			dx = w - f.cMargin - f.GetStringWidth(txtStr)
		case strings.Contains(alignStr, "C"):
			dx = (w - f.GetStringWidth(txtStr)) / 2
		default:
			dx = f.cMargin
		}

		// Vertical alignment
		switch {
		case strings.Contains(alignStr, "T"):
			dy = (f.fontSize - h) / 2.0
		case strings.Contains(alignStr, "B"):
			dy = (h - f.fontSize) / 2.0
		case strings.Contains(alignStr, "A"):
			var descent float64
			d := f.currentFont.Desc
			if d.Descent == 0 {
				// not defined, use average of 19%
				descent = -0.19 * f.fontSize
			} else {
				descent = float64(d.Descent) * f.fontSize / float64(d.Ascent-d.Descent)
			}
			dy = (h-f.fontSize)/2.0 - descent
		default:
			dy = 0
		}
		if f.colorFlag {
			s.printf("q %s ", f.color.text.str)
		}
		for _, uni := range txtStr {
			f.currentFont.usedRunes[int(uni)] = int(uni)
		}
		//If multibyte, Tw has no effect - do word spacing using an adjustment before each space
		if alignStr == "J" {
			wmax := int(math.Ceil((w - 2*f.cMargin) * 1000 / f.fontSize))
			space := f.escape(utf8toutf16(" ", false))
			strSize := f.GetStringSymbolWidth(txtStr)
			s.printf("BT 0 Tw %.2f %.2f Td [", (f.x+dx)*k, (f.h-(f.y+.5*h+.3*f.fontSize))*k)
			t := strings.Split(txtStr, " ")
			shift := float64((wmax - strSize)) / float64(len(t)-1)
			numt := len(t)
			for i := 0; i < numt; i++ {
				tx := t[i]
				tx = "(" + f.escape(utf8toutf16(tx, false)) + ")"
				s.printf("%s ", tx)
				if (i + 1) < numt {
					s.printf("%.3f(%s) ", -shift, space)
				}
			}
			s.printf("] TJ ET")
		} else {
			txt2 := f.escape(utf8toutf16(txtStr, false))
			bt := (f.x + dx) * k
			td := (f.h - (f.y + dy + .5*h + .3*f.fontSize)) * k
			s.printf("BT %.2f %.2f Td (%s)Tj ET", bt, td, txt2)
		}
		if f.colorFlag {
			s.printf(" Q")
		}
	}
	str := s.String()
	if len(str) > 0 {
		f.out(str)
	}
	if ln > 0 {
		// Go to next line
		f.y += h
		if ln == 1 {
			f.x = f.lMargin
		}
	} else {
		f.x += w
	}
}

// SetX defines the abscissa of the current position. If the passed value is
// negative, it is relative to the right of the page.
func (f *Fpdf) SetX(x float64) {
	if x >= 0 {
		f.x = x
	} else {
		f.x = f.w + x
	}
}

// SetY moves the current abscissa back to the left margin and sets the
// ordinate. If the passed value is negative, it is relative to the bottom of
// the page.
func (f *Fpdf) SetY(y float64) {
	f.x = f.lMargin
	if y >= 0 {
		f.y = y
	} else {
		f.y = f.h + y
	}
}

// SetXY defines the abscissa and ordinate of the current position. If the
// passed values are negative, they are relative respectively to the right and
// bottom of the page.
func (f *Fpdf) SetXY(x, y float64) {
	f.SetY(y)
	f.SetX(x)
}

// Output sends the PDF document to the writer specified by w. No output will
// take place if an error has occurred in the document generation process. w
// remains open after this function returns. After returning, f is in a closed
// state and its methods should not be called.
func (f *Fpdf) Output(w io.Writer) error {
	if f.err != nil {
		return f.err
	}
	if f.state < 3 {
		f.Close()
	}
	_, err := f.buffer.WriteTo(w)
	if err != nil {
		f.err = err
	}
	return f.err
}

// Escape special characters in strings
func (f *Fpdf) escape(s string) string {
	s = strings.Replace(s, "\\", "\\\\", -1)
	s = strings.Replace(s, "(", "\\(", -1)
	s = strings.Replace(s, ")", "\\)", -1)
	s = strings.Replace(s, "\r", "\\r", -1)
	return s
}

// textstring formats a text string
func (f *Fpdf) textstring(s string) string {
	return "(" + f.escape(s) + ")"
}

// newobj begins a new object
func (f *Fpdf) newobj() {
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	f.offsets[f.n] = f.buffer.Len()
	f.outf("%d 0 obj", f.n)
}

func (f *Fpdf) putstream(b []byte) {
	f.out("stream")
	f.out(string(b))
	f.out("endstream")
}

// out; Add a line to the document
func (f *Fpdf) out(s string) {
	if f.state == 2 {
		f.pages[f.page].WriteString(s)
		f.pages[f.page].WriteString("\n")
	} else {
		f.buffer.WriteString(s)
		f.buffer.WriteString("\n")
	}
}

// outf adds a formatted line to the document
func (f *Fpdf) outf(fmtStr string, args ...interface{}) {
	f.out(sprintf(fmtStr, args...))
}

// SetCatalogSort sets a flag that will be used, if true, to consistently order
// the document's internal resource catalogs. This method is typically only
// used for test purposes to facilitate PDF comparison.
func (f *Fpdf) SetCatalogSort(flag bool) {
	f.catalogSort = flag
}

// SetCreationDate fixes the document's internal CreationDate value. By
// default, the time when the document is generated is used for this value.
// This method is typically only used for testing purposes to facilitate PDF
// comparison. Specify a zero-value time to revert to the default behavior.
func (f *Fpdf) SetCreationDate(tm time.Time) {
	f.creationDate = tm
}

// SetModificationDate fixes the document's internal ModDate value.
// See `SetCreationDate` for more details.
func (f *Fpdf) SetModificationDate(tm time.Time) {
	f.modDate = tm
}

func (f *Fpdf) putpages() {
	nb := f.page
	pagesObjectNumbers := make([]int, nb+1) // 1-based
	for n := 1; n <= nb; n++ {
		// Page
		f.newobj()
		pagesObjectNumbers[n] = f.n // save for /Kids
		f.out("<</Type /Page")
		f.out("/Parent 1 0 R")
		f.out("/Resources 2 0 R")
		f.outf("/Contents %d 0 R>>", f.n+1)
		f.out("endobj")
		// Page content
		f.newobj()
		data := sliceCompress(f.pages[n].Bytes())
		f.outf("<</Filter /FlateDecode /Length %d>>", len(data))
		f.putstream(data)
		f.out("endobj")
	}
	// Pages root
	f.offsets[1] = f.buffer.Len()
	f.out("1 0 obj")
	f.out("<</Type /Pages")
	var kids fmtBuffer
	kids.printf("/Kids [")
	for i := 1; i <= nb; i++ {
		kids.printf("%d 0 R ", pagesObjectNumbers[i])
	}
	kids.printf("]")
	f.out(kids.String())
	f.outf("/Count %d", nb)
	f.outf("/MediaBox [0 0 %.2f %.2f]", f.wPt, f.hPt)
	f.out(">>")
	f.out("endobj")
}

func (f *Fpdf) putfonts() {
	var keyList []string
	for key := range f.fonts {
		keyList = append(keyList, key)
	}
	if f.catalogSort {
		sort.SliceStable(keyList, func(i, j int) bool { return keyList[i] < keyList[j] })
	}
	cuts := f.cutFonts()
	for _, key := range keyList {
		font := f.fonts[key]
		// Font objects
		font.N = f.n + 1
		f.fonts[key] = font
		cut := cuts[key]
		fontName, utf8FontSize, compressedFontStream := cut.name, cut.size, cut.file

		f.newobj()
		f.out(fmt.Sprintf("<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\n"+"endobj", fontName, f.n+1, f.n+2))

		f.newobj()
		f.out("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + fontName + "\n" +
			"/CIDSystemInfo " + strconv.Itoa(f.n+2) + " 0 R\n/FontDescriptor " + strconv.Itoa(f.n+3) + " 0 R")
		if font.Desc.MissingWidth != 0 {
			f.out("/DW " + strconv.Itoa(font.Desc.MissingWidth) + "")
		}
		f.generateCIDFontMap(&font, font.utf8File.LastRune)
		f.out("/CIDToGIDMap " + strconv.Itoa(f.n+4) + " 0 R>>")
		f.out("endobj")

		f.newobj()
		f.out("<</Length " + strconv.Itoa(len(toUnicode)) + ">>")
		f.putstream([]byte(toUnicode))
		f.out("endobj")

		// CIDInfo
		f.newobj()
		f.out("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>")
		f.out("endobj")

		// Font descriptor
		f.newobj()
		var s fmtBuffer
		s.printf("<</Type /FontDescriptor /FontName /%s\n /Ascent %d", fontName, font.Desc.Ascent)
		s.printf(" /Descent %d", font.Desc.Descent)
		s.printf(" /CapHeight %d", font.Desc.CapHeight)
		v := font.Desc.Flags
		v = v | 4
		v = v &^ 32
		s.printf(" /Flags %d", v)
		s.printf("/FontBBox [%d %d %d %d] ", font.Desc.FontBBox.Xmin, font.Desc.FontBBox.Ymin,
			font.Desc.FontBBox.Xmax, font.Desc.FontBBox.Ymax)
		s.printf(" /ItalicAngle %d", font.Desc.ItalicAngle)
		s.printf(" /StemV %d", font.Desc.StemV)
		s.printf(" /MissingWidth %d", font.Desc.MissingWidth)
		s.printf("/FontFile2 %d 0 R", f.n+2)
		s.printf(">>")
		f.out(s.String())
		f.out("endobj")

		cidToGidMap := cut.cidToGID
		f.newobj()
		f.out("<</Length " + strconv.Itoa(len(cidToGidMap)) + "/Filter /FlateDecode>>")
		f.putstream(cidToGidMap)
		f.out("endobj")

		//Font file
		f.newobj()
		f.out("<</Length " + strconv.Itoa(len(compressedFontStream)))
		f.out("/Filter /FlateDecode")
		f.out("/Length1 " + strconv.Itoa(utf8FontSize))
		f.out(">>")
		f.putstream(compressedFontStream)
		f.out("endobj")
	}
}

// fontCut is what putfonts writes of one font that takes time to make:
// its name, the subset of the glyphs the document uses (its size, and
// compressed) and the compressed CIDToGIDMap.
type fontCut struct {
	name     string
	size     int
	file     []byte
	cidToGID []byte
	panicked any // what cutting the font panicked with, raised again by the waiter
}

// fontCuts waits for the fonts cut by startCutFonts and returns them.
type fontCuts func() map[string]*fontCut

// startCutFonts cuts and compresses the subset of every font, each in a
// goroutine of its own, and returns what waits for them.
//
// Fork: upstream cut them one after the other inside putfonts. Subsetting
// and compressing four fonts is a third of rendering the minutes of one
// meeting; the fonts are independent (each document has its own copy of
// each font's parse) and the pages are compressed meanwhile, so on two
// cores they cost half. The output is the same bytes.
func (f *Fpdf) startCutFonts() fontCuts {
	cuts := make(map[string]*fontCut, len(f.fonts))
	var wg sync.WaitGroup
	// As many at once as there are processors: each compressor holds a
	// few hundred kilobytes, which a short process pays for in page faults.
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for key, font := range f.fonts {
		cut := &fontCut{}
		cuts[key] = cut
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			// A panic here would end the process (a server with it): it
			// is kept and raised again in the goroutine that writes the
			// document, where the caller's recover sees it as before.
			defer func() { cut.panicked = recover() }()
			usedRunes := font.usedRunes
			delete(usedRunes, 0)
			cut.name = subsetFontName(font.utf8File.postScriptName, font.Name, usedRunes)
			stream := font.utf8File.GenerateCutFont(usedRunes)
			cut.size, cut.file = len(stream), sliceCompress(stream)
			codes := font.utf8File.CodeSymbolDictionary
			delete(codes, 0)
			// Fork: the map ends at the last CID the document uses;
			// upstream wrote all 65,536 entries (128 KiB to clear and
			// compress for each font). A CID past the end of the map
			// has glyph 0, and no text uses one.
			lastCID := 0
			for cc := range codes {
				lastCID = max(lastCID, cc)
			}
			m := make([]byte, 2*(lastCID+1))
			for cc, glyph := range codes {
				m[cc*2] = byte(glyph >> 8)
				m[cc*2+1] = byte(glyph & 0xFF)
			}
			cut.cidToGID = sliceCompress(m)
		})
	}
	return func() map[string]*fontCut {
		wg.Wait()
		for _, cut := range cuts {
			if cut.panicked != nil {
				panic(cut.panicked)
			}
		}
		return cuts
	}
}

func (f *Fpdf) generateCIDFontMap(font *fontDefType, lastRune int) {
	f.out("/W [" + cidWidths(font.Cw, font.usedRunes, lastRune) + " ]")
}

// cidRange is a run of consecutive CIDs in the /W array, from start.
type cidRange struct {
	start    int
	widths   []int
	interval bool // ends with equal widths
}

// cidWidths is the content of a CID font's /W array: the widths of the
// runes up to lastRune that the font has (cw) — the first 256 always, the
// others when used — in runs of consecutive CIDs, a run of one width
// written "first last width", the others "first [ w w … ]".
//
// Fork: upstream ported TCPDF's PHP arrays (a slice of interface keys
// searched for the next free integer key on every append), quadratic or
// worse in the length of a run: a fifth of rendering one meeting. This
// gives the same bytes (TestCIDWidthsAsUpstream) in one pass.
func cidWidths(cw []uint16, used map[int]int, lastRune int) string {
	var ranges []*cidRange
	var cur *cidRange
	prevCid, prevWidth := -2, -1
	interval := false
	open := func(start int, widths ...int) {
		cur = &cidRange{start: start, widths: widths}
		ranges = append(ranges, cur)
	}
	for cid := 1; cid <= lastRune; cid++ { // a rune beyond cw panics, as upstream: render recovers
		if cw[cid] == 0 {
			continue
		}
		width := int(cw[cid])
		if width == 65535 {
			width = 0
		}
		if n, ok := used[cid]; cid > 255 && (!ok || n == 0) {
			continue
		}
		switch {
		case cid == prevCid+1 && width == prevWidth:
			if width == cur.widths[0] {
				cur.widths = append(cur.widths, width)
			} else {
				// The previous width starts a run of equal ones.
				cur.widths = cur.widths[:len(cur.widths)-1]
				open(prevCid, prevWidth, width)
			}
			interval = true
			cur.interval = true
		case cid == prevCid+1:
			if interval {
				open(cid, width)
			} else {
				cur.widths = append(cur.widths, width)
			}
			interval = false
		default:
			open(cid, width)
			interval = false
		}
		prevCid, prevWidth = cid, width
	}
	// A run that follows its neighbour without a gap joins it, unless
	// either is a run of three or more equal widths.
	var out []*cidRange
	nextKey, isInterval := -1, false
	for _, r := range ranges {
		n := len(r.widths)
		if r.start == nextKey && !isInterval && (!r.interval || n < 3) && len(out) > 0 {
			prev := out[len(out)-1]
			prev.widths = append(prev.widths, r.widths...)
		} else {
			out = append(out, r)
		}
		nextKey = r.start + n
		isInterval = r.interval && n >= 3
	}
	var w fmtBuffer
	for _, r := range out {
		same := true
		for _, x := range r.widths[1:] {
			same = same && x == r.widths[0]
		}
		if same {
			w.printf(" %d %d %d", r.start, r.start+len(r.widths)-1, r.widths[0])
			continue
		}
		w.printf(" %d [ ", r.start)
		for i, x := range r.widths {
			if i > 0 {
				w.printf(" ")
			}
			w.printf("%d", x)
		}
		w.printf(" ]\n")
	}
	return w.String()
}

func (f *Fpdf) putresourcedict() {
	f.out("/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]")
	f.out("/Font <<")
	var keyList []string
	for key := range f.fonts {
		keyList = append(keyList, key)
	}
	if f.catalogSort {
		sort.SliceStable(keyList, func(i, j int) bool { return f.fonts[keyList[i]].i < f.fonts[keyList[j]].i })
	}
	for _, key := range keyList {
		font := f.fonts[key]
		f.outf("/F%s %d 0 R", font.i, font.N)
	}
	f.out(">>")
	// Fork: upstream listed images and templates here, and spot colours
	// below; the dictionaries stay, empty, as upstream wrote them then.
	f.out("/XObject <<")
	f.out(">>")
	f.out("/ColorSpace <<")
	f.out(">>")
}

func (f *Fpdf) putresources() {
	f.putfonts()
	// 	Resource dictionary
	f.offsets[2] = f.buffer.Len()
	f.out("2 0 obj")
	f.out("<<")
	f.putresourcedict()
	f.out(">>")
	f.out("endobj")
}

// returns Now() if tm is zero
func timeOrNow(tm time.Time) time.Time {
	if tm.IsZero() {
		return time.Now()
	}
	return tm
}

func (f *Fpdf) putinfo() {
	if len(f.producer) > 0 {
		f.outf("/Producer %s", f.textstring(f.producer))
	}
	if len(f.title) > 0 {
		f.outf("/Title %s", f.textstring(f.title))
	}
	if len(f.subject) > 0 {
		f.outf("/Subject %s", f.textstring(f.subject))
	}
	if len(f.keywords) > 0 {
		f.outf("/Keywords %s", f.textstring(f.keywords))
	}
	if len(f.author) > 0 {
		f.outf("/Author %s", f.textstring(f.author))
	}
	if len(f.creator) > 0 {
		f.outf("/Creator %s", f.textstring(f.creator))
	}
	creation := timeOrNow(f.creationDate)
	f.outf("/CreationDate %s", f.textstring("D:"+creation.Format("20060102150405")))
	mod := timeOrNow(f.modDate)
	f.outf("/ModDate %s", f.textstring("D:"+mod.Format("20060102150405")))
}

func (f *Fpdf) putcatalog() {
	f.out("/Type /Catalog")
	f.out("/Pages 1 0 R")
	// Name dictionary. Fork: attachments are gone; this is the empty tree
	// of embedded files upstream wrote when there were none.
	f.out("/Names <<")
	f.out("/EmbeddedFiles << /Names [\n  \n] >>")
	f.out(">>")
}

func (f *Fpdf) puttrailer() {
	f.outf("/Size %d", f.n+1)
	f.outf("/Root %d 0 R", f.n)
	f.outf("/Info %d 0 R", f.n-1)
}

func (f *Fpdf) enddoc() {
	f.outf("%%PDF-%s", pdfVersion)
	f.cutFonts = f.startCutFonts()
	f.putpages()
	f.putresources()
	// 	Info
	f.newobj()
	f.out("<<")
	f.putinfo()
	f.out(">>")
	f.out("endobj")
	// 	Catalog
	f.newobj()
	f.out("<<")
	f.putcatalog()
	f.out(">>")
	f.out("endobj")
	// Cross-ref
	o := f.buffer.Len()
	f.out("xref")
	f.outf("0 %d", f.n+1)
	f.out("0000000000 65535 f ")
	for j := 1; j <= f.n; j++ {
		f.outf("%010d 00000 n ", f.offsets[j])
	}
	// Trailer
	f.out("trailer")
	f.out("<<")
	f.puttrailer()
	f.out(">>")
	f.out("startxref")
	f.outf("%d", o)
	f.out("%%EOF")
	f.state = 3
}
