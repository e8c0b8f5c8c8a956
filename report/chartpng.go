package report

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The Word renderer has no gofpdf to measure with: it reads the same
// Liberation Serif files with golang.org/x/image, to break the header where
// the PDF does and to paint the chart's labels.

// sfntFonts are the four styles parsed once; sfnt.Font is safe for
// concurrent use when each caller has its own sfnt.Buffer.
var sfntFonts = sync.OnceValue(func() [numStyles]*sfnt.Font {
	var out [numStyles]*sfnt.Font
	for i, f := range fonts {
		p, err := opentype.Parse(f.ttf)
		if err != nil {
			panic("report: embedded Liberation font: " + err.Error())
		}
		out[i] = p
	}
	return out
})

// fontMeasurer measures text as gofpdf does: each glyph's advance in
// thousandths of an em, rounded, so that both renderers break a line at the
// same word.
type fontMeasurer struct {
	buf   sfnt.Buffer
	style fontStyle
	size  float64
	adv   [numStyles]map[rune]int
}

func (m *fontMeasurer) setFont(s fontStyle, size float64) { m.style, m.size = s, size }

func (m *fontMeasurer) width(s string) float64 {
	f := sfntFonts()[m.style]
	cache := m.adv[m.style]
	if cache == nil {
		cache = map[rune]int{}
		m.adv[m.style] = cache
	}
	upem := float64(f.UnitsPerEm())
	total := 0
	for _, r := range s {
		a, ok := cache[r]
		if !ok {
			gi, err := f.GlyphIndex(&m.buf, r)
			if err == nil {
				if adv, err := f.GlyphAdvance(&m.buf, gi, fixed.I(int(upem)), font.HintingNone); err == nil {
					a = int(math.Round(float64(adv) / 64 * 1000 / upem))
				}
			}
			cache[r] = a
		}
		total += a
	}
	return float64(total) * m.size / 1000 * mmPerPt
}

// chartDPI is the resolution of the chart picture: sharp when printed,
// still small (a grey-scale PNG of about 20 kB).
const chartDPI = 200

// chartPNG paints c as the PDF draws it (chart.go), as a grey-scale PNG of
// textWidth × c.height() mm; st is the chart's style.
func chartPNG(st textStyle, c *Chart) ([]byte, error) {
	px := chartDPI / 25.4 // pixels per mm
	img := image.NewGray(image.Rect(0, 0, int(math.Round(textWidth*px)), int(math.Round(c.height()*px))))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	label := textStyle{font: regular, size: st.size}
	title := textStyle{font: bold, size: st.size + 1}
	faces := map[textStyle]font.Face{}
	face := func(ts textStyle) font.Face {
		if f, ok := faces[ts]; ok {
			return f
		}
		f, _ := opentype.NewFace(sfntFonts()[ts.font], &opentype.FaceOptions{Size: ts.size, DPI: chartDPI, Hinting: font.HintingNone})
		faces[ts] = f
		return f
	}
	text := func(ts textStyle, t chartText) {
		f := face(ts)
		w := float64(font.MeasureString(f, t.text)) / 64
		x := t.x * px
		switch t.align {
		case "C":
			x += (t.w*px - w) / 2
		case "R":
			x += t.w*px - w
		}
		// gofpdf's baseline in a cell: half the line down, plus 0.3 em.
		base := (t.y + ts.lineHeight()/2 + 0.3*ts.size*mmPerPt) * px
		d := font.Drawer{Dst: img, Src: image.Black, Face: f, Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(base * 64)}}
		d.DrawString(t.text)
	}
	fill := func(x0, y0, x1, y1 float64, g uint8) {
		r := image.Rect(int(math.Round(x0*px)), int(math.Round(y0*px)), int(math.Round(x1*px)), int(math.Round(y1*px)))
		if r.Dx() == 0 {
			r.Max.X++
		}
		if r.Dy() == 0 {
			r.Max.Y++
		}
		r = r.Intersect(img.Bounds())
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
			for i := range row {
				row[i] = g
			}
		}
	}
	hline := func(x0, x1, y, w float64, g uint8) { fill(x0, y-w/2, x1, y+w/2, g) }
	vline := func(x, y0, y1, w float64, g uint8) { fill(x-w/2, y0, x+w/2, y1, g) }

	for _, p := range chartPanels(c, 0, 0, textWidth, c.height(), label.lineHeight()) {
		text(title, p.title)
		for _, t := range p.ticks {
			if t.grid {
				hline(p.px, p.px+p.pw, t.y, chartGridWidth, chartGridGray)
			}
			text(label, t.label)
		}
		vline(p.px, p.py, p.py+p.ph, ruleWidth, 0)
		hline(p.px, p.px+p.pw, p.py+p.ph, ruleWidth, 0)
		for _, b := range p.bars {
			if b.h > 0 {
				fill(b.x, b.y, b.x+b.w, b.y+b.h, chartBarGray)
				vline(b.x, b.y, b.y+b.h, ruleWidth, 0)
				vline(b.x+b.w, b.y, b.y+b.h, ruleWidth, 0)
				hline(b.x, b.x+b.w, b.y, ruleWidth, 0)
			}
			text(label, b.value)
			if b.category != nil {
				text(label, *b.category)
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
