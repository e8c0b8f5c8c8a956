package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/minutes-vn/minutes/internal/gofpdf"

	"github.com/minutes-vn/minutes/minutes"
)

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// textStyle is how a block's text is set.
type textStyle struct {
	font   fontStyle
	size   float64 // pt
	align  string  // L, C, R, or J (justified, last line left)
	indent float64 // first-line indent, mm
	before float64 // space before the block, pt; dropped at the top of a page
	keep   bool    // keep with the next block (headings, titles)
}

func (s textStyle) lineHeight() float64 { return s.size * leading * mmPerPt }

// style is the text style of a block kind in format st.
func style(st *format, k Kind) textStyle {
	body := textStyle{font: regular, size: st.BodySize, align: "J", indent: firstLineIndent, before: paragraphSpace}
	switch k {
	case KindDocType:
		return textStyle{font: bold, size: st.DocTypeSize, align: "C", before: 14, keep: true}
	case KindTitle:
		return textStyle{font: bold, size: st.TitleSize, align: "C", keep: true}
	case KindField:
		body.before = paragraphSpace / 2
		return body
	case KindHeading, KindSubheading:
		body.font, body.before, body.keep = bold, headingSpace, true
		return body
	case KindClosing:
		body.keep = true // never leave the signatures alone on a page
		return body
	case KindRecipientsLabel:
		return textStyle{font: boldItalic, size: recipientsLabelSize, align: "L", before: 12, keep: true}
	case KindRecipient:
		return textStyle{font: regular, size: recipientsItemSize, align: "L"}
	case KindCaption:
		return textStyle{font: italic, size: tableSize, align: "C", before: 2}
	}
	return body
}

// box is a piece of a page that is never split: one line of text, a table
// row, the header, the signature blocks, the chart.
type box struct {
	h      float64 // mm
	before float64 // mm of space above, dropped at the top of a page
	keep   bool    // must share a page with the next box
	repeat *box    // printed first when this box starts a page (a table header)
	draw   func(y float64)
}

// renderer measures a layout into boxes, paginates them, and draws them.
// Pagination before drawing means the page count is known when the first
// page number is printed: no {nb} alias and no second rendering.
type renderer struct {
	pdf    *gofpdf.Fpdf
	st     *format
	loaded [numStyles]bool
	font   fontStyle
	size   float64
	boxes  []box
	prev   Kind // kind of the block added last
}

func newRenderer(l *Layout) *renderer {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // we paginate ourselves
	pdf.SetCellMargin(0)
	pdf.SetLineWidth(ruleWidth)
	pdf.SetCatalogSort(true)
	t := l.Info.Date.Time()
	pdf.SetCreationDate(t)
	pdf.SetModificationDate(t)
	pdf.SetTitle(l.Info.Title, true)
	pdf.SetAuthor(l.Info.Author, true)
	pdf.SetSubject(l.Info.Subject, true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(creator, true)
	return &renderer{pdf: pdf, st: l.format(), size: -1, prev: -1}
}

// setFont selects a style and size, registering the style on first use so
// that a document embeds only the styles it prints.
func (r *renderer) setFont(s fontStyle, size float64) {
	if !r.loaded[s] {
		r.pdf.AddUTF8FontFromBytes(fonts[s].family, fonts[s].style, fonts[s].ttf)
		r.loaded[s] = true
	}
	if s == r.font && size == r.size {
		return
	}
	r.font, r.size = s, size
	r.pdf.SetFont(fonts[s].family, fonts[s].style, size)
}

func (r *renderer) width(s string) float64 { return r.pdf.GetStringWidth(s) }

// text draws one line in a cell of width w at (x, y).
func (r *renderer) text(st textStyle, x, y, w float64, s, align string) {
	r.setFont(st.font, st.size)
	if align == "J" && !strings.Contains(s, " ") {
		align = "L" // gofpdf divides the slack by the number of gaps
	}
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, st.lineHeight(), s, "", 0, align, false, 0, "")
}

// wrap breaks s into lines: the first at most first mm wide, the rest at
// most rest mm. s has single spaces (the cleaner collapses them).
func (r *renderer) wrap(st textStyle, s string, first, rest float64) []string {
	r.setFont(st.font, st.size)
	if s == "" {
		return []string{""}
	}
	if r.width(s) <= first {
		return []string{s}
	}
	space := r.width(" ")
	var lines []string
	var cur strings.Builder
	curW, limit := 0.0, first
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW, limit = 0, rest
	}
	for _, word := range glue(strings.Split(s, " ")) {
		ww := r.width(word)
		if cur.Len() > 0 && curW+space+ww <= limit {
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += space + ww
			continue
		}
		if cur.Len() > 0 {
			flush()
		}
		// A word wider than a line (a long URL, a run of characters) is
		// cut where it must be.
		for ww > limit {
			cut := 0
			wcut := 0.0
			for i, c := range word {
				cw := r.width(string(c))
				if wcut+cw > limit && i > 0 {
					break
				}
				wcut += cw
				cut = i + len(string(c))
			}
			cur.WriteString(word[:cut])
			flush()
			word = word[cut:]
			ww = r.width(word)
		}
		cur.WriteString(word)
		curW = ww
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// glue joins a word that starts with a digit to the word before it, so that
// "Phường 2", "năm 2021" and "thời hạn: 23/05/2021" never break apart.
// Only pairs are made: a run of numbers can still wrap.
func glue(words []string) []string {
	out := words[:0:0]
	joined := false
	for _, w := range words {
		if n := len(out); n > 0 && !joined && w != "" && w[0] >= '0' && w[0] <= '9' {
			out[n-1] += " " + w
			joined = true
			continue
		}
		out = append(out, w)
		joined = false
	}
	return out
}

// balanced wraps centred text into the same number of lines as wrap would,
// but as even as possible, so that a title or a body's name never ends with
// one orphaned word.
func (r *renderer) balanced(st textStyle, s string, w float64) []string {
	lines := r.wrap(st, s, w, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, w
	for i := 0; i < 14; i++ {
		mid := (lo + hi) / 2
		if len(r.wrap(st, s, mid, mid)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return r.wrap(st, s, hi, hi)
}

// orgLines breaks a body's name for the header: before an administrative
// unit where possible ("ỦY BAN NHÂN DÂN / THÀNH PHỐ SÓC TRĂNG"), else evenly.
func (r *renderer) orgLines(st textStyle, s string, w float64) []string {
	r.setFont(st.font, st.size)
	if r.width(s) <= w {
		return []string{s}
	}
	var best []string
	bestW := math.Inf(1)
	for _, unit := range headerBreakBefore {
		for i := strings.Index(s, " "+unit+" "); i > 0; {
			a, b := s[:i], s[i+1:]
			if wa, wb := r.width(a), r.width(b); wa <= w && wb <= w && max(wa, wb) < bestW {
				best, bestW = []string{a, b}, max(wa, wb)
			}
			j := strings.Index(s[i+1:], " "+unit+" ")
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	if best != nil {
		return best
	}
	return r.balanced(st, s, w)
}

// paragraph adds the lines of a block as boxes. The first two and the last
// two lines stay together (no orphan or widow line), and a kept block stays
// with the start of the next one.
func (r *renderer) paragraph(st textStyle, s string, x, w float64) {
	var lines []string
	if st.align == "C" {
		lines = r.balanced(st, s, w)
	} else {
		lines = r.wrap(st, s, w-st.indent, w)
	}
	lh := st.lineHeight()
	n := len(lines)
	for i, line := range lines {
		b := box{h: lh, keep: (i == 0 || i == n-2) && n > 1}
		if i == 0 {
			b.before = st.before * mmPerPt
		}
		if i == n-1 {
			b.keep = st.keep
		}
		lx, lw, align := x, w, st.align
		if i == 0 && st.align != "C" {
			lx, lw = x+st.indent, w-st.indent
		}
		if align == "J" && i == n-1 {
			align = "L"
		}
		b.draw = func(y float64) { r.text(st, lx, y, lw, line, align) }
		r.boxes = append(r.boxes, b)
	}
}

// page is the boxes of one page with their positions.
type page []placed

type placed struct {
	b *box
	y float64
}

// paginate places the boxes on pages. A box that does not fit starts a new
// page; so does a chain of kept boxes that would not fit, unless the chain
// is taller than a page (then it breaks where it must).
func paginate(boxes []box) []page {
	top, bottom := marginTop, pageHeight-marginBottom
	var pages []page
	var cur page
	y := top
	newPage := func() {
		pages = append(pages, cur)
		cur, y = nil, top
	}
	for i := range boxes {
		b := &boxes[i]
		before := b.before
		if len(cur) == 0 {
			before = 0
		}
		// The height of b and the boxes kept with it.
		chain := b.h
		for j := i; j < len(boxes)-1 && boxes[j].keep && chain <= bottom-top; j++ {
			chain += boxes[j+1].before + boxes[j+1].h
		}
		if len(cur) > 0 && (y+before+chain > bottom && chain <= bottom-top || y+before+b.h > bottom) {
			newPage()
			before = 0
		}
		if len(cur) == 0 && b.repeat != nil {
			cur = append(cur, placed{b.repeat, y})
			y += b.repeat.h
		}
		y += before
		cur = append(cur, placed{b, y})
		y += b.h
	}
	if len(cur) > 0 {
		pages = append(pages, cur)
	}
	return pages
}

// output paginates and draws every box, then returns the PDF bytes.
func (r *renderer) output(pageNumber string) ([]byte, error) {
	pages := paginate(r.boxes)
	numStyle := textStyle{font: regular, size: pageNumberSize}
	for i, p := range pages {
		r.pdf.AddPage()
		if i > 0 {
			s := fmt.Sprintf(pageNumber, i+1)
			if strings.Count(pageNumber, "%d") == 2 {
				s = fmt.Sprintf(pageNumber, i+1, len(pages))
			}
			r.text(numStyle, marginLeft, pageNumberY-numStyle.lineHeight()/2, textWidth, s, "C")
		}
		for _, pl := range p {
			pl.b.draw(pl.y)
		}
	}
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, err
	}
	if r.pdf.Err() {
		return nil, r.pdf.Error()
	}
	return buf.Bytes(), nil
}

// render draws a layout. A panic inside gofpdf (it has a few on odd input)
// becomes an error, so that one bad record never kills a batch.
func render(l *Layout) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, minutes.Errorm(minutes.EINTERNAL, "report.failed", p)
		}
	}()
	r := newRenderer(l)
	for i := range l.Blocks {
		r.block(&l.Blocks[i])
	}
	out, err = r.output(l.PageNumber)
	if err != nil {
		return nil, minutes.Errorm(minutes.EINTERNAL, "report.failed", err)
	}
	return out, nil
}

// block adds the boxes of one block.
func (r *renderer) block(b *Block) {
	switch b.Kind {
	case KindHeader:
		r.header(b.Header)
	case KindSignatures:
		r.signatures(b.Signatures)
	case KindTable:
		r.table(b.Table)
	case KindChart:
		r.chart(b.Chart)
	case KindRecipientsLabel, KindRecipient:
		st := style(r.st, b.Kind)
		r.paragraph(st, b.Text, marginLeft, textWidth/2)
	default:
		st := style(r.st, b.Kind)
		if strings.HasSuffix(b.Text, ":") {
			st.keep = true // an introduction stays with what it introduces
		}
		if r.prev == KindTitle {
			st.before = afterTitleSpace
		}
		r.paragraph(st, b.Text, marginLeft, textWidth)
	}
	r.prev = b.Kind
}

// header lays out the two columns. The number (left) and the date line
// (right) share one baseline, as in printed Party and State documents.
func (r *renderer) header(h *Header) {
	st := r.st
	leftW := st.HeaderLeftWidth
	rightW := textWidth - leftW
	// The national title must never wrap: widen the right column if needed.
	for _, n := range st.Nation {
		r.setFont(bold, n.Size)
		if w := r.width(n.Text) + 2; w > rightW {
			rightW, leftW = w, textWidth-w
		}
	}
	leftX, rightX := marginLeft, marginLeft+leftW

	type line struct {
		st     textStyle
		text   string
		y      float64
		x, w   float64
		align  string
		rule   float64 // length of a rule under the line, 0 for none
		ruleAt float64
	}
	var lines []line
	orgStyle := textStyle{font: regular, size: st.OrgSize}
	y := 0.0
	var orgW float64
	addCol := func(ts textStyle, s string, x, w float64) {
		for _, t := range r.orgLines(ts, s, w) {
			lines = append(lines, line{st: ts, text: t, y: y, x: x, w: w, align: "C"})
			if tw := r.width(t); ts.font == bold && tw > orgW {
				orgW = tw
			}
			y += ts.lineHeight()
		}
	}
	if h.Parent != "" {
		addCol(orgStyle, h.Parent, leftX, leftW)
	}
	if h.Org != "" {
		addCol(textStyle{font: bold, size: st.OrgSize}, h.Org, leftX, leftW)
	}
	if st.Mark != "" {
		addCol(orgStyle, st.Mark, leftX, leftW)
	} else if orgW > 0 {
		// A short centred rule under the issuing body.
		lines = append(lines, line{x: leftX, w: leftW, rule: orgW * st.MarkRuleLength, ruleAt: y + 0.6})
		y += 3
	}
	leftEnd := y

	y = 0
	for _, n := range st.Nation {
		ts := textStyle{font: bold, size: n.Size}
		l := line{st: ts, text: n.Text, y: y, x: rightX, w: rightW, align: "C"}
		y += ts.lineHeight()
		if n.Rule {
			r.setFont(bold, n.Size)
			l.rule, l.ruleAt = r.width(n.Text), y+0.6
			y += 3
		}
		lines = append(lines, l)
	}
	row := math.Max(leftEnd, y+2)
	numStyle := textStyle{font: regular, size: st.NumberSize}
	dateStyle := textStyle{font: italic, size: st.DateSize}
	if h.Number != "" {
		// Same baseline as the date line, which may be set larger.
		shift := 0.9 * (dateStyle.size - numStyle.size) * mmPerPt
		lines = append(lines, line{st: numStyle, text: h.Number, y: row + shift, x: leftX, w: leftW, align: "C"})
	}
	lines = append(lines, line{st: dateStyle, text: h.DateLine, y: row, x: rightX, w: rightW, align: st.DateAlign})
	height := row + math.Max(numStyle.lineHeight(), dateStyle.lineHeight())

	r.boxes = append(r.boxes, box{h: height, draw: func(top float64) {
		for _, l := range lines {
			if l.text != "" {
				r.text(l.st, l.x, top+l.y, l.w, l.text, l.align)
			}
			if l.rule > 0 {
				x := l.x + (l.w-l.rule)/2
				r.pdf.Line(x, top+l.ruleAt, x+l.rule, top+l.ruleAt)
			}
		}
	}})
}

// signatures lays the blocks side by side in one box, so that they are
// never split across pages.
func (r *renderer) signatures(sigs []Signature) {
	ts := textStyle{font: bold, size: r.st.BodySize}
	lh := ts.lineHeight()
	colW := textWidth / float64(max(len(sigs), 1))
	if n := len(r.boxes); n > 0 {
		r.boxes[n-1].keep = true // the signatures never start a page alone
	}
	r.boxes = append(r.boxes, box{h: 2*lh + signatureRoom, before: 12 * mmPerPt, draw: func(y float64) {
		for i, s := range sigs {
			x := marginLeft + float64(i)*colW
			r.text(ts, x, y, colW, s.Role, "C")
			if s.Name != "" {
				r.text(ts, x, y+lh+signatureRoom, colW, s.Name, "C")
			}
		}
	}})
}
