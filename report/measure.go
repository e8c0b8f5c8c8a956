package report

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
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
// most rest mm. s has single spaces (the cleaner collapses them). Lines
// break only between units (glue): a number, a Roman numeral and a spaced
// dash stay with their words.
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
	for _, word := range units(s) {
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
		// cut where it must be. Each character is measured once, so a
		// pasted run of 100,000 costs ten times one of 10,000.
		if ww > limit {
			n := len(lines)
			if word, ww = cutLong(m, word, limit, rest, &lines); len(lines) > n {
				limit = rest
			}
		}
		cur.WriteString(word)
		curW = ww
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return keepLastWord(m, lines, rest)
}

// cutLong cuts word into lines of at most first mm (the first) and rest mm
// (the others), appending every full line to lines; it returns what is left
// for the current line and its width.
func cutLong(m measurer, word string, first, rest float64, lines *[]string) (string, float64) {
	start, w, limit := 0, 0.0, first
	for i, c := range word {
		cw := m.width(string(c))
		if w+cw > limit && i > start {
			*lines = append(*lines, word[start:i])
			start, w, limit = i, 0, rest
		}
		w += cw
	}
	return word[start:], w
}

// keepLastWord takes the last word of the line before down to the last
// line when the last line is the lone second half of a compound word
// ("Công chức Văn phòng - Thống / kê"): no paragraph ends on half a word.
func keepLastWord(m measurer, lines []string, w float64) []string {
	n := len(lines)
	if n < 2 || strings.Contains(lines[n-1], " ") {
		return lines
	}
	prev := lines[n-2]
	i := strings.LastIndexByte(prev, ' ')
	if i < 0 || !compoundPairs()[strings.ToLower(lastWord(prev))+" "+strings.ToLower(lines[n-1])] {
		return lines
	}
	// The units ending the line before, glue included ("phòng - Thống"),
	// as many as it takes not to break another compound ("Văn / phòng").
	us := units(prev)
	moved := lines[n-1]
	for k := len(us) - 1; k >= 1 && len(us)-k <= 3; k-- {
		moved = us[k] + " " + moved
		if m.width(moved) > w {
			return lines
		}
		if !compoundPairs()[strings.ToLower(lastWord(us[k-1]))+" "+strings.ToLower(firstWord(us[k]))] {
			lines[n-2] = strings.Join(us[:k], " ")
			lines[n-1] = moved
			return lines
		}
	}
	return lines
}

// units splits s (single spaces) into the runs of words that a line never
// breaks (glue).
func units(s string) []string { return glue(strings.Split(s, " ")) }

// glue joins the words that must share a line:
//   - a word that starts with a digit, to the word before it: "Phường 2",
//     "năm 2021", "thời hạn: 23/05/2021" (once: a run of numbers can wrap);
//   - a Roman numeral, alone or with a year, to the word before it: "quý
//     II/2021", "khóa XV"; and "lần thứ" with the numeral after it: "lần
//     thứ XVII";
//   - a spaced dash, to the words on both sides: "kinh tế - xã hội",
//     "Văn phòng - Thống kê"; no line starts or ends with one;
//   - a label inside a sentence — a word ending with a colon, and more
//     after it — to the word before it: "thời hạn:", "Thực hiện:" (and
//     so the date after it too).
func glue(words []string) []string {
	out := make([]string, 0, len(words))
	afterDash := false // the last unit ends with a dash: the next word joins it
	numbered := false  // the last unit took a number already
	for i, w := range words {
		n := len(out)
		switch {
		case n > 0 && afterDash:
			out[n-1] += " " + w
			afterDash = isDash(w)
			numbered = false
		case isDash(w):
			if n > 0 {
				out[n-1] += " " + w
			} else {
				out = append(out, w)
			}
			afterDash = true
		case n > 0 && i+1 < len(words) && isLabelEnd(w) && !strings.ContainsAny(out[n-1][len(out[n-1])-1:], ",;:.)"):
			out[n-1] += " " + w
			numbered = false
		case n > 0 && !numbered && (startsWithDigit(w) || isRoman(w)):
			out[n-1] += " " + w
			numbered = true
			// "lần thứ XVII": "thứ" took the numeral; "lần" goes with them.
			if n > 1 && strings.HasPrefix(out[n-1], "thứ ") && !strings.Contains(out[n-1][len("thứ "):], " ") &&
				lastWord(out[n-2]) == "lần" {
				out[n-2] += " " + out[n-1]
				out = out[:n-1]
			}
		default:
			out = append(out, w)
			numbered = false
		}
	}
	return out
}

func isDash(w string) bool { return w == "-" || w == "–" || w == "—" }

// isLabelEnd reports the last word of a label: a word ending with a colon.
func isLabelEnd(w string) bool { return len(w) > 1 && strings.HasSuffix(w, ":") && !startsWithDigit(w) }

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

var romanNumeral = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$`)
})

// isRoman reports a Roman numeral as Vietnamese documents write them:
// "II", "XV", "XVII", "I/2021", with punctuation after it.
func isRoman(w string) bool {
	core := strings.TrimRight(w, ".,;:)")
	roman, year, slash := strings.Cut(core, "/")
	if slash && (len(year) != 4 || strings.Trim(year, "0123456789") != "") {
		return false
	}
	return roman != "" && romanNumeral().MatchString(roman)
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// glued is s with the spaces inside each unit (glue) made no-break spaces,
// for a renderer whose reader breaks the lines (Word): "quý II/2021" and
// "kinh tế - xã hội" stay together there too.
func glued(s string) string {
	if s == "" {
		return s
	}
	words := strings.Split(s, " ")
	g := glue(words)
	if len(g) == len(words) {
		return s
	}
	for i, w := range g {
		g[i] = strings.ReplaceAll(w, " ", "\u00a0")
	}
	return strings.Join(g, " ")
}

// Costs of a line break, by where it falls. Lines break first where the
// text itself pauses (after a comma, a semicolon, a colon), then before a
// word that opens a phrase (và, về, của, tại, năm, quý…), then between
// any two words, and inside a compound word ("mở / rộng", "công / tác",
// "Trung / ương") only when nothing else fits.
const (
	breakAtPause    = 0.0
	breakAtPhrase   = 1.0
	breakAnywhere   = 10.0
	breakInCompound = 100.0
	// evenness weighs the unused width of each line (squared, as a share
	// of the line) against the cost of its breaks, so that the lines of a
	// title come out even where the breaks allow it.
	evenness = 8.0
	// titleExtraLine is what one line more than the fewest costs a title:
	// less than a break between any two words, so that "…, quốc phòng an
	// ninh, / xây dựng hệ thống chính trị quý I/2021 / và một số nhiệm vụ
	// …" wins over "…, xây dựng / hệ thống chính trị …".
	titleExtraLine = 2.0
)

// balanced breaks centred text (a title, a caption, the lines of a
// signature block) into as few lines as wrap would, choosing the breaks by
// their cost and then by evenness: "Hội nghị đánh giá tình hình kinh tế -
// xã hội, quốc phòng an ninh, / xây dựng hệ thống chính trị quý I/2021 …".
func balanced(m measurer, st textStyle, s string, w float64) []string {
	m.setFont(st.font, st.size)
	if s == "" || m.width(s) <= w {
		return []string{s}
	}
	us := units(s)
	cost := make([]float64, len(us))
	for i := 0; i+1 < len(us); i++ {
		next := us[i+1]
		if i+2 < len(us) {
			next += " " + us[i+2]
		}
		cost[i] = titleBreakCost(us[i], next)
	}
	if lines := breakUnits(m, us, cost, w, titleExtraLine); lines != nil {
		return lines
	}
	return wrap(m, st, s, w, w)
}

// titleBreakCost is the cost of breaking a line after unit a, before the
// text next (the next unit or two).
func titleBreakCost(a, next string) float64 {
	rest := strings.ToLower(next)
	switch {
	case strings.ContainsAny(a[len(a)-1:], ",;:.") || strings.HasSuffix(a, "…"):
		return breakAtPause
	case compoundPairs()[strings.ToLower(lastWord(a))+" "+firstWord(rest)]:
		return breakInCompound
	case strings.HasPrefix(rest, "("):
		return breakAtPhrase
	}
	for _, o := range phraseOpenerWords {
		if rest == o || strings.HasPrefix(rest, o+" ") {
			return breakAtPhrase
		}
	}
	return breakAnywhere
}

// breakUnits sets units us on lines no wider than w, breaking where the
// sum of cost (cost[i]: breaking after unit i) and of evenness is lowest:
// on the fewest lines, or on one more when that saves more than extra.
// nil when one unit alone is wider than a line.
func breakUnits(m measurer, us []string, cost []float64, w, extra float64) []string {
	n := len(us)
	pre := make([]float64, n+1) // pre[j]: widths of units [0, j)
	for i, u := range us {
		uw := m.width(u)
		if uw > w {
			return nil
		}
		pre[i+1] = pre[i] + uw
	}
	space := m.width(" ")
	lineW := func(i, j int) float64 { return pre[j] - pre[i] + float64(j-i-1)*space }
	inf := math.Inf(1)
	// best[j]: the lowest cost of units [0, j) on the current number of
	// lines; from[j]: where its last line starts.
	best := make([]float64, n+1)
	for i := range best {
		best[i] = inf
	}
	best[0] = 0
	var froms [][]int
	fewest, fewestCost := 0, inf
	for lines := 1; lines <= n; lines++ {
		next := make([]float64, n+1)
		from := make([]int, n+1)
		for j := range next {
			next[j] = inf
		}
		for j := 1; j <= n; j++ {
			for i := j - 1; i >= 0 && lineW(i, j) <= w; i-- {
				if best[i] == inf {
					continue
				}
				slack := (w - lineW(i, j)) / w
				c := best[i] + evenness*slack*slack
				if i > 0 {
					c += cost[i-1]
				}
				if c < next[j] {
					next[j], from[j] = c, i
				}
			}
		}
		froms = append(froms, from)
		best = next
		if fewest > 0 {
			if best[n]+extra >= fewestCost {
				froms = froms[:fewest]
			}
			break
		}
		if best[n] < inf {
			fewest, fewestCost = lines, best[n]
		}
	}
	if fewest == 0 {
		return nil
	}
	out := make([]string, len(froms))
	for k, j := len(froms)-1, n; k >= 0; k-- {
		i := froms[k][j]
		out[k] = strings.Join(us[i:j], " ")
		j = i
	}
	return out
}

// orgLines breaks a body's name for the header between the units of the
// name, never inside one: before an administrative unit or a Party
// committee where possible ("ỦY BAN NHÂN DÂN / THÀNH PHỐ SÓC TRĂNG",
// "ĐẢNG ỦY KHỐI CÁC CƠ QUAN / TỈNH SÓC TRĂNG"), else between two parts of
// the name, and never inside a compound ("CƠ QUAN", "HỢP TÁC XÃ") or a
// place name ("TỈNH NGHỆ AN") unless nothing else fits.
func orgLines(m measurer, st textStyle, s string, w float64) []string {
	m.setFont(st.font, st.size)
	if m.width(s) <= w {
		return []string{s}
	}
	words := strings.Fields(s)
	if lines := breakUnits(m, words, orgBreakCosts(words), w, orgExtraLine); lines != nil {
		return lines
	}
	return balanced(m, st, s, w)
}

// Costs of breaking a body's name (orgLines).
const (
	orgBreakBeforeUnit = 0.0
	orgBreakBetween    = 1.0
	orgBreakInside     = 1000.0
	orgExtraLine       = 5.0 // a line more in the header: only to keep a unit whole
)

// orgBreakCosts are the costs of breaking after each word of a body's
// name (upper case).
func orgBreakCosts(words []string) []float64 {
	n := len(words)
	cost := make([]float64, n)
	pairs := compoundPairs()
	inCompound := func(i int) bool { // between words i and i+1
		return i+1 < n && pairs[strings.ToLower(words[i])+" "+strings.ToLower(words[i+1])]
	}
	// unitAt is the length in words of the administrative unit or Party
	// committee starting at word p, 0 when none does.
	unitAt := func(p int) int {
		if p > 0 && inCompound(p-1) {
			return 0 // "XÃ" of "HỢP TÁC XÃ", "XÃ" of "THỊ XÃ"
		}
		for _, u := range headerUnits() {
			k := len(u)
			if p+k <= n && slices.Equal(words[p:p+k], u) {
				return k
			}
		}
		return 0
	}
	for i := 0; i+1 < n; i++ {
		cost[i] = orgBreakBetween
		if inCompound(i) {
			cost[i] = orgBreakInside
		}
	}
	for p := 0; p < n; {
		k := unitAt(p)
		if k == 0 {
			p++
			continue
		}
		if p > 0 && cost[p-1] != orgBreakInside {
			cost[p-1] = orgBreakBeforeUnit
		}
		// The unit and its name, up to the next unit or compound word,
		// stay on one line.
		q := p + k
		for q < n && unitAt(q) == 0 && !inCompound(q) {
			q++
		}
		for i := p; i < q-1 && i < n-1; i++ {
			cost[i] = orgBreakInside
		}
		p = max(q, p+1)
	}
	return cost
}

var (
	compoundPairsOnce = sync.OnceValue(func() map[string]bool {
		out := map[string]bool{}
		for _, c := range compounds {
			ws := strings.Fields(strings.ToLower(c))
			for i := 0; i+1 < len(ws); i++ {
				out[ws[i]+" "+ws[i+1]] = true
			}
		}
		return out
	})
	headerUnitsOnce = sync.OnceValue(func() [][]string {
		var out [][]string
		for _, u := range append(append([]string(nil), headerBreakBefore...), headerCommittees...) {
			out = append(out, strings.Fields(upper(u)))
		}
		// Longest first, so that "THÀNH PHỐ" is one unit, not "THÀNH".
		slices.SortStableFunc(out, func(a, b []string) int { return len(b) - len(a) })
		return out
	})
)

// compoundPairs are the adjacent word pairs of the compounds (format.go),
// lower case: a line never breaks between them if it can help it.
func compoundPairs() map[string]bool { return compoundPairsOnce() }

func headerUnits() [][]string { return headerUnitsOnce() }

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
