package report

import "math"

// The chart's geometry, shared by the PDF renderer (which draws it with
// gofpdf) and the Word renderer (which paints it into a PNG): one panel per
// series, side by side, each with its own axis, since meetings count in
// tens and delegates in thousands.

const (
	chartGridWidth = 0.15 // mm, the light grid lines
	chartGridGray  = 170
	chartBarGray   = 110
)

// chartText is a label set in a cell of width w at (x, y), the top of its line.
type chartText struct {
	x, y, w     float64
	text, align string
}

type chartTick struct {
	y     float64
	grid  bool // a grid line across the plot (not at zero, where the axis is)
	label chartText
}

type chartBar struct {
	x, y, w, h float64 // h is 0 for a zero value: no bar, only its label
	value      chartText
	category   *chartText // nil when there are fewer categories than values
}

type chartPanel struct {
	title          chartText
	px, py, pw, ph float64 // the plot area, where the axes meet at (px, py+ph)
	ticks          []chartTick
	bars           []chartBar
}

// stacked reports whether the panels of c go one above the other: with
// more bars than fit half the page's width (the months of six or nine
// months, of a year's range).
func (c *Chart) stacked() bool { return len(c.Categories) > chartSideBySide }

// height is the height of the chart in mm.
func (c *Chart) height() float64 {
	if c.stacked() {
		return chartPanelTall * float64(max(len(c.Series), 1))
	}
	return chartHeight
}

// chartPanels places the panels of c in the rectangle at (x, y) of the
// given width and height, in mm; lh is the line height of the labels.
func chartPanels(c *Chart, x, y, width, height, lh float64) []chartPanel {
	panels := max(len(c.Series), 1)
	panelW, panelH := width/float64(panels), height
	if c.stacked() {
		panelW, panelH = width, height/float64(panels)
	}
	out := make([]chartPanel, 0, len(c.Series))
	for p, s := range c.Series {
		x0, y0 := x+float64(p)*panelW, y
		if c.stacked() {
			x0, y0 = x, y+float64(p)*panelH
		}
		// Plot area inside the panel: room for tick labels on the left,
		// category labels below.
		px, pw := x0+16, panelW-22
		py, ph := y0+10, panelH-20
		cp := chartPanel{title: chartText{x0, y0, panelW, s.Name, "C"}, px: px, py: py, pw: pw, ph: ph}
		top, step := axisScale(s.Values)
		for v := 0; v <= top; v += step {
			ty := py + ph - ph*float64(v)/float64(top)
			cp.ticks = append(cp.ticks, chartTick{y: ty, grid: v > 0, label: chartText{x0, ty - lh/2, 14, vnInt(v), "R"}})
		}
		slot := pw / float64(max(len(c.Categories), 1))
		for i, v := range s.Values {
			bh := ph * float64(v) / float64(top)
			bx := px + slot*float64(i) + slot*0.25
			b := chartBar{x: bx, y: py + ph - bh, w: slot * 0.5, h: bh,
				value: chartText{bx - slot*0.25, py + ph - bh - lh, slot, vnInt(v), "C"}}
			if i < len(c.Categories) {
				b.category = &chartText{px + slot*float64(i), py + ph + 1, slot, c.Categories[i], "C"}
			}
			cp.bars = append(cp.bars, b)
		}
		out = append(out, cp)
	}
	return out
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
