package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
)

// Check reads a .docx the way Word does before it offers to repair one:
// every part is well-formed XML (or a picture), has a content type and is
// reached by a relationship whose target exists; every r:id in a part names
// one of its relationships; and the property elements Word is strict about
// (w:pPr, w:rPr, w:tblPr, w:tcPr, w:sectPr, w:style…) hold their children
// in the order of the schema. It returns every problem found.
func Check(b []byte) error {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	data := map[string][]byte{}
	for _, f := range z.File {
		if _, dup := data[f.Name]; dup {
			fail("%s: stored twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}

	// Content types.
	var types struct {
		Default []struct {
			Ext string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			Part string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	ct, ok := data["[Content_Types].xml"]
	if !ok {
		return errors.New("no [Content_Types].xml")
	}
	if err := xml.Unmarshal(ct, &types); err != nil {
		return fmt.Errorf("[Content_Types].xml: %w", err)
	}
	exts, overrides := map[string]bool{}, map[string]bool{}
	for _, d := range types.Default {
		exts[strings.ToLower(d.Ext)] = true
	}
	for _, o := range types.Override {
		name := strings.TrimPrefix(o.Part, "/")
		overrides[name] = true
		if _, ok := data[name]; !ok {
			fail("[Content_Types].xml: override for a missing part %s", o.Part)
		}
	}

	// Relationships: every target exists; remember each part's ids.
	reached := map[string]bool{"[Content_Types].xml": true}
	ids := map[string]map[string]bool{} // source part → relationship ids
	for name, b := range data {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		reached[name] = true
		// word/_rels/document.xml.rels holds the relationships of
		// word/document.xml; _rels/.rels those of the package ("").
		src := path.Join(path.Dir(path.Dir(name)), strings.TrimSuffix(path.Base(name), ".rels"))
		if name == "_rels/.rels" {
			src = ""
		}
		var rs struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
				Mode   string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rs); err != nil {
			fail("%s: %v", name, err)
			continue
		}
		if src != "" {
			if _, ok := data[src]; !ok {
				fail("%s: relationships of a missing part %s", name, src)
			}
		}
		set := map[string]bool{}
		for _, r := range rs.Rel {
			if set[r.ID] {
				fail("%s: relationship id %s twice", name, r.ID)
			}
			set[r.ID] = true
			if r.Mode == "External" {
				continue
			}
			base := ""
			if src != "" {
				base = path.Dir(src) + "/"
			}
			target := resolve(base, r.Target)
			if _, ok := data[target]; !ok {
				fail("%s: %s points to a missing part %s", name, r.ID, target)
			}
			reached[target] = true
		}
		ids[src] = set
	}

	// Each part: a content type, reached, well-formed, its r:ids known and
	// its properties in order.
	names := make([]string, 0, len(data))
	for name := range data {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasSuffix(name, "/") {
			continue
		}
		if !overrides[name] && !exts[strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))] {
			fail("%s: no content type", name)
		}
		if !reached[name] {
			fail("%s: no relationship reaches it", name)
		}
		ext := path.Ext(name)
		if ext != ".xml" && ext != ".rels" {
			continue
		}
		for _, err := range checkXML(data[name], ids[name]) {
			fail("%s: %v", name, err)
		}
	}
	if data["_rels/.rels"] == nil {
		fail("no _rels/.rels")
	}
	return errors.Join(errs...)
}

// Child order of the elements Word checks, after the ECMA-376 transitional
// schema. Elements of other namespaces (w14, mc…) are not checked.
var childOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
		"suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
		"topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
		"contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
		"textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"},
	"rPr": {"ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
		"strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
		"color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
		"fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange"},
	"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
		"tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
		"tblCaption", "tblDescription", "tblPrChange"},
	"tcPr": {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
		"textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange"},
	"sectPr": {"headerReference|footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
		"pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
		"textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"},
	"style": {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
		"unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
		"rPr", "tblPr", "trPr", "tcPr", "tblStylePr"},
	"pBdr":        {"top", "left", "bottom", "right", "between", "bar"},
	"tblBorders":  {"top", "left|start", "bottom", "right|end", "insideH", "insideV"},
	"tcBorders":   {"top", "left|start", "bottom", "right|end", "insideH", "insideV", "tl2br", "tr2bl"},
	"tblCellMar":  {"top", "left|start", "bottom", "right|end"},
	"styles":      {"docDefaults", "latentStyles", "style"},
	"docDefaults": {"rPrDefault", "pPrDefault"},
	"tbl":         {"bookmarkStart|bookmarkEnd", "tblPr", "tblGrid", "tr|customXml|sdt|bookmarkStart|bookmarkEnd|proofErr|permStart|permEnd|ins|del|moveFrom|moveTo|commentRangeStart|commentRangeEnd"},
	"settings": {"writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
		"doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
		"printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
		"saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
		"bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
		"activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
		"stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
		"trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
		"styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit",
		"hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
		"defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
		"bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
		"displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
		"doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
		"doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
		"strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
		"doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
		"doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
		"alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
		"docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
		"doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
		"readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
		"decimalSymbol", "listSeparator"},
}

// firstChild lists elements whose properties, when present, come first.
var firstChild = map[string][]string{"p": {"pPr"}, "r": {"rPr"}, "tc": {"tcPr"}, "tr": {"tblPrEx", "trPr"}}

// rank maps each parent's children to their place in the schema's
// sequence; built on the first check, not at the start of every command.
var rank = sync.OnceValue(func() map[string]map[string]int {
	out := map[string]map[string]int{}
	for parent, kids := range childOrder {
		m := map[string]int{}
		for i, k := range kids {
			for _, alt := range strings.Split(k, "|") {
				m[alt] = i
			}
		}
		out[parent] = m
	}
	return out
})

// checkXML parses a part, checks the order of children and that every
// attribute in the relationships namespace names one of ids.
func checkXML(b []byte, ids map[string]bool) []error {
	var errs []error
	type frame struct {
		name string
		last int  // rank of the last child seen
		body bool // firstChild: a child other than the leading ones was seen
	}
	var stack []frame
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(errs, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				if a.Name.Space == nsR && !ids[a.Value] {
					errs = append(errs, fmt.Errorf("<%s> r:%s=%q names no relationship", t.Name.Local, a.Name.Local, a.Value))
				}
			}
			if n := len(stack); n > 0 && t.Name.Space == nsW {
				p := &stack[n-1]
				if order, ok := rank()[p.name]; ok {
					r, known := order[t.Name.Local]
					switch {
					case !known:
						errs = append(errs, fmt.Errorf("<w:%s> may not hold <w:%s>", p.name, t.Name.Local))
					case r < p.last:
						errs = append(errs, fmt.Errorf("<w:%s>: <w:%s> comes too late (line %d)", p.name, t.Name.Local, lineOf(b, d.InputOffset())))
					default:
						p.last = r
					}
				} else if lead, ok := firstChild[p.name]; ok {
					if i := slices.Index(lead, t.Name.Local); i >= 0 {
						if p.body || i < p.last {
							errs = append(errs, fmt.Errorf("<w:%s>: <w:%s> must come first (line %d)", p.name, t.Name.Local, lineOf(b, d.InputOffset())))
						}
						p.last = i
					} else {
						p.body = true
					}
				}
			}
			name := ""
			if t.Name.Space == nsW {
				name = t.Name.Local
			}
			stack = append(stack, frame{name: name})
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
		if len(errs) > 20 {
			return append(errs, errors.New("…"))
		}
	}
	return errs
}

func lineOf(b []byte, off int64) int { return 1 + bytes.Count(b[:min(int(off), len(b))], []byte("\n")) }
