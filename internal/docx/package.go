package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"sync"
	"time"
)

// Content types and relationship types of the parts.
const (
	ctRels      = "application/vnd.openxmlformats-package.relationships+xml"
	ctXML       = "application/xml"
	ctPNG       = "image/png"
	ctDocument  = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctStyles    = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	ctSettings  = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
	ctFontTable = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
	ctHeader    = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
	ctNumbering = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
	ctTheme     = "application/vnd.openxmlformats-officedocument.theme+xml"
	ctCore      = "application/vnd.openxmlformats-package.core-properties+xml"
	ctApp       = "application/vnd.openxmlformats-officedocument.extended-properties+xml"

	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore           = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp            = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
	relBase           = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// part is one file of the package.
type part struct {
	name        string // without the leading slash
	contentType string // "" when a Default by extension covers it
	data        []byte
}

type rel struct{ id, typ, target string }

// pkg collects the parts while the document is written.
type pkg struct {
	images [][]byte
	rels   []rel // of word/document.xml
}

func (k *pkg) addRel(typ, target string) string {
	id := "rId" + itoa(len(k.rels)+1)
	k.rels = append(k.rels, rel{id, relBase + typ, target})
	return id
}

func (k *pkg) addImage(img *Image) string {
	k.images = append(k.images, img.PNG)
	return k.addRel("image", "media/image"+itoa(len(k.images))+".png")
}

func relsPart(rs []rel) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("Relationships", "xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")
	for _, r := range rs {
		w.empty("Relationship", "Id", r.id, "Type", r.typ, "Target", r.target)
	}
	w.end("Relationships")
	return w.Bytes()
}

// Bytes returns the .docx file.
func (d *Document) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the .docx file to out.
func (d *Document) Write(out io.Writer) error {
	k := &pkg{}
	var parts []part
	add := func(name, ct string, data []byte) { parts = append(parts, part{name, ct, data}) }

	// Relationships of the main part, in a fixed order: the parts every
	// document has, then its headers, then pictures as the body meets them.
	k.addRel("styles", "styles.xml")
	k.addRel("settings", "settings.xml")
	k.addRel("fontTable", "fontTable.xml")
	ref := d.Reference
	if ref != nil && ref.theme != nil {
		k.addRel("theme", "theme/theme1.xml")
	}
	if ref != nil && ref.numbering != nil {
		k.addRel("numbering", "numbering.xml")
	}
	var headerID, firstID string
	if d.Header != nil || d.TitlePage {
		headerID = k.addRel("header", "header1.xml")
	}
	if d.TitlePage {
		firstID = k.addRel("header", "header2.xml")
	}

	body := &xw{}
	body.WriteString(xmlHeader)
	body.start("w:document", "xmlns:w", nsW, "xmlns:r", nsR, "xmlns:wp", nsWP)
	body.start("w:body")
	for i, b := range d.Body {
		b.writeBlock(body, k)
		// Two tables in a row would merge into one, and the body must end
		// with a paragraph: separate them with an empty one.
		if _, ok := b.(*Table); ok {
			next := i + 1
			if next == len(d.Body) {
				body.empty("w:p")
			} else if _, ok := d.Body[next].(*Table); ok {
				body.empty("w:p")
			}
		}
	}
	writeSection(body, d, headerID, firstID)
	body.end("w:body")
	body.end("w:document")

	add("[Content_Types].xml", "", nil) // filled in below, written first
	add("_rels/.rels", "", relsPart([]rel{
		{"rId1", relOfficeDocument, "word/document.xml"},
		{"rId2", relCore, "docProps/core.xml"},
		{"rId3", relApp, "docProps/app.xml"},
	}))
	add("docProps/core.xml", ctCore, corePart(&d.Props))
	add("docProps/app.xml", ctApp, appPart(&d.Props))
	add("word/document.xml", ctDocument, body.Bytes())
	add("word/_rels/document.xml.rels", "", relsPart(k.rels))
	if ref != nil {
		add("word/styles.xml", ctStyles, ref.mergeStyles(d.Styles))
		add("word/fontTable.xml", ctFontTable, ref.fontTable(d.Defaults.Font))
		if ref.theme != nil {
			add("word/theme/theme1.xml", ctTheme, ref.theme)
		}
		if ref.numbering != nil {
			add("word/numbering.xml", ctNumbering, ref.numbering)
		}
	} else {
		add("word/styles.xml", ctStyles, stylesPart(d))
		add("word/fontTable.xml", ctFontTable, fontTablePart(d.Defaults.Font))
	}
	add("word/settings.xml", ctSettings, settingsPart(d))
	if headerID != "" {
		add("word/header1.xml", ctHeader, headerPart(d.Header, k))
	}
	if firstID != "" {
		add("word/header2.xml", ctHeader, headerPart(d.FirstHeader, k))
	}
	for i, img := range k.images {
		add("word/media/image"+itoa(i+1)+".png", "", img)
	}
	parts[0].data = contentTypesPart(parts)
	return writeZip(out, parts, d.Props.Created)
}

var flatePool = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // the fastest level: a report of 1,000 meetings is 5 MB of XML
	return fw
}}

// writeZip stores the parts in order, every entry with the same time, so
// that the same document always gives the same bytes.
func writeZip(out io.Writer, parts []part, t time.Time) error {
	if t.Year() < 1980 { // the earliest time a zip entry holds
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	z := zip.NewWriter(out)
	// A flate writer costs a megabyte to set up, more than a whole minutes
	// document takes to write: reuse them, across entries and documents.
	var used []*flate.Writer
	defer func() {
		for _, fw := range used {
			flatePool.Put(fw)
		}
	}()
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fw := flatePool.Get().(*flate.Writer)
		fw.Reset(w)
		used = append(used, fw)
		return fw, nil
	})
	for _, p := range parts {
		// Every entry deflated, pictures too: a stored entry followed by a
		// data descriptor, as archive/zip streams it, trips some readers.
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: t})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return z.Close()
}

func contentTypesPart(parts []part) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("Types", "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")
	w.empty("Default", "Extension", "rels", "ContentType", ctRels)
	w.empty("Default", "Extension", "xml", "ContentType", ctXML)
	w.empty("Default", "Extension", "png", "ContentType", ctPNG)
	for _, p := range parts {
		if p.contentType != "" {
			w.empty("Override", "PartName", "/"+p.name, "ContentType", p.contentType)
		}
	}
	w.end("Types")
	return w.Bytes()
}

func headerPart(ps []*Paragraph, k *pkg) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("w:hdr", "xmlns:w", nsW, "xmlns:r", nsR, "xmlns:wp", nsWP)
	for _, p := range ps {
		p.writeBlock(w, k)
	}
	if len(ps) == 0 {
		w.empty("w:p") // a header holds at least one paragraph
	}
	w.end("w:hdr")
	return w.Bytes()
}

// settingsPart holds only settings that Word 2007 reads. Without
// w:compatSetting (a later addition) Word 2013 and later open the file in
// compatibility mode, which lays it out the same.
func settingsPart(d *Document) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("w:settings", "xmlns:w", nsW)
	w.empty("w:zoom", "w:percent", "100")
	w.val("w:defaultTabStop", "720")
	w.val("w:characterSpacingControl", "doNotCompress")
	if lang := d.Defaults.Lang; lang != "" {
		w.val("w:themeFontLang", lang)
	}
	w.val("w:decimalSymbol", ",")
	w.val("w:listSeparator", ";")
	w.end("w:settings")
	return w.Bytes()
}

// fontTablePart names the document's font with the data Word uses to pick
// a substitute where it is not installed (LibreOffice takes Liberation
// Serif for Times New Roman: the same metrics).
func fontTablePart(font string) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("w:fonts", "xmlns:w", nsW)
	writeFont(w, font)
	w.end("w:fonts")
	return w.Bytes()
}

func writeFont(w *xw, font string) {
	if font == "" {
		return
	}
	w.start("w:font", "w:name", font)
	if font == "Times New Roman" {
		w.val("w:panose1", "02020603050405020304")
		w.val("w:charset", "00")
		w.val("w:family", "roman")
		w.val("w:pitch", "variable")
	}
	w.end("w:font")
}

func w3cdtf(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func corePart(p *Properties) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("cp:coreProperties",
		"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		"xmlns:dc", "http://purl.org/dc/elements/1.1/",
		"xmlns:dcterms", "http://purl.org/dc/terms/",
		"xmlns:dcmitype", "http://purl.org/dc/dcmitype/",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	for _, e := range [][2]string{{"dc:title", p.Title}, {"dc:subject", p.Subject}, {"dc:creator", p.Creator},
		{"cp:keywords", p.Keywords}, {"dc:description", p.Description}, {"cp:lastModifiedBy", p.Creator}, {"dc:language", p.Language}} {
		if e[1] != "" {
			w.elem(e[0], e[1])
		}
	}
	if !p.Created.IsZero() {
		for _, e := range []string{"dcterms:created", "dcterms:modified"} {
			w.start(e, "xsi:type", "dcterms:W3CDTF")
			w.text(w3cdtf(p.Created))
			w.end(e)
		}
	}
	w.end("cp:coreProperties")
	return w.Bytes()
}

func appPart(p *Properties) []byte {
	w := &xw{}
	w.WriteString(xmlHeader)
	w.start("Properties", "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
		"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes")
	if p.Application != "" {
		w.elem("Application", p.Application)
	}
	w.elem("DocSecurity", "0")
	if p.Company != "" {
		w.elem("Company", p.Company)
	}
	w.end("Properties")
	return w.Bytes()
}
