package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

// partyNotice is the notice of the seed conference, as the Standing Board's
// office issues it.
func partyNoticeInput() NoticeInput {
	m := seedMeeting()
	m.Notice = &minutes.Notice{Body: "Ban Thường vụ Thành ủy", ConcludedBy: &minutes.Person{Name: "Nguyễn Văn Quận", Title: "Bí thư Thành ủy"},
		Date: minutes.NewDate(2021, 3, 29)}
	return NoticeInput{Meeting: m, Number: "25-TB/TU",
		Signer:     &minutes.Signer{Authority: "T/M", For: "Ban Thường vụ", Title: "Phó Bí thư", Name: "Trần Văn Phúc"},
		Recipients: []string{"Ban Thường vụ Tỉnh ủy", "Các đồng chí Thành ủy viên", "Các chi bộ, đảng bộ trực thuộc", "Lưu Văn phòng Thành ủy"}}
}

// stateNoticeInput is the notice of a People's Committee meeting, signed by
// order of the chair by the head of the office.
func stateNoticeInput() NoticeInput {
	return NoticeInput{Meeting: stateMeeting(), Number: "12/TB-UBND",
		Signer:     &minutes.Signer{Authority: "tl", For: "Chủ tịch", Title: "Chánh Văn phòng", Name: "Lê Minh Đức"},
		Recipients: []string{"Chủ tịch, các Phó Chủ tịch UBND phường", "Công an phường", "Lưu: VT"}}
}

func mustNotice(t testing.TB, in NoticeInput) []byte {
	t.Helper()
	out, _, err := Notice(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLayoutNoticeParty(t *testing.T) {
	in := partyNoticeInput()
	l, ws, err := LayoutNotice(in)
	if err != nil || len(ws) > 0 {
		t.Fatalf("%v %v", err, ws)
	}
	want := "header doctype title title-rule paragraph paragraph item item closing sign-off"
	if got := kinds(l); got != want {
		t.Errorf("kinds\n got %s\nwant %s", got, want)
	}
	h := l.Blocks[0].Header
	if h.Number != "Số 25-TB/TU" || h.Org != "THÀNH ỦY SÓC TRĂNG" || h.Parent != "ĐẢNG BỘ TỈNH SÓC TRĂNG" ||
		h.DateLine != "Sóc Trăng, ngày 29 tháng 3 năm 2021" {
		t.Errorf("header %+v", *h)
	}
	if l.Blocks[1].Text != "THÔNG BÁO" || l.Blocks[3].Text != "-----" {
		t.Errorf("doc type %q, rule %q", l.Blocks[1].Text, l.Blocks[3].Text)
	}
	if got := l.Blocks[2].Text; got != "kết luận của Ban Thường vụ Thành ủy tại "+in.Meeting.Title {
		t.Errorf("summary line %q", got)
	}
	open := l.Blocks[4].Text
	for _, w := range []string{
		"Ngày 25 tháng 3 năm 2021, tại Hội trường Thành ủy Sóc Trăng, Ban Thường vụ Thành ủy tổ chức " + in.Meeting.Title + ".",
		"Đồng chí Nguyễn Văn Quận, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy, Chủ tịch Ủy ban nhân dân thành phố chủ trì Hội nghị.",
		"Tham dự Hội nghị có các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố",
		"Hội nghị đã nghe: Chương trình của Ban Chấp hành Đảng bộ thành phố",
	} {
		if !strings.Contains(open, w) {
			t.Errorf("opening paragraph lacks %q:\n%s", w, open)
		}
	}
	if got := l.Blocks[5].Text; got != "Sau khi nghe ý kiến phát biểu của các đại biểu, đồng chí Nguyễn Văn Quận, Bí thư Thành ủy kết luận như sau:" {
		t.Errorf("concluding line %q", got)
	}
	if got := l.Blocks[7].Text; got != "2. Lãnh đạo, chỉ đạo tổ chức đạt yêu cầu cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026. Thực hiện: Ban Thường vụ Thành ủy; thời hạn: 23/05/2021." {
		t.Errorf("conclusion %q", got)
	}
	if !strings.HasSuffix(l.Blocks[8].Text, "biết, thực hiện./.") {
		t.Errorf("closing %q", l.Blocks[8].Text)
	}
	so := l.Blocks[9].SignOff
	if so.Signer.Role != "T/M BAN THƯỜNG VỤ" || strings.Join(so.Signer.Lines, "|") != "PHÓ BÍ THƯ" || so.Signer.Name != "Trần Văn Phúc" {
		t.Errorf("signer %+v", so.Signer)
	}
	if len(so.Recipients) != 4 || so.Recipients[0] != "- Ban Thường vụ Tỉnh ủy;" || so.Recipients[3] != "- Lưu Văn phòng Thành ủy." {
		t.Errorf("recipients %q", so.Recipients)
	}
	if l.Info.Title != "THÔNG BÁO kết luận của Ban Thường vụ Thành ủy tại "+in.Meeting.Title || l.Info.Author != "Thành ủy Sóc Trăng" {
		t.Errorf("info %+v", l.Info)
	}
	// The block before the signer keeps with it.
	if !l.blockStyle(8).keep {
		t.Error("the closing line does not keep with the signer")
	}
}

func TestLayoutNoticeState(t *testing.T) {
	in := stateNoticeInput()
	l, _, err := LayoutNotice(in)
	if err != nil {
		t.Fatal(err)
	}
	h := l.Blocks[0].Header
	if h.Number != "Số: 12/TB-UBND" || h.DateLine != "Sóc Trăng, ngày 02 tháng 3 năm 2021" {
		t.Errorf("header %+v", *h)
	}
	if got := l.Blocks[2].Text; got != "Kết luận của Chủ tịch Ủy ban nhân dân Phường 2 tại cuộc họp giao ban công tác tháng 02 năm 2021" {
		t.Errorf("summary line %q", got)
	}
	if l.Blocks[3].Kind != KindTitleRule || l.Blocks[3].Text != "" {
		t.Errorf("a State summary line takes a drawn rule: %+v", l.Blocks[3])
	}
	open := l.Blocks[4].Text
	for _, w := range []string{"Ngày 02 tháng 3 năm 2021, tại Phòng họp Ủy ban nhân dân Phường 2, số 93 đường Phú Lợi, Ủy ban nhân dân Phường 2 tổ chức cuộc họp giao ban",
		"Đồng chí Trần Thị Hồng Nhung, Chủ tịch Ủy ban nhân dân Phường 2 chủ trì cuộc họp.", "Cuộc họp đã nghe:"} {
		if !strings.Contains(open, w) {
			t.Errorf("opening paragraph lacks %q:\n%s", w, open)
		}
	}
	so := l.Blocks[len(l.Blocks)-1].SignOff
	// "tl" as typed, written as the decree writes it.
	if so.Signer.Role != "TL. CHỦ TỊCH" || strings.Join(so.Signer.Lines, "|") != "CHÁNH VĂN PHÒNG" {
		t.Errorf("signer %+v", so.Signer)
	}
	// KT. and TM. too; a Party K/T.
	for _, c := range []struct{ header, auth, for_, want string }{
		{minutes.HeaderState, "KT", "Chủ tịch", "KT. CHỦ TỊCH"}, {minutes.HeaderState, "thay mặt", "Ủy ban nhân dân", "TM. ỦY BAN NHÂN DÂN"},
		{minutes.HeaderParty, "KT.", "Bí thư", "K/T BÍ THƯ"}, {minutes.HeaderParty, "thừa lệnh", "Ban Thường vụ", "T/L BAN THƯỜNG VỤ"},
	} {
		sig := signature(&cleaner{}, "s", &minutes.Signer{Authority: c.auth, For: c.for_, Title: "X", Name: "Y"}, c.header)
		if sig.Role != c.want {
			t.Errorf("%s %q: %q, want %q", c.header, c.auth, sig.Role, c.want)
		}
	}
}

func TestNoticeNeedsConclusions(t *testing.T) {
	in := partyNoticeInput()
	in.Meeting.Conclusions = nil
	in.Meeting.ID = 12
	_, _, err := Notice(in)
	if minutes.ErrorCode(err) != minutes.EINVALID || !strings.Contains(testPrinter.Error(err), "cuộc họp 12 chưa ghi kết luận nào") {
		t.Fatalf("a notice without conclusions: %v", err)
	}
	if _, _, err := NoticeDocx(in, DocxOptions{}); minutes.ErrorCode(err) != minutes.EINVALID {
		t.Fatalf("Word: %v", err)
	}
}

// The rendered notice read back: the texts in their order, the number,
// the signer and Nơi nhận, in both styles.
func TestNoticePDF(t *testing.T) {
	for name, in := range map[string]NoticeInput{"party": partyNoticeInput(), "state": stateNoticeInput()} {
		out := mustNotice(t, in)
		if s := run(t, out, "qpdf", "--check"); !strings.Contains(s, "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check:\n%s", name, s)
		}
		text := flat(run(t, out, "pdftotext", "-layout"))
		var want []string
		if name == "party" {
			want = []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Số 25-TB/TU", "Sóc Trăng, ngày 29 tháng 3 năm 2021", "THÔNG BÁO",
				"kết luận của Ban Thường vụ Thành ủy", "-----", "Ngày 25 tháng 3 năm 2021",
				"đồng chí Nguyễn Văn Quận, Bí thư Thành ủy kết luận như sau:", "1. Tập trung lãnh đạo",
				"2. Lãnh đạo, chỉ đạo", "thực hiện./.", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "- Ban Thường vụ Tỉnh ủy;",
				"PHÓ BÍ THƯ", "Trần Văn Phúc"}
		} else {
			want = []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/TB-UBND", "THÔNG BÁO",
				"Kết luận của Chủ tịch Ủy ban nhân dân Phường 2", "Ngày 02 tháng 3 năm 2021", "kết luận như sau:", "1. Ra quân",
				"Nơi nhận:", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "- Lưu: VT.", "Lê Minh Đức"}
		}
		at := 0
		for _, w := range want {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Errorf("%s: PDF lacks %q after position %d:\n%s", name, w, at, text)
				continue
			}
			at += i
		}
		info := pdfinfo(t, out)
		if !strings.HasPrefix(info["Title"], "THÔNG BÁO ") || info["Author"] != in.Meeting.Organization {
			t.Errorf("%s: pdfinfo %v", name, info)
		}
		if again := mustNotice(t, in); !bytes.Equal(again, out) {
			t.Errorf("%s: same notice, different bytes", name)
		}
	}
	// A draft: the number left blank for the registry, the symbol printed.
	in := partyNoticeInput()
	in.Number = minutes.DocNumber{Type: "TB", Issuer: "TU"}.Blank()
	text := run(t, mustNotice(t, in), "pdftotext", "-layout")
	if !regexp.MustCompile(`Số {2,}-TB/TU`).MatchString(text) {
		t.Errorf("draft number:\n%s", text)
	}
}

// NoticeDump writes the notices for a person to look at, when NOTICE_DUMP names a folder.
func TestNoticeDump(t *testing.T) {
	dir := os.Getenv("NOTICE_DUMP")
	if dir == "" {
		t.Skip("NOTICE_DUMP not set")
	}
	for name, in := range map[string]NoticeInput{"party": partyNoticeInput(), "state": stateNoticeInput()} {
		_ = os.WriteFile(filepath.Join(dir, "tb-"+name+".pdf"), mustNotice(t, in), 0o644)
		b, _, _ := NoticeDocx(in, DocxOptions{})
		_ = os.WriteFile(filepath.Join(dir, "tb-"+name+".docx"), b, 0o644)
	}
}
