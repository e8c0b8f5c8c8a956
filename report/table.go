package report

// table adds a bordered table: one box per row, so rows are never split,
// and the header row is repeated at the top of every page the table reaches.
func (r *renderer) table(st textStyle, t *Table) {
	body := textStyle{font: regular, size: st.size}
	head := textStyle{font: bold, size: st.size}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	hb := new(box)
	*hb = r.row(t.Columns, titles, head, true, 0)
	hb.keep = true // never a header alone at a page foot
	first := *hb
	first.before = st.before * mmPerPt
	r.boxes = append(r.boxes, first)
	for i, cells := range t.Rows {
		st := body
		if i < len(t.Bold) && t.Bold[i] {
			st = head
		}
		b := r.row(t.Columns, cells, st, false, hb.h)
		b.repeat = hb
		r.boxes = append(r.boxes, b)
	}
}

// row is one table row. A cell too tall for a page (a title of a thousand
// characters in a narrow column) is cut with an ellipsis rather than run off
// the page.
func (r *renderer) row(cols []Column, cells []string, st textStyle, header bool, headerH float64) box {
	lh := st.lineHeight()
	maxLines := int((pageHeight - marginTop - marginBottom - headerH - 2*cellPad) / lh)
	wrapped := make([][]string, len(cols))
	n := 1
	for i, c := range cols {
		var s string
		if i < len(cells) {
			s = cells[i]
		}
		w := c.Width - 2*cellPad
		lines := wrap(r, st, s, w, w)
		if len(lines) > maxLines {
			lines = lines[:maxLines]
			lines[maxLines-1] += "…"
		}
		wrapped[i] = lines
		n = max(n, len(lines))
	}
	h := float64(n)*lh + 2*cellPad
	return box{h: h, draw: func(y float64) {
		r.pdf.SetLineWidth(tableRule)
		r.pdf.SetFillColor(tableHeadGray, tableHeadGray, tableHeadGray)
		x := marginLeft
		for i, c := range cols {
			style, align, top := "D", c.Align, y+cellPad
			if header {
				// Shaded, centred both ways.
				style, align = "FD", "C"
				top += float64(n-len(wrapped[i])) * lh / 2
			}
			r.pdf.Rect(x, y, c.Width, h, style)
			for k, line := range wrapped[i] {
				r.text(st, x+cellPad, top+float64(k)*lh, c.Width-2*cellPad, line, align)
			}
			x += c.Width
		}
		r.pdf.SetLineWidth(ruleWidth)
	}}
}

// chart draws one bar-chart panel per series, side by side (chart.go).
func (r *renderer) chart(st textStyle, c *Chart) {
	label := textStyle{font: regular, size: st.size}
	title := textStyle{font: bold, size: st.size + 1}
	lh := label.lineHeight()
	r.boxes = append(r.boxes, box{h: c.height(), before: st.before * mmPerPt, draw: func(y float64) {
		for _, p := range chartPanels(c, marginLeft, y, textWidth, c.height(), lh) {
			r.text(title, p.title.x, p.title.y, p.title.w, p.title.text, p.title.align)
			r.pdf.SetLineWidth(chartGridWidth)
			r.pdf.SetDrawColor(chartGridGray, chartGridGray, chartGridGray)
			for _, t := range p.ticks {
				if t.grid {
					r.pdf.Line(p.px, t.y, p.px+p.pw, t.y) // light grid line
				}
				r.text(label, t.label.x, t.label.y, t.label.w, t.label.text, t.label.align)
			}
			r.pdf.SetDrawColor(0, 0, 0)
			r.pdf.SetLineWidth(ruleWidth)
			r.pdf.Line(p.px, p.py, p.px, p.py+p.ph)           // y axis
			r.pdf.Line(p.px, p.py+p.ph, p.px+p.pw, p.py+p.ph) // x axis
			r.pdf.SetFillColor(chartBarGray, chartBarGray, chartBarGray)
			for _, b := range p.bars {
				if b.h > 0 {
					r.pdf.Rect(b.x, b.y, b.w, b.h, "FD")
				}
				r.text(label, b.value.x, b.value.y, b.value.w, b.value.text, b.value.align)
				if b.category != nil {
					r.text(label, b.category.x, b.category.y, b.category.w, b.category.text, b.category.align)
				}
			}
		}
	}})
}
