package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/minutes-vn/minutes/internal/docx"
	"github.com/minutes-vn/minutes/minutes"
)

// DocxOptions are the options of the Word renderer.
type DocxOptions struct {
	// Reference is an office's own .docx. As with pandoc's --reference-doc,
	// the document takes its styles (and their defaults, theme, numbering and
	// fonts table) and its page size and margins; styles it lacks are added
	// from the official setup. Nil means the official setup.
	Reference []byte
}

// MinutesDocx renders the biên bản of m as a Word document, from the same
// layout as Minutes. Deterministic bytes for the same m and options.
func MinutesDocx(m *minutes.Meeting, opt DocxOptions) ([]byte, []Warning, error) {
	if m == nil {
		return nil, nil, minutes.Errorf(minutes.EINTERNAL, "report: no meeting to render")
	}
	l, warnings := LayoutMinutes(m)
	out, err := RenderDocx(l, opt)
	return out, warnings, err
}

// ReportDocx renders a report as a Word document, from the same layout
// as Report.
func ReportDocx(in ReportInput, opt DocxOptions) ([]byte, []Warning, error) {
	l, warnings, err := LayoutReport(in)
	if err != nil {
		return nil, nil, err
	}
	out, err := RenderDocx(l, opt)
	return out, warnings, err
}

// QuarterlyDocx renders the quarterly report as a Word document.
func QuarterlyDocx(in QuarterlyInput, opt DocxOptions) ([]byte, []Warning, error) {
	return ReportDocx(in, opt)
}

// Word styles of the block kinds. Built-in names where Word has one, so an
// office's reference document restyles them; the others are ours.
var kindStyles = map[Kind]struct{ id, name string }{
	KindDocType:         {"Title", "Title"},
	KindTitle:           {"Subtitle", "Subtitle"},
	KindField:           {"Field", "Field"},
	KindHeading:         {"Heading1", "heading 1"},
	KindSubheading:      {"Heading2", "heading 2"},
	KindParagraph:       {"BodyText", "Body Text"},
	KindItem:            {"ListParagraph", "List Paragraph"},
	KindClosing:         {"Closing", "Closing"},
	KindSignatures:      {"Signature", "Signature"},
	KindRecipientsLabel: {"RecipientsHeading", "Recipients Heading"},
	KindRecipient:       {"Recipient", "Recipient"},
	KindTable:           {"TableText", "Table Text"},
	KindChart:           {"Chart", "Chart"},
	KindCaption:         {"Caption", "caption"},
	KindTitleRule:       {"SummaryRule", "Summary Rule"},
	KindSignOff:         {"Signer", "Signer"},
}

// Styles of the header's lines and of the page number.
const (
	styleParent    = "ParentOrganization"
	styleOrg       = "IssuingOrganization"
	styleMark      = "OrganizationMark"
	styleNumber    = "DocumentNumber"
	styleNation    = "NationalTitle"
	styleMotto     = "Motto"
	styleDate      = "DateLine"
	styleRule      = "HeaderRule"
	styleTableHead = "TableHeading"
	stylePage      = "Header"
	fontName       = "Times New Roman" // the rules name it; LibreOffice takes Liberation Serif, with its metrics
	language       = "vi-VN"
)

var alignments = map[string]string{"L": "left", "C": "center", "R": "right", "J": "both"}

// docxRenderer turns a layout into a docx.Document.
type docxRenderer struct {
	l     *Layout
	st    *format
	doc   *docx.Document
	scale float64    // the page's text width over the layout's (a reference document may differ)
	text  docx.Twips // the page's text width
	m     fontMeasurer
}

// RenderDocx writes a layout as a Word document. It is the second renderer
// of a Layout: it reads the same blocks, styles and keep rules as the PDF
// renderer, and leaves line and page breaking to Word.
func RenderDocx(l *Layout, opt DocxOptions) ([]byte, error) {
	r := &docxRenderer{l: l, st: l.format()}
	d := &docx.Document{
		Page: docx.A4,
		Defaults: docx.Defaults{Font: fontName, Size: r.st.BodySize, Lang: language,
			Para: docx.ParaProps{WidowControl: true, Spacing: &docx.Spacing{After: docx.Set(0)}}},
		TitlePage: true,
		Props: docx.Properties{
			Title: l.Info.Title, Subject: l.Info.Subject, Keywords: l.Info.Keywords, Creator: l.Info.Author, Company: l.Info.Author,
			Language: language, Application: creator, Created: l.Info.Date.Time(),
		},
	}
	numberStyle := pageNumberStyle
	d.Page.Top, d.Page.Bottom = docx.MM(marginTop), docx.MM(marginBottom)
	d.Page.Left, d.Page.Right = docx.MM(marginLeft), docx.MM(marginRight)
	d.Page.Header = docx.MM(pageNumberY - numberStyle.lineHeight()/2) // the number centred in the top margin, as in the PDF
	d.Page.Footer = docx.MM(marginBottom / 2)
	if opt.Reference != nil {
		ref, err := docx.ReadReference(opt.Reference)
		if err != nil {
			return nil, minutes.Errorm(minutes.EINVALID, "report.reference_invalid", err)
		}
		d.Reference = ref
		if p, ok := ref.Page(); ok {
			d.Page = p
		}
	}
	r.doc = d
	r.text = d.Page.TextWidth()
	r.scale = float64(r.text) / float64(docx.MM(textWidth))
	r.styles(numberStyle)
	d.Header = []*docx.Paragraph{r.pageNumber()}
	for i := range l.Blocks {
		if err := r.block(i); err != nil {
			return nil, minutes.Errorm(minutes.EINTERNAL, "report.docx_failed", err)
		}
	}
	out, err := d.Bytes()
	if err != nil {
		return nil, minutes.Errorm(minutes.EINTERNAL, "report.docx_failed", err)
	}
	return out, nil
}

// mm converts a length of the layout to the page's twips.
func (r *docxRenderer) mm(x float64) docx.Twips {
	return docx.Twips(math.Round(float64(docx.MM(x)) * r.scale))
}

// props are the paragraph and run properties of a text style: the sizes,
// weights, indents and spacing the PDF renderer sets.
func props(ts textStyle) (docx.ParaProps, docx.RunProps) {
	p := docx.ParaProps{
		KeepNext: ts.keep,
		// At least the PDF's line height: the same lines per page, and
		// room still for a larger letter a secretary types.
		Spacing: &docx.Spacing{Before: docx.Set(docx.Pt(ts.before)), After: docx.Set(0),
			Line: docx.Pt(ts.size * leading), LineRule: "atLeast"},
		Align: alignments[ts.align],
	}
	if ts.indent != 0 {
		p.Ind = &docx.Indent{FirstLine: docx.MM(ts.indent)}
	}
	run := docx.RunProps{Size: ts.size, Bold: ts.font == bold || ts.font == boldItalic,
		Italic: ts.font == italic || ts.font == boldItalic}
	return p, run
}

func (r *docxRenderer) addStyle(id, name string, ts textStyle, primary bool, edit func(*docx.Style)) {
	p, run := props(ts)
	s := docx.Style{ID: id, Name: name, BasedOn: "Normal", Primary: primary, Para: p, Run: run}
	if edit != nil {
		edit(&s)
	}
	r.doc.Styles = append(r.doc.Styles, s)
}

// styles defines the named styles from the layout's format: every size
// lives in format.go, and a secretary who edits the file keeps them.
func (r *docxRenderer) styles(numberStyle textStyle) {
	d := r.doc
	d.Styles = append(d.Styles,
		docx.Style{ID: "Normal", Name: "Normal", Default: true, Primary: true,
			Run: docx.RunProps{Font: fontName, Size: r.st.BodySize, Lang: language}},
		docx.Style{ID: "DefaultParagraphFont", Name: "Default Paragraph Font", Type: "character", Default: true},
		docx.Style{ID: "TableNormal", Name: "Normal Table", Type: "table", Default: true},
	)
	for _, k := range []Kind{KindDocType, KindTitle, KindField, KindHeading, KindSubheading, KindParagraph, KindItem,
		KindClosing, KindSignatures, KindRecipientsLabel, KindRecipient, KindTable, KindChart, KindCaption,
		KindTitleRule, KindSignOff} {
		ks := kindStyles[k]
		r.addStyle(ks.id, ks.name, style(r.st, k), true, func(s *docx.Style) {
			switch k {
			case KindHeading:
				s.Para.OutlineLevel, s.Next = 1, "BodyText"
			case KindSubheading:
				s.Para.OutlineLevel, s.Next = 2, "BodyText"
			case KindDocType:
				s.Next = "Subtitle"
			case KindTitle:
				s.Next = "Field"
			case KindRecipientsLabel:
				s.Next = "Recipient"
			case KindSignatures, KindSignOff:
				s.Para.Spacing.Before = docx.Set(0) // the room above them is the table's first line's
			}
		})
	}
	tableHead := style(r.st, KindTable)
	tableHead.font, tableHead.align, tableHead.before = bold, "C", 0
	r.addStyle(styleTableHead, "Table Heading", tableHead, false, nil)
	for i := range d.Styles {
		if d.Styles[i].ID == "TableText" {
			d.Styles[i].Para.Spacing.Before = docx.Set(0) // the space is above the table, not in each cell
		}
	}

	// The header's lines. They name the font even under a reference
	// document: measureHeader breaks them and sizes the columns with its
	// metrics.
	header := func(s *docx.Style) { s.Run.Font = fontName }
	st := r.st
	org := textStyle{font: regular, size: st.OrgSize, align: "C"}
	r.addStyle(styleParent, "Parent Organization", org, false, header)
	org.font = bold
	r.addStyle(styleOrg, "Issuing Organization", org, false, header)
	org.font = regular
	r.addStyle(styleMark, "Organization Mark", org, false, header)
	r.addStyle(styleNumber, "Document Number", textStyle{font: regular, size: st.NumberSize, align: "C"}, false, header)
	for i, n := range st.Nation[:min(len(st.Nation), 2)] {
		id, name := styleNation, "National Title"
		if i == 1 {
			id, name = styleMotto, "Motto"
		}
		r.addStyle(id, name, textStyle{font: bold, size: n.Size, align: "C"}, false, header)
	}
	r.addStyle(styleDate, "Date Line", textStyle{font: italic, size: st.DateSize, align: st.DateAlign}, false, header)
	// A rule of the header is an empty paragraph 0.6 mm high whose bottom
	// border is the line, then the rest of the room a rule takes.
	r.addStyle(styleRule, "Header Rule", textStyle{font: regular, size: 1}, false, func(s *docx.Style) {
		header(s)
		s.Para.Spacing = &docx.Spacing{Before: docx.Set(0), After: docx.Set(docx.MM(ruleSpace - 0.6)), Line: docx.MM(0.6), LineRule: "exact"}
		s.Para.Border = &docx.ParaBorder{Bottom: &docx.Border{Size: eighths(ruleWidth)}}
	})
	r.addStyle(stylePage, "header", numberStyle, false, nil)
}

// eighths converts a line width in mm to eighths of a point.
func eighths(mm float64) int { return int(math.Round(mm / mmPerPt * 8)) }

// pageNumber is the header of pages 2 on: the layout's format ("%d",
// "Trang %d/%d") with PAGE and NUMPAGES fields.
func (r *docxRenderer) pageNumber() *docx.Paragraph {
	p := &docx.Paragraph{Props: docx.ParaProps{Style: stylePage}}
	fields := []struct{ instr, shown string }{{"PAGE", "2"}, {"NUMPAGES", "2"}}
	for i, s := range strings.Split(r.l.PageNumber, "%d") {
		if i > 0 && i <= len(fields) {
			f := fields[i-1]
			p.Runs = append(p.Runs, docx.Run{Field: f.instr, Text: f.shown})
		}
		if s != "" {
			p.Runs = append(p.Runs, docx.Run{Text: s})
		}
	}
	return p
}

// paragraph is a block's text in the style of its kind, with what its
// neighbours change (Layout.blockStyle) set on the paragraph itself.
func (r *docxRenderer) paragraph(i int) *docx.Paragraph {
	b := &r.l.Blocks[i]
	base, got := style(r.st, b.Kind), r.l.blockStyle(i)
	id := kindStyles[b.Kind].id
	p := &docx.Paragraph{Props: docx.ParaProps{Style: id}}
	if got.align == "C" && r.doc.Reference == nil {
		// Centred lines are balanced as in the PDF, so that a title never
		// ends with one orphaned word; with an office's reference document
		// the font and sizes are its own, and Word breaks the lines.
		for j, s := range balanced(&r.m, got, b.Text, textWidth*r.scale) {
			p.Runs = append(p.Runs, docx.Run{Text: glued(s), Break: j > 0})
		}
	} else {
		p.Runs = []docx.Run{{Text: glued(b.Text)}}
	}
	if b.Kind == KindRecipient || b.Kind == KindRecipientsLabel {
		// Nơi nhận of the minutes sits in the left half of the page, as in
		// the PDF; in a sign-off the table's column holds it.
		p.Props.Ind = &docx.Indent{Right: r.text - r.mm(recipientsWidth)}
	}
	p.Props.KeepNext = got.keep && !base.keep
	if got.before != base.before {
		p.Props.Spacing = &docx.Spacing{Before: docx.Set(docx.Pt(got.before))}
	}
	if i+1 < len(r.l.Blocks) && r.l.Blocks[i+1].Kind == KindTable {
		// A table has no space above it in Word: the paragraph above keeps it.
		if p.Props.Spacing == nil {
			p.Props.Spacing = &docx.Spacing{}
		}
		p.Props.Spacing.After = docx.Set(docx.Pt(r.l.blockStyle(i + 1).before))
	}
	return p
}

func (r *docxRenderer) block(i int) error {
	b := &r.l.Blocks[i]
	var out docx.Block
	switch b.Kind {
	case KindHeader:
		out = r.header(b.Header)
	case KindSignatures:
		out = r.signatures(i, b.Signatures)
	case KindSignOff:
		out = r.signOff(i, b.SignOff)
	case KindTitleRule:
		if b.Text != "" {
			out = r.paragraph(i)
			break
		}
		// A rule drawn under the summary line: an empty paragraph whose
		// bottom border is the line, as long as in the PDF.
		in := r.mm((textWidth - titleRuleLength(&r.m, r.l, i)) / 2)
		out = &docx.Paragraph{Props: docx.ParaProps{Style: styleRule, KeepNext: true, Ind: &docx.Indent{Left: in, Right: in},
			Spacing: &docx.Spacing{Before: docx.Set(docx.MM(0.4)), After: docx.Set(docx.MM(titleRuleSpace - 1))}}}
	case KindTable:
		out = r.table(i, b.Table)
	case KindChart:
		p := r.paragraph(i)
		png, err := chartPNG(style(r.st, KindChart), b.Chart)
		if err != nil {
			return err
		}
		p.Runs = []docx.Run{{Image: &docx.Image{PNG: png, Width: r.mm(textWidth), Height: r.mm(b.Chart.height()),
			Name: fmt.Sprintf("chart%d.png", i), Descr: chartDescription(b.Chart)}}}
		out = p
	default:
		out = r.paragraph(i)
	}
	r.doc.Body = append(r.doc.Body, out)
	return nil
}

// chartDescription is the chart's data in words, its alternative text.
func chartDescription(c *Chart) string {
	var parts []string
	for _, s := range c.Series {
		var vs []string
		for i, v := range s.Values {
			if i < len(c.Categories) {
				vs = append(vs, c.Categories[i]+": "+vnInt(v))
			}
		}
		parts = append(parts, s.Name+" – "+strings.Join(vs, ", "))
	}
	return strings.Join(parts, "; ")
}

// columns turns widths in mm into a grid that fills exactly what they
// fill on the PDF's page, scaled to this page.
func (r *docxRenderer) columns(widths ...float64) []docx.Twips {
	grid := make([]docx.Twips, len(widths))
	sum, prev := 0.0, docx.Twips(0)
	for i, w := range widths {
		sum += w
		end := r.mm(sum)
		grid[i], prev = end-prev, end
	}
	return grid
}

func line(style, text string) *docx.Paragraph {
	return &docx.Paragraph{Props: docx.ParaProps{Style: style}, Runs: []docx.Run{{Text: text}}}
}

// header is the two-column header as a borderless table: the bodies and
// the mark or rule on the left, the national title and its rule on the
// right, then the number and the date line on one row. Lines break where
// the PDF breaks them (measureHeader), with line breaks inside one
// paragraph per body, so the secretary edits a name, not a text box.
func (r *docxRenderer) header(h *Header) docx.Block {
	g := measureHeader(&r.m, r.st, h)
	var left, right []docx.Block
	var number, date *docx.Paragraph
	var last *docx.Paragraph
	lastPart := headerPart(-1)
	rule := func(w, length float64) *docx.Paragraph {
		in := r.mm((w - length) / 2)
		return &docx.Paragraph{Props: docx.ParaProps{Style: styleRule, Ind: &docx.Indent{Left: in, Right: in}}}
	}
	for _, l := range g.lines {
		switch l.part {
		case partParent, partOrg, partMark:
			if l.part == lastPart && last != nil {
				last.Runs = append(last.Runs, docx.Run{Text: l.text, Break: true})
				continue
			}
			last = line(map[headerPart]string{partParent: styleParent, partOrg: styleOrg, partMark: styleMark}[l.part], l.text)
			left = append(left, last)
		case partMarkRule:
			left = append(left, rule(l.w, l.rule))
		case partNation:
			id := styleNation
			if l.nation > 0 {
				id = styleMotto
			}
			p := line(id, l.text)
			if l.nation > 1 {
				p.Runs[0].Props.Size = l.st.size
			}
			right = append(right, p)
			if l.rule > 0 {
				right = append(right, rule(l.w, l.rule))
			}
		case partNumber:
			number = line(styleNumber, l.text)
		case partDate:
			date = line(styleDate, l.text)
		}
		lastPart = l.part
	}
	if number == nil {
		number = &docx.Paragraph{Props: docx.ParaProps{Style: styleNumber}}
	}
	// The number and date row sits where the PDF puts it: below the
	// longer column, and at least numberRowGap under the national title.
	if gap := g.row - math.Max(g.leftEnd, g.rightEnd); gap > 0.05 {
		for _, p := range []*docx.Paragraph{number, date} {
			p.Props.Spacing = &docx.Spacing{Before: docx.Set(r.mm(gap))}
		}
	}
	return &docx.Table{
		Grid: r.columns(g.leftW, g.rightW),
		Rows: []docx.Row{
			{CantSplit: true, Cells: []docx.Cell{{Blocks: left}, {Blocks: right}}},
			{CantSplit: true, Cells: []docx.Cell{{VAlign: "bottom", Blocks: []docx.Block{number}}, {VAlign: "bottom", Blocks: []docx.Block{date}}}},
		},
	}
}

// signatures are the signature blocks side by side in one borderless row
// that never splits; the paragraph before them keeps with them
// (Layout.blockStyle), so they never open a page alone.
func (r *docxRenderer) signatures(i int, sigs []Signature) docx.Block {
	st := r.l.blockStyle(i)
	id := kindStyles[KindSignatures].id
	n := max(len(sigs), 1)
	widths := make([]float64, n)
	for j := range widths {
		widths[j] = textWidth / float64(n)
	}
	row := docx.Row{CantSplit: true}
	for _, s := range sigs {
		role := line(id, s.Role)
		role.Props.KeepNext = true
		role.Props.Spacing = &docx.Spacing{Before: docx.Set(docx.Pt(st.before))}
		name := line(id, s.Name)
		name.Props.Spacing = &docx.Spacing{Before: docx.Set(r.mm(signatureRoom))} // room to sign
		row.Cells = append(row.Cells, docx.Cell{Blocks: []docx.Block{role, name}})
	}
	return &docx.Table{Grid: r.columns(widths...), Rows: []docx.Row{row}}
}

// signOff is Nơi nhận and the signer side by side in one borderless row
// that never splits, kept with the paragraph before it.
func (r *docxRenderer) signOff(i int, so *SignOff) docx.Block {
	st := r.l.blockStyle(i)
	before := &docx.Spacing{Before: docx.Set(docx.Pt(st.before))}
	var left, right []docx.Block
	if len(so.Recipients) > 0 {
		label := line(kindStyles[KindRecipientsLabel].id, recipientsLabel)
		label.Props.Spacing, label.Props.KeepNext = before, true
		left = append(left, label)
		for _, it := range so.Recipients {
			p := line(kindStyles[KindRecipient].id, glued(it))
			p.Props.KeepNext = true
			left = append(left, p)
		}
	} else {
		left = append(left, &docx.Paragraph{})
	}
	id := kindStyles[KindSignOff].id
	sig := so.Signer
	first := true
	for _, s := range append([]string{sig.Role}, sig.Lines...) {
		if s == "" {
			continue
		}
		p := &docx.Paragraph{Props: docx.ParaProps{Style: id, KeepNext: true}}
		for j, l := range balanced(&r.m, st, s, (textWidth-recipientsWidth)*r.scale) {
			p.Runs = append(p.Runs, docx.Run{Text: glued(l), Break: j > 0})
		}
		if first {
			p.Props.Spacing, first = before, false
		}
		right = append(right, p)
	}
	name := line(id, sig.Name)
	name.Props.Spacing = &docx.Spacing{Before: docx.Set(r.mm(signatureRoom))} // room to sign
	if first {
		name.Props.Spacing.Before = docx.Set(r.mm(signatureRoom) + docx.Pt(st.before))
	}
	right = append(right, name)
	return &docx.Table{Grid: r.columns(recipientsWidth, textWidth-recipientsWidth),
		Rows: []docx.Row{{CantSplit: true, Cells: []docx.Cell{{Blocks: left}, {Blocks: right}}}}}
}

// table is a bordered table whose header row repeats on every page and
// keeps with the first row; no row splits across pages, as in the PDF.
func (r *docxRenderer) table(i int, t *Table) docx.Block {
	widths := make([]float64, len(t.Columns))
	for j, c := range t.Columns {
		widths[j] = c.Width
	}
	pad := r.mm(cellPad)
	out := &docx.Table{
		Grid:    r.columns(widths...),
		Indent:  pad, // Word measures the indent to the cell's text: the border then sits on the margin
		Borders: &docx.Border{Size: eighths(tableRule)},
		// Word and LibreOffice add the rules' width to a row's height; the
		// PDF draws them on the row's edge: take it from the padding, so
		// that as many rows fit on a page.
		CellMargins: [4]docx.Twips{pad - r.mm(tableRule/2), pad, pad - r.mm(tableRule/2), pad},
		Rows:        make([]docx.Row, 0, len(t.Rows)+1),
	}
	head := docx.Row{Header: true, CantSplit: true}
	for _, c := range t.Columns {
		p := line(styleTableHead, c.Title)
		p.Props.KeepNext = true
		head.Cells = append(head.Cells, docx.Cell{Shading: fmt.Sprintf("%02X%02X%02X", tableHeadGray, tableHeadGray, tableHeadGray),
			VAlign: "center", Blocks: []docx.Block{p}})
	}
	out.Rows = append(out.Rows, head)
	keep := r.l.blockStyle(i).keep
	cellStyle := kindStyles[KindTable].id
	for j, cells := range t.Rows {
		row := docx.Row{CantSplit: true, Cells: make([]docx.Cell, len(t.Columns))}
		isBold := j < len(t.Bold) && t.Bold[j]
		for k, c := range t.Columns {
			p := &docx.Paragraph{Props: docx.ParaProps{Style: cellStyle}}
			if c.Align != "L" {
				p.Props.Align = alignments[c.Align]
			}
			if k < len(cells) && cells[k] != "" {
				p.Runs = []docx.Run{{Text: glued(cells[k]), Props: docx.RunProps{Bold: isBold}}}
			}
			p.Props.KeepNext = keep && j == len(t.Rows)-1
			row.Cells[k] = docx.Cell{Blocks: []docx.Block{p}}
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// CheckReference reports whether b can serve as a reference document
// (DocxOptions.Reference): EINVALID saying why not.
func CheckReference(b []byte) error {
	if _, err := docx.ReadReference(b); err != nil {
		return minutes.Errorm(minutes.EINVALID, "report.reference_invalid", err)
	}
	return nil
}
