package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func sample() *Document {
	return &Document{
		Page:     Page{Width: 11906, Height: 16838, Top: MM(20), Bottom: MM(20), Left: MM(30), Right: MM(15), Header: MM(7)},
		Defaults: Defaults{Font: "Times New Roman", Size: 14, Lang: "vi-VN", Para: ParaProps{WidowControl: true}},
		Styles: []Style{
			{ID: "Normal", Name: "Normal", Default: true},
			{ID: "BodyText", Name: "Body Text", BasedOn: "Normal", Primary: true,
				Para: ParaProps{KeepNext: true, Border: &ParaBorder{Bottom: &Border{Size: 7}}, Spacing: &Spacing{Before: Set(80), Line: 336, LineRule: "atLeast"},
					Ind: &Indent{FirstLine: MM(10)}, Align: "both", OutlineLevel: 1},
				Run: RunProps{Font: "Times New Roman", Bold: true, Italic: true, Caps: true, Size: 14, Lang: "vi-VN"}},
		},
		Body: []Block{
			&Paragraph{Props: ParaProps{Style: "BodyText", KeepNext: true, Spacing: &Spacing{Before: Set(240)}},
				Runs: []Run{{Text: "Biên bản "}, {Text: "& <hội nghị>", Break: true, Props: RunProps{Bold: true, Size: 13}}}},
			&Table{Grid: []Twips{4000, 5000}, Borders: &Border{Size: 4}, CellMargins: [4]Twips{60, 68, 60, 68},
				Rows: []Row{
					{Header: true, CantSplit: true, Cells: []Cell{{Shading: "EBEBEB", VAlign: "center", Blocks: []Block{&Paragraph{Runs: []Run{{Text: "STT"}}}}}, {}}},
					{CantSplit: true, Cells: []Cell{{Blocks: []Block{&Paragraph{Runs: []Run{{Text: "1"}}}}}, {Blocks: []Block{&Paragraph{Runs: []Run{{Text: "Tên"}}}}}}},
				}},
			&Table{Grid: []Twips{9000}, Rows: []Row{{Cells: []Cell{{}}}}},
			&Paragraph{Runs: []Run{{Image: &Image{PNG: []byte("\x89PNG fake"), Width: 9000, Height: 4000, Name: "chart.png", Descr: "biểu đồ"}}}},
		},
		Header:    []*Paragraph{{Runs: []Run{{Text: "Trang "}, {Field: "PAGE", Text: "2"}}}},
		TitlePage: true,
		Props: Properties{Title: "Biên bản", Creator: "Thành ủy Sóc Trăng", Language: "vi-VN", Application: "minutes",
			Created: time.Date(2021, 3, 25, 0, 0, 0, 0, time.UTC)},
	}
}

func bytesOf(t *testing.T, d *Document) []byte {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

// rezip rebuilds a package with one part changed (or added, or removed
// when change returns nil).
func rezip(t *testing.T, b []byte, name string, change func(string) *string) []byte {
	t.Helper()
	ps := parts(t, b)
	z, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if _, ok := ps[name]; !ok {
		names = append(names, name)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		data := ps[n]
		if n == name {
			c := change(data)
			if c == nil {
				continue
			}
			data = *c
		}
		f, _ := w.Create(n)
		f.Write([]byte(data))
	}
	w.Close()
	return buf.Bytes()
}

func replace(old, new string) func(string) *string {
	return func(s string) *string { s = strings.Replace(s, old, new, 1); return &s }
}

func TestWriteCheck(t *testing.T) {
	b := bytesOf(t, sample())
	if err := Check(b); err != nil {
		t.Fatalf("Check of our own file:\n%v", err)
	}
	if !bytes.Equal(b, bytesOf(t, sample())) {
		t.Error("same document, different bytes")
	}
	ps := parts(t, b)
	doc := ps["word/document.xml"]
	for _, want := range []string{
		// Adjacent tables are kept apart.
		`</w:tbl><w:p/><w:tbl>`,
		`<w:t xml:space="preserve">Biên bản </w:t>`, `<w:br/><w:t>&amp; &lt;hội nghị&gt;</w:t>`,
		`<w:fldChar w:fldCharType="begin"/>`,
		`<w:tblHeader/>`, `<w:cantSplit/>`, `<w:titlePg/>`, `<w:headerReference w:type="first" r:id="rId5"/>`,
		`<a:blip r:embed="rId6"/>`,
	} {
		if !strings.Contains(doc+ps["word/header1.xml"], want) {
			t.Errorf("document lacks %s", want)
		}
	}
	// The body ends with a paragraph.
	ends := sample()
	ends.Body = ends.Body[:3]
	if doc := parts(t, bytesOf(t, ends))["word/document.xml"]; !strings.Contains(doc, "</w:tbl><w:p/><w:sectPr>") {
		t.Error("a body ending with a table has no paragraph after it")
	}
	if !strings.Contains(ps["docProps/core.xml"], "<dc:creator>Thành ủy Sóc Trăng</dc:creator>") ||
		!strings.Contains(ps["docProps/core.xml"], `<dcterms:created xsi:type="dcterms:W3CDTF">2021-03-25T00:00:00Z</dcterms:created>`) {
		t.Errorf("core.xml:\n%s", ps["docProps/core.xml"])
	}
	z, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", z.File[0].Name)
	}
	for _, f := range z.File {
		if !f.Modified.Equal(time.Date(2021, 3, 25, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
}

func TestCheckFindsProblems(t *testing.T) {
	good := bytesOf(t, sample())
	for name, bad := range map[string][]byte{
		"pPr out of order": rezip(t, good, "word/document.xml", replace(`<w:pStyle w:val="BodyText"/><w:keepNext/>`, `<w:keepNext/><w:pStyle w:val="BodyText"/>`)),
		"rPr out of order": rezip(t, good, "word/styles.xml", replace(`<w:b/><w:bCs/><w:i/>`, `<w:i/><w:b/><w:bCs/>`)),
		"unknown child":    rezip(t, good, "word/document.xml", replace(`<w:titlePg/>`, `<w:titlePg/><w:bogus/>`)),
		"pPr not first":    rezip(t, good, "word/document.xml", replace(`<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/><w:spacing w:before="240"/></w:pPr><w:r>`, `<w:p><w:r><w:t>x</w:t></w:r><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/><w:spacing w:before="240"/></w:pPr><w:r>`)),
		"not well-formed":  rezip(t, good, "word/settings.xml", replace(`</w:settings>`, `</w:setting>`)),
		"missing target":   rezip(t, good, "word/header2.xml", func(string) *string { return nil }),
		"dangling r:id":    rezip(t, good, "word/document.xml", replace(`r:embed="rId6"`, `r:embed="rId66"`)),
		"no content type":  rezip(t, good, "word/extra.bin", func(string) *string { s := "x"; return &s }),
		"override missing": rezip(t, good, "[Content_Types].xml", replace(`</Types>`, `<Override PartName="/word/gone.xml" ContentType="application/xml"/></Types>`)),
	} {
		if err := Check(bad); err == nil {
			t.Errorf("%s: Check found nothing", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func TestText(t *testing.T) {
	d := sample()
	nfd := norm.NFD.String("Nguyễn Văn Quận")
	d.Body = []Block{&Paragraph{Runs: []Run{{Text: nfd + " a\x01b \"c\" \uFFFE"}}}}
	doc := parts(t, bytesOf(t, d))["word/document.xml"]
	var v struct {
		Text string `xml:"body>p>r>t"`
	}
	if err := xml.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	if want := "Nguyễn Văn Quận a\uFFFDb \"c\" \uFFFD"; v.Text != want {
		t.Errorf("text %q, want %q", v.Text, want)
	}
	if !norm.NFC.IsNormalString(v.Text) {
		t.Error("text not composed")
	}
}

func TestReference(t *testing.T) {
	ref := sample()
	ref.Page = Page{Width: 12240, Height: 15840, Top: 1440, Bottom: 1440, Left: 1800, Right: 1080, Header: 720, Footer: 720}
	ref.Defaults.Font = "Arial"
	ref.Styles[1].Run.Size = 13
	r, err := ReadReference(bytesOf(t, ref))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := r.Page(); !ok || p != ref.Page {
		t.Errorf("page %+v, want %+v", p, ref.Page)
	}
	if !r.Defines("BodyText") || r.Defines("Field") {
		t.Error("style IDs not read")
	}
	d := sample()
	d.Styles = append(d.Styles, Style{ID: "Field", Name: "Field", Default: true}, Style{ID: "Other", Name: "Other", Type: "character", Default: true})
	d.Reference = r
	b := bytesOf(t, d)
	if err := Check(b); err != nil {
		t.Fatal(err)
	}
	ps := parts(t, b)
	styles := ps["word/styles.xml"]
	for _, want := range []string{
		`<w:rFonts w:ascii="Arial"`, `<w:sz w:val="26"/>`, // theirs
		`<w:style w:type="paragraph" w:styleId="Field">`,               // ours, not default: theirs has a default paragraph style
		`<w:style w:type="character" w:default="1" w:styleId="Other">`, // ours, default: theirs has none of this type
	} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	if strings.Count(styles, `w:styleId="BodyText"`) != 1 {
		t.Error("Body Text twice")
	}
	if !strings.Contains(ps["word/fontTable.xml"], `w:name="Times New Roman"`) {
		t.Error("our font is not in the fonts table")
	}

	for name, b := range map[string][]byte{
		"not a zip": []byte("not a zip"),
		"strict": rezip(t, bytesOf(t, sample()), "_rels/.rels", replace(relOfficeDocument,
			"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")),
		"no styles": rezip(t, bytesOf(t, sample()), "word/_rels/document.xml.rels", replace(`Target="styles.xml"`, `Target="nostyles.xml"`)),
		"other prefix": rezip(t, bytesOf(t, sample()), "word/styles.xml", func(s string) *string {
			s = strings.ReplaceAll(strings.ReplaceAll(s, "<w:", "<x:"), "</w:", "</x:")
			s = strings.ReplaceAll(strings.ReplaceAll(s, "xmlns:w=", "xmlns:x="), " w:", " x:")
			return &s
		}),
	} {
		if _, err := ReadReference(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestUnits(t *testing.T) {
	for s, want := range map[string]Twips{"1134": 1134, "1133.9": 1134, "2cm": 1134, "20mm": 1134, "1in": 1440, "72pt": 1440, "x": 0} {
		if got := twipsAttr(s); got != want {
			t.Errorf("%s: %d, want %d", s, got, want)
		}
	}
	if MM(210) != 11906 || MM(297) != 16838 || Pt(12) != 240 {
		t.Error("MM or Pt")
	}
}
