package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Reference is what a document takes from an office's own .docx, as
// pandoc's --reference-doc: its styles (with their defaults), its theme,
// numbering and fonts table, and its page size and margins. Its text,
// headers and settings are not taken.
type Reference struct {
	styles    []byte
	ids       map[string]bool // style IDs it defines
	defaults  map[string]bool // style types that have a default style
	theme     []byte
	numbering []byte
	fonts     []byte
	page      *Page
}

// ReadReference reads a reference document. It fails on a file that is not
// a WordprocessingML package in the transitional format.
func ReadReference(b []byte) (*Reference, error) {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a .docx file: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, fmt.Errorf("no part %s", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, 64<<20))
	}
	rels, err := readRels(read, "_rels/.rels", "")
	if err != nil {
		return nil, err
	}
	main := rels[relOfficeDocument]
	if main == "" {
		if rels["http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"] != "" {
			return nil, errors.New("the file is in the strict format; save it as a Word document (.docx)")
		}
		return nil, errors.New("no main document")
	}
	doc, err := read(main)
	if err != nil {
		return nil, err
	}
	dir, file := path.Split(main)
	docRels, err := readRels(read, dir+"_rels/"+file+".rels", dir)
	if err != nil {
		return nil, err
	}
	r := &Reference{ids: map[string]bool{}, defaults: map[string]bool{}}
	name := docRels[relBase+"styles"]
	if name == "" {
		return nil, errors.New("the document has no styles")
	}
	if r.styles, err = read(name); err != nil {
		return nil, err
	}
	if err := r.scanStyles(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// The theme, numbering and fonts table come along unless they point to
	// parts of their own (a theme's pictures, picture bullets), which this
	// package does not copy.
	for typ, dst := range map[string]*[]byte{"theme": &r.theme, "numbering": &r.numbering, "fontTable": &r.fonts} {
		name := docRels[relBase+typ]
		if name == "" {
			continue
		}
		d, f := path.Split(name)
		if files[d+"_rels/"+f+".rels"] != nil {
			continue
		}
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		if err := wellFormed(b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		*dst = b
	}
	r.page, err = pageOf(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", main, err)
	}
	return r, nil
}

// readRels returns the internal targets of a relationships part by type,
// resolved against dir; a missing part has none.
func readRels(read func(string) ([]byte, error), name, dir string) (map[string]string, error) {
	out := map[string]string{}
	b, err := read(name)
	if err != nil {
		return out, nil
	}
	var rs struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &rs); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range rs.Rel {
		if r.Mode == "External" || out[r.Type] != "" {
			continue
		}
		out[r.Type] = resolve(dir, r.Target)
	}
	return out, nil
}

// resolve turns a relationship target into a part name.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

// scanStyles checks that styles.xml can take our styles (its root binds the
// prefix w to the transitional namespace, as Word and LibreOffice write it)
// and notes which styles it defines.
func (r *Reference) scanStyles() error {
	d := xml.NewDecoder(bytes.NewReader(r.styles))
	root := true
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			root = false
			bound := false
			for _, a := range se.Attr {
				if a.Name.Space == "xmlns" && a.Name.Local == "w" && a.Value == nsW {
					bound = true
				}
			}
			if se.Name.Space != "w" || se.Name.Local != "styles" || !bound {
				return errors.New("not WordprocessingML styles in the transitional format")
			}
			continue
		}
		if se.Name.Space != "w" || se.Name.Local != "style" {
			continue
		}
		var id, typ string
		def := false
		for _, a := range se.Attr {
			if a.Name.Space != "w" {
				continue
			}
			switch a.Name.Local {
			case "styleId":
				id = a.Value
			case "type":
				typ = a.Value
			case "default":
				def = a.Value == "1" || a.Value == "true" || a.Value == "on"
			}
		}
		r.ids[id] = true
		if def {
			r.defaults[typ] = true
		}
	}
	if !bytes.Contains(r.styles, []byte("</w:styles>")) {
		return errors.New("no end of w:styles")
	}
	return nil
}

// mergeStyles returns the reference's styles.xml with the styles it lacks
// added from ours; a style of ours stays default only when the reference
// has no default of that type.
func (r *Reference) mergeStyles(ours []Style) []byte {
	w := &xw{}
	for i := range ours {
		s := &ours[i]
		if r.ids[s.ID] {
			continue
		}
		typ := s.Type
		if typ == "" {
			typ = "paragraph"
		}
		writeStyle(w, s, !r.defaults[typ])
	}
	end := bytes.LastIndex(r.styles, []byte("</w:styles>"))
	out := make([]byte, 0, len(r.styles)+w.Len())
	out = append(out, r.styles[:end]...)
	out = append(out, w.Bytes()...)
	return append(out, r.styles[end:]...)
}

// fontTable is the reference's fonts table with our font added when it
// lacks it.
func (r *Reference) fontTable(font string) []byte {
	if r.fonts == nil {
		return fontTablePart(font)
	}
	end := bytes.LastIndex(r.fonts, []byte("</w:fonts>"))
	if end < 0 || font == "" || bytes.Contains(r.fonts, []byte(`w:name="`+font+`"`)) {
		return r.fonts
	}
	w := &xw{}
	writeFont(w, font)
	out := append([]byte{}, r.fonts[:end]...)
	out = append(out, w.Bytes()...)
	return append(out, r.fonts[end:]...)
}

// Defines reports whether the reference has a style of this ID, which then
// replaces ours.
func (r *Reference) Defines(id string) bool { return r.ids[id] }

// Page is the page setup of the reference's last section, if it has one
// with a size and margins.
func (r *Reference) Page() (Page, bool) {
	if r.page == nil {
		return Page{}, false
	}
	return *r.page, true
}

// pageOf reads w:pgSz and w:pgMar of the body's section properties.
func pageOf(doc []byte) (*Page, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var p Page
	var size, margins bool
	depth, sect := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Space != nsW {
				continue
			}
			switch t.Name.Local {
			case "sectPr":
				sect = depth
				size, margins = false, false // the last section wins
			case "pgSz":
				if sect == 0 {
					continue
				}
				size = true
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "w":
						p.Width = twipsAttr(a.Value)
					case "h":
						p.Height = twipsAttr(a.Value)
					case "orient":
						p.Landscape = a.Value == "landscape"
					}
				}
			case "pgMar":
				if sect == 0 {
					continue
				}
				margins = true
				for _, a := range t.Attr {
					v := twipsAttr(a.Value)
					switch a.Name.Local {
					case "top":
						p.Top = abs(v)
					case "bottom":
						p.Bottom = abs(v)
					case "left":
						p.Left = v
					case "right":
						p.Right = v
					case "header":
						p.Header = v
					case "footer":
						p.Footer = v
					}
				}
			}
		case xml.EndElement:
			if depth == sect {
				sect = 0
			}
			depth--
		}
	}
	if !size || !margins || p.Width <= 0 || p.Height <= 0 || p.TextWidth() <= 0 {
		return nil, nil
	}
	return &p, nil
}

// twipsAttr reads a length in twips, or with a unit ("2cm", "72pt"), which
// the transitional schema of ISO/IEC 29500 allows.
func twipsAttr(s string) Twips {
	per := 1.0
	for unit, twips := range map[string]float64{"mm": 1440 / 25.4, "cm": 1440 / 2.54, "in": 1440, "pt": 20, "pc": 240, "pi": 240} {
		if strings.HasSuffix(s, unit) {
			s, per = strings.TrimSuffix(s, unit), twips
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64) // LibreOffice may write decimals
	if err != nil {
		return 0
	}
	return Twips(round(f * per))
}

func abs(t Twips) Twips {
	if t < 0 {
		return -t
	}
	return t
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
