package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
)

// Exit statuses, one per error code; scripts rely on them.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitInvalid  = 3
	exitConflict = 4
	exitNotFound = 5
)

// IO is where every command reads and writes: data to Out, messages and
// progress to ErrOut.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool

	// Width is the terminal's width in columns when Out is a terminal,
	// else 0: tables are then as wide as their cells.
	Width int
}

// SystemIO is the process's own standard streams.
func SystemIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		Width:  terminalWidth(),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

func terminalWidth() int {
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
		return w
	}
	return 0
}

// factory carries what commands share: IO, the environment, global flags
// and a lazily opened store.
type factory struct {
	IO     *IO
	Getenv func(string) string
	Now    func() time.Time

	DSN   string
	As    string // act as this account (--as, MINUTES_USER); else the local operator
	Debug bool
	Quiet bool
	Lang  string

	// P puts messages into words in the language of this run: --lang,
	// else the locale. It is chosen before the commands are built, since
	// their help texts are in it too.
	P *minutes.Printer

	app   *app.Service
	store *sqlstore.Store
	in    *bufio.Reader // answers typed on the terminal (readLine)
}

// T returns the message key in the language of this run.
func (f *factory) T(key string, args ...any) string { return f.P.T(key, args...) }

// App returns the operations, over the database opened on first use.
func (f *factory) App() *app.Service {
	if f.app == nil {
		f.app = app.New(func(ctx context.Context) (app.Store, error) {
			s, err := sqlstore.Open(ctx, f.DSN)
			if err != nil {
				return nil, err
			}
			f.store = s
			return s, nil
		})
		f.app.Today = f.today
	}
	return f.app
}

// existing returns the operations when the database exists, else nil, so
// that reading defaults or completing a word never creates a database as
// a side effect.
func (f *factory) existing() *app.Service {
	if f.store == nil && !sqlstore.Exists(f.DSN) {
		return nil
	}
	return f.App()
}

// todayEnv fixes "today" for tasks and reports (YYYY-MM-DD or 25/3/2021).
// It is a testing aid, so that tests of the real binary never depend on the
// wall clock; it is not shown in the help.
const todayEnv = "MINUTES_TODAY"

// today is MINUTES_TODAY when set (checked before any command runs), else
// the local date of the factory's clock.
func (f *factory) today() minutes.Date {
	if d, err := minutes.ParseDate(f.Getenv(todayEnv)); err == nil {
		return d
	}
	return minutes.DateOf(f.Now())
}

func newFactory(streams *IO, getenv func(string) string, lang string) *factory {
	return &factory{IO: streams, Getenv: getenv, Now: time.Now, Lang: lang, P: catalog.Printer(minutes.ParseLang(lang))}
}

// Execute runs the command line args and returns the exit status.
func Execute(ctx context.Context, args []string, streams *IO, getenv func(string) string) int {
	f := newFactory(streams, getenv, languageFromArgs(args, getenv))
	root := buildRootCmd(f, completing(args))
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	err := root.ExecuteContext(ctx)
	if f.store != nil {
		f.store.Close()
	}
	if err != nil && ctx.Err() != nil {
		// Ctrl-C: whatever the command was writing was one transaction,
		// rolled back, and the error it surfaced as says nothing useful.
		fmt.Fprintln(streams.ErrOut, f.T("cli.interrupted"))
		return exitFailure
	}
	return reportError(f, err)
}

// reportError prints err for the user and maps it to an exit status: the
// one place where codes become statuses.
func reportError(f *factory, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errSilent) {
		return exitFailure
	}
	var se *silentExit
	if errors.As(err, &se) {
		return se.code
	}
	code := minutes.ErrorCode(err)
	msg := f.P.Error(err)
	if code == minutes.EINTERNAL && (f.Debug || isCobraUsage(err)) {
		msg = err.Error()
	}
	if isCobraUsage(err) {
		code = minutes.EUSAGE
		msg = cobraMessage(f.P, err.Error()) + "\n" + f.T("cli.see_help")
	}
	fmt.Fprintln(f.IO.ErrOut, f.red(f.T("cli.error_prefix"))+minutes.ShowBidiControls(msg))
	if (code == minutes.EINTERNAL || code == minutes.EFAILED) && f.Debug {
		if cause := errors.Unwrap(err); cause != nil && code == minutes.EFAILED {
			err = cause
		}
		fmt.Fprintf(f.IO.ErrOut, "debug: %s\n", sqlstore.Redact(fmt.Sprintf("%+v", err)))
	}
	switch code {
	case minutes.EUSAGE:
		return exitUsage
	case minutes.EINVALID:
		return exitInvalid
	case minutes.ECONFLICT:
		return exitConflict
	case minutes.ENOTFOUND:
		return exitNotFound
	}
	return exitFailure
}

// errSilent ends a command with status 1 after it has said why itself.
var errSilent = errors.New("silent")

// silentExit ends a command with a given status after it has said why.
type silentExit struct{ code int }

func (e *silentExit) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError marks errors raised by cobra itself (unknown flag or command,
// wrong number of arguments).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func isCobraUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	s := err.Error()
	return strings.HasPrefix(s, "unknown command") || strings.HasPrefix(s, "unknown flag") ||
		strings.HasPrefix(s, "unknown shorthand flag") || strings.Contains(s, "arg(s), received") ||
		strings.HasPrefix(s, "invalid argument") || strings.Contains(s, "flag needs an argument")
}

func languageFromArgs(args []string, getenv func(string) string) string {
	for i, a := range args {
		switch {
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return string(minutes.LangFromEnv(getenv))
}

// completing reports whether the shell asks for completions: only then
// are the completion functions put on every command (a walk of the whole
// tree that cost 0.3 ms of every start).
func completing(args []string) bool {
	return slices.Contains(args, cobra.ShellCompRequestCmd) || slices.Contains(args, cobra.ShellCompNoDescRequestCmd)
}

// newRootCmd is the whole command tree, completions included.
func newRootCmd(f *factory) *cobra.Command { return buildRootCmd(f, true) }

func buildRootCmd(f *factory, completions bool) *cobra.Command {
	root := &cobra.Command{
		Use:           "minutes",
		Short:         f.T("cmd.root.short"),
		Long:          f.T("cmd.root.long"),
		SilenceUsage:  true,
		SilenceErrors: true,
		Annotations:   map[string]string{langAnnotation: string(f.P.Lang())},
		Version:       version(),
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("db") {
				f.DSN = f.Getenv("MINUTES_DB")
			}
			if v := f.Getenv(todayEnv); v != "" {
				if _, err := minutes.ParseDate(v); err != nil {
					return minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", todayEnv, err)
				}
			}
			if !cmd.Flags().Changed("as") {
				f.As = f.Getenv("MINUTES_USER")
			}
			if f.As != "" {
				return actAs(cmd, f)
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.SetVersionTemplate(f.T("cli.version") + "\n")
	root.Flags().BoolP("version", "v", false, f.T("flag.version_program"))
	pf := root.PersistentFlags()
	pf.StringVar(&f.DSN, "db", "", f.T("flag.db"))
	pf.StringVar(&f.As, "as", "", f.T("flag.as"))
	pf.BoolVar(&f.Debug, "debug", false, f.T("flag.debug"))
	pf.BoolVarP(&f.Quiet, "quiet", "q", false, f.T("flag.quiet"))
	pf.StringVar(&f.Lang, "lang", f.Lang, f.T("flag.lang"))

	root.AddCommand(
		newAddCmd(f),
		newImportCmd(f),
		newListCmd(f),
		newShowCmd(f),
		newEditCmd(f),
		newDeleteCmd(f),
		newExportCmd(f),
		newTemplateCmd(f),
		newFinalizeCmd(f),
		newAmendCmd(f),
		newHistoryCmd(f),
		newReportCmd(f),
		newDemoCmd(f),
		newTasksCmd(f),
		newServeCmd(f),
		newNumbersCmd(f),
		newVerifyCmd(f),
		newCheckCmd(f),
	)
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	root.AddCommand(newConfigCmd(f), newUserCmd(f))
	// Once every command is in: cobra's own texts from the catalogue, and
	// completion of meeting IDs and organisations wherever they are asked for.
	localizeCobra(f, root)
	if completions {
		installCompletions(f, root)
	}
	return root
}

// wrapArgs turns cobra's argument-count errors into usage errors.
func wrapArgs(a cobra.PositionalArgs) cobra.PositionalArgs {
	if a == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := a(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// version names this build: the module version when installed from a
// tag, else the commit it was built from and whether it had changes.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		return "dev-" + rev[:min(12, len(rev))] + modified
	}
	if v == "" || v == "(devel)" {
		return "dev"
	}
	return v
}

// parseID reads a meeting ID argument.
func parseID(s string) (int64, error) {
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil || id <= 0 || fmt.Sprint(id) != s {
		return 0, minutes.Errorm(minutes.EUSAGE, "cli.bad_id", s)
	}
	return id, nil
}

// say prints a message for the user on ErrOut unless --quiet, with any
// direction control in it shown visibly.
func (f *factory) say(msg string) {
	if !f.Quiet {
		fmt.Fprintln(f.IO.ErrOut, minutes.ShowBidiControls(msg))
	}
}
