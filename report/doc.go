// Package report turns meetings into the documents an office prints, as
// PDF and as Word: the minutes of one meeting (biên bản), its notice of
// conclusions (thông báo kết luận), and the report of any period — a
// quarter, six or nine months, a year, a range of days. It imports the
// domain (minutes), the PDF writer
// (internal/gofpdf), the Word writer (internal/docx) and the fonts; never
// the store, the record format or a front end: it is given values and
// returns bytes.
//
// Each document is built in two steps. A pure function (LayoutMinutes,
// LayoutNotice, LayoutReport) turns the data into a Layout: a list of
// Blocks whose Kind says what they are (header, title, the rule under a
// summary line, labelled field, heading, list item, table, chart,
// signatures, the sign-off of an issued document…). Tests inspect that
// value directly. Two
// renderers walk the same Layout. Both read the rules of the
// layout from one place: sizes and spacing per Kind (style in format.go),
// what keeps with what (Layout.blockStyle), where lines break — between
// the units of a name, at the pauses and phrases of a title, never inside
// "quý II/2021" or around a spaced dash (measure.go, with each renderer's
// font metrics) — how long the header's rules are (measureHeader), the
// chart's geometry (chart.go).
//
// The Word renderer (RenderDocx, MinutesDocx, QuarterlyDocx; docx.go)
// writes real paragraphs in named styles made from those sizes, the header
// and the signatures as borderless tables, the quarterly tables with a
// repeated header row, the chart as a PNG painted from the same geometry,
// and page numbers as PAGE fields; Word breaks the lines and pages, with
// keepNext, cantSplit and widow control saying what the PDF's paginator
// decides. The OOXML package itself is internal/docx's. An office's own
// .docx can be given as a reference document, as with pandoc.
//
// The PDF renderer measures the blocks into unbreakable boxes (a line of text,
// a table row, the signature blocks), paginates them — keeping headings and
// introductions with what follows, no orphan or widow line, a table's header
// row repeated on each page — and only then draws them with gofpdf. Since
// the page count is known before the first page is drawn, "Trang x/y" shows
// the real total without gofpdf's {nb} alias, in a single drawing pass.
//
// Sizes, labels and fixed texts of both styles (Party, State) live in
// format.go, so that an office can correct them in one place.
//
// Text is made safe for gofpdf, which does not shape text: composed to NFC,
// leftover combining marks dropped, runes the font lacks (emoji included)
// printed as "□" with a Warning naming the field; a panic inside gofpdf is
// returned as an error. Each document registers only the font styles it
// prints; the font bytes are shared, since the fork of gofpdf in
// internal/gofpdf only reads them, and it names each embedded subset
// ABCDEF+LiberationSerif so readers know it as one. Creation date from the
// record and sorted catalogs make the bytes the same for the same record.
//
// Measured on 2026-12-01 (2 virtual cores, "Oxide Virtual Turin-like"),
// go test -bench . -benchmem:
//
//	Minutes, example meeting (2 pages)        8.7 ms/op    5.5 MB allocated    12,000 allocs
//	Minutes, long meeting (6 pages)          11.5 ms/op    6.9 MB allocated    29,000 allocs
//	Quarterly,   100 meetings (   39 pages)    32 ms/op     14 MB allocated   140,000 allocs
//	Quarterly, 1,000 meetings (  365 pages)   221 ms/op     93 MB allocated   1.33 M allocs
//	Quarterly, 5,000 meetings (1,822 pages) 1,165 ms/op    454 MB allocated   6.7 M allocs
//
// The Word documents of the same inputs, measured in one run with the PDFs
// on 2026-12-02 (BenchmarkMinutesDocx, BenchmarkQuarterlyDocx; the PDFs
// took 9.5, 13.9, 39, 335 and 1,557 ms in that run). LibreOffice 7.4 lays
// each of them up to 1,000 meetings on as many pages as its PDF:
//
//	Minutes, example meeting                  1.6 ms/op    0.3 MB allocated    9 kB file (PDF 65 kB)
//	Minutes, long meeting                     2.8 ms/op    0.7 MB allocated   10 kB file (PDF 73 kB)
//	Quarterly,   100 meetings                  21 ms/op    5.3 MB allocated   62 kB file
//	Quarterly, 1,000 meetings                 140 ms/op     41 MB allocated  0.38 MB file
//	Quarterly, 5,000 meetings                 671 ms/op    162 MB allocated  1.8 MB file
//
// As whole `minutes` processes (scripts/bench-export.sh and
// scripts/bench-report.sh print the current figures, README "Performance"):
// one minutes export about 56 ms and 22 MB peak, 60-65 times faster than
// LibreOffice on the same machine; quarterly reports of 100 / 1,000 / 5,000
// meetings 0.08 / 0.34 / 1.42 s and 26 / 54 / 153 MB. Time and memory grow
// linearly.
package report
