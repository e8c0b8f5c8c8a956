//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/minutes-vn/minutes/examples"
)

// TestFileModes: the database is its owner's alone, and so is a backup;
// documents respect the umask, even a strict one.
func TestFileModes(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "minutes.db")
	seed, _ := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	rec := writeFile(t, dir, "seed.yaml", string(seed))
	mustRun(t, db, "add", "-f", rec)
	pdf, backup := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "backup.yaml")
	mustRun(t, db, "export", "1", "-o", pdf)
	mustRun(t, db, "export", "--all", "-o", backup)
	want := map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700 | os.ModeDir, backup: 0o600, pdf: 0o600}
	syscall.Umask(0o022)
	pdf2 := filepath.Join(dir, "b.pdf")
	mustRun(t, db, "export", "1", "-o", pdf2)
	want[pdf2] = 0o644
	for p, m := range want {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != m {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), st.Mode(), m)
		}
	}
}

// TestOutputOnlyToRegularFiles: --force replaces a regular file, never a
// link, a named pipe or a device node.
func TestOutputOnlyToRegularFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "minutes.db")
	seed, _ := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	mustRun(t, db, "add", "-f", writeFile(t, dir, "seed.yaml", string(seed)))
	target := writeFile(t, dir, "target.txt", "giữ nguyên")
	var targets [][]string
	for _, ext := range []string{".pdf", ".csv"} {
		link, fifo := filepath.Join(dir, "link"+ext), filepath.Join(dir, "pipe"+ext)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := []string{"export", "1"}
		if ext == ".csv" {
			cmd = []string{"list"}
		}
		for _, p := range []string{link, fifo} {
			targets = append(targets, append(append([]string{}, cmd...), "-o", p, "--force"))
		}
	}
	targets = append(targets, []string{"export", "1", "-o", "/dev/null", "--force"})
	for _, args := range targets {
		r := runCLI(t, db, "", args)
		if r.code != exitUsage || !strings.Contains(r.errOut, "không phải là một tệp thường") {
			t.Errorf("%v: exit %d, %s", args, r.code, r.errOut)
		}
		p := args[len(args)-2]
		if st, err := os.Lstat(p); err != nil || st.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file", p)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "giữ nguyên" {
		t.Errorf("the link's target was written: %q", b)
	}
	// A regular file is replaced with --force, as before.
	mustRun(t, db, "export", "1", "-o", target, "--force")
}

// TestBidiShownVisibly: direction controls are stored as typed, shown
// visibly in tables and text, kept in the data formats, and warned of.
func TestBidiShownVisibly(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "minutes.db")
	rec := "organization: Thành ủy Sóc Trăng\ntitle: \"Chi \u202e000.05\u202c đồng\"\ndate: 25/3/2021\nchair: {name: Nguyễn Văn Quận}\nattendance: {present: 3}\n"
	r := runCLI(t, db, "", []string{"add", "-f", writeFile(t, dir, "bidi.yaml", rec)})
	if r.code != 0 || !strings.Contains(r.errOut, "Cảnh báo: title: có ký tự điều khiển hướng chữ") {
		t.Fatalf("add: exit %d, no warning:\n%s", r.code, r.errOut)
	}
	for _, args := range [][]string{{"list"}, {"show", "1"}} {
		out := mustRun(t, db, args...)
		if strings.ContainsRune(out, '\u202e') || !strings.Contains(out, "⟪U+202E⟫000.05⟪U+202C⟫") {
			t.Errorf("%v shows the control invisibly:\n%s", args, out)
		}
	}
	if out := mustRun(t, db, "show", "1", "-o", "json"); !strings.Contains(out, "\u202e000.05") {
		t.Errorf("show -o json does not keep the text as stored:\n%s", out)
	}
	r = runCLI(t, db, "", []string{"import", writeFile(t, dir, "more.yaml", rec)})
	if r.code != 0 || !strings.Contains(r.errOut, "more.yaml, văn bản thứ 1, dòng 2: title: có ký tự điều khiển hướng chữ") {
		t.Errorf("import: exit %d, no located warning:\n%s", r.code, r.errOut)
	}
}

// TestReadOnlyDatabase: a database on a read-only share (file and folder
// without write permission) can be listed and printed; a write says the
// database is read-only and stores nothing.
func TestReadOnlyDatabase(t *testing.T) {
	bin := buildBinary(t)
	dir, err := os.MkdirTemp("", "minutes-ro-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) }()
	os.Chmod(dir, 0o755)
	db := filepath.Join(dir, "minutes.db")
	seed, _ := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	mustRun(t, db, "add", "-f", writeFile(t, t.TempDir(), "seed.yaml", string(seed)))
	out, err := os.MkdirTemp("", "minutes-ro-out-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(out)
	os.Chmod(out, 0o777)
	run := func(args ...string) (int, string) {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+out)
		if os.Geteuid() == 0 {
			// root writes anything: run as nobody, who may not.
			os.Chmod(filepath.Dir(bin), 0o755)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			os.Chown(dir, 65534, 65534)
			os.Chown(db, 65534, 65534)
		}
		b, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(b)
	}
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	if code, text := run("list"); code != 0 || !strings.Contains(text, "Hội nghị đánh giá") {
		t.Fatalf("list of a read-only database: exit %d\n%s", code, text)
	}
	if code, text := run("export", "1", "-o", filepath.Join(out, "a.pdf")); code != 0 {
		t.Fatalf("export from a read-only database: exit %d\n%s", code, text)
	}
	code, text := run("config", "set", "place", "Sóc Trăng")
	if code != 1 || !strings.Contains(text, "chỉ cho đọc") || strings.Contains(text, "lỗi nội bộ") {
		t.Fatalf("a write to a read-only database: exit %d\n%s", code, text)
	}
}

// TestConcurrentImportsOneFile: eight imports at once into one SQLite file
// wait for each other as database users expect; none fails.
func TestConcurrentImportsOneFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "minutes.db")
	// Eight different batches: the same meetings twice would be one
	// meeting already there, by its number.
	gendata := filepath.Join(dir, "gendata")
	if out, err := exec.Command("go", "build", "-o", gendata, "../../internal/testdb/gendata").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var wg sync.WaitGroup
	errs := make([]string, 8)
	for i := range errs {
		data, err := exec.Command(gendata, "-n", "3000", "-first", strconv.Itoa(i*3000)).Output()
		if err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, dir, "batch"+string(rune('a'+i))+".yaml", string(data))
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "--db", db, "import", "-q", file)
			if b, err := cmd.CombinedOutput(); err != nil {
				errs[i] = err.Error() + ": " + string(b)
			}
		}()
	}
	wg.Wait()
	for i, e := range errs {
		if e != "" {
			t.Errorf("import %d: %s", i+1, e)
		}
	}
	if n := countMeetings(t, db); n != 8*3000 {
		t.Fatalf("%d meetings stored, want %d", n, 8*3000)
	}
}
