package gofpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"math"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The tests here cover what this fork changed; upstream's own tests need
// its reference files and are not carried.

// TestUTF8Widths checks the widths the fork computes for every BMP rune
// against golang.org/x/image/font/sfnt, an independent TrueType reader.
func TestUTF8Widths(t *testing.T) {
	for name, ttf := range map[string][]byte{"regular": liberationserifregular.TTF, "bold": liberationserifbold.TTF} {
		t.Run(name, func(t *testing.T) {
			utf := newUTF8Font(&fileReader{array: ttf})
			if err := utf.parseFile(); err != nil {
				t.Fatal(err)
			}
			f, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			upem := fixed.Int26_6(f.UnitsPerEm())
			count := 0
			for r := rune(1); r < 0xFFFF; r++ {
				g, err := f.GlyphIndex(&buf, r)
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				if g != 0 {
					adv, err := f.GlyphAdvance(&buf, g, upem, font.HintingNone)
					if err != nil {
						t.Fatal(err)
					}
					want = int(math.Round(1000 * float64(adv) / float64(upem)))
					if want == 0 {
						want = 65535 // gofpdf's mark for a zero advance
					}
					count++
				}
				if got := int(utf.CharWidths[r]); got != want {
					t.Errorf("width of %U = %d, want %d", r, got, want)
				}
			}
			if int(utf.CharWidths[0]) != count || count < 2000 {
				t.Errorf("CharWidths[0] = %d, want the %d runes with a glyph", utf.CharWidths[0], count)
			}
			if utf.CharWidths['A'] != 722 || utf.CharWidths['ệ'] == 0 {
				t.Errorf("A = %d, ệ = %d; Liberation Serif is metric-compatible with Times (A = 722)", utf.CharWidths['A'], utf.CharWidths['ệ'])
			}
		})
	}
}

// TestChecksumLeavesInputAlone: upstream padded a table by appending to it,
// writing into the font bytes that follow the table.
func TestChecksumLeavesInputAlone(t *testing.T) {
	backing := []byte{1, 2, 3, 4, 5, 6, 0xEE, 0xEE}
	var utf utf8FontFile
	got := utf.generateChecksum(backing[:6])
	if backing[6] != 0xEE || backing[7] != 0xEE {
		t.Fatalf("generateChecksum wrote past its input: % x", backing)
	}
	want := utf.generateChecksum([]byte{1, 2, 3, 4, 5, 6, 0, 0})
	if got[0] != want[0] || got[1] != want[1] {
		t.Errorf("checksum of 6 bytes = %v, want %v (the same bytes padded with zeros)", got, want)
	}
}

func renderShared(t *testing.T, text string) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	day := time.Date(2021, 3, 25, 7, 30, 0, 0, time.UTC)
	pdf.SetCreationDate(day)
	pdf.SetModificationDate(day)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	pdf.AddPage()
	pdf.SetFont("serif", "", 14)
	pdf.CellFormat(0, 10, text, "", 1, "L", false, 0, "")
	pdf.SetFont("serif", "B", 14)
	pdf.CellFormat(0, 10, text, "", 0, "L", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSharedFontBytes renders documents at once from one font slice. The
// fork never writes into font bytes; run with -race (as CI does) to see
// that nothing even writes the same values back.
func TestSharedFontBytes(t *testing.T) {
	before := sha256.Sum256(liberationserifregular.TTF)
	beforeBold := sha256.Sum256(liberationserifbold.TTF)
	texts := []string{"Biên bản hội nghị", "Độc lập - Tự do - Hạnh phúc", "Ủy ban nhân dân", "Chủ tọa: đồng chí Nguyễn Văn Quận"}
	first := make([][]byte, len(texts))
	for i, s := range texts {
		first[i] = renderShared(t, s)
	}
	var wg sync.WaitGroup
	for round := 0; round < 3; round++ {
		for i, s := range texts {
			wg.Go(func() {
				if got := renderShared(t, s); !bytes.Equal(got, first[i]) {
					t.Errorf("%q: a document rendered alongside others differs from the same document rendered alone", s)
				}
			})
		}
	}
	wg.Wait()
	if sha256.Sum256(liberationserifregular.TTF) != before || sha256.Sum256(liberationserifbold.TTF) != beforeBold {
		t.Fatal("rendering changed the shared font bytes")
	}
}

func TestSubsetFontName(t *testing.T) {
	a := subsetFontName("LiberationSerif-Bold", "serifB", map[int]int{65: 65, 7879: 7879})
	b := subsetFontName("LiberationSerif-Bold", "serifB", map[int]int{7879: 7879, 65: 65})
	c := subsetFontName("LiberationSerif-Bold", "serifB", map[int]int{65: 65})
	if !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif-Bold$`).MatchString(a) {
		t.Errorf("name %q, want six capitals, +, and the PostScript name", a)
	}
	if a != b {
		t.Errorf("the same runes gave %q and %q", a, b)
	}
	if a == c {
		t.Errorf("different runes gave the same tag %q", a)
	}
	if got := subsetFontName("Odd Name/(x)", "k", nil); got[7:] != "OddNamex" {
		t.Errorf("PDF name %q keeps characters a name may not hold", got)
	}
	if got := subsetFontName("", "serifB", nil); got[7:] != "serifB" {
		t.Errorf("without a PostScript name got %q, want the font key", got)
	}
}

// TestSliceCompressReuse: a pooled, reset writer must write what a new one
// writes, whatever it compressed before.
func TestSliceCompressReuse(t *testing.T) {
	inputs := [][]byte{bytes.Repeat([]byte("biên bản "), 5000), make([]byte, 1<<17), []byte("x"), {}}
	for round := 0; round < 2; round++ {
		for _, in := range inputs {
			var fresh bytes.Buffer
			w, _ := zlib.NewWriterLevel(&fresh, zlib.BestSpeed)
			w.Write(in)
			w.Close()
			got := sliceCompress(in)
			if !bytes.Equal(got, fresh.Bytes()) {
				t.Fatalf("round %d, %d bytes: pooled writer output differs from a new writer's", round, len(in))
			}
			r, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			back, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(back, in) {
				t.Fatalf("round %d: round trip of %d bytes gave %d bytes, %v", round, len(in), len(back), err)
			}
		}
	}
}

// cutFont is upstream's UTF8CutFont, which only this test used: the subset
// of inBuf that holds the runes of cutset, as written into documents.
func cutFont(inBuf []byte, cutset string) []byte {
	f := newUTF8Font(&fileReader{readerPosition: 0, array: inBuf})
	runes := map[int]int{}
	for i, r := range cutset {
		runes[i] = int(r)
	}
	return f.GenerateCutFont(runes)
}

// TestUTF8CutFont parses a subset with an independent reader: the runes
// asked for keep their glyphs and advances, the others are gone.
func TestUTF8CutFont(t *testing.T) {
	const keep = "Biên bản Hội nghị Đảng ủy ỹ"
	sub := cutFont(liberationserifregular.TTF, keep)
	if len(sub) == 0 || len(sub) > len(liberationserifregular.TTF)/4 {
		t.Fatalf("subset of %d bytes from a font of %d", len(sub), len(liberationserifregular.TTF))
	}
	full, err := sfnt.Parse(liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("the subset is not a font sfnt can read: %v", err)
	}
	var buf sfnt.Buffer
	advance := func(f *sfnt.Font, r rune) (sfnt.GlyphIndex, fixed.Int26_6) {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if g == 0 {
			return 0, 0
		}
		a, err := f.GlyphAdvance(&buf, g, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		return g, a
	}
	for _, r := range keep {
		g, got := advance(cut, r)
		_, want := advance(full, r)
		if g == 0 || got != want {
			t.Errorf("%q in the subset: glyph %d, advance %d, want a glyph of advance %d", r, g, got, want)
		}
	}
	for _, r := range "QXZ€" {
		if g, _ := advance(cut, r); g != 0 {
			t.Errorf("%q was not asked for but has glyph %d in the subset", r, g)
		}
	}
}

// TestFontProblemIsAnError: a font that may not be embedded (OS/2 fsType
// "restricted licence") makes the document fail with a reason. Upstream
// printed "ERROR - copyright restrictions." to standard output, where
// `minutes export -o -` writes the PDF, and went on.
func TestFontProblemIsAnError(t *testing.T) {
	ttf := bytes.Clone(liberationserifregular.TTF)
	os2 := -1
	for i, n := 0, int(binary.BigEndian.Uint16(ttf[4:])); i < n; i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			os2 = int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	if os2 < 0 {
		t.Fatal("no OS/2 table")
	}
	binary.BigEndian.PutUint16(ttf[os2+8:], 0x0002) // fsType: restricted licence embedding

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	pdf := New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("serif", "", ttf)
	os.Stdout = stdout
	w.Close()
	printed, _ := io.ReadAll(r)

	if !pdf.Err() || !strings.Contains(pdf.Error().Error(), "embedding") {
		t.Errorf("document error %v, want one about embedding", pdf.Error())
	}
	if len(printed) > 0 {
		t.Errorf("the library printed to standard output: %q", printed)
	}
}

// TestUTF8RuneGlyphs checks the exported cmap reader against sfnt for every
// BMP rune, and that what is not a font is an error, not a panic.
func TestUTF8RuneGlyphs(t *testing.T) {
	glyphs, err := UTF8RuneGlyphs(liberationserifbold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(liberationserifbold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for r := rune(0); r < 0xFFFF; r++ {
		want, err := f.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := sfnt.GlyphIndex(glyphs[r]); got != want {
			t.Errorf("glyph of %U = %d, want %d", r, got, want)
		}
	}
	for name, bad := range map[string][]byte{"empty": nil, "short": []byte("OTTO"), "no tables": make([]byte, 12)} {
		if _, err := UTF8RuneGlyphs(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestDamagedFontIsAnError: a font whose tables are missing or cut short is
// an error of the font, from the parse that documents and UTF8RuneGlyphs
// share, never a panic.
func TestDamagedFontIsAnError(t *testing.T) {
	noCmap := append([]byte(nil), liberationserifbold.TTF...)
	for i := 12; i+4 <= len(noCmap) && i < 12+16*64; i += 16 { // rename the cmap entry of the table directory
		if string(noCmap[i:i+4]) == "cmap" {
			copy(noCmap[i:], "xmap")
		}
	}
	cut := append([]byte(nil), liberationserifbold.TTF[:4096]...)
	for name, bad := range map[string][]byte{"no cmap": noCmap, "cut short": cut} {
		if _, err := UTF8RuneGlyphs(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestPanicCuttingAFontReachesTheCaller: the subsets are cut in goroutines
// of their own; a panic there (here a font without its parse) is raised
// again in the goroutine that writes the document, where report's render
// recovers it, instead of ending the process.
func TestPanicCuttingAFontReachesTheCaller(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddPage()
	pdf.SetFont("serif", "", 14)
	pdf.CellFormat(0, 10, "Biên bản hội nghị", "", 1, "L", false, 0, "")
	for key, font := range pdf.fonts {
		font.utf8File = nil // the cut dereferences it: a panic in the cutting goroutine
		pdf.fonts[key] = font
	}
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		_ = pdf.Output(io.Discard)
	}()
	if recovered == nil {
		t.Fatal("cutting a font cut short did not panic in the caller")
	}
}
