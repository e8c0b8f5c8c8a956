package docx

import (
	"strconv"
)

// Namespaces of the parts this package writes.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func onOff(w *xw, name string, on bool) {
	if on {
		w.empty(name)
	}
}

func halfPoints(pt float64) string { return strconv.Itoa(round(pt * 2)) }

// writeRunProps writes w:rPr in the order of CT_RPr (EG_RPrBase).
func writeRunProps(w *xw, r RunProps) {
	if r.empty() {
		return
	}
	w.start("w:rPr")
	if r.Style != "" {
		w.val("w:rStyle", r.Style)
	}
	if r.Font != "" {
		w.empty("w:rFonts", "w:ascii", r.Font, "w:hAnsi", r.Font, "w:eastAsia", r.Font, "w:cs", r.Font)
	}
	if r.Bold {
		w.empty("w:b")
		w.empty("w:bCs")
	}
	if r.Italic {
		w.empty("w:i")
		w.empty("w:iCs")
	}
	onOff(w, "w:caps", r.Caps)
	if r.Color != "" {
		w.val("w:color", r.Color)
	}
	if r.Size > 0 {
		w.val("w:sz", halfPoints(r.Size))
		w.val("w:szCs", halfPoints(r.Size))
	}
	if r.Lang != "" {
		w.val("w:lang", r.Lang)
	}
	w.end("w:rPr")
}

func writeBorder(w *xw, name string, b *Border) {
	if b == nil {
		w.empty(name, "w:val", "nil")
		return
	}
	color := b.Color
	if color == "" {
		color = "000000"
	}
	w.empty(name, "w:val", "single", "w:sz", itoa(b.Size), "w:space", itoa(b.Space), "w:color", color)
}

// writeParaProps writes w:pPr in the order of CT_PPr.
func writeParaProps(w *xw, p *ParaProps) {
	if *p == (ParaProps{}) {
		return
	}
	w.start("w:pPr")
	if p.Style != "" {
		w.val("w:pStyle", p.Style)
	}
	onOff(w, "w:keepNext", p.KeepNext)
	onOff(w, "w:keepLines", p.KeepLines)
	onOff(w, "w:widowControl", p.WidowControl)
	if b := p.Border; b != nil {
		w.start("w:pBdr")
		if b.Top != nil {
			writeBorder(w, "w:top", b.Top)
		}
		if b.Bottom != nil {
			writeBorder(w, "w:bottom", b.Bottom)
		}
		w.end("w:pBdr")
	}
	if s := p.Spacing; s != nil {
		var a []string
		if s.Before != nil {
			a = append(a, "w:before", s.Before.String())
		}
		if s.After != nil {
			a = append(a, "w:after", s.After.String())
		}
		if s.Line != 0 {
			rule := s.LineRule
			if rule == "" {
				rule = "auto"
			}
			a = append(a, "w:line", s.Line.String(), "w:lineRule", rule)
		}
		w.empty("w:spacing", a...)
	}
	if in := p.Ind; in != nil {
		var a []string
		if in.Left != 0 {
			a = append(a, "w:left", in.Left.String())
		}
		if in.Right != 0 {
			a = append(a, "w:right", in.Right.String())
		}
		if in.FirstLine != 0 {
			a = append(a, "w:firstLine", in.FirstLine.String())
		}
		w.empty("w:ind", a...)
	}
	if p.Align != "" {
		w.val("w:jc", p.Align)
	}
	if p.OutlineLevel > 0 {
		w.val("w:outlineLvl", itoa(p.OutlineLevel-1))
	}
	writeRunProps(w, p.Run)
	w.end("w:pPr")
}

func (p *Paragraph) writeBlock(w *xw, k *pkg) {
	w.start("w:p")
	writeParaProps(w, &p.Props)
	for i := range p.Runs {
		writeRun(w, k, &p.Runs[i])
	}
	w.end("w:p")
}

// writeText writes w:t, keeping leading and trailing spaces.
func writeText(w *xw, name, s string) {
	if s == "" {
		return
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		w.start(name, "xml:space", "preserve")
	} else {
		w.start(name)
	}
	w.text(s)
	w.end(name)
}

func writeRun(w *xw, k *pkg, r *Run) {
	switch {
	case r.Field != "":
		// A complex field: Word and LibreOffice compute PAGE and NUMPAGES
		// as they lay out; the text between separate and end is what a
		// reader that does not shows.
		for _, part := range []string{"begin", "instr", "separate", "text", "end"} {
			w.start("w:r")
			writeRunProps(w, r.Props)
			switch part {
			case "instr":
				writeText(w, "w:instrText", " "+r.Field+" ")
			case "text":
				writeText(w, "w:t", r.Text)
			default:
				w.empty("w:fldChar", "w:fldCharType", part)
			}
			w.end("w:r")
		}
		return
	case r.Image != nil:
		w.start("w:r")
		writeRunProps(w, r.Props)
		writeImage(w, k, r.Image)
		w.end("w:r")
		return
	}
	w.start("w:r")
	writeRunProps(w, r.Props)
	if r.Break {
		w.empty("w:br")
	}
	writeText(w, "w:t", r.Text)
	w.end("w:r")
}

// writeImage writes an inline DrawingML picture, as Word 2007 writes one.
func writeImage(w *xw, k *pkg, img *Image) {
	id := k.addImage(img)
	n := itoa(len(k.images))
	cx, cy := img.Width.emu(), img.Height.emu()
	w.start("w:drawing")
	w.start("wp:inline", "distT", "0", "distB", "0", "distL", "0", "distR", "0")
	w.empty("wp:extent", "cx", cx, "cy", cy)
	w.empty("wp:effectExtent", "l", "0", "t", "0", "r", "0", "b", "0")
	w.empty("wp:docPr", "id", n, "name", img.Name, "descr", img.Descr)
	w.start("wp:cNvGraphicFramePr")
	w.empty("a:graphicFrameLocks", "xmlns:a", nsA, "noChangeAspect", "1")
	w.end("wp:cNvGraphicFramePr")
	w.start("a:graphic", "xmlns:a", nsA)
	w.start("a:graphicData", "uri", nsPic)
	w.start("pic:pic", "xmlns:pic", nsPic)
	w.start("pic:nvPicPr")
	w.empty("pic:cNvPr", "id", "0", "name", img.Name, "descr", img.Descr)
	w.empty("pic:cNvPicPr")
	w.end("pic:nvPicPr")
	w.start("pic:blipFill")
	w.empty("a:blip", "r:embed", id)
	w.start("a:stretch")
	w.empty("a:fillRect")
	w.end("a:stretch")
	w.end("pic:blipFill")
	w.start("pic:spPr")
	w.start("a:xfrm")
	w.empty("a:off", "x", "0", "y", "0")
	w.empty("a:ext", "cx", cx, "cy", cy)
	w.end("a:xfrm")
	w.start("a:prstGeom", "prst", "rect")
	w.empty("a:avLst")
	w.end("a:prstGeom")
	w.end("pic:spPr")
	w.end("pic:pic")
	w.end("a:graphicData")
	w.end("a:graphic")
	w.end("wp:inline")
	w.end("w:drawing")
}

func (t *Table) writeBlock(w *xw, k *pkg) {
	var total Twips
	for _, g := range t.Grid {
		total += g
	}
	w.start("w:tbl")
	// CT_TblPr order: tblW, tblInd, tblBorders, tblLayout, tblCellMar.
	w.start("w:tblPr")
	w.empty("w:tblW", "w:w", total.String(), "w:type", "dxa")
	w.empty("w:tblInd", "w:w", t.Indent.String(), "w:type", "dxa")
	w.start("w:tblBorders")
	for _, side := range []string{"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"} {
		writeBorder(w, side, t.Borders)
	}
	w.end("w:tblBorders")
	w.empty("w:tblLayout", "w:type", "fixed")
	w.start("w:tblCellMar")
	for i, side := range []string{"w:top", "w:left", "w:bottom", "w:right"} {
		w.empty(side, "w:w", t.CellMargins[i].String(), "w:type", "dxa")
	}
	w.end("w:tblCellMar")
	w.empty("w:tblLook", "w:val", "0000")
	w.end("w:tblPr")
	w.start("w:tblGrid")
	for _, g := range t.Grid {
		w.empty("w:gridCol", "w:w", g.String())
	}
	w.end("w:tblGrid")
	for i := range t.Rows {
		row := &t.Rows[i]
		w.start("w:tr")
		if row.CantSplit || row.Header {
			w.start("w:trPr")
			onOff(w, "w:cantSplit", row.CantSplit)
			onOff(w, "w:tblHeader", row.Header)
			w.end("w:trPr")
		}
		for j := range row.Cells {
			c := &row.Cells[j]
			w.start("w:tc")
			// CT_TcPr order: tcW, shd, vAlign.
			w.start("w:tcPr")
			var width Twips
			if j < len(t.Grid) {
				width = t.Grid[j]
			}
			w.empty("w:tcW", "w:w", width.String(), "w:type", "dxa")
			if c.Shading != "" {
				w.empty("w:shd", "w:val", "clear", "w:color", "auto", "w:fill", c.Shading)
			}
			if c.VAlign != "" {
				w.val("w:vAlign", c.VAlign)
			}
			w.end("w:tcPr")
			// A cell must end with a paragraph.
			for _, b := range c.Blocks {
				b.writeBlock(w, k)
			}
			if len(c.Blocks) == 0 {
				w.empty("w:p")
			} else if _, ok := c.Blocks[len(c.Blocks)-1].(*Paragraph); !ok {
				w.empty("w:p")
			}
			w.end("w:tc")
		}
		w.end("w:tr")
	}
	w.end("w:tbl")
}

// writeSection writes w:sectPr in the order of CT_SectPr.
func writeSection(w *xw, d *Document, header, first string) {
	w.start("w:sectPr")
	if header != "" {
		w.empty("w:headerReference", "w:type", "default", "r:id", header)
	}
	if first != "" {
		w.empty("w:headerReference", "w:type", "first", "r:id", first)
	}
	p := d.Page
	size := []string{"w:w", p.Width.String(), "w:h", p.Height.String()}
	if p.Landscape {
		size = append(size, "w:orient", "landscape")
	}
	w.empty("w:pgSz", size...)
	w.empty("w:pgMar", "w:top", p.Top.String(), "w:right", p.Right.String(), "w:bottom", p.Bottom.String(),
		"w:left", p.Left.String(), "w:header", p.Header.String(), "w:footer", p.Footer.String(), "w:gutter", "0")
	onOff(w, "w:titlePg", d.TitlePage)
	w.end("w:sectPr")
}

// writeStyle writes one w:style in the order of CT_Style.
func writeStyle(w *xw, s *Style, asDefault bool) {
	typ := s.Type
	if typ == "" {
		typ = "paragraph"
	}
	attrs := []string{"w:type", typ}
	if s.Default && asDefault {
		attrs = append(attrs, "w:default", "1")
	}
	attrs = append(attrs, "w:styleId", s.ID)
	w.start("w:style", attrs...)
	w.val("w:name", s.Name)
	if s.BasedOn != "" {
		w.val("w:basedOn", s.BasedOn)
	}
	if s.Next != "" {
		w.val("w:next", s.Next)
	}
	onOff(w, "w:qFormat", s.Primary)
	if typ != "table" {
		writeParaProps(w, &s.Para)
		writeRunProps(w, s.Run)
	} else {
		w.start("w:tblPr")
		w.empty("w:tblInd", "w:w", "0", "w:type", "dxa")
		w.start("w:tblCellMar")
		for _, side := range []string{"w:top", "w:left", "w:bottom", "w:right"} {
			n := "0"
			if side == "w:left" || side == "w:right" {
				n = "108"
			}
			w.empty(side, "w:w", n, "w:type", "dxa")
		}
		w.end("w:tblCellMar")
		w.end("w:tblPr")
	}
	w.end("w:style")
}

// stylesPart is word/styles.xml without a reference document.
func stylesPart(d *Document) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("w:styles", "xmlns:w", nsW)
	w.start("w:docDefaults")
	w.start("w:rPrDefault")
	writeRunProps(w, RunProps{Font: d.Defaults.Font, Size: d.Defaults.Size, Lang: d.Defaults.Lang})
	w.end("w:rPrDefault")
	w.start("w:pPrDefault")
	pp := d.Defaults.Para
	if pp == (ParaProps{}) {
		w.empty("w:pPr")
	} else {
		writeParaProps(w, &pp)
	}
	w.end("w:pPrDefault")
	w.end("w:docDefaults")
	for i := range d.Styles {
		writeStyle(w, &d.Styles[i], true)
	}
	w.end("w:styles")
	return w.Bytes()
}
