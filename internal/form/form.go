package form

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"charm.land/huh/v2"

	"github.com/minutes-vn/minutes/minutes"
)

// Options is what a front end gives the form.
type Options struct {
	// In and Out are the terminal: the keys typed, and where the form is
	// drawn and says what became of the draft. The command line passes
	// standard error as Out, so that standard output carries only data.
	In  io.Reader
	Out io.Writer

	// Accessible asks one plain line at a time, for screen readers,
	// instead of drawing the screen.
	Accessible bool

	// Quiet leaves out the messages that are not needed (a draft file that
	// could not be removed after the save).
	Quiet bool

	// P puts the form's words into the user's language; its catalogue holds
	// Messages and the messages of minutes and record.
	P *minutes.Printer

	// DraftPath is the draft file: written after each section and entry,
	// offered back by the next Run, removed once the record is saved.
	DraftPath string

	// Defaults gives the values a new record starts from; it is called only
	// when no draft is continued. Nil starts from minutes.DefaultsOf(nil, nil).
	Defaults func(context.Context) (minutes.Defaults, error)

	// Review is the record as the review screen shows it, before it is saved.
	Review func(*minutes.Meeting) string

	// Bold and Red mark the review's heading and its problems; nil leaves
	// them plain. The front end knows whether the terminal shows colour.
	Bold, Red func(string) string

	// Save stores the reviewed, valid record (and sets its ID). When it
	// fails the draft is kept, the user is told where, and Run returns the
	// error as it is.
	Save func(context.Context, *minutes.Meeting) error
}

// ErrStopped is what Run returns when the user stopped the form (Ctrl-C, a
// closed terminal, "later" at the review, "quit" at the resume question)
// after it has said where the draft is kept: there is nothing more to say.
var ErrStopped = errors.New("form: stopped by the user")

// Run fills one record in the form until the user accepts it at the
// review, saves it with o.Save and removes the draft. It returns the saved
// meeting; ErrStopped when the user stopped; any other error after saying
// where the draft is kept, when there is one.
func Run(ctx context.Context, o Options) (*minutes.Meeting, error) {
	fr := &runner{ctx: ctx, o: o, keymap: keyMap(o.P)}
	if o.Accessible {
		fr.in = &lineReader{r: o.In}
	} else {
		fr.host = startHost(ctx, o.In, o.Out)
	}
	m, err := fr.fill()
	if fr.host != nil {
		fr.host.stop() // the terminal back before anything more is printed
	}
	if err != nil {
		return nil, fr.ended(err)
	}
	if err := o.Save(ctx, m); err != nil {
		fmt.Fprintln(o.Out, fr.T("form.kept", o.DraftPath))
		return nil, err
	}
	if err := os.Remove(o.DraftPath); err != nil && !errors.Is(err, os.ErrNotExist) && !o.Quiet {
		fmt.Fprintln(o.Out, fr.T("form.remove_failed", o.DraftPath, err))
	}
	return m, nil
}

// runner runs the sections of one draft.
type runner struct {
	ctx    context.Context
	o      Options
	d      *draft
	keymap *huh.KeyMap
	host   *host       // the terminal UI, except in accessible mode
	in     *lineReader // accessible mode only
}

// T returns the message key in the user's language.
func (fr *runner) T(key string, args ...any) string { return fr.o.P.T(key, args...) }

// save writes the draft typed so far to the draft file.
func (fr *runner) save() error {
	if fr.d == nil {
		return nil
	}
	return writeDraft(fr.o.DraftPath, fr.T("form.recovery_header"), fr.d)
}

// fill runs the sections not yet done and the review, until the user
// accepts the record.
func (fr *runner) fill() (*minutes.Meeting, error) {
	d, err := fr.start()
	if err != nil {
		return nil, err
	}
	fr.d = d
	for {
		for fr.d.Section < len(sections) {
			err := sections[fr.d.Section].run(fr)
			if err == nil {
				fr.d.Section++
			}
			if serr := fr.save(); serr != nil && err == nil {
				err = serr
			}
			if err != nil {
				return nil, err
			}
		}
		m, again, err := fr.review()
		if err != nil || !again {
			return m, err
		}
	}
}

// start offers to continue a draft left in the draft file, or begins a
// new one from the office defaults.
func (fr *runner) start() (*draft, error) {
	d, saved, err := loadDraft(fr.o.P, fr.o.DraftPath)
	switch {
	case err == nil:
		title := d.Title
		if title == "" {
			title = fr.T("form.no_title")
		}
		choice := "continue"
		sel := huh.NewSelect[string]().
			Title(fr.T("form.resume.question", saved.Format("15:04 02/01/2006"), title)).
			Description(fr.T("form.resume.where", fr.o.DraftPath)).
			Options(
				huh.NewOption(fr.T("form.resume.continue"), "continue"),
				huh.NewOption(fr.T("form.resume.new"), "new"),
				huh.NewOption(fr.T("form.resume.quit"), "quit"),
			).Value(&choice)
		if err := fr.run(huh.NewGroup(sel)); err != nil {
			return nil, err
		}
		switch choice {
		case "continue":
			return d, nil
		case "quit":
			return nil, errQuit
		}
	case !errors.Is(err, os.ErrNotExist):
		// Unreadable: keep it aside rather than overwrite what it holds.
		aside := fr.o.DraftPath + "." + time.Now().Format("20060102-150405") + ".bak"
		if rerr := os.Rename(fr.o.DraftPath, aside); rerr != nil {
			return nil, rerr
		}
		fr.print(fr.T("form.recovery_bad", fr.o.DraftPath, err, aside))
	}
	def := minutes.DefaultsOf(nil, nil)
	if fr.o.Defaults != nil {
		if def, err = fr.o.Defaults(fr.ctx); err != nil {
			return nil, err
		}
	}
	d = &draft{
		Organization: def.Organization, ParentOrganization: def.ParentOrganization,
		Header: def.Header, Place: def.Place, Secretary: def.Secretary,
	}
	return d, nil
}

// errQuit: the user chose to leave, at the resume question or the
// review; the draft stays for later.
var errQuit = errors.New("quit")

// ended turns the way a form ended into what the user is told.
func (fr *runner) ended(err error) error {
	if fr.o.Accessible {
		fmt.Fprintln(fr.o.Out) // after the ^C the terminal echoed
	}
	switch {
	case errors.Is(err, errQuit):
		fmt.Fprintln(fr.o.Out, fr.T("form.kept", fr.o.DraftPath))
		return ErrStopped
	case errors.Is(err, huh.ErrUserAborted):
		if fr.d != nil {
			fmt.Fprintln(fr.o.Out, fr.T("form.aborted", fr.o.DraftPath))
		} else if _, serr := os.Stat(fr.o.DraftPath); serr == nil {
			fmt.Fprintln(fr.o.Out, fr.T("form.kept", fr.o.DraftPath))
		}
		return ErrStopped
	}
	if fr.d != nil {
		fmt.Fprintln(fr.o.Out, fr.T("form.kept", fr.o.DraftPath))
	}
	return err
}

// run shows one form and waits until it is done. In accessible mode huh
// reads plain lines and cannot see Ctrl-C (it arrives as SIGINT and cancels
// ctx), so the form runs aside and an interrupt ends the wait.
func (fr *runner) run(groups ...*huh.Group) error {
	form := huh.NewForm(groups...).WithKeyMap(fr.keymap).WithAccessible(fr.o.Accessible).WithOutput(fr.o.Out)
	if !fr.o.Accessible {
		return fr.host.show(form)
	}
	form = form.WithInput(fr.in)
	done := make(chan error, 1)
	go func() { done <- form.RunWithContext(fr.ctx) }()
	select {
	case err := <-done:
		if err == nil && fr.in.eof {
			err = huh.ErrUserAborted // Ctrl-D: huh took the defaults
		}
		return err
	case <-fr.ctx.Done():
		return huh.ErrUserAborted
	}
}

// print shows text above the form (the review of the record).
func (fr *runner) print(text string) {
	if fr.o.Accessible {
		fmt.Fprintln(fr.o.Out, text)
		return
	}
	fr.host.print(text)
}

// review shows the whole record and asks what to do with it. again is true
// when a section is to be typed again.
func (fr *runner) review() (m *minutes.Meeting, again bool, err error) {
	m = fr.d.meeting()
	m.Normalize()
	problems := m.Validate()
	review := fmt.Sprintf("\n%s\n\n%s", paint(fr.o.Bold, fr.T("form.review.heading")), fr.o.Review(m))
	choice := "save"
	opts := []huh.Option[string]{
		huh.NewOption(fr.T("form.review.save"), "save"),
		huh.NewOption(fr.T("form.review.edit"), "edit"),
		huh.NewOption(fr.T("form.review.later"), "later"),
	}
	if problems != nil {
		review += "\n" + paint(fr.o.Red, fr.T("form.review.problems")) + "\n" + fr.o.P.Error(problems) + "\n"
		opts, choice = opts[1:], "edit"
	}
	fr.print(review)
	if err := fr.run(huh.NewGroup(huh.NewSelect[string]().Title(fr.T("form.review.question")).Options(opts...).Value(&choice))); err != nil {
		return nil, false, err
	}
	switch choice {
	case "later":
		return nil, false, errQuit
	case "edit":
		which := 0
		var secs []huh.Option[int]
		for i, s := range sections {
			secs = append(secs, huh.NewOption(fr.T("form.section."+s.name), i))
		}
		if err := fr.run(huh.NewGroup(huh.NewSelect[int]().Title(fr.T("form.review.which")).Options(secs...).Value(&which))); err != nil {
			return nil, false, err
		}
		if err := sections[which].run(fr); err != nil {
			_ = fr.save()
			return nil, false, err
		}
		return nil, true, fr.save()
	}
	return m, false, nil
}

// paint applies mark, when there is one, to s.
func paint(mark func(string) string, s string) string {
	if mark == nil {
		return s
	}
	return mark(s)
}
