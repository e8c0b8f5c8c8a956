package form

import (
	"bytes"
	"context"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/examples"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// The form is driven in a real terminal by the tests of cmd/minutes (tmux,
// the real binary). These tests cover what needs no terminal: the draft
// file, and Run in accessible mode, where the answers are plain lines.

var testPrinter = minutes.NewCatalog(minutes.DomainMessages, record.Messages, Messages).Printer(minutes.LangEN)

// seed is the first bundled example meeting.
func seed(t *testing.T) *minutes.Meeting {
	t.Helper()
	b, err := examples.FS.ReadFile("01-soc-trang-quy-1-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := record.Meetings("seed", b)
	if err != nil {
		t.Fatal(err)
	}
	return docs[0].Meeting
}

func yamlOf(t *testing.T, m *minutes.Meeting) string {
	t.Helper()
	y, err := record.MarshalYAML(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(y)
}

// TestDraftFileRoundTrip: a whole record written as a draft reads back as
// the same record, at the same section.
func TestDraftFileRoundTrip(t *testing.T) {
	m := seed(t)
	path := filepath.Join(t.TempDir(), "sub", "draft.yaml")
	if err := writeDraft(path, "a draft", draftOf(m, 4)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "# a draft\n# section: 4\n") {
		t.Errorf("draft file starts:\n%.80s", b)
	}
	d, _, err := loadDraft(testPrinter, path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Section != 4 {
		t.Errorf("section %d, want 4", d.Section)
	}
	if got, want := yamlOf(t, d.meeting()), yamlOf(t, m); got != want {
		t.Errorf("read back:\n%s\nwant\n%s", got, want)
	}
}

// TestDraftKeepsHalfTypedValues: what does not parse yet is left out of the
// record, the rest is kept.
func TestDraftKeepsHalfTypedValues(t *testing.T) {
	d := &draft{Title: "Họp giao ban", Date: "2/3/20", Start: "25:00", Present: "1x", Recipients: "A; ;B\nC"}
	m := d.meeting()
	if m.Title != "Họp giao ban" || !m.Date.IsZero() || m.StartTime != nil || m.Attendance.Present != 0 {
		t.Errorf("meeting of a half-typed draft: %+v", m)
	}
	if got := strings.Join(m.Recipients, "|"); got != "A|B|C" {
		t.Errorf("recipients %q, want A|B|C", got)
	}
}

// reviewDraft writes a valid record as a draft with only the review left,
// and returns the options of a Run that continues it in accessible mode.
func reviewDraft(t *testing.T, answers string, out *bytes.Buffer) Options {
	t.Helper()
	path := filepath.Join(t.TempDir(), "draft.yaml")
	if err := writeDraft(path, "a draft", draftOf(seed(t), len(sections))); err != nil {
		t.Fatal(err)
	}
	return Options{
		In: strings.NewReader(answers), Out: out, Accessible: true, P: testPrinter, DraftPath: path,
		Defaults: func(context.Context) (minutes.Defaults, error) {
			t.Error("defaults asked for while a draft is continued")
			return minutes.Defaults{}, nil
		},
		Review: func(m *minutes.Meeting) string { return "RECORD " + m.Title + "\n" },
	}
}

func TestRunSavesTheReviewedRecord(t *testing.T) {
	var out bytes.Buffer
	o := reviewDraft(t, "1\n1\n", &out) // continue the draft; save
	var saved *minutes.Meeting
	o.Save = func(_ context.Context, m *minutes.Meeting) error {
		m.ID = 7
		saved = m
		return nil
	}
	m, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	if m == nil || m != saved || m.ID != 7 {
		t.Fatalf("Run returned %v, saved %v", m, saved)
	}
	if !strings.Contains(out.String(), "RECORD "+m.Title) || !strings.Contains(out.String(), "REVIEW THE MINUTES BEFORE SAVING") {
		t.Errorf("the review was not shown:\n%s", out.String())
	}
	if _, err := os.Stat(o.DraftPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the draft outlived the save: %v", err)
	}
}

func TestRunKeepsTheDraftWhenSaveFails(t *testing.T) {
	var out bytes.Buffer
	o := reviewDraft(t, "1\n1\n", &out)
	failed := errors.New("database down")
	o.Save = func(context.Context, *minutes.Meeting) error { return failed }
	if _, err := Run(context.Background(), o); !errors.Is(err, failed) {
		t.Fatalf("Run: %v, want the error of Save", err)
	}
	if _, err := os.Stat(o.DraftPath); err != nil {
		t.Errorf("the draft is gone after a failed save: %v", err)
	}
	if want := "The draft is kept in " + o.DraftPath; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}

func TestRunQuitKeepsTheDraft(t *testing.T) {
	var out bytes.Buffer
	o := reviewDraft(t, "3\n", &out) // quit at the resume question
	o.Save = func(context.Context, *minutes.Meeting) error {
		t.Error("saved after quit")
		return nil
	}
	if _, err := Run(context.Background(), o); !errors.Is(err, ErrStopped) {
		t.Fatalf("Run: %v, want ErrStopped", err)
	}
	if _, err := os.Stat(o.DraftPath); err != nil {
		t.Errorf("the draft is gone after quit: %v", err)
	}
}

// TestImports holds the package to its doc: the domain and the record
// format, never the store or the command line.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if strings.HasPrefix(p, "github.com/minutes-vn/minutes/minutes/sqlstore") || strings.HasPrefix(p, "github.com/minutes-vn/minutes/cmd") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
