// Package report turns meetings into the documents an office prints: the
// minutes of one meeting (biên bản) and the quarterly report. It imports
// the domain (minutes), the PDF writer (internal/gofpdf) and the fonts;
// never the store, the record format or a front end: it is given values
// and returns bytes.
//
// Each document is built in two steps. A pure function (LayoutMinutes,
// LayoutQuarterly) turns the data into a Layout: a list of Blocks whose
// Kind says what they are (header, title, labelled field, heading, list
// item, table, chart, signatures…). Tests inspect that value directly. One
// renderer then measures the blocks into unbreakable boxes (a line of text,
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
// As whole `minutes` processes (scripts/bench-export.sh and
// scripts/bench-report.sh print the current figures, README "Performance"):
// one minutes export about 56 ms and 22 MB peak, 60-65 times faster than
// LibreOffice on the same machine; quarterly reports of 100 / 1,000 / 5,000
// meetings 0.08 / 0.34 / 1.42 s and 26 / 54 / 153 MB. Time and memory grow
// linearly.
package report
