// Package gofpdf is a fork of github.com/jung-kurt/gofpdf v1.16.2 (MIT
// licence, see LICENSE), whose upstream has been frozen since 2019.
//
// What is left of the API is upstream's; see
// https://pkg.go.dev/github.com/jung-kurt/gofpdf. Only what package report
// uses was kept: pages, UTF-8 TrueType fonts, cells, lines, rectangles,
// colours and the document information. The fork changes how TrueType fonts
// for Unicode text are read, subset and written, for speed and for safety
// when documents share font bytes. README.md lists each change and why; the
// code marks each with "Fork:".
package gofpdf
