package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/minutes-vn/minutes/internal/gofpdf"

	"github.com/minutes-vn/minutes/minutes"
)

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
	pdf.SetKeywords(l.Info.Keywords, true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(creator, true)
	return &renderer{pdf: pdf, st: l.format(), size: -1}
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

// paragraph adds the lines of a block as boxes. The first two and the last
// two lines stay together (no orphan or widow line), and a kept block stays
// with the start of the next one.
func (r *renderer) paragraph(st textStyle, s string, x, w float64) {
	var lines []string
	if st.align == "C" {
		lines = balanced(r, st, s, w)
	} else {
		lines = wrap(r, st, s, w-st.indent, w)
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
	numStyle := pageNumberStyle
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
		r.block(l, i)
	}
	out, err = r.output(l.PageNumber)
	if err != nil {
		return nil, minutes.Errorm(minutes.EINTERNAL, "report.failed", err)
	}
	return out, nil
}

// block adds the boxes of block i of l.
func (r *renderer) block(l *Layout, i int) {
	b := &l.Blocks[i]
	st := l.blockStyle(i)
	switch b.Kind {
	case KindHeader:
		r.header(b.Header)
	case KindSignatures:
		r.signatures(st, b.Signatures)
	case KindTable:
		r.table(st, b.Table)
	case KindChart:
		r.chart(st, b.Chart)
	case KindRecipientsLabel, KindRecipient:
		r.paragraph(st, b.Text, marginLeft, recipientsWidth)
	case KindTitleRule:
		if b.Text != "" {
			r.paragraph(st, b.Text, marginLeft, textWidth)
			break
		}
		length := titleRuleLength(r, l, i)
		r.boxes = append(r.boxes, box{h: titleRuleSpace, keep: true, draw: func(y float64) {
			x := marginLeft + (textWidth-length)/2
			r.pdf.Line(x, y+1, x+length, y+1)
		}})
	case KindSignOff:
		r.signOff(st, b.SignOff)
	default:
		r.paragraph(st, b.Text, marginLeft, textWidth)
	}
	if n := len(r.boxes); st.keep && n > 0 {
		r.boxes[n-1].keep = true
	}
}

// header draws the measured header as one box.
func (r *renderer) header(h *Header) {
	g := measureHeader(r, r.st, h)
	r.boxes = append(r.boxes, box{h: g.height, draw: func(top float64) {
		for _, l := range g.lines {
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
func (r *renderer) signatures(ts textStyle, sigs []Signature) {
	lh := ts.lineHeight()
	colW := textWidth / float64(max(len(sigs), 1))
	r.boxes = append(r.boxes, box{h: 2*lh + signatureRoom, before: ts.before * mmPerPt, draw: func(y float64) {
		for i, s := range sigs {
			x := marginLeft + float64(i)*colW
			r.text(ts, x, y, colW, s.Role, "C")
			if s.Name != "" {
				r.text(ts, x, y+lh+signatureRoom, colW, s.Name, "C")
			}
		}
	}})
}

// titleRuleLength is the length of the rule drawn under the summary line
// before block i: the share the format gives of its longest line.
func titleRuleLength(m measurer, l *Layout, i int) float64 {
	widest := 0.0
	if i > 0 {
		st := l.blockStyle(i - 1)
		for _, line := range balanced(m, st, l.Blocks[i-1].Text, textWidth) {
			m.setFont(st.font, st.size)
			widest = max(widest, m.width(line))
		}
	}
	return widest * l.noticeFormat().TitleRuleShare
}

// signOffLines lays out the two columns of a sign-off: Nơi nhận on the
// left, the signer on the right, each line with its style and offset.
type signOffLine struct {
	st   textStyle
	text string
	y    float64
}

func signOffColumns(m measurer, f *format, so *SignOff) (left, right []signOffLine, h float64) {
	y := 0.0
	if len(so.Recipients) > 0 {
		label := style(f, KindRecipientsLabel)
		left = append(left, signOffLine{label, recipientsLabel, y})
		y += label.lineHeight()
		item := style(f, KindRecipient)
		for _, it := range so.Recipients {
			for _, line := range wrap(m, item, it, recipientsWidth, recipientsWidth) {
				left = append(left, signOffLine{item, line, y})
				y += item.lineHeight()
			}
		}
	}
	leftH := y
	st := style(f, KindSignOff)
	rightW := textWidth - recipientsWidth
	y = 0
	sig := so.Signer
	for _, s := range append([]string{sig.Role}, sig.Lines...) {
		if s == "" {
			continue
		}
		for _, line := range balanced(m, st, s, rightW) {
			right = append(right, signOffLine{st, line, y})
			y += st.lineHeight()
		}
	}
	if len(right) > 0 || sig.Name != "" {
		y += signatureRoom
		if sig.Name != "" {
			right = append(right, signOffLine{st, sig.Name, y})
		}
		y += st.lineHeight()
	}
	return left, right, max(leftH, y)
}

// signOff draws Nơi nhận and the signer side by side in one box, never
// split across pages.
func (r *renderer) signOff(ts textStyle, so *SignOff) {
	left, right, h := signOffColumns(r, r.st, so)
	if h == 0 {
		return
	}
	rightX := marginLeft + recipientsWidth
	rightW := textWidth - recipientsWidth
	r.boxes = append(r.boxes, box{h: h, before: ts.before * mmPerPt, draw: func(y float64) {
		for _, l := range left {
			r.text(l.st, marginLeft, y+l.y, recipientsWidth, l.text, "L")
		}
		for _, l := range right {
			r.text(l.st, rightX, y+l.y, rightW, l.text, "C")
		}
	}})
}
