package main

import (
	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

func newDeleteCmd(f *factory) *cobra.Command {
	return newConfirmedCmd(f, confirmed{
		use: "delete ID", short: "cmd.delete.short", key: "delete",
		example:  "  minutes delete 12\n  minutes delete 12 --yes",
		check:    func(m *minutes.Meeting) error { return m.CheckDelete(0) },
		do:       (*app.Service).Delete,
		doneArgs: func(m *minutes.Meeting) []any { return []any{m.ID} },
	})
}
