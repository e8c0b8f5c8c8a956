package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// TestImportManyListsTheFirst: an upload of 150 meetings is told in full
// (150, the numbers of the rest) but links only the first 100: the page,
// like the import, holds a bounded part of what was stored.
func TestImportManyListsTheFirst(t *testing.T) {
	ts := newServer(t, testdb.SQLite(t))
	var file strings.Builder
	for i := range 150 {
		file.WriteString("---\n" + strings.Replace(validYAML, "Hội nghị giao ban quý I/2021", "Hội nghị số "+strings.Repeat("I", i%5+1), 1))
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("files", "nhieu.yaml")
	part.Write([]byte(file.String()))
	w.Close()
	r := ts.do(t, "POST", "/import", body.String(), "Content-Type", w.FormDataContentType(), "Origin", ts.URL)
	if r.status != http.StatusOK {
		t.Fatalf("import: %d\n%s", r.status, r.body)
	}
	for _, want := range []string{"Đã nhập 150 cuộc họp từ 1 tệp.", "… và 50 cuộc họp khác; cả lần nhập mang số hiệu 1 – 150."} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := len(regexp.MustCompile(`<li><a href="/meetings/[0-9]`).FindAllString(r.body, -1)); n != 100 {
		t.Errorf("%d meetings linked, want 100", n)
	}
}
