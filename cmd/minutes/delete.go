package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type deleteOptions struct {
	ID  int64
	Yes bool
}

func newDeleteCmd(f *factory) *cobra.Command {
	opts := &deleteOptions{}
	cmd := &cobra.Command{
		Use:     "delete ID",
		Short:   f.T("cmd.delete.short"),
		Example: "  minutes delete 12\n  minutes delete 12 --yes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if !opts.Yes && !f.IO.InTTY {
				return minutes.Errorm(minutes.EUSAGE, "delete.need_yes")
			}
			return runDelete(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, f.T("flag.yes"))
	return cmd
}

func runDelete(ctx context.Context, f *factory, opts *deleteOptions) error {
	a := f.App()
	m, err := a.Meeting(ctx, opts.ID)
	if err != nil {
		return err
	}
	if err := m.CheckDelete(0); err != nil {
		return err
	}
	if !confirm(f, opts.Yes, f.T("delete.confirm", m.ID, m.Date.Short(), m.Title)) {
		f.say(f.T("delete.cancelled"))
		return errSilent
	}
	// The version seen in the prompt: a change made meanwhile cancels.
	if err := a.Delete(ctx, m.ID, m.Version); err != nil {
		return err
	}
	f.say(f.T("delete.done", m.ID))
	return nil
}

// confirm asks question on the terminal and reads the answer; yes (the
// --yes flag) answers for the user. Commands refuse to run without a
// terminal and without --yes before they get here.
func confirm(f *factory, yes bool, question string) bool {
	if yes {
		return true
	}
	fmt.Fprint(f.IO.ErrOut, question+" ")
	answer, _ := bufio.NewReader(f.IO.In).ReadString('\n')
	return isYes(answer)
}

func isYes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "c", "có", "co":
		return true
	}
	return false
}
