package main

import (
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

// Cobra's own words (usage, help, completion, its error messages) through
// the catalogue, so that `minutes --help` reads Vietnamese by default.

// Cobra's template functions are global: they take the command whose help
// is printed, and speak the language its root was built in, so that two
// command trees in one process (tests) may differ.
func init() {
	cobra.AddTemplateFunc("T", func(c *cobra.Command, key string, args ...any) string {
		return printerOf(c).T(key, args...)
	})
	cobra.AddTemplateFunc("localUse", func(c *cobra.Command, s string) string {
		p := printerOf(c)
		return strings.NewReplacer("[flags]", p.T("help.flags_placeholder"), "[command]", p.T("help.command_placeholder")).Replace(s)
	})
	cobra.AddTemplateFunc("localFlags", func(c *cobra.Command, s string) string {
		return strings.ReplaceAll(s, "(default ", printerOf(c).T("help.default")+" ")
	})
}

// langAnnotation names the language of a command tree on its root.
const langAnnotation = "minutes.lang"

func printerOf(c *cobra.Command) *minutes.Printer {
	return catalog.Printer(minutes.Lang(c.Root().Annotations[langAnnotation]))
}

// usageTemplate is cobra's default usage template with its words taken
// from the catalogue.
const usageTemplate = `{{T $ "help.usage"}}{{if .Runnable}}
  {{localUse $ .UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} {{T $ "help.command_placeholder"}}{{end}}{{if gt (len .Aliases) 0}}

{{T $ "help.aliases"}}
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

{{T $ "help.examples"}}
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

{{T $ "help.commands"}}{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

{{T $ "help.additional_commands"}}{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

{{T $ "help.flags"}}
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces | localFlags $}}{{end}}{{if .HasAvailableInheritedFlags}}

{{T $ "help.global_flags"}}
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces | localFlags $}}{{end}}{{if .HasHelpSubCommands}}

{{T $ "help.topics"}}{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

{{T $ "help.more" .CommandPath}}{{end}}
`

// helpTemplate is cobra's default, set explicitly so that usage always goes
// through usageTemplate.
const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

// localizeCobra gives cobra's built-in help and completion commands and
// every --help flag their texts from the catalogue. It runs once all
// commands are added.
func localizeCobra(f *factory, root *cobra.Command) {
	// The completion command takes its writer when it is created: ours.
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(helpTemplate)
	// Create the built-ins now (cobra would at Execute) to reword them.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = f.T("cmd.help.short")
			c.Long = f.T("cmd.help.long")
		case "completion":
			c.Short = f.T("cmd.completion.short")
			c.Long = f.T("cmd.completion.long")
			for _, sh := range c.Commands() {
				sh.Short = f.T("cmd.completion.shell.short", sh.Name())
				sh.Long = f.T("cmd.completion." + sh.Name() + ".long")
				if fl := sh.Flags().Lookup("no-descriptions"); fl != nil {
					fl.Usage = f.T("flag.no_descriptions")
				}
			}
		}
	}
	walkCommands(root, func(c *cobra.Command) {
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, f.T("flag.help", c.CommandPath()))
			_ = c.Flags().SetAnnotation("help", cobra.FlagSetByCobraAnnotation, []string{"true"})
		}
	})
}

func walkCommands(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, f)
	}
}

// cobraErrors are the messages of cobra and pflag for a malformed command
// line, matched to reword them; the English texts in the catalogue are
// cobra's own. They are compiled on the first error, not at every start.
var cobraErrors = sync.OnceValue(func() []cobraError {
	return []cobraError{
		{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`), "cobra.unknown_command"},
		{regexp.MustCompile(`^unknown flag: (.*)$`), "cobra.unknown_flag"},
		{regexp.MustCompile(`^unknown shorthand flag: '(.*)' in (.*)$`), "cobra.unknown_shorthand"},
		{regexp.MustCompile(`^flag needs an argument: '(.*)' in (.*)$`), "cobra.needs_argument_short"},
		{regexp.MustCompile(`^flag needs an argument: (.*)$`), "cobra.needs_argument"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: (.*)$`), "cobra.invalid_argument"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)"$`), "cobra.invalid_arg"},
		{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), "cobra.exact_args"},
		{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), "cobra.max_args"},
		{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), "cobra.min_args"},
		{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`), "cobra.range_args"},
	}
})

type cobraError struct {
	re  *regexp.Regexp
	key string
}

var parseCause = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^strconv\.Parse\w+: parsing ".*": (invalid syntax|value out of range)$`)
})

// cobraMessage rewords a command-line error of cobra or pflag in the
// selected language; other messages pass unchanged.
func cobraMessage(p *minutes.Printer, msg string) string {
	first, suggestions, _ := strings.Cut(msg, "\n\nDid you mean this?\n")
	for _, ce := range cobraErrors() {
		m := ce.re.FindStringSubmatch(first)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, s := range m[1:] {
			args[i] = s
		}
		if ce.key == "cobra.invalid_argument" && parseCause().MatchString(m[3]) {
			args[2] = p.T("cobra.want_number")
		}
		first = p.T(ce.key, args...)
		break
	}
	if suggestions != "" {
		first += "\n\n" + p.T("cobra.did_you_mean") + "\n" + strings.TrimRight(suggestions, "\n")
	}
	return first
}

// colour reports whether messages on ErrOut may be coloured: only on a
// terminal, never with NO_COLOR (no-color.org) or TERM=dumb, and on Windows
// only in terminals known to read ANSI codes.
func (f *factory) colour() bool {
	if !f.IO.ErrTTY || f.Getenv("NO_COLOR") != "" || f.Getenv("TERM") == "dumb" {
		return false
	}
	if runtime.GOOS == "windows" {
		return f.Getenv("WT_SESSION") != "" || f.Getenv("TERM") != ""
	}
	return true
}

func (f *factory) paint(code, s string) string {
	if !f.colour() {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (f *factory) red(s string) string  { return f.paint("1;31", s) }
func (f *factory) bold(s string) string { return f.paint("1", s) }

var helpMessages = minutes.Messages{
	"help.usage":               {"Cách dùng:", "Usage:"},
	"help.aliases":             {"Tên khác:", "Aliases:"},
	"help.examples":            {"Ví dụ:", "Examples:"},
	"help.commands":            {"Các lệnh:", "Available Commands:"},
	"help.additional_commands": {"Lệnh khác:", "Additional Commands:"},
	"help.flags":               {"Tùy chọn:", "Flags:"},
	"help.global_flags":        {"Tùy chọn chung:", "Global Flags:"},
	"help.topics":              {"Chủ đề hướng dẫn khác:", "Additional help topics:"},
	"help.more":                {"Dùng \"%s [lệnh] --help\" để xem hướng dẫn của từng lệnh.", "Use \"%s [command] --help\" for more information about a command."},
	"help.flags_placeholder":   {"[tùy chọn]", "[flags]"},
	"help.command_placeholder": {"[lệnh]", "[command]"},
	"help.default":             {"(mặc định", "(default"},
	"help.file_placeholder":    {"TỆP", "FILE"},

	"flag.help":            {"xem hướng dẫn của %s", "help for %s"},
	"flag.no_descriptions": {"không kèm lời mô tả trong các gợi ý", "disable completion descriptions"},

	"cmd.help.short": {"Xem hướng dẫn của một lệnh", "Help about any command"},
	"cmd.help.long":  {"Xem hướng dẫn của bất kỳ lệnh nào: minutes help LỆNH, ví dụ minutes help add.", "Help provides help for any command in the application.\nSimply type minutes help [path to command] for full details."},

	"cmd.completion.short":       {"Tạo tập lệnh gợi ý bằng phím Tab cho shell", "Generate the autocompletion script for the specified shell"},
	"cmd.completion.long":        {"Tạo tập lệnh gợi ý bằng phím Tab cho bash, zsh, fish hoặc PowerShell: gợi ý lệnh, tùy chọn,\nsố hiệu cuộc họp (kèm tên hội nghị) và tên cơ quan. Xem hướng dẫn của từng shell để cài đặt.", "Generate the autocompletion script for minutes for the specified shell: commands, flags,\nmeeting IDs (with their titles) and organisation names. See each sub-command's help for details on how to use the generated script."},
	"cmd.completion.shell.short": {"Tạo tập lệnh gợi ý cho %s", "Generate the autocompletion script for %s"},
	"cmd.completion.bash.long": {"Tạo tập lệnh gợi ý cho bash (cần gói bash-completion).\n\nDùng trong phiên hiện tại:\n\n\tsource <(minutes completion bash)\n\nDùng cho mọi phiên mới (Linux):\n\n\tminutes completion bash > /etc/bash_completion.d/minutes\n\nMở một shell mới để áp dụng.",
		"Generate the autocompletion script for the bash shell (needs the bash-completion package).\n\nTo load completions in your current shell session:\n\n\tsource <(minutes completion bash)\n\nTo load completions for every new session (Linux):\n\n\tminutes completion bash > /etc/bash_completion.d/minutes\n\nYou will need to start a new shell for this setup to take effect."},
	"cmd.completion.zsh.long": {"Tạo tập lệnh gợi ý cho zsh.\n\nNếu chưa bật gợi ý trong zsh, chạy một lần:\n\n\techo \"autoload -U compinit; compinit\" >> ~/.zshrc\n\nDùng trong phiên hiện tại:\n\n\tsource <(minutes completion zsh)\n\nDùng cho mọi phiên mới:\n\n\tminutes completion zsh > \"${fpath[1]}/_minutes\"\n\nMở một shell mới để áp dụng.",
		"Generate the autocompletion script for the zsh shell.\n\nIf shell completion is not already enabled in your environment, run once:\n\n\techo \"autoload -U compinit; compinit\" >> ~/.zshrc\n\nTo load completions in your current shell session:\n\n\tsource <(minutes completion zsh)\n\nTo load completions for every new session:\n\n\tminutes completion zsh > \"${fpath[1]}/_minutes\"\n\nYou will need to start a new shell for this setup to take effect."},
	"cmd.completion.fish.long": {"Tạo tập lệnh gợi ý cho fish.\n\nDùng trong phiên hiện tại:\n\n\tminutes completion fish | source\n\nDùng cho mọi phiên mới:\n\n\tminutes completion fish > ~/.config/fish/completions/minutes.fish\n\nMở một shell mới để áp dụng.",
		"Generate the autocompletion script for the fish shell.\n\nTo load completions in your current shell session:\n\n\tminutes completion fish | source\n\nTo load completions for every new session:\n\n\tminutes completion fish > ~/.config/fish/completions/minutes.fish\n\nYou will need to start a new shell for this setup to take effect."},
	"cmd.completion.powershell.long": {"Tạo tập lệnh gợi ý cho PowerShell.\n\nDùng trong phiên hiện tại:\n\n\tminutes completion powershell | Out-String | Invoke-Expression\n\nDùng cho mọi phiên mới: thêm dòng trên vào hồ sơ PowerShell ($PROFILE).",
		"Generate the autocompletion script for powershell.\n\nTo load completions in your current shell session:\n\n\tminutes completion powershell | Out-String | Invoke-Expression\n\nTo load completions for every new session, add the output of the above command\nto your powershell profile ($PROFILE)."},

	"cobra.unknown_command":      {"không có lệnh %q trong %q", "unknown command %q for %q"},
	"cobra.unknown_flag":         {"không có tùy chọn %s", "unknown flag: %s"},
	"cobra.unknown_shorthand":    {"không có tùy chọn -%s (trong %s)", "unknown shorthand flag: '%s' in %s"},
	"cobra.needs_argument_short": {"tùy chọn -%s (trong %s) cần một giá trị", "flag needs an argument: '%s' in %s"},
	"cobra.needs_argument":       {"tùy chọn %s cần một giá trị", "flag needs an argument: %s"},
	"cobra.invalid_argument":     {"giá trị %q không hợp lệ cho tùy chọn %q: %s", "invalid argument %q for %q flag: %s"},
	"cobra.invalid_arg":          {"tham số %q không hợp lệ cho %q", "invalid argument %q for %q"},
	"cobra.want_number":          {"phải là một số", "must be a number"},
	"cobra.exact_args":           {"cần đúng %s tham số, nhận được %s", "accepts %s arg(s), received %s"},
	"cobra.max_args":             {"nhận nhiều nhất %s tham số, nhận được %s", "accepts at most %s arg(s), received %s"},
	"cobra.min_args":             {"cần ít nhất %s tham số, mới nhận được %s", "requires at least %s arg(s), only received %s"},
	"cobra.range_args":           {"cần từ %s đến %s tham số, nhận được %s", "accepts between %s and %s arg(s), received %s"},
	"cobra.did_you_mean":         {"Có phải ý bạn là:", "Did you mean this?"},
}
