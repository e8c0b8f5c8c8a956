package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The form is driven in a real terminal: tmux runs the real binary, keys
// are sent as a secretary would type them (Vietnamese as UTF-8), and the
// screen is read back with capture-pane. Every step waits for what the
// screen must show (a prompt, the focus on a field) instead of sleeping.

// screen is one tmux server with one pane running a command.
type screen struct {
	t    *testing.T
	sock string
}

// formEnv is the environment of a form session: a UTF-8 locale so that
// the terminal passes Vietnamese through, and a data directory of the
// test's own for the recovery file.
type formEnv struct {
	bin, db, data string
	extra         []string // more environment, such as ACCESSIBLE=1
}

func newFormEnv(t *testing.T) formEnv {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed, and CI=true requires the form tests to run")
		}
		t.Skip("tmux not installed; skipping the terminal tests")
	}
	dir := t.TempDir()
	return formEnv{bin: buildBinary(t), db: filepath.Join(dir, "minutes.db"), data: filepath.Join(dir, "data")}
}

func (e formEnv) recoveryFile() string {
	return filepath.Join(e.data, "minutes", "bien-ban-dang-soan.yaml")
}

// env is the environment for a process: the test's database and data
// directory, Vietnamese (the default) in a UTF-8 locale.
func (e formEnv) env(extra ...string) []string {
	env := []string{"MINUTES_DB=" + e.db, "XDG_DATA_HOME=" + e.data, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "NO_COLOR="}
	return append(append(env, e.extra...), extra...)
}

// run runs the binary without a terminal and returns its standard output.
func (e formEnv) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(e.bin, args...)
	cmd.Env = append(os.Environ(), e.env()...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("minutes %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// start runs `minutes args…` in a new 200×50 tmux pane. The shell prints
// the exit status and then waits, so that the last screen can be read.
func (e formEnv) start(t *testing.T, args ...string) *screen {
	t.Helper()
	s := &screen{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	cmdline := e.bin + " " + strings.Join(args, " ") + "; echo EXIT:$?; sleep 600"
	tmuxArgs := []string{"-S", s.sock, "new-session", "-d", "-x", "200", "-y", "50"}
	for _, kv := range e.env() {
		tmuxArgs = append(tmuxArgs, "-e", kv)
	}
	tmuxArgs = append(tmuxArgs, cmdline)
	cmd := exec.Command("tmux", tmuxArgs...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

func (s *screen) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", s.sock}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// text is what the pane shows, with the scrollback.
func (s *screen) text() string { return s.tmux("capture-pane", "-p", "-J", "-S", "-200") }

// waitUntil polls the screen until ok holds, and fails with the screen
// when it does not within the deadline.
func (s *screen) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		txt := s.text()
		if ok(txt) {
			return txt
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited in vain for %s; the screen shows:\n%s", what, txt)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func (s *screen) waitFor(want string) string {
	s.t.Helper()
	return s.waitUntil(want, func(txt string) bool { return strings.Contains(txt, want) })
}

// focused waits until the field titled title has the focus: huh draws a
// bar before the focused field's lines.
func (s *screen) focused(title string) {
	s.t.Helper()
	s.waitUntil("the focus on "+title, func(txt string) bool {
		for _, l := range strings.Split(txt, "\n") {
			if strings.HasPrefix(strings.TrimLeft(l, " "), "┃ "+title) {
				return true
			}
		}
		return false
	})
}

// fill types text into the field titled title and moves on with Enter.
func (s *screen) fill(title, text string) {
	s.t.Helper()
	s.focused(title)
	if text != "" {
		s.tmux("send-keys", "-t", "0", "-l", text)
		s.waitFor(text)
	}
	s.tmux("send-keys", "-t", "0", "Enter")
}

// keys sends tmux key names (Enter, C-c, Down…) or plain letters.
func (s *screen) keys(keys ...string) { s.tmux(append([]string{"send-keys", "-t", "0"}, keys...)...) }

// answer answers the yes/no question titled title: "y"/"c" or "n"/"k".
func (s *screen) answer(title, key string) {
	s.t.Helper()
	s.focused(title)
	s.keys(key)
}

// showJSON reads a stored meeting back through the command line, in the
// record format (export: the fields given, without the record keeping
// that show -o json adds to every meeting).
func showJSON(t *testing.T, e formEnv, id string) map[string]any {
	t.Helper()
	var m map[string]any
	out := e.run(t, "export", id, "--format", "json")
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("export --format json: %v\n%s", err, out)
	}
	delete(m, "id")
	return m
}

func TestFormFillsAMeeting(t *testing.T) {
	e := newFormEnv(t)
	// The office defaults prefill the form.
	e.run(t, "config", "set", "organization", "Thành ủy Sóc Trăng")
	e.run(t, "config", "set", "secretary", "Ngọc Phượng")

	s := e.start(t, "add")
	s.waitFor("Cơ quan ban hành biên bản")
	s.focused("Cơ quan tổ chức hội nghị (*)")
	s.waitFor("> Thành ủy Sóc Trăng")
	s.fill("Cơ quan tổ chức hội nghị (*)", "") // keep the default
	s.fill("Cơ quan cấp trên", "Đảng bộ tỉnh Sóc Trăng")
	s.focused("Thể thức văn bản")
	s.keys("Enter") // party, the first choice
	s.fill("Số và ký hiệu", "15-BB/TU")

	s.waitFor("Hội nghị: tên, ngày, giờ, địa điểm")
	s.fill("Tên hội nghị (*)", "Hội nghị đánh giá tình hình kinh tế - xã hội quý I/2021")
	// A date that does not exist is refused as typed, with the domain's words.
	s.fill("Ngày họp (*)", "30/2/2021")
	s.waitFor(`ngày "30/2/2021" không tồn tại`)
	s.keys("C-u") // clear the line
	s.fill("Ngày họp (*)", "25/3/2021")
	s.fill("Giờ bắt đầu", "07:30")
	s.fill("Giờ kết thúc", "11:15")
	s.fill("Địa danh ở dòng ngày tháng", "Sóc Trăng")
	s.fill("Địa điểm họp", "Hội trường Thành ủy")

	s.waitFor("Người chủ trì thứ 1")
	s.fill("Họ và tên (*)", "Nguyễn Văn Quận")
	s.fill("Chức vụ", "Bí thư Thành ủy")
	s.answer("Đã có 1 người chủ trì. Thêm người chủ trì?", "y")
	s.waitFor("Người chủ trì thứ 2")
	s.fill("Họ và tên (*)", "Trần Thị Ửng")
	s.fill("Chức vụ", "Phó Bí thư Thường trực Thành ủy")
	s.answer("Đã có 2 người chủ trì. Thêm người chủ trì?", "n")

	s.waitFor("Người ghi biên bản (thư ký)")
	s.focused("Họ và tên người ghi biên bản")
	s.waitFor("> Ngọc Phượng")
	s.fill("Họ và tên người ghi biên bản", "")
	s.fill("Chức vụ người ghi biên bản", "Chuyên viên Văn phòng")

	s.waitFor("Thành phần tham dự")
	s.fill("Số đại biểu có mặt (*)", "80")
	s.answer("Số có mặt là số ước lượng", "y")
	s.fill("Số đại biểu được triệu tập", "")
	s.fill("Thành phần tham dự, ví dụ", "các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố")

	s.waitFor("Đại biểu vắng mặt thứ 1")
	s.fill("Họ và tên", "Lê Văn Đức")
	s.fill("Lý do vắng mặt", "đi công tác")
	s.answer("Đã ghi 1 người vắng mặt. Thêm người vắng mặt?", "n")

	s.waitFor("Nội dung thứ 1")
	s.fill("Báo cáo, nội dung hội nghị nghe", "Báo cáo tình hình kinh tế - xã hội quý I")
	s.fill("Người trình bày", "Chủ tịch UBND thành phố")
	s.answer("Đã có 1 nội dung. Thêm nội dung?", "n")

	s.waitFor("Tóm tắt nội dung, đánh giá")
	s.fill("Tóm tắt nội dung các báo cáo", "Nhìn chung, tình hình kinh tế tiếp tục tăng trưởng.")

	s.waitFor("Ý kiến phát biểu thứ 1")
	s.fill("Người phát biểu", "")
	s.fill("Chức vụ, đơn vị", "")
	s.fill("Nội dung phát biểu", "") // no comments: the list ends

	s.waitFor("Số lượt phát biểu")
	s.fill("Tổng số lượt phát biểu", "8")

	conclusions := []string{
		"Tập trung lãnh đạo tổ chức thành công cuộc bầu cử đại biểu Quốc hội",
		"Đẩy mạnh giải ngân vốn đầu tư công",
		"Tăng cường phòng, chống dịch Covid-19",
	}
	for i, c := range conclusions {
		n := string(rune('1' + i))
		s.waitFor("Kết luận thứ " + n)
		s.fill("Nội dung kết luận, chỉ đạo", c)
		if i == 0 {
			s.fill("Đơn vị, cá nhân thực hiện", "Ủy ban nhân dân thành phố")
			s.fill("Hạn hoàn thành", "23/5/2021")
		} else {
			s.fill("Đơn vị, cá nhân thực hiện", "")
			s.fill("Hạn hoàn thành", "")
		}
		more := "y"
		if i == len(conclusions)-1 {
			more = "n"
		}
		s.answer("Đã có "+n+" kết luận. Thêm kết luận?", more)
	}

	s.waitFor("Nơi nhận")
	s.fill("Nơi nhận, cách nhau bằng dấu chấm phẩy", "Ban Thường vụ Tỉnh ủy; Lưu Văn phòng Thành ủy")

	// The review shows the whole record before anything is stored.
	review := s.waitFor("XEM LẠI BIÊN BẢN TRƯỚC KHI LƯU")
	if _, err := os.Stat(e.db); err != nil {
		t.Fatalf("database: %v", err)
	}
	if out := e.run(t, "list", "-o", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("something was stored before the review: %s", out)
	}
	s.focused("Lưu biên bản này?")
	review = s.text()
	for _, want := range []string{"Trần Thị Ửng — Phó Bí thư Thường trực Thành ủy", "3. Tăng cường phòng, chống dịch Covid-19", "trên 80"} {
		if !strings.Contains(review, want) {
			t.Errorf("review lacks %q:\n%s", want, review)
		}
	}
	s.keys("Enter") // save, the first choice
	s.waitFor("EXIT:0")
	if !strings.Contains(s.text(), "Đã lưu cuộc họp số 1") {
		t.Errorf("no confirmation on the screen:\n%s", s.text())
	}

	got := showJSON(t, e, "1")
	want := map[string]any{
		"organization":        "Thành ủy Sóc Trăng",
		"parent_organization": "Đảng bộ tỉnh Sóc Trăng",
		"header":              "party",
		"number":              "15-BB/TU",
		"title":               "Hội nghị đánh giá tình hình kinh tế - xã hội quý I/2021",
		"date":                "2021-03-25",
		"start_time":          "07:30",
		"end_time":            "11:15",
		"place":               "Sóc Trăng",
		"location":            "Hội trường Thành ủy",
		"chairs": []any{
			map[string]any{"name": "Nguyễn Văn Quận", "title": "Bí thư Thành ủy"},
			map[string]any{"name": "Trần Thị Ửng", "title": "Phó Bí thư Thường trực Thành ủy"},
		},
		"secretary": map[string]any{"name": "Ngọc Phượng", "title": "Chuyên viên Văn phòng"},
		"attendance": map[string]any{
			"present": 80.0, "at_least": true,
			"absent":      []any{map[string]any{"name": "Lê Văn Đức", "reason": "đi công tác"}},
			"composition": "các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố",
		},
		"agenda":        []any{map[string]any{"title": "Báo cáo tình hình kinh tế - xã hội quý I", "presenter": "Chủ tịch UBND thành phố"}},
		"summary":       "Nhìn chung, tình hình kinh tế tiếp tục tăng trưởng.",
		"comment_count": 8.0,
		"conclusions": []any{
			map[string]any{"content": conclusions[0], "owner": "Ủy ban nhân dân thành phố", "due": "2021-05-23"},
			map[string]any{"content": conclusions[1]},
			map[string]any{"content": conclusions[2]},
		},
		"recipients": []any{"Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Thành ủy"},
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("stored record has an unexpected field %s: %v", k, got[k])
		}
	}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s: stored %#v, typed %#v", k, got[k], w)
		}
	}
	if _, err := os.Stat(e.recoveryFile()); !os.IsNotExist(err) {
		t.Errorf("the recovery file outlived the save: %v", err)
	}
}

func TestFormInterruptedAndResumed(t *testing.T) {
	e := newFormEnv(t)
	s := e.start(t, "add")
	s.fill("Cơ quan tổ chức hội nghị (*)", "Huyện ủy Mỹ Xuyên")
	s.fill("Cơ quan cấp trên", "")
	s.focused("Thể thức văn bản")
	s.keys("Down", "Enter") // state
	s.fill("Số và ký hiệu", "07/BB-UBND")
	s.waitFor("Hội nghị: tên, ngày, giờ, địa điểm")
	s.fill("Tên hội nghị (*)", "Họp giao ban tháng Ba")
	// Half-way through the date, Ctrl-C.
	s.focused("Ngày họp (*)")
	s.keys("-l", "2/3/20")
	s.waitFor("2/3/20")
	s.keys("C-c")
	s.waitFor("EXIT:1")
	if !strings.Contains(s.text(), "Đã dừng. Những gì đã gõ được giữ trong "+e.recoveryFile()) {
		t.Errorf("the interrupt does not say where the draft is:\n%s", s.text())
	}

	b, err := os.ReadFile(e.recoveryFile())
	if err != nil {
		t.Fatalf("no recovery file after Ctrl-C: %v", err)
	}
	draft := string(b)
	for _, want := range []string{
		"# section: 1",                    // the meeting section was not finished
		"organization: Huyện ủy Mỹ Xuyên", // a finished section
		"header: state",
		"number: 07/BB-UBND",
		"title: Họp giao ban tháng Ba", // typed in the section interrupted
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("recovery file lacks %q:\n%s", want, draft)
		}
	}
	// The half-typed date is no date: not kept as one.
	if strings.Contains(draft, "2/3/20") {
		t.Errorf("recovery file kept an incomplete date:\n%s", draft)
	}

	// The next add offers to continue, and continuing starts at the
	// section that was interrupted, with what was typed in it.
	s = e.start(t, "add")
	s.waitFor("Có một biên bản đang soạn dở")
	s.waitFor("«Họp giao ban tháng Ba»")
	s.focused("Có một biên bản đang soạn dở")
	s.keys("Enter") // continue, the first choice
	s.waitFor("Hội nghị: tên, ngày, giờ, địa điểm")
	s.focused("Tên hội nghị (*)")
	s.waitFor("> Họp giao ban tháng Ba")
	s.fill("Tên hội nghị (*)", "")
	s.fill("Ngày họp (*)", "2/3/2021")
	s.fill("Giờ bắt đầu", "")
	s.fill("Giờ kết thúc", "")
	s.fill("Địa danh ở dòng ngày tháng", "")
	s.fill("Địa điểm họp", "")
	s.waitFor("Người chủ trì thứ 1")
	// The only chair is required.
	s.fill("Họ và tên (*)", "")
	s.waitFor("bắt buộc phải có, đang để trống")
	s.fill("Họ và tên (*)", "Phạm Minh Quý")
	s.fill("Chức vụ", "Chủ tịch UBND huyện")
	s.answer("Đã có 1 người chủ trì. Thêm người chủ trì?", "n")
	s.waitFor("Người ghi biên bản (thư ký)")
	s.fill("Họ và tên người ghi biên bản", "")
	s.fill("Chức vụ người ghi biên bản", "")
	s.waitFor("Thành phần tham dự")
	s.fill("Số đại biểu có mặt (*)", "12")
	s.answer("Số có mặt là số ước lượng", "n")
	s.fill("Số đại biểu được triệu tập", "15")
	s.fill("Thành phần tham dự, ví dụ", "")
	s.waitFor("Đại biểu vắng mặt thứ 1")
	s.fill("Họ và tên", "")
	s.fill("Lý do vắng mặt", "")
	s.waitFor("Nội dung thứ 1")
	s.fill("Báo cáo, nội dung hội nghị nghe", "")
	s.fill("Người trình bày", "")
	s.waitFor("Tóm tắt nội dung, đánh giá")
	s.fill("Tóm tắt nội dung các báo cáo", "")
	s.waitFor("Ý kiến phát biểu thứ 1")
	s.fill("Người phát biểu", "")
	s.fill("Chức vụ, đơn vị", "")
	s.fill("Nội dung phát biểu", "")
	s.waitFor("Số lượt phát biểu")
	s.fill("Tổng số lượt phát biểu", "")
	s.waitFor("Kết luận thứ 1")
	s.fill("Nội dung kết luận, chỉ đạo", "")
	s.fill("Đơn vị, cá nhân thực hiện", "")
	s.fill("Hạn hoàn thành", "")
	s.waitFor("Nơi nhận")
	s.fill("Nơi nhận, cách nhau bằng dấu chấm phẩy", "")
	s.waitFor("XEM LẠI BIÊN BẢN TRƯỚC KHI LƯU")
	s.focused("Lưu biên bản này?")
	s.keys("Enter")
	s.waitFor("EXIT:0")

	got := showJSON(t, e, "1")
	want := map[string]any{
		"organization": "Huyện ủy Mỹ Xuyên", "header": "state", "number": "07/BB-UBND",
		"title": "Họp giao ban tháng Ba", "date": "2021-03-02",
		"chairs":     []any{map[string]any{"name": "Phạm Minh Quý", "title": "Chủ tịch UBND huyện"}},
		"attendance": map[string]any{"present": 12.0, "invited": 15.0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored after resuming:\n%#v\nwant\n%#v", got, want)
	}
	if _, err := os.Stat(e.recoveryFile()); !os.IsNotExist(err) {
		t.Errorf("the recovery file outlived the save: %v", err)
	}

	// With a meeting stored, a new form starts from its organisation.
	s = e.start(t, "add")
	s.focused("Cơ quan tổ chức hội nghị (*)")
	s.waitFor("> Huyện ủy Mỹ Xuyên")
	s.keys("C-c")
	s.waitFor("EXIT:1")
}

func TestFormNeedsATerminal(t *testing.T) {
	r := runCLI(t, t.TempDir()+"/m.db", "", []string{"add"})
	if r.code != exitUsage || !strings.Contains(r.errOut, "minutes add -f TỆP.yaml") {
		t.Fatalf("add without a terminal: exit %d\n%s", r.code, r.errOut)
	}
}

// TestFormAccessible: with ACCESSIBLE=1 the form asks one line at a time
// (for screen readers), checks each answer, and Ctrl-C (a SIGINT here, the
// terminal is not in raw mode) still keeps what was typed.
func TestFormAccessible(t *testing.T) {
	e := newFormEnv(t)
	e.extra = []string{"ACCESSIBLE=1"}
	s := e.start(t, "add")
	s.waitFor("== Cơ quan ban hành biên bản ==")
	s.waitFor("Cơ quan tổ chức hội nghị (*)")
	s.keys("-l", "Thành ủy Sóc Trăng")
	s.keys("Enter")
	s.waitFor("Cơ quan cấp trên")
	s.keys("Enter")
	s.waitFor("2. Văn bản hành chính Nhà nước (state)")
	s.keys("2", "Enter")
	s.waitFor("Số và ký hiệu")
	s.keys("Enter")
	s.waitFor("== Hội nghị: tên, ngày, giờ, địa điểm ==")
	s.waitFor("Tên hội nghị (*)")
	s.keys("-l", "Hội nghị trực tuyến")
	s.keys("Enter")
	s.waitFor("Ngày họp (*)")
	s.keys("-l", "31/4/2021")
	s.keys("Enter")
	s.waitFor(`ngày "31/4/2021" không tồn tại`)
	s.keys("-l", "30/4/2021")
	s.keys("Enter")
	s.waitFor("Giờ bắt đầu")
	s.keys("C-c")
	s.waitFor("EXIT:1")
	b, err := os.ReadFile(e.recoveryFile())
	if err != nil {
		t.Fatalf("no recovery file after Ctrl-C: %v", err)
	}
	for _, want := range []string{"# section: 1", "organization: Thành ủy Sóc Trăng", "header: state", "title: Hội nghị trực tuyến", `date: "2021-04-30"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("recovery file lacks %q:\n%s", want, b)
		}
	}
}
