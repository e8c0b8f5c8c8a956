package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/minutes-vn/minutes/minutes"
)

// tool returns the path of a reader (pdftotext, qpdf, soffice…). Without
// it the test skips on a developer's machine but fails in CI, where .ci/run
// installs it.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, err)
	}
	return p
}

// missing skips a test whose reader is not installed, or fails it in CI.
func missing(t testing.TB, name string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI (poppler-utils, qpdf, libreoffice-writer-nogui, python3-docx): %v", name, err)
	}
	t.Skipf("%s not installed", name)
}

// run writes pdf to a file and runs a reader on it; the file is the last argument.
func run(t testing.TB, pdf []byte, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool(t, name), append(args, path)...)
	if name == "pdftotext" {
		cmd.Args = append(cmd.Args, "-")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pdfinfo returns the fields pdfinfo prints, by name.
func pdfinfo(t testing.TB, pdf []byte) map[string]string {
	info := map[string]string{}
	for _, l := range strings.Split(run(t, pdf, "pdfinfo"), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// flat collapses runs of white space, so that text wrapped and justified on
// the page compares with the text of the record.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func mustMinutes(t testing.TB, m *minutes.Meeting) ([]byte, []Warning) {
	t.Helper()
	out, ws, err := Minutes(m)
	if err != nil {
		t.Fatal(err)
	}
	return out, ws
}

func TestMinutesPDFText(t *testing.T) {
	for _, m := range []*minutes.Meeting{seedMeeting(), stateMeeting()} {
		out, _ := mustMinutes(t, m)
		text := flat(run(t, out, "pdftotext", "-layout"))
		want := []string{"BIÊN BẢN", m.Title, "THƯ KÝ", "Nơi nhận:", m.Secretary.Name, upper(m.Organization)}
		for _, c := range m.Chairs {
			want = append(want, c.Name, c.Title)
		}
		for _, c := range m.Conclusions {
			want = append(want, c.Content)
		}
		if m.Header == minutes.HeaderState {
			want = append(want, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 07/BB-UBND", "CHỦ TỌA",
				"Sóc Trăng, ngày 02 tháng 3 năm 2021", "Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 02 tháng 3 năm 2021./.")
		} else {
			want = append(want, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 15-BB/TU", "CHỦ TRÌ HỘI NGHỊ", "Sóc Trăng, ngày 25 tháng 3 năm 2021",
				"Có 08 lượt ý kiến phát biểu", "Hội nghị kết thúc vào hồi 11 giờ 15 phút cùng ngày./.")
		}
		for _, w := range want {
			if !strings.Contains(text, flat(w)) {
				t.Errorf("%s: PDF text lacks %q", m.Header, w)
			}
		}
	}
}

// vietnameseLetters builds every letter of the Vietnamese alphabet with each
// of the five tone marks (and none), upper and lower case, plus đ and Đ.
func vietnameseLetters() []string {
	vowels := []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	var out []string
	for _, v := range vowels {
		for _, tone := range tones {
			l := norm.NFC.String(v + tone)
			out = append(out, l, strings.ToUpper(l))
		}
	}
	return append(out, "đ", "Đ")
}

func TestVietnameseLetters(t *testing.T) {
	letters := vietnameseLetters()
	accented := 0
	for _, l := range letters {
		if len([]rune(l)) != 1 {
			t.Fatalf("%q is not one precomposed rune", l)
		}
		if l[0] >= 0x80 {
			accented++
		}
	}
	if accented != 134 {
		t.Fatalf("%d letters with diacritics, want 134", accented)
	}
	line := strings.Join(letters, " ")
	nfc := seedMeeting()
	nfc.Summary = line
	nfc.Conclusions[0].Content = strings.Join(letters, "")
	nfd := seedMeeting()
	nfd.Summary = norm.NFD.String(line)
	nfd.Conclusions[0].Content = norm.NFD.String(strings.Join(letters, ""))
	nfd = decompose(nfd)

	a, _ := mustMinutes(t, nfc)
	b, ws := mustMinutes(t, nfd)
	if len(ws) > 0 {
		t.Errorf("warnings for NFD: %v", ws)
	}
	ta, tb := run(t, a, "pdftotext", "-layout"), run(t, b, "pdftotext", "-layout")
	// pdftotext -layout joins one-letter words ("a A à" reads "aAà"), so
	// the spaced line is read in raw mode.
	if raw := run(t, a, "pdftotext", "-raw"); !strings.Contains(flat(raw), line) {
		t.Errorf("the letters are not read back exactly:\n%s", raw)
	}
	if !strings.Contains(strings.ReplaceAll(ta, "\n", ""), strings.Join(letters, "")) {
		t.Errorf("the run of letters is not read back exactly")
	}
	if ta != tb {
		t.Errorf("NFD record prints differently from its NFC twin:\n%s\n----\n%s", ta, tb)
	}
	if !bytes.Equal(a, b) {
		t.Error("NFD record gives other bytes than its NFC twin")
	}
}

var fontLine = regexp.MustCompile(`(?m)^(\S+)\s+CID TrueType\s+Identity-H\s+(\S+)\s+(\S+)\s+(\S+)`)

func TestMinutesPDFStructure(t *testing.T) {
	for name, m := range map[string]*minutes.Meeting{"seed": seedMeeting(), "state": stateMeeting(), "long": longMeeting()} {
		out, _ := mustMinutes(t, m)
		if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check:\n%s", name, s)
		}
		fonts := fontLine.FindAllStringSubmatch(run(t, out, "pdffonts"), -1)
		if len(fonts) != 4 {
			t.Errorf("%s: %d fonts, want the 4 styles it uses", name, len(fonts))
		}
		for _, f := range fonts {
			if f[2] != "yes" || f[3] != "yes" || f[4] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif`).MatchString(f[1]) {
				t.Errorf("%s: font %s: emb %s sub %s uni %s, want embedded subset with Unicode map", name, f[1], f[2], f[3], f[4])
			}
		}
		info := pdfinfo(t, out)
		for k, want := range map[string]string{"Title": "BIÊN BẢN " + m.Title, "Author": m.Organization, "Creator": "minutes",
			"Subject": "BIÊN BẢN " + m.Title + ", Sóc Trăng, " + m.Date.Vietnamese(), "Page size": "595.28 x 841.89 pts (A4)"} {
			if info[k] != want {
				t.Errorf("%s: pdfinfo %s = %q, want %q", name, k, info[k], want)
			}
		}
		if !strings.HasPrefix(info["CreationDate"], "Fri Feb  5 00:00:00 2021") && !strings.Contains(info["CreationDate"], "2021") {
			t.Errorf("%s: creation date %q", name, info["CreationDate"])
		}
	}
	// Only the styles a document prints are embedded: no recipients, no bold italic.
	m := seedMeeting()
	m.Recipients = nil
	out, _ := mustMinutes(t, m)
	if s := run(t, out, "pdffonts"); strings.Contains(s, "BoldItalic") || len(fontLine.FindAllString(s, -1)) != 3 {
		t.Errorf("fonts without recipients:\n%s", s)
	}
}

func TestMinutesPageNumbers(t *testing.T) {
	out, _ := mustMinutes(t, longMeeting())
	n := pdfinfo(t, out)["Pages"]
	if n < "3" || len(n) != 1 {
		t.Fatalf("long meeting should take several pages, has %s", n)
	}
	firstLine := func(p string) string {
		for _, l := range strings.Split(run(t, out, "pdftotext", "-layout", "-f", p, "-l", p), "\n") {
			if strings.TrimSpace(l) != "" {
				return l
			}
		}
		return ""
	}
	if l := firstLine("1"); !strings.Contains(l, "ĐẢNG BỘ TỈNH") {
		t.Errorf("page 1 starts with %q, want the header (no page number)", l)
	}
	for _, p := range []string{"2", n} {
		l := firstLine(p)
		if strings.TrimSpace(l) != p {
			t.Errorf("page %s starts with %q, want its number", p, l)
		}
		// Centred: as much room left of the number as right of it, within a
		// few characters (pdftotext's columns are coarse).
		if indent := len(l) - len(strings.TrimLeft(l, " ")); indent < 25 {
			t.Errorf("page %s number not centred: %q", p, l)
		}
	}
}

func TestMinutesEmoji(t *testing.T) {
	m := seedMeeting()
	m.Comments[1].Content = "đồng tình 👍👍"
	m.Chairs[0].Name = "Nguyễn Văn Quận 🇻🇳"
	out, ws := mustMinutes(t, m)
	if len(ws) != 2 || ws[0].Field != "chairs[1].name" || ws[1].Field != "comments[2].content" {
		t.Errorf("warnings %v", ws)
	}
	text := flat(run(t, out, "pdftotext", "-layout"))
	if !strings.Contains(text, "đồng tình □□") || !strings.Contains(text, "Nguyễn Văn Quận □□") {
		t.Errorf("substitutes not printed:\n%s", text)
	}
	if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", s)
	}
}

// A panic inside gofpdf becomes an error. A rune beyond the BMP that the
// cleaner did not see (the layout is built by hand here) makes gofpdf panic.
func TestRenderRecoversPanic(t *testing.T) {
	l, _ := LayoutMinutes(seedMeeting())
	l.Blocks[2].Text = "tiêu đề 👍"
	out, err := render(l)
	if err == nil || out != nil {
		t.Fatalf("want an error, got %d bytes, %v", len(out), err)
	}
	if minutes.ErrorCode(err) != minutes.EINTERNAL {
		t.Errorf("error code %q", minutes.ErrorCode(err))
	}
}

func TestMinutesDeterministic(t *testing.T) {
	m := longMeeting()
	a, _ := mustMinutes(t, m)
	b, _ := mustMinutes(t, m)
	if !bytes.Equal(a, b) {
		t.Fatal("same meeting, different bytes")
	}
	// Documents built at once share the font bytes, which the fork of
	// gofpdf only reads: each must come out exactly as when built alone
	// (CI runs this with -race too).
	want := map[string][]byte{}
	ms := map[string]*minutes.Meeting{"seed": seedMeeting(), "state": stateMeeting(), "long": longMeeting()}
	for k, m := range ms {
		want[k], _ = mustMinutes(t, m)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		for k, m := range ms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, _, err := Minutes(m)
				if err != nil || !bytes.Equal(got, want[k]) {
					t.Errorf("%s built concurrently differs (err %v)", k, err)
				}
			}()
		}
	}
	wg.Wait()
	if bytes.Equal(want["seed"], want["state"]) {
		t.Fatal("different meetings, same bytes")
	}
}

func BenchmarkMinutes(b *testing.B) {
	for name, m := range map[string]*minutes.Meeting{"seed": seedMeeting(), "long": longMeeting()} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Minutes(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnbrokenWord renders minutes whose comment is one word of n
// characters (a pasted hash, a run of dashes): the time must grow with n,
// not with its square — 100,000 characters ten times the cost of 10,000.
func BenchmarkUnbrokenWord(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		m := seedMeeting()
		m.Comments = []minutes.Comment{{Speaker: "Nguyễn Văn A", Content: strings.Repeat("ạ", n)}}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Minutes(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
