package main

import (
	_ "embed"
	"io"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

//go:embed template.yaml
var blankRecord string

func newTemplateCmd(f *factory) *cobra.Command {
	return &cobra.Command{
		Use:     "template",
		Short:   minutes.T("cmd.template.short"),
		Example: "  minutes template > hop-moi.yaml\n  # điền vào tệp, rồi:\n  minutes add -f hop-moi.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := io.WriteString(f.IO.Out, blankRecord)
			return err
		},
	}
}
