package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/minutes-vn/minutes/internal/docx"
	"github.com/minutes-vn/minutes/minutes"
)

func mustDocx(t testing.TB, m *minutes.Meeting, opt DocxOptions) []byte {
	t.Helper()
	out, _, err := MinutesDocx(m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.Check(out); err != nil {
		t.Fatalf("the .docx does not pass docx.Check:\n%v", err)
	}
	return out
}

func mustQuarterlyDocx(t testing.TB, in QuarterlyInput, opt DocxOptions) []byte {
	t.Helper()
	out, _, err := QuarterlyDocx(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.Check(out); err != nil {
		t.Fatalf("the .docx does not pass docx.Check:\n%v", err)
	}
	return out
}

func quarterlyInput(n int) QuarterlyInput {
	q := minutes.Quarter{Year: 2021, Q: 1}
	return QuarterlyInput{Quarter: q, Org: "Thành ủy Sóc Trăng", Meetings: genMeetings(1, q, n), Previous: genMeetings(2, q.Prev(), n)}
}

func multiOrgInput() QuarterlyInput {
	q := minutes.Quarter{Year: 2021, Q: 1}
	return QuarterlyInput{Quarter: q, Meetings: genMeetings(1, q, 60, genOrgs...), Previous: genMeetings(2, q.Prev(), 40, genOrgs...),
		Issuer: "Văn phòng", IssuerParent: "Tỉnh ủy Sóc Trăng",
		Today: minutes.NewDate(2021, 6, 1)}
}

// lettersMeeting is the seed meeting with every Vietnamese letter in its
// summary and first conclusion, decomposed (NFD) when nfd is set.
func lettersMeeting(nfd bool) *minutes.Meeting {
	letters := vietnameseLetters()
	m := seedMeeting()
	m.Summary = strings.Join(letters, " ")
	m.Conclusions[0].Content = strings.Join(letters, "")
	if nfd {
		m.Summary = norm.NFD.String(m.Summary)
		m.Conclusions[0].Content = norm.NFD.String(m.Conclusions[0].Content)
		m = decompose(m)
	}
	return m
}

// part returns one part of a .docx.
func part(t testing.TB, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// Every document passes the package check (parts, content types,
// relationships, the order of properties), the same record gives the same
// bytes, and documents built at once come out as when built alone.
func TestDocxDeterministic(t *testing.T) {
	want := map[string][]byte{}
	ms := map[string]*minutes.Meeting{"seed": seedMeeting(), "state": stateMeeting(), "long": longMeeting()}
	for k, m := range ms {
		want[k] = mustDocx(t, m, DocxOptions{})
		if again := mustDocx(t, m, DocxOptions{}); !bytes.Equal(again, want[k]) {
			t.Errorf("%s: same meeting, different bytes", k)
		}
	}
	q := mustQuarterlyDocx(t, multiOrgInput(), DocxOptions{})
	if again := mustQuarterlyDocx(t, multiOrgInput(), DocxOptions{}); !bytes.Equal(q, again) {
		t.Error("quarterly: same input, different bytes")
	}
	mustQuarterlyDocx(t, QuarterlyInput{Quarter: minutes.Quarter{Year: 2021, Q: 1}}, DocxOptions{}) // empty quarter
	var wg sync.WaitGroup
	for range 3 {
		for k, m := range ms {
			wg.Go(func() {
				got, _, err := MinutesDocx(m, DocxOptions{})
				if err != nil || !bytes.Equal(got, want[k]) {
					t.Errorf("%s built concurrently differs (err %v)", k, err)
				}
			})
		}
	}
	wg.Wait()
	if bytes.Equal(want["seed"], want["state"]) {
		t.Fatal("different meetings, same bytes")
	}
	// NFD text gives the bytes of its NFC twin.
	if a, b := mustDocx(t, lettersMeeting(false), DocxOptions{}), mustDocx(t, lettersMeeting(true), DocxOptions{}); !bytes.Equal(a, b) {
		t.Error("NFD record gives other bytes than its NFC twin")
	}
	// The zip entries carry the record's date.
	z, _ := zip.NewReader(bytes.NewReader(want["seed"]), int64(len(want["seed"])))
	for _, f := range z.File {
		if y, m, d := f.Modified.Date(); y != 2021 || m != 3 || d != 25 {
			t.Errorf("%s dated %v, want the meeting's date", f.Name, f.Modified)
		}
	}
}

// The rules of the layout reach the Word file: keep the block before the
// signatures with them, repeat table headers, never split a row, a
// different first page, the official page.
func TestDocxLayoutRules(t *testing.T) {
	doc := part(t, mustDocx(t, seedMeeting(), DocxOptions{}), "word/document.xml")
	closing := strings.Index(doc, "Hội nghị kết thúc")
	sigs := strings.Index(doc, "THƯ KÝ")
	p := strings.LastIndex(doc[:closing], "<w:p>")
	if !strings.Contains(doc[p:closing], `<w:pStyle w:val="Closing"/>`) {
		t.Errorf("closing paragraph: %s", doc[p:closing])
	}
	if tbl := strings.LastIndex(doc[:sigs], "<w:tbl>"); tbl < closing || !strings.Contains(doc[tbl:sigs], "<w:cantSplit/>") {
		t.Error("the signatures are not a row that never splits, right after the closing line")
	}
	for _, want := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`,
		`<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="411" w:footer="567" w:gutter="0"/>`,
		`<w:titlePg/>`, `<w:headerReference w:type="first"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	styles := part(t, mustDocx(t, seedMeeting(), DocxOptions{}), "word/styles.xml")
	// Closing keeps with the next block by its style (style() says so).
	if i := strings.Index(styles, `w:styleId="Closing"`); i < 0 || !strings.Contains(styles[i:i+300], "<w:keepNext/>") {
		t.Error("the Closing style does not keep with the next paragraph")
	}
	// An introduction ending with a colon keeps with what follows, though
	// its style (Body Text) does not.
	intro := strings.Index(doc, "Hội nghị nghe và thảo luận các nội dung:")
	if p := strings.LastIndex(doc[:intro], "<w:p>"); !strings.Contains(doc[p:intro], `<w:pStyle w:val="BodyText"/><w:keepNext/>`) {
		t.Errorf("introduction not kept with the next block: %s", doc[p:intro])
	}

	q := part(t, mustQuarterlyDocx(t, quarterlyInput(30), DocxOptions{}), "word/document.xml")
	if n := strings.Count(q, "<w:tblHeader/>"); n != 2 { // figures and meetings
		t.Errorf("%d repeated header rows, want 2", n)
	}
	if rows, cant := strings.Count(q, "<w:tr>"), strings.Count(q, "<w:cantSplit/>"); rows != cant {
		t.Errorf("%d rows, %d that never split", rows, cant)
	}
	if !strings.Contains(q, "<w:drawing>") || !strings.Contains(q, "Số hội nghị – Tháng 1: ") {
		t.Error("no chart picture with its data as alternative text")
	}
	hdr := part(t, mustQuarterlyDocx(t, quarterlyInput(30), DocxOptions{}), "word/header1.xml")
	for _, want := range []string{"Trang ", " PAGE ", " NUMPAGES "} {
		if !strings.Contains(hdr, want) {
			t.Errorf("quarterly page header lacks %q:\n%s", want, hdr)
		}
	}
}

// referenceDoc makes an office's own .docx whose styles differ from ours:
// body text at 13 pt in Arial, a Title of 20 pt, a US Letter page.
func referenceDoc(t testing.TB) []byte {
	t.Helper()
	d := &docx.Document{
		Page:     docx.Page{Width: 12240, Height: 15840, Top: 1440, Bottom: 1440, Left: 1800, Right: 1080, Header: 720, Footer: 720},
		Defaults: docx.Defaults{Font: "Arial", Size: 12, Lang: "vi-VN"},
		Styles: []docx.Style{
			{ID: "Normal", Name: "Normal", Default: true, Run: docx.RunProps{Font: "Arial"}},
			{ID: "BodyText", Name: "Body Text", BasedOn: "Normal", Para: docx.ParaProps{Align: "left"}, Run: docx.RunProps{Size: 13}},
			{ID: "Title", Name: "Title", BasedOn: "Normal", Run: docx.RunProps{Size: 20, Bold: true}},
		},
		Body:  []docx.Block{&docx.Paragraph{Runs: []docx.Run{{Text: "Mẫu của văn phòng"}}}},
		Props: docx.Properties{Title: "Mẫu"},
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDocxReference(t *testing.T) {
	ref := referenceDoc(t)
	out := mustDocx(t, seedMeeting(), DocxOptions{Reference: ref})
	styles := part(t, out, "word/styles.xml")
	doc := part(t, out, "word/document.xml")
	for _, want := range []string{
		`<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="26"/>`,
		`<w:rFonts w:ascii="Arial"`,
		`w:styleId="Field"`, `w:styleId="DateLine"`, // ours, which the reference lacks
	} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	if n := strings.Count(styles, `w:styleId="BodyText"`); n != 1 {
		t.Errorf("Body Text defined %d times", n)
	}
	if n := strings.Count(styles, `w:default="1" w:styleId="Normal"`); n != 1 {
		t.Errorf("%d default paragraph styles", n)
	}
	if !strings.Contains(doc, `<w:pgSz w:w="12240" w:h="15840"/>`) || !strings.Contains(doc, `w:left="1800"`) {
		t.Error("the page setup is not the reference's")
	}
	// The header table fills the reference's text width (12240-1800-1080).
	if !strings.Contains(doc, `<w:tblW w:w="9360" w:type="dxa"/>`) {
		t.Error("the header table does not fill the reference's text width")
	}
	if strings.Contains(doc, "Mẫu của văn phòng") {
		t.Error("the reference's text was copied")
	}

	for name, bad := range map[string][]byte{"not a zip": []byte("PK nonsense"), "a PDF": mustMinutesPDF(t)} {
		if _, _, err := MinutesDocx(seedMeeting(), DocxOptions{Reference: bad}); minutes.ErrorCode(err) != minutes.EINVALID {
			t.Errorf("%s as reference: %v, want EINVALID", name, err)
		}
	}
}

func mustMinutesPDF(t testing.TB) []byte {
	out, _ := mustMinutes(t, seedMeeting())
	return out
}

// pythonDocx returns the path of a Python that imports python-docx.
func pythonDocx(t testing.TB) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py = tool(t, "python3")
	}
	if out, err := exec.Command(py, "-c", "import docx").CombinedOutput(); err != nil {
		missing(t, "python-docx", fmt.Errorf("%v: %s", err, out))
	}
	return py
}

// readDocxPy prints, for each .docx named on its command line, what
// python-docx reads: sections, body in order, styles, properties.
const readDocxPy = `
import json, sys, docx, docx.text.paragraph
from docx.oxml.ns import qn

def pt(x): return None if x is None else round(x.pt, 2)
def mm(x): return None if x is None else round(x.mm, 2)

def keep(p):
    # Direct formatting, else the style's, else its base styles'.
    if p.paragraph_format.keep_with_next is not None:
        return p.paragraph_format.keep_with_next
    st = p.style
    while st is not None:
        if st.paragraph_format.keep_with_next is not None:
            return st.paragraph_format.keep_with_next
        st = st.base_style
    return False

def text(el):
    # A paragraph's or cell's text; python-docx's row.cells is quadratic
    # in a table's size, too slow for a 1,000-meeting report.
    out = []
    for p in el.iter(qn('w:p')):
        s = ''
        for e in p.iter(qn('w:t'), qn('w:br')):
            s += '\n' if e.tag == qn('w:br') else (e.text or '')
        out.append(s)
    return '\n'.join(out)

out = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    s = d.sections[0]
    body = []
    for el in d.element.body.iterchildren():
        if el.tag == qn('w:p'):
            p = docx.text.paragraph.Paragraph(el, d)
            body.append({"p": p.text, "style": p.style.name, "keep": keep(p)})
        elif el.tag == qn('w:tbl'):
            body.append({"table": [[text(tc) for tc in tr.iterchildren(qn('w:tc'))] for tr in el.iterchildren(qn('w:tr'))],
                         "header_rows": len(el.findall('.//' + qn('w:tblHeader'))),
                         "cant_split": len(el.findall('.//' + qn('w:cantSplit')))})
    styles = {}
    for st in d.styles:
        if st.type == 1:
            f = st.font
            styles[st.name] = {"size": pt(f.size), "bold": f.bold, "italic": f.italic, "font": f.name}
    rfonts = d.styles.element.find(qn('w:docDefaults') + '/' + qn('w:rPrDefault') + '/' + qn('w:rPr') + '/' + qn('w:rFonts'))
    cp = d.core_properties
    out[path] = {
        "page": [mm(s.page_width), mm(s.page_height), mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)],
        "first_page": s.different_first_page_header_footer,
        "header": "\n".join(p.text for p in s.header.paragraphs),
        "first_header": "\n".join(p.text for p in s.first_page_header.paragraphs),
        "body": body, "styles": styles,
        "default_font": None if rfonts is None else rfonts.get(qn('w:ascii')),
        "title": cp.title, "author": cp.author, "subject": cp.subject, "language": cp.language,
        "created": cp.created.isoformat() if cp.created else None,
        "pictures": len(d.inline_shapes),
    }
json.dump(out, sys.stdout, ensure_ascii=False)
`

type pyStyle struct {
	Size         *float64
	Bold, Italic *bool
	Font         *string
}

func (s pyStyle) String() string {
	f := func(p any) string {
		switch v := p.(type) {
		case *float64:
			if v != nil {
				return fmt.Sprint(*v)
			}
		case *bool:
			if v != nil {
				return fmt.Sprint(*v)
			}
		case *string:
			if v != nil {
				return *v
			}
		}
		return "-"
	}
	return fmt.Sprintf("{size %s bold %s italic %s font %s}", f(s.Size), f(s.Bold), f(s.Italic), f(s.Font))
}

type pyItem struct {
	P          *string
	Style      string
	Keep       bool
	Table      [][]string
	HeaderRows int `json:"header_rows"`
	CantSplit  int `json:"cant_split"`
}

type pyDoc struct {
	Page              []float64
	FirstPage         bool   `json:"first_page"`
	Header            string `json:"header"`
	FirstHeader       string `json:"first_header"`
	Body              []pyItem
	Styles            map[string]pyStyle
	DefaultFont       string `json:"default_font"`
	Title, Author     string
	Subject, Language string
	Created           string
	Pictures          int
}

// readDocx runs python-docx once over several files.
func readDocx(t *testing.T, files map[string][]byte) map[string]pyDoc {
	py := pythonDocx(t)
	dir := t.TempDir()
	var paths []string
	for name, b := range files {
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	cmd := exec.Command(py, append([]string{"-c", readDocxPy}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python-docx: %v\n%s", err, stderr.String())
	}
	var byPath map[string]pyDoc
	if err := json.Unmarshal(out, &byPath); err != nil {
		t.Fatal(err)
	}
	res := map[string]pyDoc{}
	for name := range files {
		res[name] = byPath[filepath.Join(dir, name+".docx")]
	}
	return res
}

// plainText is a Word paragraph's text as the layout has it: line breaks
// and no-break spaces read as spaces.
func plainText(s string) string {
	return strings.NewReplacer("\n", " ", "\u00a0", " ").Replace(s)
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.1 }

func TestDocxPythonDocx(t *testing.T) {
	layouts := map[string]*Layout{}
	files := map[string][]byte{}
	for name, m := range map[string]*minutes.Meeting{"seed": seedMeeting(), "state": stateMeeting(), "long": longMeeting(), "nfd": lettersMeeting(true)} {
		layouts[name], _ = LayoutMinutes(m)
		files[name] = mustDocx(t, m, DocxOptions{})
	}
	for name, in := range map[string]QuarterlyInput{"q1000": quarterlyInput(1000), "multi": multiOrgInput()} {
		layouts[name], _, _ = LayoutQuarterly(in)
		files[name] = mustQuarterlyDocx(t, in, DocxOptions{})
	}
	for name, in := range issuedDocs(t) {
		layouts[name], files[name] = in.layout, in.docx
	}
	files["reference"] = mustDocx(t, seedMeeting(), DocxOptions{Reference: referenceDoc(t)})
	// A reference made by Word: python-docx's own template (Letter, Calibri,
	// latent styles, w14 namespaces), its Body Text set to 13 pt.
	wordRef := filepath.Join(t.TempDir(), "word.docx")
	if out, err := exec.Command(pythonDocx(t), "-c", `import sys, docx
from docx.shared import Pt
d = docx.Document()
d.styles['Body Text'].font.size = Pt(13)
d.add_paragraph('Mẫu của văn phòng')
d.save(sys.argv[1])`, wordRef).CombinedOutput(); err != nil {
		t.Fatalf("python-docx: %v\n%s", err, out)
	}
	wordRefBytes, err := os.ReadFile(wordRef)
	if err != nil {
		t.Fatal(err)
	}
	files["word-reference"] = mustDocx(t, seedMeeting(), DocxOptions{Reference: wordRefBytes})
	docs := readDocx(t, files)

	for name, l := range layouts {
		d := docs[name]
		t.Run(name, func(t *testing.T) {
			if want := []float64{210, 297, 20, 20, 30, 15}; len(d.Page) != 6 || !near(d.Page[0], want[0]) || !near(d.Page[1], want[1]) ||
				!near(d.Page[2], want[2]) || !near(d.Page[3], want[3]) || !near(d.Page[4], want[4]) || !near(d.Page[5], want[5]) {
				t.Errorf("page %v mm, want A4 with margins 20/20/30/15", d.Page)
			}
			wantHeader := "2"
			if l.PageNumber == quarterlyPageForm {
				wantHeader = "Trang 2/2"
			}
			if !d.FirstPage || d.FirstHeader != "" || d.Header != wantHeader {
				t.Errorf("first page %v, first header %q, header %q", d.FirstPage, d.FirstHeader, d.Header)
			}
			if d.DefaultFont != fontName || *d.Styles["Normal"].Font != fontName {
				t.Errorf("font %q, Normal %v", d.DefaultFont, d.Styles["Normal"].Font)
			}
			if d.Title != l.Info.Title || d.Author != l.Info.Author || d.Subject != l.Info.Subject || d.Language != "vi-VN" ||
				!strings.HasPrefix(d.Created, l.Info.Date.String()) {
				t.Errorf("properties %q %q %q %q %q", d.Title, d.Author, d.Subject, d.Language, d.Created)
			}

			// The body, block by block: text in order, in its kind's style.
			var got []pyItem
			for _, it := range d.Body {
				if it.P == nil || *it.P != "" || it.Style != "Normal" { // empty paragraphs only separate tables
					got = append(got, it)
				}
			}
			if len(got) != len(l.Blocks) {
				t.Fatalf("%d body elements, %d blocks", len(got), len(l.Blocks))
			}
			sizes := map[string]float64{}
			for i, b := range l.Blocks {
				it := got[i]
				switch b.Kind {
				case KindHeader:
					h := b.Header
					if len(it.Table) != 2 || !strings.Contains(plainText(it.Table[0][0]), h.Org) || !strings.Contains(it.Table[0][1], l.format().Nation[0].Text) ||
						it.Table[1][0] != h.Number || it.Table[1][1] != h.DateLine {
						t.Errorf("header table %q", it.Table)
					}
				case KindSignatures:
					if len(it.Table) != 1 || it.CantSplit != 1 || len(it.Table[0]) != len(b.Signatures) {
						t.Errorf("signatures %+v", it)
					}
					for j, s := range b.Signatures {
						if it.Table[0][j] != s.Role+"\n"+s.Name {
							t.Errorf("signature %q, want %q", it.Table[0][j], s.Role+"\n"+s.Name)
						}
					}
					if !got[i-1].Keep {
						t.Errorf("%q does not keep with the signatures", *got[i-1].P)
					}
				case KindTable:
					if len(it.Table) != len(b.Table.Rows)+1 || it.HeaderRows != 1 || it.CantSplit != len(it.Table) {
						t.Errorf("table of %d rows: %d read, %d header rows, %d never split", len(b.Table.Rows), len(it.Table), it.HeaderRows, it.CantSplit)
						continue
					}
					for j, c := range b.Table.Columns {
						if it.Table[0][j] != c.Title {
							t.Errorf("column %q, want %q", it.Table[0][j], c.Title)
						}
					}
					last := b.Table.Rows[len(b.Table.Rows)-1]
					for j, c := range last {
						if plainText(it.Table[len(it.Table)-1][j]) != c {
							t.Errorf("last row cell %q, want %q", it.Table[len(it.Table)-1][j], c)
						}
					}
				case KindChart:
					if it.P == nil || *it.P != "" {
						t.Errorf("chart paragraph %+v", it)
					}
				case KindTitleRule:
					if b.Text == "" && (it.P == nil || *it.P != "" || it.Style != "Header Rule" || !it.Keep) {
						t.Errorf("the drawn rule under the summary line: %+v", it)
					}
					if b.Text != "" && (it.P == nil || *it.P != b.Text || it.Style != "Summary Rule") {
						t.Errorf("the dashes under the summary line: %+v", it)
					}
				case KindSignOff:
					so := b.SignOff
					if len(it.Table) != 1 || len(it.Table[0]) != 2 || it.CantSplit != 1 {
						t.Errorf("sign-off %+v", it)
						continue
					}
					left := recipientsLabel + "\n" + strings.Join(so.Recipients, "\n")
					right := strings.Join(append(append([]string{so.Signer.Role}, so.Signer.Lines...), so.Signer.Name), "\n")
					if plainText(it.Table[0][0]) != plainText(left) || plainText(it.Table[0][1]) != plainText(right) {
						t.Errorf("sign-off\n%q\n%q\nwant\n%q\n%q", it.Table[0][0], it.Table[0][1], left, right)
					}
					if !got[i-1].Keep {
						t.Errorf("%q does not keep with the signer", *got[i-1].P)
					}
				default:
					if it.P == nil || plainText(*it.P) != b.Text {
						t.Errorf("block %d (%s): read %+v, want %q", i, b.Kind, it, b.Text)
						continue
					}
					want := kindStyles[b.Kind].name
					if w := strings.Split(want, " "); want == "caption" || w[0] == "heading" {
						want = strings.ToUpper(want[:1]) + want[1:] // python-docx shows built-in names capitalised
					}
					if it.Style != want {
						t.Errorf("block %d (%s) in style %q, want %q", i, b.Kind, it.Style, want)
					}
					st := style(l.format(), b.Kind)
					sizes[it.Style] = st.size
					s := d.Styles[it.Style]
					if s.Size == nil || *s.Size != st.size || (s.Bold != nil && *s.Bold) != (st.font == bold || st.font == boldItalic) ||
						(s.Italic != nil && *s.Italic) != (st.font == italic || st.font == boldItalic) {
						t.Errorf("style %q: %v pt bold %v italic %v, want %+v", it.Style, s.Size, s.Bold, s.Italic, st)
					}
				}
			}
			if l.format().BodySize != sizes["Body Text"] {
				t.Errorf("body text at %v pt, want %v", sizes["Body Text"], l.format().BodySize)
			}
			if l.PageNumber == quarterlyPageForm && d.Pictures != 1 {
				t.Errorf("%d pictures, want the chart", d.Pictures)
			}
		})
	}
	// "Nơi nhận:" bold italic 12 pt, its items 11 pt.
	if s := docs["seed"].Styles["Recipients Heading"]; s.Size == nil || *s.Size != 12 || s.Bold == nil || !*s.Bold || s.Italic == nil || !*s.Italic {
		t.Errorf("Recipients Heading: %+v", s)
	}
	if s := docs["seed"].Styles["Recipient"]; s.Size == nil || *s.Size != 11 {
		t.Errorf("Recipient: %+v", s)
	}
	letters := strings.Join(vietnameseLetters(), " ")
	found := false
	for _, it := range docs["nfd"].Body {
		if it.P != nil && plainText(*it.P) == letters { // "i I": a Roman numeral keeps to the word before
			found = true
		}
	}
	if !found {
		t.Error("the 134 letters written decomposed do not read back composed")
	}

	// The reference document's styles and page, our styles where it has none.
	ref := docs["reference"]
	if s := ref.Styles["Body Text"]; s.Size == nil || *s.Size != 13 {
		t.Errorf("reference: Body Text %+v, want 13 pt", s)
	}
	if s := ref.Styles["Title"]; s.Size == nil || *s.Size != 20 {
		t.Errorf("reference: Title %+v, want 20 pt", s)
	}
	if s := ref.Styles["Date Line"]; s.Size == nil || *s.Size != 14 || !*s.Italic {
		t.Errorf("reference: our Date Line %+v", s)
	}
	if ref.DefaultFont != "Arial" || !near(ref.Page[0], 215.9) || !near(ref.Page[4], 31.75) {
		t.Errorf("reference: font %q, page %v", ref.DefaultFont, ref.Page)
	}
	word := docs["word-reference"]
	if s := word.Styles["Body Text"]; s.Size == nil || *s.Size != 13 {
		t.Errorf("Word reference: Body Text %+v, want 13 pt", s)
	}
	if s := word.Styles["Issuing Organization"]; s.Font == nil || *s.Font != fontName || s.Bold == nil || !*s.Bold {
		t.Errorf("Word reference: our Issuing Organization %+v", s)
	}
	if !near(word.Page[0], 215.9) || word.Body[0].Table == nil || !strings.Contains(word.Body[1].Style, "Title") {
		t.Errorf("Word reference: page %v, body starts %+v", word.Page, word.Body[:2])
	}
	for _, it := range word.Body {
		if it.P != nil && strings.Contains(*it.P, "Mẫu của văn phòng") {
			t.Error("Word reference: its text was copied")
		}
	}
}

// pdfPages splits pdftotext output into pages with the page number (the
// first line of every page but the first) removed.
func pdfPages(text string) []string {
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	for i := 1; i < len(pages); i++ {
		p := strings.TrimLeft(pages[i], "\n ")
		if j := strings.IndexByte(p, '\n'); j >= 0 {
			pages[i] = p[j+1:]
		}
	}
	return pages
}

// inOrder checks that the text blocks of l read in order in text. White
// space is left out of the comparison: a word longer than a line (the run
// of all Vietnamese letters) is cut where the line ends.
func inOrder(t *testing.T, who string, l *Layout, text string) {
	t.Helper()
	solid := func(s string) string { return strings.Join(strings.Fields(s), "") }
	text = solid(text)
	pos := 0
	for i, b := range l.Blocks {
		if b.Text == "" || b.Kind == KindHeader {
			continue
		}
		want := solid(b.Text)
		j := strings.Index(text[pos:], want)
		if j < 0 {
			t.Errorf("%s: block %d (%s) %q missing or out of order", who, i, b.Kind, b.Text)
			return
		}
		pos += j + len(want)
	}
}

// TestDocxLibreOffice converts the documents with LibreOffice in one run
// (each start of soffice costs seconds) and reads the PDFs it makes.
func TestDocxLibreOffice(t *testing.T) {
	soffice := tool(t, "soffice")
	tool(t, "pdftotext")
	type doc struct {
		layout *Layout
		pdf    []byte // our own PDF of the same layout
		docx   []byte
	}
	docs := map[string]*doc{}
	for name, m := range map[string]*minutes.Meeting{"seed": seedMeeting(), "state": stateMeeting(), "long": longMeeting(), "nfd": lettersMeeting(true)} {
		l, _ := LayoutMinutes(m)
		pdf, _ := mustMinutes(t, m)
		docs[name] = &doc{l, pdf, mustDocx(t, m, DocxOptions{})}
	}
	inputs := map[string]QuarterlyInput{"q100": quarterlyInput(100), "multi": multiOrgInput()}
	if !testing.Short() {
		inputs["q1000"] = quarterlyInput(1000)
	}
	for name, in := range inputs {
		l, _, _ := LayoutQuarterly(in)
		pdf, _, err := Quarterly(in)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = &doc{l, pdf, mustQuarterlyDocx(t, in, DocxOptions{})}
	}
	for name, d := range issuedDocs(t) {
		docs[name] = &doc{d.layout, d.pdf, d.docx}
	}
	refLayout, _ := LayoutMinutes(seedMeeting())
	docs["reference"] = &doc{layout: refLayout, docx: mustDocx(t, seedMeeting(), DocxOptions{Reference: referenceDoc(t)})}

	dir := t.TempDir()
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}
	for name, d := range docs {
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, d.docx, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			lo, err := os.ReadFile(filepath.Join(dir, "out", name+".pdf"))
			if err != nil {
				t.Fatalf("LibreOffice made no PDF: %v", err)
			}
			info := pdfinfo(t, lo)
			if name == "reference" {
				if info["Page size"] != "612 x 792 pts (letter)" {
					t.Errorf("page size %q, want the reference's Letter", info["Page size"])
				}
				inOrder(t, "LibreOffice", d.layout, strings.Join(pdfPages(run(t, lo, "pdftotext", "-raw")), "\n"))
				return
			}
			var pages, ours int
			fmt.Sscan(info["Pages"], &pages)
			fmt.Sscan(pdfinfo(t, d.pdf)["Pages"], &ours)
			if pages < ours-1 || pages > ours+1 {
				t.Errorf("%d pages in LibreOffice, %d in our PDF", pages, ours)
			}
			// Raw: in the order the text is drawn, which for both PDFs
			// is the order of the blocks.
			text := run(t, lo, "pdftotext", "-raw")
			lop := pdfPages(text)
			// The header on page 1: every line of both columns.
			h := d.layout.Blocks[0].Header
			for _, want := range append([]string{h.Parent, h.Org, h.Number, h.DateLine}, nationTexts(d.layout)...) {
				if want != "" && !strings.Contains(flat(lop[0]), flat(want)) {
					t.Errorf("page 1 lacks %q", want)
				}
			}
			// Page numbers from page 2 on, none on page 1.
			if pages > 1 {
				second := strings.Split(strings.TrimLeft(strings.Split(text, "\f")[1], "\n "), "\n")[0]
				want := "2"
				if d.layout.PageNumber == quarterlyPageForm {
					want = fmt.Sprintf("Trang 2/%d", pages)
				}
				if strings.TrimSpace(second) != want {
					t.Errorf("page 2 starts with %q, want %q", second, want)
				}
			}
			all := strings.Join(lop, "\n")
			inOrder(t, "LibreOffice", d.layout, all)
			inOrder(t, "our PDF", d.layout, strings.Join(pdfPages(run(t, d.pdf, "pdftotext", "-raw")), "\n"))
			for _, b := range d.layout.Blocks {
				for _, s := range b.Signatures {
					if !strings.Contains(flat(all), s.Role) || !strings.Contains(flat(all), s.Name) {
						t.Errorf("signature %q %q missing", s.Role, s.Name)
					}
				}
				if so := b.SignOff; so != nil {
					for _, w := range append(append([]string{recipientsLabel, so.Signer.Role, so.Signer.Name}, so.Signer.Lines...), so.Recipients...) {
						if !strings.Contains(flat(all), w) {
							t.Errorf("sign-off %q missing", w)
						}
					}
				}
			}
			if name == "nfd" {
				if !strings.Contains(flat(all), strings.Join(vietnameseLetters(), " ")) {
					t.Error("the 134 letters do not read back from LibreOffice's PDF")
				}
			}
		})
	}
}

// issuedDoc is an issued document in its three forms.
type issuedDoc struct {
	layout    *Layout
	pdf, docx []byte
}

// issuedDocs are the notices of both styles and the reports of every kind
// of period, issued with number, signer and Nơi nhận, for the readers.
func issuedDocs(t *testing.T) map[string]issuedDoc {
	t.Helper()
	out := map[string]issuedDoc{}
	for name, in := range map[string]NoticeInput{"notice-party": partyNoticeInput(), "notice-state": stateNoticeInput()} {
		l, _, err := LayoutNotice(in)
		if err != nil {
			t.Fatal(err)
		}
		pdf := mustNotice(t, in)
		b, _, err := NoticeDocx(in, DocxOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := docx.Check(b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = issuedDoc{l, pdf, b}
	}
	for name, in := range periodInputs() {
		l, _, err := LayoutReport(in)
		if err != nil {
			t.Fatal(err)
		}
		pdf, _, err := Report(in)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := ReportDocx(in, DocxOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := docx.Check(b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = issuedDoc{l, pdf, b}
	}
	return out
}

func nationTexts(l *Layout) []string {
	var out []string
	for _, n := range l.format().Nation {
		out = append(out, n.Text)
	}
	return out
}

func BenchmarkMinutesDocx(b *testing.B) {
	for name, m := range map[string]*minutes.Meeting{"seed": seedMeeting(), "long": longMeeting()} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				out, _, err := MinutesDocx(m, DocxOptions{})
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size)/1e3, "kB-docx")
		})
	}
}

func BenchmarkQuarterlyDocx(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		in := quarterlyInput(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				out, _, err := QuarterlyDocx(in, DocxOptions{})
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size)/1e6, "MB-docx")
		})
	}
}
