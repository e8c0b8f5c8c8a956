// Package report turns meetings into PDFs: the minutes of one meeting
// (biên bản, SPEC §3) and the quarterly report (SPEC §4).
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
// Text is made safe for gofpdf (see DEPENDENCIES.md): composed to NFC,
// leftover combining marks dropped, runes the font lacks (emoji included)
// printed as "□" with a Warning naming the field; a panic inside gofpdf is
// returned as an error. Each document registers only the font styles it
// prints, from its own copy of the font bytes; fonts are renamed in place to
// subset-tagged names (ABCDEF+LiberationSerif) so readers know them as
// subsets. Creation date from the record and sorted catalogs make the bytes
// the same for the same record.
//
// Measured on the development machine (AMD EPYC, 2 cores), go test -bench:
//
//	Minutes, example meeting (2 pages)     15 ms/op   28 MB allocated   31,000 allocs
//	Minutes, long meeting (6 pages)        18 ms/op   34 MB allocated   49,000 allocs
//	Quarterly,   100 meetings (   35 pages)    36 ms/op   71 MB allocated  157,000 allocs
//	Quarterly, 1,000 meetings (  336 pages)   205 ms/op  521 MB allocated  1.37 M allocs
//	Quarterly, 5,000 meetings (1,694 pages) 1,005 ms/op  2.5 GB allocated  6.9 M allocs
//
// As whole `minutes` processes (scripts/bench-export.sh and
// scripts/bench-report.sh print the current figures, README "Performance"):
// one minutes export about 30 ms and 29 MB peak; quarterly reports of
// 100 / 1,000 / 5,000 meetings about 0.1 / 0.4 / 1.5 s and 37 / 87 / 253 MB.
// Time and memory grow linearly. Most allocation is
// gofpdf's: a new zlib writer per page stream and a JSON encoding of each
// font's 65,536-entry width table when the font is registered.
package report
