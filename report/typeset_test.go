package report

import (
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

// The typesetting rules of issue 13, each seen in real records: a layout
// value test through the measurer both renderers share, and a pdftotext
// test of the rendered PDF.

// headerLines are the lines of the issuing body in the measured header.
func headerLines(st *format, parent, org string) (parents, orgs []string) {
	g := measureHeader(&fontMeasurer{}, st, &Header{Parent: upper(parent), Org: upper(org), DateLine: "Sóc Trăng, ngày 25 tháng 3 năm 2021"})
	for _, l := range g.lines {
		switch l.part {
		case partParent:
			parents = append(parents, l.text)
		case partOrg:
			orgs = append(orgs, l.text)
		}
	}
	return parents, orgs
}

// Names in the header break between the units of the name, never inside
// one: "CHI BỘ LIÊN MINH HỢP TÁC / XÃ TỈNH NGHỆ AN" broke inside "HỢP TÁC
// XÃ", "ĐẢNG ỦY KHỐI CÁC CƠ / QUAN …" inside "CƠ QUAN".
var headerNames = []struct {
	header, name string
	whole        []string // units that must stay on one line
	start        []string // a line starts with it
}{
	{minutes.HeaderParty, "Chi bộ Liên minh Hợp tác xã tỉnh Nghệ An", []string{"HỢP TÁC XÃ", "TỈNH NGHỆ AN"}, []string{"HỢP TÁC XÃ"}},
	{minutes.HeaderParty, "Đảng ủy Khối các cơ quan tỉnh Sóc Trăng", []string{"CƠ QUAN", "TỈNH SÓC TRĂNG"}, []string{"TỈNH SÓC TRĂNG"}},
	{minutes.HeaderParty, "Ban Chấp hành Đảng bộ huyện Mỹ Xuyên", []string{"BAN CHẤP HÀNH", "ĐẢNG BỘ", "HUYỆN MỸ XUYÊN"}, []string{"HUYỆN MỸ XUYÊN"}},
	{minutes.HeaderParty, "Văn phòng Tỉnh ủy Sóc Trăng", []string{"VĂN PHÒNG", "TỈNH ỦY SÓC TRĂNG"}, nil},
	{minutes.HeaderState, "Ủy ban nhân dân thành phố Sóc Trăng", []string{"ỦY BAN NHÂN DÂN", "THÀNH PHỐ SÓC TRĂNG"}, []string{"THÀNH PHỐ SÓC TRĂNG"}},
	{minutes.HeaderState, "Ủy ban nhân dân thị xã Vĩnh Châu", []string{"ỦY BAN NHÂN DÂN", "THỊ XÃ VĨNH CHÂU"}, []string{"THỊ XÃ VĨNH CHÂU"}},
	{minutes.HeaderState, "Ban Quản lý dự án đầu tư xây dựng huyện Kế Sách", []string{"QUẢN LÝ", "DỰ ÁN", "ĐẦU TƯ", "XÂY DỰNG", "HUYỆN KẾ SÁCH"}, nil},
}

func TestHeaderNamesBreakBetweenUnits(t *testing.T) {
	for _, c := range headerNames {
		st := &partyFormat
		if c.header == minutes.HeaderState {
			st = &stateFormat
		}
		_, lines := headerLines(st, "", c.name)
		if len(lines) < 2 && len(c.start) > 0 {
			t.Errorf("%s: fits on one line %q: the case tests nothing", c.name, lines)
		}
		for _, u := range c.whole {
			if !onOneLine(lines, u) {
				t.Errorf("%s: %q broken: %q", c.name, u, lines)
			}
		}
		for _, s := range c.start {
			if !startsALine(lines, s) {
				t.Errorf("%s: no line starts with %q: %q", c.name, s, lines)
			}
		}
	}
}

func onOneLine(lines []string, unit string) bool {
	joined := strings.Join(lines, " ")
	if !strings.Contains(joined, unit) {
		return true // not in this text
	}
	for _, l := range lines {
		if strings.Contains(l, unit) {
			return true
		}
	}
	return false
}

func startsALine(lines []string, s string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, s) {
			return true
		}
	}
	return false
}

// pdfLines is the text of a PDF one line a line, runs of spaces closed up
// (pdftotext -layout puts the header's two columns on one line: read them
// as such).
func pdfLines(t *testing.T, pdf []byte) []string {
	var out []string
	for _, l := range strings.Split(run(t, pdf, "pdftotext", "-layout"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestHeaderNamesBreakBetweenUnitsPDF(t *testing.T) {
	for _, c := range headerNames {
		m := seedMeeting()
		m.Organization, m.ParentOrganization, m.Header = c.name, "", c.header
		out, _ := mustMinutes(t, m)
		head := pdfLines(t, out)[:6]
		text := strings.Join(head, "\n")
		for _, u := range c.whole {
			if !strings.Contains(text, u) {
				t.Errorf("%s: the PDF's header breaks %q:\n%s", c.name, u, text)
			}
		}
	}
}

// Titles break where the text pauses and before the words that open a
// phrase, not by width alone: "mở / rộng", "công / tác", "Trung / ương",
// "xây dựng / hệ thống" were seen.
var titleCases = []struct {
	title  string
	broken []string // never at the end of one line and the start of the next
	whole  []string // on one line
}{
	{"Hội nghị đánh giá tình hình kinh tế - xã hội, quốc phòng an ninh, xây dựng hệ thống chính trị quý I/2021 và một số nhiệm vụ chủ yếu quý II/2021",
		[]string{"xây dựng hệ", "kinh tế - xã", "quý I/2021", "quý II/2021"}, []string{"xây dựng hệ thống chính trị", "quý II/2021"}},
	{"Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ XVII mở rộng về công tác xây dựng Đảng, chỉnh đốn Đảng và quán triệt các nghị quyết của Trung ương",
		[]string{"mở rộng", "công tác", "Trung ương", "lần thứ XVII", "Ban Chấp hành"}, []string{"lần thứ XVII"}},
	{"Hội nghị sơ kết 6 tháng đầu năm 2021 công tác kiểm tra, giám sát và thi hành kỷ luật đảng của Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh",
		[]string{"kiểm tra,", "các cơ", "năm 2021", "Ủy ban"}, nil},
}

// breaks reports whether pair ("mở rộng") is split between two lines.
func breaks(lines []string, pair string) bool {
	ws := strings.Fields(pair)
	for i := 0; i+1 < len(lines); i++ {
		for k := 1; k < len(ws); k++ {
			if strings.HasSuffix(lines[i], strings.Join(ws[:k], " ")) && strings.HasPrefix(lines[i+1], strings.Join(ws[k:], " ")) {
				return true
			}
		}
	}
	return false
}

func TestTitlesBreakAtPhrases(t *testing.T) {
	for _, c := range titleCases {
		for _, st := range []*format{&partyFormat, &stateFormat} {
			ts := style(st, KindTitle)
			for _, w := range []float64{textWidth, 140, 120, 100} {
				lines := balanced(&fontMeasurer{}, ts, c.title, w)
				if len(lines) < 2 {
					t.Fatalf("%q fits at %.0f mm", c.title, w)
				}
				for _, p := range c.broken {
					if breaks(lines, p) {
						t.Errorf("at %.0f mm, %q broken: %q", w, p, lines)
					}
				}
				for _, u := range c.whole {
					if w == textWidth && !onOneLine(lines, u) {
						t.Errorf("at %.0f mm, %q not on one line: %q", w, u, lines)
					}
				}
				// Every break falls at a pause or before a phrase where the
				// title has one that fits.
				for i := 0; i+1 < len(lines); i++ {
					if cost := titleBreakCost(lines[i], lines[i+1]); cost > breakAnywhere {
						t.Errorf("at %.0f mm, a break inside a compound word: %q / %q", w, lines[i], lines[i+1])
					}
				}
			}
		}
	}
	// The seed title, at the page's width: three lines, each ending where
	// the text pauses or before a phrase.
	got := balanced(&fontMeasurer{}, style(&partyFormat, KindTitle), titleCases[0].title, textWidth)
	want := []string{"Hội nghị đánh giá tình hình kinh tế - xã hội,", "quốc phòng an ninh, xây dựng hệ thống chính trị",
		"quý I/2021 và một số nhiệm vụ chủ yếu quý II/2021"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("seed title\n got %q\nwant %q", got, want)
	}
}

func TestTitlesBreakAtPhrasesPDF(t *testing.T) {
	for _, c := range titleCases {
		m := seedMeeting()
		m.Title = c.title
		out, _ := mustMinutes(t, m)
		lines := pdfLines(t, out)
		// The title's lines: after BIÊN BẢN, before the first field.
		var title []string
		in := false
		for _, l := range lines {
			switch {
			case l == "BIÊN BẢN":
				in = true
			case strings.HasPrefix(l, "– Thời gian"):
				in = false
			case in:
				title = append(title, l)
			}
		}
		if strings.Join(title, " ") != c.title {
			t.Fatalf("title read back as %q", title)
		}
		for _, p := range c.broken {
			if breaks(title, p) {
				t.Errorf("the PDF breaks %q: %q", p, title)
			}
		}
	}
}

// A spaced dash stays with the words around it, a Roman numeral or a
// quarter with its word: no line starts with "- an toàn xã hội." or ends
// with "Văn phòng -", and "quý / II/2021", "khóa / XV", "lần thứ / XVII"
// never happen.
const glueText = "đảm bảo an ninh trật tự - an toàn xã hội trong quý II/2021, chuẩn bị bầu cử đại biểu Quốc hội khóa XV, " +
	"Đại hội Đảng bộ tỉnh lần thứ XVII và công chức Văn phòng - Thống kê phường báo cáo vào quý I/2021"

var gluedPairs = []string{"tự - an", "quý II/2021", "khóa XV", "lần thứ XVII", "phòng - Thống", "quý I/2021"}

func TestDashesAndNumeralsStayWithTheirWords(t *testing.T) {
	m := &fontMeasurer{}
	st := style(&partyFormat, KindParagraph)
	for w := 30.0; w <= textWidth; w += 1.5 {
		lines := wrap(m, st, glueText, w-st.indent, w)
		for i, l := range lines {
			if strings.HasPrefix(l, "- ") || strings.HasSuffix(l, " -") {
				t.Fatalf("at %.1f mm line %d %q starts or ends with a dash", w, i+1, l)
			}
		}
		for _, p := range gluedPairs {
			if breaks(lines, p) {
				t.Fatalf("at %.1f mm %q broken: %q", w, p, lines)
			}
		}
		if strings.Join(lines, " ") != glueText {
			t.Fatalf("at %.1f mm the text changed: %q", w, lines)
		}
	}
	// Word breaks the lines itself: the same units are joined by no-break spaces.
	g := glued(glueText)
	for _, p := range gluedPairs {
		if !strings.Contains(g, strings.ReplaceAll(p, " ", "\u00a0")) {
			t.Errorf("glued text lacks %q with no-break spaces: %q", p, g)
		}
	}
	for _, w := range []string{"I", "II", "IV", "XV", "XVII", "XIX", "I/2021", "II/2021;", "XV,"} {
		if !isRoman(w) {
			t.Errorf("%q is a Roman numeral", w)
		}
	}
	for _, w := range []string{"", "IIII", "VX", "/2021", "I/21", "Xã", "MINH", "Quý"} {
		if isRoman(w) {
			t.Errorf("%q is not a Roman numeral", w)
		}
	}
}

func TestDashesAndNumeralsStayWithTheirWordsPDF(t *testing.T) {
	m := seedMeeting()
	m.Summary = strings.Repeat(glueText+". ", 6)
	m.Secretary.Title = "Công chức Văn phòng - Thống kê"
	out, _ := mustMinutes(t, m)
	lines := pdfLines(t, out)
	for _, l := range lines {
		if strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "- Ban") && !strings.HasPrefix(l, "- Các") && !strings.HasPrefix(l, "- Lưu") {
			t.Errorf("a line of the PDF starts with a dash: %q", l)
		}
		if strings.HasSuffix(l, " -") {
			t.Errorf("a line of the PDF ends with a dash: %q", l)
		}
	}
	for _, p := range gluedPairs {
		if breaks(lines, p) {
			t.Errorf("the PDF breaks %q", p)
		}
	}
}

// The last of several chairs ends with a full stop, as every list after a
// colon does (Nghị định 30/2020, Phụ lục I); the others with a semicolon.
func TestLastChairEndsTheListPDF(t *testing.T) {
	out, _ := mustMinutes(t, longMeeting())
	text := flat(run(t, out, "pdftotext", "-layout"))
	for _, want := range []string{"Chủ tịch Ủy ban nhân dân thành phố; + Đồng chí Lâm Thị Thu Hà – Phó Bí thư Thường trực Thành ủy. – Người ghi biên bản"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// One rule for leading zeros: counts from one to nine in running text take
// one ("08 lượt", "02 đồng chí", "03 hội nghị"), in the minutes and the
// reports alike; zero is 0, never "00"; tables keep plain figures.
func TestLeadingZerosOneRule(t *testing.T) {
	m := seedMeeting()
	m.Attendance = minutes.Attendance{Present: 0}
	l, _ := LayoutMinutes(m)
	if b, ok := findText(l, "– Đại biểu chính thức – Có mặt: "); !ok || b.Text != "– Đại biểu chính thức – Có mặt: 0 đồng chí." {
		t.Errorf("no delegate: %q", b.Text)
	}
	in := QuarterlyInput{Quarter: q1, Org: "Thành ủy Sóc Trăng", Meetings: genMeetings(1, q1, 3)}
	ql, _, err := LayoutQuarterly(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := findText(ql, "Trong quý I/2021 đã tổ chức ")
	if !strings.HasPrefix(b.Text, "Trong quý I/2021 đã tổ chức 03 hội nghị") {
		t.Errorf("report: %q", b.Text)
	}
	for _, blk := range ql.Blocks {
		if blk.Kind == KindTable && blk.Table.Columns[0].Title == figureColumns[0] && blk.Table.Rows[0][1] != "3" {
			t.Errorf("tables keep plain figures: %q", blk.Table.Rows[0])
		}
	}
	pdf, _, err := Quarterly(in)
	if err != nil {
		t.Fatal(err)
	}
	if text := flat(run(t, pdf, "pdftotext", "-layout")); !strings.Contains(text, "đã tổ chức 03 hội nghị") || strings.Contains(text, " 00 ") {
		t.Errorf("report PDF:\n%s", text)
	}
	mp, _ := mustMinutes(t, m)
	if text := flat(run(t, mp, "pdftotext", "-layout")); !strings.Contains(text, "Có mặt: 0 đồng chí.") || !strings.Contains(text, "Có 08 lượt ý kiến") {
		t.Errorf("minutes PDF:\n%s", text)
	}
}

// No paragraph ends on the lone second half of a compound word: "Công chức
// Văn phòng - Thống / kê" was seen; the words taken down keep "Văn phòng"
// whole too.
func TestNoHalfWordOnTheLastLine(t *testing.T) {
	m := &fontMeasurer{}
	st := style(&stateFormat, KindField)
	text := "Thư ký (người ghi biên bản): Lê Minh Đức – Công chức Văn phòng - Thống kê"
	seen := 0
	for w := 60.0; w <= textWidth; w += 0.5 {
		lines := wrap(m, st, text, w-st.indent, w)
		n := len(lines)
		if n < 2 {
			continue
		}
		seen++
		last := strings.ToLower(lastWord(lines[n-2])) + " " + strings.ToLower(firstWord(lines[n-1]))
		lone := !strings.Contains(lines[n-1], " ")
		if lines[n-1] == "kê" || lone && compoundPairs()[last] || strings.HasSuffix(lines[n-2], " Văn") && strings.HasPrefix(lines[n-1], "phòng - Thống kê") && lone {
			t.Fatalf("at %.1f mm: %q", w, lines)
		}
	}
	if seen == 0 {
		t.Fatal("the text never wraps: the case tests nothing")
	}
	out, _ := mustMinutes(t, stateMeeting())
	lines := pdfLines(t, out)
	for i, l := range lines {
		if l == "kê" || strings.HasSuffix(l, "Công chức Văn") && i+1 < len(lines) && lines[i+1] == "phòng - Thống kê" {
			t.Errorf("the PDF ends the secretary's title on half a word: %q / %q", l, lines[i+1])
		}
	}
}

// A word wider than a line is cut into lines that each fit, the first
// narrower by its indent, and nothing is lost or doubled.
func TestLongWordCutToFit(t *testing.T) {
	m := &fontMeasurer{}
	st := style(&partyFormat, KindParagraph)
	word := strings.Repeat("Đảng", 300)
	text := "Ý kiến: " + word + " hết."
	first, rest := textWidth-st.indent, textWidth
	lines := wrap(m, st, text, first, rest)
	if len(lines) < 10 {
		t.Fatalf("a word of %d characters in %d lines", len([]rune(word)), len(lines))
	}
	m.setFont(st.font, st.size)
	for i, l := range lines {
		limit := rest
		if i == 0 {
			limit = first
		}
		if w := m.width(l); w > limit+0.01 {
			t.Errorf("line %d is %.1f mm wide, more than %.1f: %q", i+1, w, limit, l)
		}
		if i > 0 && i < len(lines)-1 && m.width(l) < limit-10 {
			t.Errorf("line %d of the cut word is only %.1f mm of %.1f", i+1, m.width(l), limit)
		}
	}
	if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(text, " ", "") {
		t.Errorf("cutting lost or doubled text: %d runes, want %d", len([]rune(got)), len([]rune(strings.ReplaceAll(text, " ", ""))))
	}
}
