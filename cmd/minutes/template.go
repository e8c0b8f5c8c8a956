package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"io"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

//go:embed template.yaml
var blankRecord string

// recordTemplate is the commented blank record with the office defaults
// filled in. Values are written as JSON strings, which YAML reads as
// double-quoted scalars, so that any text (a colon, a #, a quote) stays one
// valid value.
var recordTemplate = template.Must(template.New("record").Funcs(template.FuncMap{
	"q": yamlString,
	// kv writes `key: "value"` padded so that the comments stay in a column.
	"kv": func(key, value string) string {
		v := yamlString(value)
		if key == "header" {
			v = value // party or state, as the blank record always wrote it
		}
		line := key + ": " + v
		return line + strings.Repeat(" ", max(30-utf8.RuneCountInString(line), 1))
	},
}).Parse(blankRecord))

func yamlString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func newTemplateCmd(f *factory) *cobra.Command {
	out := &dataOut{}
	cmd := &cobra.Command{
		Use:     "template",
		Short:   f.T("cmd.template.short"),
		Long:    f.T("cmd.template.long"),
		Example: f.T("cmd.template.example"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := out.resolve(); err != nil {
				return err
			}
			return runTemplate(cmd.Context(), f, out)
		},
	}
	out.outputFlags(f, cmd, "")
	return cmd
}

func runTemplate(ctx context.Context, f *factory, out *dataOut) error {
	d, err := officeDefaults(ctx, f)
	if err != nil {
		// The blank record is useful without the defaults: say why they
		// are missing and print it anyway.
		f.say(f.T("template.no_defaults", f.P.Error(err)))
		d = minutes.DefaultsOf(nil, nil)
	}
	return out.write(f, func(w io.Writer) error { return recordTemplate.Execute(w, d) })
}

var templateMessages = minutes.Messages{
	"cmd.template.long": {"In ra một biên bản trống có chú thích (YAML) để điền rồi nạp bằng minutes add -f.\nCơ quan, cấp trên, thể thức, địa danh và thư ký được điền sẵn từ giá trị mặc định (minutes config)\nhoặc từ cuộc họp được ghi gần nhất.",
		"Prints a blank, commented record (YAML) to fill in and load with minutes add -f.\nOrganisation, parent, header, place and secretary come filled in from the defaults (minutes config)\nor from the meeting recorded last."},
	"cmd.template.example": {"  minutes template -o hop-moi.yaml\n  # điền vào tệp, rồi:\n  minutes add -f hop-moi.yaml", "  minutes template -o new-meeting.yaml\n  # fill it in, then:\n  minutes add -f new-meeting.yaml"},
	"template.no_defaults": {"Không đọc được giá trị mặc định (%s); in mẫu trống.", "Cannot read the defaults (%s); printing a blank record."},
}
