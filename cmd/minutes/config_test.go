package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/record"
)

func TestConfigCommands(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dsn string) {
		if r := runCLI(t, dsn, "", []string{"config", "get"}); r.code != 0 || r.out != "" || !strings.Contains(r.errOut, "Chưa đặt giá trị mặc định nào") {
			t.Fatalf("config get on a new database: exit %d, out %q, err %q", r.code, r.out, r.errOut)
		}
		// The value may be typed without quotes; decomposed text is stored composed.
		mustRun(t, dsn, "config", "set", "organization", "Tha\u0300nh", "u\u0309y", "So\u0301c", "Tra\u0306ng")
		mustRun(t, dsn, "config", "set", "header", "state")
		mustRun(t, dsn, "config", "set", "secretary", "Ngọc Phượng")
		if got := mustRun(t, dsn, "config", "get", "organization"); got != "Thành ủy Sóc Trăng\n" {
			t.Errorf("config get organization = %q", got)
		}
		if got := mustRun(t, dsn, "config", "get"); got != "organization: Thành ủy Sóc Trăng\nheader: state\nsecretary: Ngọc Phượng\n" {
			t.Errorf("config get =\n%s", got)
		}
		for _, c := range []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"config", "set", "header", "dang"}, exitInvalid, `header: phải là party (Đảng) hoặc state (Nhà nước), không phải "dang"`},
			{[]string{"config", "set", "chair", "Nguyễn Văn Quận"}, exitUsage, `không có mục cài đặt "chair"; các mục: organization, parent_organization, place, header, secretary`},
			{[]string{"config", "get", "place"}, exitNotFound, "place chưa được đặt; đặt bằng: minutes config set place"},
			{[]string{"config", "get", "chair"}, exitUsage, `không có mục cài đặt "chair"`},
			{[]string{"config", "unset", "chair"}, exitUsage, `không có mục cài đặt "chair"`},
			{[]string{"config", "set", "place"}, exitUsage, "cần ít nhất 2 tham số"},
		} {
			r := runCLI(t, dsn, "", c.args)
			if r.code != c.code || !strings.Contains(r.errOut, c.msg) {
				t.Errorf("minutes %s: exit %d, %q; want exit %d and %q", strings.Join(c.args, " "), r.code, r.errOut, c.code, c.msg)
			}
		}
		if r := runCLI(t, dsn, "", []string{"config", "unset", "header"}); r.code != 0 || !strings.Contains(r.errOut, "Đã bỏ giá trị mặc định header") {
			t.Errorf("config unset header: %d %q", r.code, r.errOut)
		}
		if r := runCLI(t, dsn, "", []string{"config", "unset", "header"}); r.code != 0 || !strings.Contains(r.errOut, "header chưa được đặt") {
			t.Errorf("config unset header again: %d %q", r.code, r.errOut)
		}
		// -q quiets the confirmation, not the data.
		if r := runCLI(t, dsn, "", []string{"-q", "config", "set", "place", "Sóc Trăng"}); r.code != 0 || r.errOut != "" {
			t.Errorf("config set -q: %d %q", r.code, r.errOut)
		}
	})
}

// TestTemplateStartsFromDefaults: the template carries the office defaults,
// then the last meeting's values, and stays a valid commented record.
func TestTemplateStartsFromDefaults(t *testing.T) {
	dsn := testdb.SQLite(t)
	blank := mustRun(t, dsn, "template")
	if _, err := os.Stat(dsn); err == nil {
		t.Errorf("template created the database %s", dsn)
	}
	if !strings.Contains(blank, "\norganization: \"\"              # (*)") {
		t.Errorf("blank template changed:\n%s", blank)
	}

	// The last meeting gives organisation, parent, header, place and secretary.
	p := writeFile(t, t.TempDir(), "hop.yaml", validRecord+"parent_organization: Đảng bộ tỉnh Sóc Trăng\nheader: state\nplace: Sóc Trăng\nsecretary: {name: Ngọc Phượng, title: Chuyên viên}\n")
	mustRun(t, dsn, "add", "-f", p)
	// An office default wins over the last meeting; a value needing quotes
	// in YAML stays one value.
	mustRun(t, dsn, "config", "set", "organization", `Đảng ủy "Khối" cơ quan: #1`)

	tpl := mustRun(t, dsn, "template")
	for _, want := range []string{
		"\norganization: \"Đảng ủy \\\"Khối\\\" cơ quan: #1\" # (*) cơ quan tổ chức",
		"\nparent_organization: \"Đảng bộ tỉnh Sóc Trăng\" # cơ quan cấp trên",
		"\nheader: state                 # party",
		"\nplace: \"Sóc Trăng\"            # địa danh",
		"\n  name: \"Ngọc Phượng\"\n  title: \"Chuyên viên\"\n",
		"\n# Biên bản hội nghị", // the comments are still there
	} {
		if !strings.Contains("\n"+tpl, want) {
			t.Errorf("template lacks %q:\n%s", want, tpl)
		}
	}
	docs, err := record.Decode("template", []byte(tpl))
	if err != nil || len(docs) != 1 {
		t.Fatalf("template does not decode: %v", err)
	}
	m := docs[0].Meeting
	if m.Organization != `Đảng ủy "Khối" cơ quan: #1` || m.ParentOrganization != "Đảng bộ tỉnh Sóc Trăng" || m.Header != "state" ||
		m.Place != "Sóc Trăng" || m.Secretary == nil || m.Secretary.Name != "Ngọc Phượng" || m.Secretary.Title != "Chuyên viên" {
		t.Errorf("template decodes to %+v", m)
	}
	// Filled in, it is accepted.
	filled := strings.NewReplacer(
		"\ntitle: \"\"", "\ntitle: Hội nghị thử",
		"\ndate: \"\"", "\ndate: 25/3/2021",
		"  - name: \"\"\n    title: \"\"\nsecretary", "  - name: Nguyễn Văn Quận\n    title: \"\"\nsecretary",
	).Replace(tpl)
	p = writeFile(t, t.TempDir(), "filled.yaml", filled)
	if r := runCLI(t, dsn, "", []string{"add", "-f", p}); r.code != 0 {
		t.Fatalf("filled template: exit %d\n%s", r.code, r.errOut)
	}
	// The secretary default names someone else: the old title does not follow.
	mustRun(t, dsn, "config", "set", "secretary", "Lê Thị Hoa")
	if tpl := mustRun(t, dsn, "template"); !strings.Contains(tpl, "\n  name: \"Lê Thị Hoa\"\n  title: \"\"\n") {
		t.Errorf("secretary default:\n%s", tpl)
	}
}

// TestTemplateWithoutDatabase: a database that cannot be opened costs the
// defaults, not the template.
func TestTemplateWithoutDatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "not-a-db")
	if err := os.WriteFile(bad, []byte("this is not SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, bad, "", []string{"template"})
	if r.code != 0 || !strings.Contains(r.out, "organization: \"\"") || !strings.Contains(r.errOut, "Không đọc được giá trị mặc định") {
		t.Fatalf("template with a broken database: exit %d\nout %s\nerr %s", r.code, r.out, r.errOut)
	}
}
