package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minutes-vn/minutes/internal/docx"
)

func has(t *testing.T, where, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%.1500s", where, w, s)
		}
	}
}

// TestBrowserWholeMeeting enters a whole meeting as a secretary would, with
// Vietnamese text and two chairs, finds it again without diacritics, and
// reads its PDF.
func TestBrowserWholeMeeting(t *testing.T) {
	ctx := tab(t, false)
	ts := browserServer(t, ctx, "secretary")
	run(t, ctx, navigate(ts.URL+"/meetings/new"))
	look(t, ctx, "form-new")
	run(t, ctx,
		typeInto("#f-organization", "Thành ủy Sóc Trăng"),
		typeInto("#f-parent-organization", "Đảng bộ tỉnh Sóc Trăng"),
		typeInto("#f-number", "15-BB/TU"),
		typeInto("#f-title", "Hội nghị đánh giá tình hình kinh tế - xã hội, quốc phòng an ninh quý I/2021"),
		typeInto("#f-date", "25/3/2021"),
		typeInto("#f-start-time", "7:30"),
		typeInto("#f-end-time", "11:15"),
		typeInto("#f-place", "Sóc Trăng"),
		typeInto("#f-location", "Hội trường Thành ủy"),
		typeInto("#f-chairs-0-name", "Nguyễn Văn Quận"),
		typeInto("#f-chairs-0-title", "Bí thư Thành ủy"),
		chromedp.Click(`button[value="add:chairs"]`, chromedp.ByQuery),
		typeInto("#f-chairs-1-name", "Trần Thị Hồng Nhung"),
		typeInto("#f-chairs-1-title", "Phó Bí thư Thường trực Thành ủy"),
		typeInto("#f-secretary-name", "Ngọc Phượng"),
		typeInto("#f-attendance-present", "80"),
		chromedp.Click("#f-attendance-at-least", chromedp.ByQuery),
		typeInto("#f-attendance-composition", "các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố"),
		typeInto("#f-agenda-0-title", "Báo cáo tình hình kinh tế - xã hội quý I/2021"),
		typeInto("#f-agenda-0-presenter", "Lê Minh Đức"),
		// Pasted from Word: several paragraphs, part of it decomposed (NFD).
		typeInto("#f-summary", "Nhìn chung, tình hình kinh tế tiếp tục tăng trưởng.\nCông tác xây dựng Đa\u0309ng được chú trọng."),
		chromedp.Click(`button[value="add:comments"]`, chromedp.ByQuery),
		typeInto("#f-comments-0-speaker", "Phạm Thị Ánh Tuyết"),
		typeInto("#f-comments-0-content", "tình hình kết nạp đảng viên mới"),
		typeInto("#f-conclusions-0-content", "Tập trung lãnh đạo, chỉ đạo tổ chức thành công cuộc bầu cử"),
		typeInto("#f-conclusions-0-owner", "Ban Thường vụ Thành ủy"),
		typeInto("#f-conclusions-0-due", "23/5/2021"),
		chromedp.Click(`button[value="add:recipients"]`, chromedp.ByQuery),
		typeInto("#f-recipients-0", "Ban Thường vụ Tỉnh ủy"),
	)
	look(t, ctx, "form-filled")
	run(t, ctx, submit(".savebar button.primary"))
	if loc := location(t, ctx); !strings.HasSuffix(loc, "/meetings/1?done=created") {
		t.Fatalf("after saving: at %s\n%s", loc, text(t, ctx))
	}
	has(t, "meeting page", text(t, ctx), "Đã lưu biên bản mới", "Nguyễn Văn Quận — Bí thư Thành ủy", "Trần Thị Hồng Nhung — Phó Bí thư Thường trực",
		"trên 80", "25/3/2021, 07:30 – 11:15", "Công tác xây dựng Đảng được chú trọng", "hạn 23/5/2021", "Ban Thường vụ Tỉnh ủy", "nháp")
	look(t, ctx, "meeting")

	run(t, ctx, navigate(ts.URL+"/meetings"), typeInto("#q", "tinh hinh kinh te quoc phong"), submit(".searchbox button"))
	has(t, "search without diacritics", text(t, ctx), "Hội nghị đánh giá tình hình kinh tế - xã hội, quốc phòng an ninh quý I/2021", "Nguyễn Văn Quận; Trần Thị Hồng Nhung")
	look(t, ctx, "list-search")

	pdf := pdfText(t, ts.URL+"/meetings/1.pdf")
	has(t, "the PDF", pdf, "BIÊN BẢN", "Nguyễn Văn Quận", "Trần Thị Hồng Nhung", "Công tác xây dựng Đảng", "ngày 25 tháng 3 năm 2021", "Sóc Trăng")
	word := wordFile(t, ts.URL+"/meetings/1.docx")
	if err := docx.Check(word); err != nil {
		t.Fatalf("the Word document behind \"Tải bản Word\" is not sound: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(word), int64(len(word)))
	if err != nil {
		t.Fatal(err)
	}
	body, err := fs.ReadFile(zr, "word/document.xml")
	if err != nil || !bytes.Contains(body, []byte("Nguyễn Văn Quận")) {
		t.Fatalf("the Word document lacks the chair (%v)", err)
	}

	phone(t, ctx)
	for _, p := range []struct{ path, name string }{{"/meetings", "phone-list"}, {"/meetings/1", "phone-meeting"}, {"/meetings/1/edit", "phone-form"}, {"/tasks", "phone-tasks"}} {
		run(t, ctx, navigate(ts.URL+p.path))
		look(t, ctx, p.name)
	}
}

// wordFile fetches a Word document offered for download.
func wordFile(t *testing.T, url string) []byte {
	t.Helper()
	res, err := fetch(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "wordprocessingml") ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("GET %s: %d %s %s", url, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	return b
}

// pdfText fetches a PDF and reads its text with pdftotext.
func pdfText(t *testing.T, url string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		required(t, "pdftotext not found (apt-get install poppler-utils)")
	}
	res, err := fetch(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	p := filepath.Join(t.TempDir(), "m.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestBrowserValidationAtItsField: a problem shows next to its input and
// in the summary at the top, which takes the focus.
func TestBrowserValidationAtItsField(t *testing.T) {
	ctx := tab(t, false)
	ts := browserServer(t, ctx, "secretary")
	run(t, ctx, navigate(ts.URL+"/meetings/new"),
		typeInto("#f-organization", "Ủy ban nhân dân Phường 2"),
		typeInto("#f-title", "Họp giao ban"),
		typeInto("#f-date", "31/02/2021"),
		typeInto("#f-chairs-0-name", "Trần Thị Hồng Nhung"),
		submit(".savebar button.primary"))
	if loc := location(t, ctx); !strings.Contains(loc, "check=1") {
		t.Fatalf("after an invalid save: at %s", loc)
	}
	var invalid, fieldErr, focused string
	var href []string
	run(t, ctx,
		chromedp.AttributeValue("#f-date", "aria-invalid", &invalid, nil, chromedp.ByQuery),
		chromedp.Text("#f-date-err", &fieldErr, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll("#errors a")].map(a => a.getAttribute("href"))`, &href),
		chromedp.Evaluate(`document.activeElement.id`, &focused))
	if invalid != "true" || !strings.Contains(fieldErr, "31/02/2021") || !strings.Contains(fieldErr, "không tồn tại") {
		t.Errorf("date input: aria-invalid %q, error %q", invalid, fieldErr)
	}
	if strings.Join(href, " ") != "#f-date #f-attendance-present" {
		t.Errorf("error summary links %v, want the date then the delegates present", href)
	}
	if focused != "errors" {
		t.Errorf("focus on %q, want the error summary", focused)
	}
	var typed string
	run(t, ctx, chromedp.Value("#f-title", &typed, chromedp.ByQuery))
	if typed != "Họp giao ban" {
		t.Errorf("the title typed was lost: %q", typed)
	}
	look(t, ctx, "form-errors")
}

// TestBrowserDraftSurvivesReload: what is typed is kept on the server as it
// is typed; a reload, or the next visit, gets it back.
func TestBrowserDraftSurvivesReload(t *testing.T) {
	ctx := tab(t, false)
	ts := browserServer(t, ctx, "secretary")
	run(t, ctx, navigate(ts.URL+"/meetings/new"),
		typeInto("#f-title", "Hội nghị quán triệt Nghị quyết Đại hội XIII"),
		typeInto("#f-summary", "Đoạn một.\nĐoạn hai, dán từ Word."))
	waitText(t, ctx, ".draft-status", "đã được lưu")
	if loc := location(t, ctx); !strings.Contains(loc, "draft=") {
		t.Errorf("the address does not name the draft: %s", loc)
	}
	var title, summary string
	run(t, ctx, chromedp.Reload(), chromedp.WaitReady("footer", chromedp.ByQuery),
		chromedp.Value("#f-title", &title, chromedp.ByQuery), chromedp.Value("#f-summary", &summary, chromedp.ByQuery))
	if title != "Hội nghị quán triệt Nghị quyết Đại hội XIII" || summary != "Đoạn một.\nĐoạn hai, dán từ Word." {
		t.Errorf("after a reload: title %q, summary %q", title, summary)
	}
	// Another tab, later: the new form offers the draft.
	other := tab(t, false)
	run(t, other, navigate(ts.URL+"/meetings/new"))
	has(t, "new form", text(t, other), "Bạn có bản đang soạn dở", "Hội nghị quán triệt Nghị quyết Đại hội XIII", "Soạn tiếp")
	look(t, other, "form-offers")
	run(t, other, submit(".offers a.button"))
	run(t, other, chromedp.Value("#f-title", &title, chromedp.ByQuery))
	if title != "Hội nghị quán triệt Nghị quyết Đại hội XIII" {
		t.Errorf("continuing the draft: title %q", title)
	}
}

// TestBrowserTwoPeopleOneMeeting: whoever saves second is told, sees what
// changed and keeps what they typed; nothing is overwritten unasked.
func TestBrowserTwoPeopleOneMeeting(t *testing.T) {
	a, b := tab(t, false), tab(t, false)
	ts := browserServer(t, a, "secretary") // b shares the browser's cookies
	id := ts.create(t, validJSON)
	run(t, a, navigate(ts.URL+"/meetings/"+id+"/edit"))
	run(t, b, navigate(ts.URL+"/meetings/"+id+"/edit"))
	run(t, a, typeInto("#f-title", "Hội nghị giao ban quý I/2021 (lần 2)"), submit(".savebar button.primary"))
	has(t, "first save", text(t, a), "Đã lưu các thay đổi", "(lần 2)")
	run(t, b, typeInto("#f-location", "Phòng họp số 1"), submit(".savebar button.primary"))
	if loc := location(t, b); !strings.Contains(loc, "conflict=1") {
		t.Fatalf("second save: at %s\n%s", loc, text(t, b))
	}
	page := text(t, b)
	has(t, "conflict", page, "Có người khác đã lưu cuộc họp này", "phiên bản 1", "phiên bản 2", "Tên hội nghị", "(lần 2)")
	var where string
	run(t, b, chromedp.Value("#f-location", &where, chromedp.ByQuery))
	if where != "Phòng họp số 1" {
		t.Errorf("the second person's text was lost: %q", where)
	}
	if r := ts.as(t, "secretary", "GET", "/api/meetings/"+id, ""); !strings.Contains(r.body, "(lần 2)") || strings.Contains(r.body, "Phòng họp") {
		t.Errorf("the second save overwrote the first: %s", r.body)
	}
	look(t, b, "form-conflict")
	// Having seen it, they copy the other's title and save over it.
	run(t, b, typeInto("#f-title", "Hội nghị giao ban quý I/2021 (lần 2)"), submit("#conflict button.primary"))
	has(t, "saved after the conflict", text(t, b), "Đã lưu các thay đổi", "Phòng họp số 1", "(lần 2)", "phiên bản 3")
}

// TestBrowserWithoutJavaScript uses every flow with scripts off: forms post
// and redirect, rows are added by the server.
func TestBrowserWithoutJavaScript(t *testing.T) {
	ctx := tab(t, true)
	ts := browserServer(t, ctx, "secretary")
	run(t, ctx, navigate(ts.URL+"/meetings/new"),
		typeInto("#f-organization", ownOrg), // the secretary's own office
		typeInto("#f-title", "Hội nghị Ban Chấp hành Đảng bộ xã"),
		typeInto("#f-date", "2/3/2021"),
		typeInto("#f-chairs-0-name", "Huỳnh Quốc Việt"),
		typeInto("#f-attendance-present", "25"),
		typeInto("#f-conclusions-0-content", "Triển khai chương trình OCOP"),
		typeInto("#f-conclusions-0-due", "1/4/2021"),
		submit(`button[value="add:chairs"]`))
	if loc := location(t, ctx); !strings.Contains(loc, "draft=") {
		t.Fatalf("adding a row without scripts: at %s", loc)
	}
	var kept string
	run(t, ctx, chromedp.Value("#f-title", &kept, chromedp.ByQuery))
	if kept != "Hội nghị Ban Chấp hành Đảng bộ xã" {
		t.Errorf("adding a row lost the title: %q", kept)
	}
	run(t, ctx, typeInto("#f-chairs-1-name", "Đặng Thị Thu Hà"), submit(`button[value="up:chairs:1"]`))
	run(t, ctx, chromedp.Value("#f-chairs-0-name", &kept, chromedp.ByQuery))
	if kept != "Đặng Thị Thu Hà" {
		t.Errorf("moving a row up: first chair %q", kept)
	}
	run(t, ctx, typeInto("#f-date", "2/13/2021"), submit(".savebar button.primary"))
	has(t, "errors without scripts", text(t, ctx), "chưa được lưu", "2/13/2021")
	run(t, ctx, typeInto("#f-date", "2/3/2021"), submit(".savebar button.primary"))
	has(t, "saved without scripts", text(t, ctx), "Đã lưu biên bản mới", "Đặng Thị Thu Hà", "Huỳnh Quốc Việt", "2/3/2021")

	// A secretary may not finalize: the approver does.
	if strings.Contains(text(t, ctx), "Thông qua biên bản") {
		t.Error("a secretary is offered to finalize")
	}
	run(t, ctx, navigate(ts.URL+"/meetings/1/finalize"))
	has(t, "a secretary finalizing", text(t, ctx), "Không được phép", "secretary")
	signInTab(t, ctx, ts, "approver")
	run(t, ctx, navigate(ts.URL+"/meetings/1"), submit(`a[href="/meetings/1/finalize"]`))
	look(t, ctx, "confirm-finalize")
	// The body's abbreviation is not known yet: no number is proposed, and
	// the one typed is taken with the approval.
	var proposed string
	run(t, ctx, chromedp.Value("#number", &proposed, chromedp.ByQuery))
	if proposed != "" {
		t.Errorf("a number proposed for a body whose symbol is unknown: %q", proposed)
	}
	run(t, ctx, typeInto("#number", "01-BB/ĐU"), submit("form .actions button.primary"))
	has(t, "finalized", text(t, ctx), "Biên bản đã được thông qua", "đã thông qua", "Sửa đổi biên bản", "01-BB/ĐU", "Mã kiểm tra (SHA-256): ")
	var seal string
	run(t, ctx, chromedp.Text(".seal code", &seal, chromedp.ByQuery))
	if m, err := ts.app.Meeting(context.Background(), 1); err != nil || len(seal) != 64 || seal != m.Seal {
		t.Errorf("the page's seal %q is not the meeting's (%v)", seal, err)
	}

	// The notice of conclusions, numbered as typed, then the register.
	run(t, ctx, typeInto("#notice-number", "01-TB/ĐU"), submit(".notice-box form button.primary"))
	has(t, "notice issued", text(t, ctx), "Số 01-TB/ĐU")
	run(t, ctx, navigate(ts.URL+"/numbers?org="+url.QueryEscape(ownOrg)+"&year=2021"))
	has(t, "register", text(t, ctx), "01-BB/ĐU", "01-TB/ĐU", "Hội nghị Ban Chấp hành Đảng bộ xã")
	look(t, ctx, "numbers")
	run(t, ctx, navigate(ts.URL+"/meetings/1"))

	run(t, ctx, submit(`a[href="/meetings/1/amend"]`), typeInto("#f-title", "Hội nghị Ban Chấp hành Đảng bộ xã (sửa đổi)"), submit(".savebar button.primary"))
	has(t, "amend without a reason", text(t, ctx), "Hãy ghi lý do sửa đổi")
	look(t, ctx, "form-amend-errors")
	run(t, ctx, typeInto("#f-reason", "sửa tên hội nghị theo kết luận"), submit(".savebar button.primary"))
	has(t, "amended", text(t, ctx), "Đã lưu phiên bản sửa đổi", "(sửa đổi)", "phiên bản 3")

	run(t, ctx, submit(`a[href="/meetings/1/history"]`))
	has(t, "history", text(t, ctx), "tạo", "thông qua", "sửa đổi", "sửa tên hội nghị theo kết luận", "Tên hội nghị", "approver", "secretary")
	look(t, ctx, "history")

	run(t, ctx, navigate(ts.URL+"/tasks"))
	has(t, "tasks", text(t, ctx), "Triển khai chương trình OCOP", "QUÁ HẠN")
	look(t, ctx, "tasks")
	run(t, ctx, chromedp.Click("article.task details summary", chromedp.ByQuery),
		typeInto("article.task textarea[name=text]", "Đã có 3 sản phẩm đạt chuẩn"), submit("article.task details button.primary"))
	has(t, "task done", text(t, ctx), "Đã ghi nhận tình hình thực hiện", "Đã có 3 sản phẩm đạt chuẩn")

	run(t, ctx, navigate(ts.URL+"/reports/quarterly?quarter=I/2021"))
	has(t, "quarterly", text(t, ctx), "Tổng hợp các hội nghị quý I/2021", "Số hội nghị", "Tháng 3")
	look(t, ctx, "quarterly")

	dir := t.TempDir()
	good, bad := filepath.Join(dir, "hop.yaml"), filepath.Join(dir, "sai.yaml")
	_ = os.WriteFile(good, []byte(validYAML), 0o644)
	_ = os.WriteFile(bad, []byte(strings.Replace(validYAML, "date: 25/3/2021", "date: 31/02/2021", 1)), 0o644)
	run(t, ctx, navigate(ts.URL+"/import"), chromedp.SetUploadFiles("#files", []string{good, bad}, chromedp.ByQuery), submit("form[action='/import'] button"))
	has(t, "import all or nothing", text(t, ctx), "Không lưu gì", "sai.yaml", "date", "không tồn tại", "3")
	look(t, ctx, "import-errors")
	run(t, ctx, chromedp.SetUploadFiles("#files", []string{good}, chromedp.ByQuery), submit("form[action='/import'] button"))
	has(t, "import", text(t, ctx), "Đã nhập 1 cuộc họp từ 1 tệp")
	look(t, ctx, "import")

	run(t, ctx, navigate(ts.URL+"/meetings/2/delete"))
	look(t, ctx, "confirm-delete")
	run(t, ctx, submit("form .actions button.danger"))
	has(t, "deleted", text(t, ctx), "Đã xóa bản nháp")

	run(t, ctx, navigate(ts.URL+"/meetings/999"))
	has(t, "not found", text(t, ctx), "Không tìm thấy", "không có cuộc họp số 999")
	look(t, ctx, "error-404")

	run(t, ctx, navigate(ts.URL+"/meetings"), submit("form.lang button"))
	has(t, "English", text(t, ctx), "Meetings", "Find meetings", "finalized")
	look(t, ctx, "list-en")
	run(t, ctx, navigate(ts.URL+"/meetings/1/edit"))
	has(t, "English error", text(t, ctx), "finalized and cannot be edited")
}
