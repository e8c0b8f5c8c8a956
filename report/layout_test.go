package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/minutes-vn/minutes/minutes"
)

// kinds lists the kinds of l's blocks, e.g. "header doctype title field…".
func kinds(l *Layout) string {
	var s []string
	for _, b := range l.Blocks {
		s = append(s, b.Kind.String())
	}
	return strings.Join(s, " ")
}

func texts(l *Layout) []string {
	var s []string
	for _, b := range l.Blocks {
		if b.Text != "" {
			s = append(s, b.Text)
		}
	}
	return s
}

func findText(l *Layout, prefix string) (Block, bool) {
	for _, b := range l.Blocks {
		if strings.HasPrefix(b.Text, prefix) {
			return b, true
		}
	}
	return Block{}, false
}

func TestLayoutPartyOrder(t *testing.T) {
	l, ws := LayoutMinutes(seedMeeting())
	if len(ws) != 0 {
		t.Errorf("warnings for clean text: %v", ws)
	}
	want := "header doctype title field field field field " +
		"heading item item " + // 1. Thành phần: present, composition
		"heading paragraph item item item paragraph paragraph paragraph item item item item item " + // 2. Diễn biến
		"heading item item " + // 3. Kết luận
		"closing signatures recipients-label recipient recipient recipient"
	if got := kinds(l); got != want {
		t.Errorf("block kinds\n got %s\nwant %s", got, want)
	}
	h := l.Blocks[0].Header
	wantH := Header{Parent: "ĐẢNG BỘ TỈNH SÓC TRĂNG", Org: "THÀNH ỦY SÓC TRĂNG", Number: "Số 15-BB/TU", DateLine: "Sóc Trăng, ngày 25 tháng 3 năm 2021"}
	if *h != wantH {
		t.Errorf("header\n got %+v\nwant %+v", *h, wantH)
	}
	wantTexts := []string{
		"BIÊN BẢN",
		seedMeeting().Title,
		"– Thời gian: bắt đầu vào hồi 07 giờ 30 phút, ngày 25 tháng 3 năm 2021",
		"– Địa điểm: Hội trường Thành ủy Sóc Trăng",
		"– Người chủ trì: đồng chí Nguyễn Văn Quận – Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy, Chủ tịch Ủy ban nhân dân thành phố",
		"– Người ghi biên bản: đồng chí Ngọc Phượng",
		"1. Thành phần hội nghị",
		"– Đại biểu chính thức – Có mặt: trên 80 đồng chí.",
	}
	if got := texts(l)[:len(wantTexts)]; !reflect.DeepEqual(got, wantTexts) {
		t.Errorf("first texts\n got %q\nwant %q", got, wantTexts)
	}
	for _, prefix := range []string{"2. Diễn biến hội nghị", "3. Kết luận", "Có 08 lượt ý kiến phát biểu, tập trung vào các nội dung:",
		"Hội nghị kết thúc vào hồi 11 giờ 15 phút cùng ngày./.", "1. Tập trung lãnh đạo",
		"2. Lãnh đạo, chỉ đạo tổ chức đạt yêu cầu cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026. Thực hiện: Ban Thường vụ Thành ủy; thời hạn: 23/05/2021.",
		"- Ban Thường vụ Tỉnh ủy;", "- Lưu Văn phòng Thành ủy."} {
		if _, ok := findText(l, prefix); !ok {
			t.Errorf("no block starts with %q", prefix)
		}
	}
	sig := l.Blocks[len(l.Blocks)-5].Signatures
	if want := []Signature{{Role: "THƯ KÝ", Name: "Ngọc Phượng"}, {Role: "CHỦ TRÌ HỘI NGHỊ", Name: "Nguyễn Văn Quận"}}; !reflect.DeepEqual(sig, want) {
		t.Errorf("signatures %v, want %v", sig, want)
	}
}

func TestLayoutStateLabels(t *testing.T) {
	l, _ := LayoutMinutes(stateMeeting())
	h := l.Blocks[0].Header
	if h.Number != "Số: 07/BB-UBND" || h.Org != "ỦY BAN NHÂN DÂN PHƯỜNG 2" {
		t.Errorf("state header %+v", *h)
	}
	// Mẫu 1.9 order: time, venue, attendance, chair, secretary, content.
	order := []string{"Thời gian bắt đầu: 08 giờ 00 phút, ngày 02 tháng 3 năm 2021", "Địa điểm: ", "Thành phần tham dự:",
		"– Có mặt: 14/16 đại biểu.", "– Vắng mặt: 02 đại biểu: Phạm Văn Út (đi học lớp bồi dưỡng tại tỉnh); Huỳnh Thị Bích Ngọc (nghỉ phép).",
		"Chủ trì (chủ tọa): Trần Thị Hồng Nhung – Chủ tịch Ủy ban nhân dân Phường 2",
		"Thư ký (người ghi biên bản): Lê Minh Đức – Công chức Văn phòng - Thống kê",
		"Nội dung (theo diễn biến cuộc họp):", "Cuộc họp nghe và thảo luận các nội dung:",
		"1. Báo cáo kết quả thực hiện nhiệm vụ tháng 02 và kế hoạch tháng 3 năm 2021 (Võ Thành Lợi, Phó Chủ tịch Ủy ban nhân dân phường trình bày);",
		"Có 02 lượt ý kiến phát biểu", "– Nguyễn Hoàng Phúc (Trưởng Công an phường): Đề nghị",
		"Kết luận của chủ trì (chủ tọa):", "1. Ra quân",
		"Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 02 tháng 3 năm 2021./."}
	all := texts(l)
	i := 0
	for _, s := range all {
		if i < len(order) && strings.HasPrefix(s, order[i]) {
			i++
		}
	}
	if i < len(order) {
		t.Errorf("state blocks out of order or missing %q; got\n%s", order[i], strings.Join(all, "\n"))
	}
	for _, s := range all {
		for _, party := range []string{"đồng chí", "Người chủ trì", "Thành phần hội nghị", "1. Thành phần", "Hội nghị kết thúc"} {
			if strings.Contains(s, party) {
				t.Errorf("state minutes carry the Party wording %q in %q", party, s)
			}
		}
	}
	sig := l.Blocks[len(l.Blocks)-5].Signatures
	if len(sig) != 2 || sig[1].Role != "CHỦ TỌA" || sig[0].Role != "THƯ KÝ" || sig[0].Name != "Lê Minh Đức" {
		t.Errorf("state signatures %v", sig)
	}
}

// A record with only the required fields prints no empty label.
func TestLayoutAbsentFieldsLeftOut(t *testing.T) {
	for _, header := range []string{minutes.HeaderParty, minutes.HeaderState} {
		m := &minutes.Meeting{Organization: "Đảng ủy xã Phú Mỹ", Header: header, Title: "Hội nghị thường kỳ",
			Date: minutes.NewDate(2021, 2, 5), Chairs: []minutes.Person{{Name: "Trần Văn Bé"}}, Attendance: minutes.Attendance{Present: 9}}
		l, _ := LayoutMinutes(m)
		h := l.Blocks[0].Header
		if h.Parent != "" || h.Number != "" || h.DateLine != "Ngày 05 tháng 02 năm 2021" {
			t.Errorf("%s: header %+v", header, *h)
		}
		for _, s := range texts(l) {
			for _, absent := range []string{"Địa điểm", "ghi biên bản", "Vắng mặt", "Thành phần:", "Diễn biến", "Nội dung", "Kết luận", "kết thúc", "Nơi nhận", "lượt ý kiến"} {
				if strings.Contains(s, absent) {
					t.Errorf("%s: absent field printed: %q", header, s)
				}
			}
			if strings.HasSuffix(strings.TrimSpace(s), ":") && !strings.HasPrefix(s, "Thành phần tham dự") {
				t.Errorf("%s: empty label %q", header, s)
			}
		}
		if !strings.Contains(strings.Join(texts(l), "\n"), "Có mặt: 09 ") {
			t.Errorf("%s: present count not zero-padded: %q", header, texts(l))
		}
		sig := l.Blocks[len(l.Blocks)-1]
		if sig.Kind != KindSignatures || sig.Signatures[0].Name != "" || sig.Signatures[1].Name != "Trần Văn Bé" {
			t.Errorf("%s: last block %+v", header, sig)
		}
	}
}

// The date-line rule for every month and every day: days below 10 and the
// months 1 and 2 take a leading zero. Computed here without Date.Vietnamese.
func TestLayoutDateLine(t *testing.T) {
	month := map[int]string{1: "01", 2: "02", 3: "3", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8", 9: "9", 10: "10", 11: "11", 12: "12"}
	day := func(d int) string {
		if d < 10 {
			return "0" + string(rune('0'+d))
		}
		return fmt.Sprint(d)
	}
	m := seedMeeting()
	for mo := 1; mo <= 12; mo++ {
		for d := 1; d <= 31; d++ {
			if time.Date(2023, time.Month(mo), d, 0, 0, 0, 0, time.UTC).Day() != d {
				continue // no 30 February
			}
			m.Date = minutes.NewDate(2023, time.Month(mo), d)
			l, _ := LayoutMinutes(m)
			want := "Sóc Trăng, ngày " + day(d) + " tháng " + month[mo] + " năm 2023"
			if got := l.Blocks[0].Header.DateLine; got != want {
				t.Errorf("%v: date line %q, want %q", m.Date, got, want)
			}
			if b, _ := findText(l, "– Thời gian:"); !strings.HasSuffix(b.Text, want[len("Sóc Trăng, "):]) {
				t.Errorf("%v: time line %q", m.Date, b.Text)
			}
		}
	}
	m.Place = ""
	m.Date = minutes.NewDate(2023, 2, 23)
	if l, _ := LayoutMinutes(m); l.Blocks[0].Header.DateLine != "Ngày 23 tháng 02 năm 2023" {
		t.Errorf("no place: %q", l.Blocks[0].Header.DateLine)
	}
}

func TestLayoutAttendance(t *testing.T) {
	for _, tc := range []struct {
		a    minutes.Attendance
		want string
	}{
		{minutes.Attendance{Present: 80}, "– Đại biểu chính thức – Có mặt: 80 đồng chí."},
		{minutes.Attendance{Present: 80, AtLeast: true}, "– Đại biểu chính thức – Có mặt: trên 80 đồng chí."},
		{minutes.Attendance{Present: 7, Invited: 9}, "– Đại biểu chính thức – Có mặt: 07/09 đồng chí."},
		{minutes.Attendance{Present: 1200, Invited: 1500}, "– Đại biểu chính thức – Có mặt: 1.200/1.500 đồng chí."},
		{minutes.Attendance{Present: 80, AtLeast: true, Invited: 85}, "– Đại biểu chính thức – Có mặt: trên 80 đồng chí (trên tổng số 85 đồng chí được triệu tập)."},
	} {
		m := seedMeeting()
		m.Attendance = tc.a
		l, _ := LayoutMinutes(m)
		if b, _ := findText(l, "– Đại biểu chính thức"); b.Text != tc.want {
			t.Errorf("%+v: %q, want %q", tc.a, b.Text, tc.want)
		}
	}
	l, _ := LayoutMinutes(longMeeting())
	if b, _ := findText(l, "– Vắng mặt"); b.Text != "– Vắng mặt: 02 đồng chí: Trần Văn A (đi công tác); Lê Thị B (ốm)." {
		t.Errorf("absentees %q", b.Text)
	}
}

func TestLayoutCoChairs(t *testing.T) {
	m := longMeeting()
	l, _ := LayoutMinutes(m)
	b, _ := findText(l, "– Người chủ trì")
	if b.Text != "– Người chủ trì:" {
		t.Fatalf("co-chairs label %q", b.Text)
	}
	for _, want := range []string{"+ Đồng chí Nguyễn Văn Quận – Ủy viên Ban Thường vụ Tỉnh ủy", "+ Đồng chí Lâm Thị Thu Hà – Phó Bí thư Thường trực Thành ủy"} {
		if _, ok := findText(l, want); !ok {
			t.Errorf("no chair item %q", want)
		}
	}
	// A list after a colon: a semicolon after each chair, a full stop after the last.
	var items []string
	for _, b := range l.Blocks {
		if b.Kind == KindItem && strings.HasPrefix(b.Text, "+ ") {
			items = append(items, b.Text)
		}
	}
	if len(items) != len(m.Chairs) {
		t.Fatalf("%d chair items for %d chairs", len(items), len(m.Chairs))
	}
	for i, it := range items {
		if want := map[bool]string{true: ".", false: ";"}[i == len(items)-1]; !strings.HasSuffix(it, want) {
			t.Errorf("chair %d %q does not end with %q", i+1, it, want)
		}
	}
	for _, b := range l.Blocks {
		if b.Kind == KindSignatures && b.Signatures[1].Name != "Nguyễn Văn Quận" {
			t.Errorf("the first chair signs, got %v", b.Signatures)
		}
	}
	if _, ok := findText(l, "Có 40 lượt ý kiến phát biểu"); !ok {
		t.Error("comment_count not used for turns")
	}
}

// Text typed in NFD lays out exactly as its NFC twin; runes the font lacks
// are substituted, with a warning naming the field.
func TestLayoutTextSafety(t *testing.T) {
	nfc := seedMeeting()
	nfd := decompose(seedMeeting())
	a, wa := LayoutMinutes(nfc)
	b, wb := LayoutMinutes(nfd)
	if len(wa)+len(wb) != 0 {
		t.Errorf("warnings for NFD text: %v %v", wa, wb)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("NFD layout differs from NFC:\n%q\n%q", texts(a), texts(b))
	}

	m := seedMeeting()
	m.Comments[1].Content = "tán thành 👍 và 👍"
	m.Chairs[0].Name = "Nguyễn Văn Quận \u0301" // a mark with no letter under it
	m.Title += " \U0001F600"
	l, ws := LayoutMinutes(m)
	fields := map[string]bool{}
	for _, w := range ws {
		fields[w.Field] = true
		if w.Msg.IsZero() {
			t.Errorf("empty warning message for %s", w.Field)
		}
	}
	for _, f := range []string{"comments[2].content", "chairs[1].name", "title"} {
		if !fields[f] {
			t.Errorf("no warning for %s in %v", f, ws)
		}
	}
	if len(ws) != 3 {
		t.Errorf("want one warning per field, got %v", ws)
	}
	if _, ok := findText(l, "– tán thành □ và □;"); !ok {
		t.Errorf("emoji not substituted: %q", texts(l))
	}
	for _, s := range texts(l) {
		for _, r := range s {
			if !printable(r) {
				t.Errorf("unprintable %U left in %q", r, s)
			}
		}
	}
}

// decompose returns m with every text in NFD, as macOS or some keyboards type it.
func decompose(m *minutes.Meeting) *minutes.Meeting {
	d := norm.NFD.String
	m.Organization, m.ParentOrganization, m.Title, m.Place, m.Location = d(m.Organization), d(m.ParentOrganization), d(m.Title), d(m.Place), d(m.Location)
	m.Summary, m.Attendance.Composition = d(m.Summary), d(m.Attendance.Composition)
	for i := range m.Chairs {
		m.Chairs[i].Name, m.Chairs[i].Title = d(m.Chairs[i].Name), d(m.Chairs[i].Title)
	}
	m.Secretary.Name = d(m.Secretary.Name)
	for i := range m.Agenda {
		m.Agenda[i].Title = d(m.Agenda[i].Title)
	}
	for i := range m.Comments {
		m.Comments[i].Content = d(m.Comments[i].Content)
	}
	for i := range m.Conclusions {
		m.Conclusions[i].Content, m.Conclusions[i].Owner = d(m.Conclusions[i].Content), d(m.Conclusions[i].Owner)
	}
	for i := range m.Recipients {
		m.Recipients[i] = d(m.Recipients[i])
	}
	return m
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{vnInt(0), "0"}, {vnInt(999), "999"}, {vnInt(1000), "1.000"}, {vnInt(1234567), "1.234.567"}, {vnInt(-1500), "−1.500"},
		{vnDec(67.5), "67,5"}, {vnDec(1234.04), "1.234,0"}, {vnDec(0.96), "1,0"}, {vnDec(2.0 / 3), "0,7"}, {vnDec(-0.04), "0,0"},
		{count(8), "08"}, {count(0), "0"}, {count(1), "01"}, {count(12), "12"}, {count(1000), "1.000"},
		{signedInt(3), "+3"}, {signedInt(-3), "−3"}, {signedInt(0), "0"}, {signedDec(2.5), "+2,5"}, {signedDec(-0.25), "−0,3"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// The rules that depend on a block's neighbours, which both renderers read
// from Layout.blockStyle.
func TestBlockStyle(t *testing.T) {
	l := &Layout{Style: minutes.HeaderParty, Blocks: []Block{
		{Kind: KindTitle, Text: "Hội nghị"},
		{Kind: KindField, Text: "– Thời gian: 07 giờ 30 phút"},
		{Kind: KindParagraph, Text: "Hội nghị nghe và thảo luận các nội dung:"},
		{Kind: KindItem, Text: "1. Báo cáo."},
		{Kind: KindSignatures},
		{Kind: KindRecipientsLabel, Text: "Nơi nhận:"},
	}}
	for i, want := range []struct {
		keep   bool
		before float64
	}{
		{true, 0},                // the title keeps with the next block by its kind
		{false, afterTitleSpace}, // the first block under the title keeps its distance
		{true, paragraphSpace},   // an introduction keeps with what it introduces
		{true, paragraphSpace},   // the block before the signatures keeps with them
		{false, signatureSpace},  // the space above the signatures
		{true, style(&partyFormat, KindRecipientsLabel).before}, // a label with a colon keeps, by kind and by text
	} {
		if got := l.blockStyle(i); got.keep != want.keep || got.before != want.before {
			t.Errorf("block %d (%s): keep %v before %v, want %v %v", i, l.Blocks[i].Kind, got.keep, got.before, want.keep, want.before)
		}
	}
}
