package report

import (
	"math"
)

const (
	cellPad     = 1.2 // mm inside every table cell
	tableRule   = 0.2 // mm
	tableSpace  = 4.0 // pt above a table
	chartHeight = 72.0
)

// table adds a bordered table: one box per row, so rows are never split,
// and the header row is repeated at the top of every page the table reaches.
func (r *renderer) table(t *Table) {
	body := textStyle{font: regular, size: tableSize}
	head := textStyle{font: bold, size: tableSize}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	hb := new(box)
	*hb = r.row(t.Columns, titles, head, true, 0)
	hb.keep = true // never a header alone at a page foot
	first := *hb
	first.before = tableSpace * mmPerPt
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
		lines := r.wrap(st, s, w, w)
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
		r.pdf.SetFillColor(235, 235, 235)
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

// chart draws one bar-chart panel per series, side by side, each with its
// own axis: meetings count in tens, delegates in thousands.
func (r *renderer) chart(c *Chart) {
	label := textStyle{font: regular, size: chartSize}
	title := textStyle{font: bold, size: chartSize + 1}
	panels := max(len(c.Series), 1)
	panelW := textWidth / float64(panels)
	r.boxes = append(r.boxes, box{h: chartHeight, before: 4 * mmPerPt, draw: func(y float64) {
		for p, s := range c.Series {
			x0 := marginLeft + float64(p)*panelW
			r.text(title, x0, y, panelW, s.Name, "C")
			// Plot area inside the panel: room for tick labels on the left,
			// category labels below.
			px, pw := x0+16, panelW-22
			py, ph := y+10, chartHeight-20
			top, step := axisScale(s.Values)
			r.pdf.SetLineWidth(0.15)
			r.pdf.SetDrawColor(170, 170, 170)
			lh := label.lineHeight()
			for v := 0; v <= top; v += step {
				ty := py + ph - ph*float64(v)/float64(top)
				if v > 0 {
					r.pdf.Line(px, ty, px+pw, ty) // light grid line
				}
				r.text(label, x0, ty-lh/2, 14, vnInt(v), "R")
			}
			r.pdf.SetDrawColor(0, 0, 0)
			r.pdf.SetLineWidth(ruleWidth)
			r.pdf.Line(px, py, px, py+ph)       // y axis
			r.pdf.Line(px, py+ph, px+pw, py+ph) // x axis
			slot := pw / float64(max(len(c.Categories), 1))
			r.pdf.SetFillColor(110, 110, 110)
			for i, v := range s.Values {
				bh := ph * float64(v) / float64(top)
				bx := px + slot*float64(i) + slot*0.25
				if bh > 0 {
					r.pdf.Rect(bx, py+ph-bh, slot*0.5, bh, "FD")
				}
				r.text(label, bx-slot*0.25, py+ph-bh-lh, slot, vnInt(v), "C")
				if i < len(c.Categories) {
					r.text(label, px+slot*float64(i), py+ph+1, slot, c.Categories[i], "C")
				}
			}
		}
	}})
}

// axisScale returns the axis maximum and a round tick step (1, 2 or 5 times
// a power of ten) giving at most five ticks above zero.
func axisScale(values []int) (top, step int) {
	m := 0
	for _, v := range values {
		m = max(m, v)
	}
	if m == 0 {
		return 4, 1
	}
	raw := float64(m) / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step = int(pow)
	for _, k := range []float64{1, 2, 5, 10} {
		if k*pow >= raw {
			step = int(k * pow)
			break
		}
	}
	step = max(step, 1)
	top = (m + step - 1) / step * step
	return top, step
}
