package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

// confirmed is a command that changes one meeting for good once the user
// has said yes to what it shows: delete and finalize.
type confirmed struct {
	use, short, long, example string
	key                       string // the prefix of its messages: KEY.need_yes, .confirm, .cancelled, .done
	check                     func(m *minutes.Meeting) error
	do                        func(a *app.Service, ctx context.Context, id int64, version int) error
	doneArgs                  func(m *minutes.Meeting) []any
}

func newConfirmedCmd(f *factory, c confirmed) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     c.use,
		Short:   f.T(c.short),
		Example: c.example,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if !yes && !f.IO.InTTY {
				return minutes.Errorm(minutes.EUSAGE, c.key+".need_yes")
			}
			return runConfirmed(cmd.Context(), f, c, id, yes)
		},
	}
	if c.long != "" {
		cmd.Long = f.T(c.long)
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, f.T("flag.yes"))
	return cmd
}

func runConfirmed(ctx context.Context, f *factory, c confirmed, id int64, yes bool) error {
	a := f.App()
	m, err := a.Meeting(ctx, id)
	if err != nil {
		return err
	}
	if err := c.check(m); err != nil {
		return err
	}
	if !confirm(f, yes, f.T(c.key+".confirm", m.ID, m.Date.Short(), m.Title)) {
		f.say(f.T(c.key + ".cancelled"))
		return errSilent
	}
	// The version seen in the prompt: a change made meanwhile cancels, so
	// that nobody deletes or approves text they have not read.
	if err := c.do(a, ctx, m.ID, m.Version); err != nil {
		return err
	}
	f.say(f.T(c.key+".done", c.doneArgs(m)...))
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
	return isYes(f.readLine())
}

// readLine reads one answer from the terminal. One reader serves every
// question of a run, so that an answer typed ahead is not lost.
func (f *factory) readLine() string {
	if f.in == nil {
		f.in = bufio.NewReader(f.IO.In)
	}
	answer, _ := f.in.ReadString('\n')
	return strings.TrimSpace(answer)
}

func isYes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "c", "có", "co":
		return true
	}
	return false
}
