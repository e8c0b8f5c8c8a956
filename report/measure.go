package report

import (
	"math"
	"strings"
)

// The rules in this file need the widths of the font: how a line breaks,
// where a body's name is split in the header, how long the header's rules
// are. Both renderers call them, each with its own measurer (gofpdf's
// metrics for the PDF, the font's own tables for Word), so the header of a
// Word document breaks where the PDF's does.

// measurer sets a font and measures text in it, in millimetres.
type measurer interface {
	setFont(s fontStyle, size float64)
	width(s string) float64
}

// wrap breaks s into lines: the first at most first mm wide, the rest at
// most rest mm. s has single spaces (the cleaner collapses them).
func wrap(m measurer, st textStyle, s string, first, rest float64) []string {
	m.setFont(st.font, st.size)
	if s == "" {
		return []string{""}
	}
	if m.width(s) <= first {
		return []string{s}
	}
	space := m.width(" ")
	var lines []string
	var cur strings.Builder
	curW, limit := 0.0, first
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW, limit = 0, rest
	}
	for _, word := range glue(strings.Split(s, " ")) {
		ww := m.width(word)
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
				cw := m.width(string(c))
				if wcut+cw > limit && i > 0 {
					break
				}
				wcut += cw
				cut = i + len(string(c))
			}
			cur.WriteString(word[:cut])
			flush()
			word = word[cut:]
			ww = m.width(word)
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

// glued is s with the space before each word that glue joins to the one
// before it made a no-break space, for a renderer whose reader breaks the
// lines (Word): "Phường 2" stays together there too.
func glued(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	words := strings.Split(s, " ")
	g := glue(words)
	if len(g) == len(words) {
		return s
	}
	for i, w := range g {
		g[i] = strings.Replace(w, " ", "\u00a0", 1)
	}
	return strings.Join(g, " ")
}

// balanced wraps centred text into the same number of lines as wrap would,
// but as even as possible, so that a title or a body's name never ends with
// one orphaned word.
func balanced(m measurer, st textStyle, s string, w float64) []string {
	lines := wrap(m, st, s, w, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, w
	for i := 0; i < 14; i++ {
		mid := (lo + hi) / 2
		if len(wrap(m, st, s, mid, mid)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return wrap(m, st, s, hi, hi)
}

// orgLines breaks a body's name for the header: before an administrative
// unit where possible ("ỦY BAN NHÂN DÂN / THÀNH PHỐ SÓC TRĂNG"), else evenly.
func orgLines(m measurer, st textStyle, s string, w float64) []string {
	m.setFont(st.font, st.size)
	if m.width(s) <= w {
		return []string{s}
	}
	var best []string
	bestW := math.Inf(1)
	for _, unit := range headerBreakBefore {
		for i := strings.Index(s, " "+unit+" "); i > 0; {
			a, b := s[:i], s[i+1:]
			if wa, wb := m.width(a), m.width(b); wa <= w && wb <= w && max(wa, wb) < bestW {
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
	return balanced(m, st, s, w)
}

// headerPart says which element of the header a line belongs to.
type headerPart int

const (
	partParent headerPart = iota
	partOrg
	partMark     // "*" under a Party body
	partMarkRule // the short rule under a State body
	partNation   // a line of the national title (headerLine.nation says which)
	partNumber
	partDate
)

// headerLine is one line of the header, or one rule, placed relative to
// the header's top left corner (x is absolute, in mm from the page edge).
type headerLine struct {
	part   headerPart
	nation int // index into format.Nation for partNation
	st     textStyle
	text   string
	y      float64
	x, w   float64
	align  string
	rule   float64 // length of a rule under the line, 0 for none
	ruleAt float64
}

// headerGeom is the header measured: the widths of its two columns, its
// lines in order and where the number and date row sits.
type headerGeom struct {
	leftW, rightW     float64
	lines             []headerLine
	leftEnd, rightEnd float64 // bottom of each column above the number and date row
	row, height       float64 // top of the number and date row; the whole header
}

// measureHeader lays out the two columns. The number (left) and the date
// line (right) share one baseline, as in printed Party and State documents.
func measureHeader(m measurer, st *format, h *Header) headerGeom {
	leftW := st.HeaderLeftWidth
	rightW := textWidth - leftW
	// The national title must never wrap: widen the right column if needed.
	for _, n := range st.Nation {
		m.setFont(bold, n.Size)
		if w := m.width(n.Text) + 2; w > rightW {
			rightW, leftW = w, textWidth-w
		}
	}
	leftX, rightX := marginLeft, marginLeft+leftW

	var lines []headerLine
	orgStyle := textStyle{font: regular, size: st.OrgSize, align: "C"}
	y := 0.0
	var orgW float64
	addCol := func(part headerPart, ts textStyle, s string, x, w float64) {
		for _, t := range orgLines(m, ts, s, w) {
			lines = append(lines, headerLine{part: part, st: ts, text: t, y: y, x: x, w: w, align: "C"})
			if tw := m.width(t); ts.font == bold && tw > orgW {
				orgW = tw
			}
			y += ts.lineHeight()
		}
	}
	if h.Parent != "" {
		addCol(partParent, orgStyle, h.Parent, leftX, leftW)
	}
	if h.Org != "" {
		addCol(partOrg, textStyle{font: bold, size: st.OrgSize, align: "C"}, h.Org, leftX, leftW)
	}
	if st.Mark != "" {
		addCol(partMark, orgStyle, st.Mark, leftX, leftW)
	} else if orgW > 0 {
		// A short centred rule under the issuing body.
		lines = append(lines, headerLine{part: partMarkRule, x: leftX, w: leftW, rule: orgW * st.MarkRuleLength, ruleAt: y + 0.6})
		y += ruleSpace
	}
	leftEnd := y

	y = 0
	for i, n := range st.Nation {
		ts := textStyle{font: bold, size: n.Size, align: "C"}
		l := headerLine{part: partNation, nation: i, st: ts, text: n.Text, y: y, x: rightX, w: rightW, align: "C"}
		y += ts.lineHeight()
		if n.Rule {
			m.setFont(bold, n.Size)
			l.rule, l.ruleAt = m.width(n.Text), y+0.6
			y += ruleSpace
		}
		lines = append(lines, l)
	}
	row := math.Max(leftEnd, y+numberRowGap)
	numStyle := textStyle{font: regular, size: st.NumberSize, align: "C"}
	dateStyle := textStyle{font: italic, size: st.DateSize, align: st.DateAlign}
	if h.Number != "" {
		// Same baseline as the date line, which may be set larger.
		shift := 0.9 * (dateStyle.size - numStyle.size) * mmPerPt
		lines = append(lines, headerLine{part: partNumber, st: numStyle, text: h.Number, y: row + shift, x: leftX, w: leftW, align: "C"})
	}
	lines = append(lines, headerLine{part: partDate, st: dateStyle, text: h.DateLine, y: row, x: rightX, w: rightW, align: st.DateAlign})
	return headerGeom{
		leftW: leftW, rightW: rightW, lines: lines, leftEnd: leftEnd, rightEnd: y, row: row,
		height: row + math.Max(numStyle.lineHeight(), dateStyle.lineHeight()),
	}
}
