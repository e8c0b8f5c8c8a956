package main

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

// Dynamic shell completion: meeting IDs with their titles for every command
// that takes an ID, organisation names for every --org flag. Installed over
// the whole command tree once it is built, so commands need not know.

// takesID matches a Use line whose arguments name a meeting ID.
var takesID = regexp.MustCompile(`^\S+\s.*\bID\b`)

// maxIDCompletions bounds the IDs offered: the newest come first, and a
// shell list longer than this helps no one.
const maxIDCompletions = 200

func installCompletions(f *factory, root *cobra.Command) {
	walkCommands(root, func(c *cobra.Command) {
		if c.ValidArgsFunction == nil && takesID.MatchString(c.Use) {
			c.ValidArgsFunction = completeMeetingIDs(f)
		}
		if c.LocalFlags().Lookup("org") != nil {
			// An error means someone registered one already: keep theirs.
			_ = c.RegisterFlagCompletionFunc("org", completeOrgs(f))
		}
	})
}

// completionMeetings loads the meetings for a completion; nothing (and no
// error on the shell) when there is no database yet or it cannot be read.
func completionMeetings(f *factory, cmd *cobra.Command) []*minutes.Meeting {
	if f.DSN == "" && !cmd.Flags().Changed("db") {
		f.DSN = f.Getenv("MINUTES_DB")
	}
	a := f.existing()
	if a == nil {
		return nil
	}
	ms, err := a.Meetings(cmd.Context(), minutes.Filter{Brief: true})
	if err != nil {
		return nil
	}
	return ms
}

func completeMeetingIDs(f *factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		if len(args) > 0 {
			return nil, directive // one ID per command
		}
		ms := completionMeetings(f, cmd)
		sort.Slice(ms, func(i, j int) bool { return ms[i].ID > ms[j].ID })
		var out []cobra.Completion
		for _, m := range ms {
			id := strconv.FormatInt(m.ID, 10)
			if !strings.HasPrefix(id, toComplete) {
				continue
			}
			out = append(out, cobra.CompletionWithDesc(id, m.Date.Short()+" "+cut(m.Title, 70)))
			if len(out) == maxIDCompletions {
				break
			}
		}
		return out, directive
	}
}

func completeOrgs(f *factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		seen := map[string]bool{}
		var out []cobra.Completion
		// Matched ignoring case and diacritics, as --org itself matches.
		prefix := minutes.Fold(toComplete)
		for _, m := range completionMeetings(f, cmd) {
			if !seen[m.Organization] && strings.HasPrefix(minutes.Fold(m.Organization), prefix) {
				seen[m.Organization] = true
				out = append(out, m.Organization)
			}
		}
		sort.Strings(out)
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
