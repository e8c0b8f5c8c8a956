package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

func newConfigCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "config",
		Short:   f.T("cmd.config.short"),
		Long:    f.T("cmd.config.long", strings.Join(minutes.SettingKeys, ", ")),
		Example: "  minutes config set organization \"Thành ủy Sóc Trăng\"\n  minutes config set header state\n  minutes config get\n  minutes config unset secretary",
		Args:    cobra.NoArgs,
	}
	// --org: the defaults of one office on a shared database, over the
	// database-wide ones.
	var org string
	cmd.PersistentFlags().StringVar(&org, "org", "", f.T("flag.config.org"))
	ctxOf := func(c *cobra.Command) context.Context {
		if org != "" {
			return minutes.WithSettingsOrg(c.Context(), org)
		}
		return c.Context()
	}
	keys := cobra.FixedCompletions(minutes.SettingKeys, cobra.ShellCompDirectiveNoFileComp)
	set := &cobra.Command{
		Use:   "set KEY VALUE",
		Short: f.T("cmd.config.set.short"),
		// The value may be typed without quotes: the words are joined.
		Args: cobra.MinimumNArgs(2),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			switch {
			case len(args) == 0:
				return keys(cmd, args, toComplete)
			case len(args) == 1 && args[0] == "header":
				return []cobra.Completion{minutes.HeaderParty, minutes.HeaderState}, cobra.ShellCompDirectiveNoFileComp
			case len(args) == 1 && args[0] == "reference_doc":
				return []cobra.Completion{"docx"}, cobra.ShellCompDirectiveFilterFileExt
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfigSet(ctxOf(cmd), f, args[0], strings.Join(args[1:], " "))
		},
	}
	get := &cobra.Command{
		Use:   "get [KEY]",
		Short: f.T("cmd.config.get.short"),
		Args:  cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return keys(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			key := ""
			if len(args) == 1 {
				key = args[0]
			}
			return runConfigGet(ctxOf(cmd), f, key)
		},
	}
	unset := &cobra.Command{
		Use:   "unset KEY",
		Short: f.T("cmd.config.unset.short"),
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return keys(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfigUnset(ctxOf(cmd), f, args[0])
		},
	}
	cmd.AddCommand(set, get, unset)
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

func runConfigSet(ctx context.Context, f *factory, key, value string) error {
	v, err := f.App().SetSetting(ctx, key, value)
	if err != nil {
		return err
	}
	f.say(f.T("config.set", key, v))
	return nil
}

// runConfigGet prints one value, bare, for scripts; or every default that is
// set as "key: value" lines.
func runConfigGet(ctx context.Context, f *factory, key string) error {
	if key != "" {
		if err := minutes.CheckSettingKey(key); err != nil {
			return err
		}
	}
	all, err := f.App().Settings(ctx)
	if err != nil {
		return err
	}
	if key != "" {
		v, ok := all[key]
		if !ok {
			return minutes.Errorm(minutes.ENOTFOUND, "config.not_set", key, key)
		}
		fmt.Fprintln(f.IO.Out, v)
		return nil
	}
	if len(all) == 0 {
		f.say(f.T("config.none"))
		return nil
	}
	for _, k := range minutes.SettingKeys {
		if v, ok := all[k]; ok {
			fmt.Fprintf(f.IO.Out, "%s: %s\n", k, v)
		}
	}
	return nil
}

func runConfigUnset(ctx context.Context, f *factory, key string) error {
	was, err := f.App().UnsetSetting(ctx, key)
	if err != nil {
		return err
	}
	if was {
		f.say(f.T("config.unset", key))
	} else {
		f.say(f.T("config.was_not_set", key))
	}
	return nil
}

// officeDefaults reads the defaults without creating a database that does
// not exist yet: a first `minutes template` has nothing to start from.
func officeDefaults(ctx context.Context, f *factory) (minutes.Defaults, error) {
	a := f.existing()
	if a == nil {
		return minutes.DefaultsOf(nil, nil), nil
	}
	return a.Defaults(ctx)
}

var configMessages = minutes.Messages{
	"flag.config.org":  {"giá trị mặc định riêng của tổ chức này (trên máy chủ dùng chung, mỗi văn phòng một bộ), thay cho giá trị chung", "the defaults of this organisation alone (on a shared server each office has its own), over the database-wide ones"},
	"cmd.config.short": {"Giá trị mặc định của cơ quan (cơ quan, cấp trên, địa danh, thể thức, thư ký)", "Office defaults (organisation, parent, place, header, secretary)"},
	"cmd.config.long": {"Lưu các giá trị mặc định trong cơ sở dữ liệu: biểu mẫu (minutes add) và mẫu tệp (minutes template)\nbắt đầu từ các giá trị này, nếu chưa đặt thì từ cuộc họp được ghi gần nhất.\nCác cơ quan dùng chung một máy chủ PostgreSQL thì dùng chung các giá trị này.\nCác mục: %s (header là party hoặc state).",
		"Keeps defaults in the database: the form (minutes add) and the blank record (minutes template)\nstart from them, and where one is not set, from the meeting recorded last.\nOffices sharing one PostgreSQL server share them.\nThe settings: %s (header is party or state)."},
	"cmd.config.set.short":   {"Đặt một giá trị mặc định", "Set a default"},
	"cmd.config.get.short":   {"Xem các giá trị mặc định, hoặc một giá trị", "Show the defaults, or one of them"},
	"cmd.config.unset.short": {"Bỏ một giá trị mặc định", "Remove a default"},

	"config.set":         {"Đã đặt %s: %s", "Set %s: %s"},
	"config.unset":       {"Đã bỏ giá trị mặc định %s.", "Removed the default %s."},
	"config.was_not_set": {"%s chưa được đặt, không có gì để bỏ.", "%s was not set; nothing to remove."},
	"config.not_set":     {"%s chưa được đặt; đặt bằng: minutes config set %s GIÁ_TRỊ", "%s is not set; set it with: minutes config set %s VALUE"},
	"config.none":        {"Chưa đặt giá trị mặc định nào. Ví dụ: minutes config set organization \"Thành ủy Sóc Trăng\"", "No defaults are set. For example: minutes config set organization \"Thành ủy Sóc Trăng\""},
}
