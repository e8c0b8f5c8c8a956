// Package docx writes WordprocessingML documents (.docx, ECMA-376
// transitional) with encoding/xml and archive/zip: paragraphs and runs with
// named styles, tables, a picture, page headers with fields, document
// properties, and styles taken from a reference document as pandoc's
// --reference-doc does. Check validates a package the way a reader would.
//
// It writes only elements that Word 2007 already reads, each property list
// in the order of the schema (Word refuses a file whose w:pPr children are
// out of order), and the same bytes for the same document: parts in a fixed
// order with a fixed time stamp.
//
// The package owns the format, not the layout: what goes where is the
// caller's (report's) business.
package docx

import (
	"time"
)

// Document is a whole .docx: page setup, styles, body, page headers and
// properties.
type Document struct {
	Page     Page
	Defaults Defaults
	Styles   []Style
	Body     []Block // *Paragraph or *Table

	// Header is on every page; with TitlePage set, FirstHeader replaces it on
	// the first page (empty, it leaves the first page without a header).
	Header      []*Paragraph
	FirstHeader []*Paragraph
	TitlePage   bool

	Props Properties

	// Reference, when set, gives the styles (and theme, numbering and fonts
	// table) in place of Defaults; Styles missing from it are added.
	Reference *Reference
}

// Page is the page setup of the (single) section.
type Page struct {
	Width, Height            Twips
	Top, Bottom, Left, Right Twips
	Header, Footer           Twips // distance of the header and footer from the edge
	Landscape                bool
}

// A4 is the ISO A4 page in portrait, without margins.
var A4 = Page{Width: 11906, Height: 16838}

// TextWidth is the width between the margins.
func (p Page) TextWidth() Twips { return p.Width - p.Left - p.Right }

// Defaults are the document's default run and paragraph properties.
type Defaults struct {
	Font string // named for every script (ascii, hAnsi, east Asian, complex)
	Size float64
	Lang string // BCP 47, e.g. "vi-VN"
	Para ParaProps
}

// Properties are the document properties (docProps/core.xml, app.xml).
type Properties struct {
	Title, Subject, Creator, Description, Keywords string
	Language                                       string
	Application, Company                           string
	Created                                        time.Time // also the modification date and the zip entries' time
}

// Style is a named style.
type Style struct {
	ID, Name string
	Type     string // "paragraph" (default), "character" or "table"
	BasedOn  string
	Next     string
	Default  bool // the default style of its type
	Primary  bool // qFormat: shown in the style gallery
	Para     ParaProps
	Run      RunProps
}

// ParaProps are paragraph properties; zero values are left out.
type ParaProps struct {
	Style        string
	KeepNext     bool
	KeepLines    bool
	WidowControl bool
	Border       *ParaBorder
	Spacing      *Spacing
	Ind          *Indent
	Align        string // left, center, right, both
	OutlineLevel int    // 1-based: 1 for a first-level heading; 0 for none
	Run          RunProps
}

// ParaBorder are a paragraph's top and bottom borders.
type ParaBorder struct{ Top, Bottom *Border }

// Border is a single line.
type Border struct {
	Size  int    // eighths of a point
	Space int    // points between the line and the text
	Color string // RRGGBB; "" is black
}

// Spacing is the space around and between a paragraph's lines. Before and
// After are nil when inherited; Line is 0 when inherited.
type Spacing struct {
	Before, After *Twips
	Line          Twips
	LineRule      string // auto (Line in 240ths of a line), exact, atLeast
}

// Set returns a pointer to t, for Spacing.Before and After.
func Set(t Twips) *Twips { return &t }

// Indent is a paragraph's indentation.
type Indent struct{ Left, Right, FirstLine Twips }

// RunProps are run (character) properties; zero values are left out.
type RunProps struct {
	Style  string
	Font   string
	Bold   bool
	Italic bool
	Caps   bool
	Color  string
	Size   float64 // points; written in half points
	Lang   string
}

func (r RunProps) empty() bool { return r == RunProps{} }

// Block is an element of the body or of a table cell.
type Block interface{ writeBlock(w *xw, p *pkg) }

// Paragraph is a paragraph: its properties and its runs.
type Paragraph struct {
	Props ParaProps
	Runs  []Run
}

// Run is a piece of text with the same properties, a line break, a field
// or a picture.
type Run struct {
	Props RunProps
	Text  string
	Break bool   // a line break before Text
	Field string // a field instruction such as "PAGE"; Text is its shown value
	Image *Image
}

// Image is a picture shown inline, at Width × Height.
type Image struct {
	PNG           []byte
	Width, Height Twips
	Name, Descr   string
}

// Table is a table with a fixed grid.
type Table struct {
	Grid        []Twips // column widths
	Indent      Twips
	Borders     *Border // every border, outside and inside; nil for none
	CellMargins [4]Twips
	Rows        []Row
}

// Row is a table row.
type Row struct {
	Header    bool // repeated at the top of every page the table reaches
	CantSplit bool
	Cells     []Cell
}

// Cell is a table cell.
type Cell struct {
	Shading string // fill, RRGGBB
	VAlign  string // top, center, bottom
	Blocks  []Block
}
