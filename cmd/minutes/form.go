package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

// The interactive form of `minutes add`: one short huh form per section,
// so that the record typed so far can be written to the recovery file after
// each section (and each chair, comment, conclusion…). Ctrl-C, a closed
// terminal or a crash loses at most the section being typed, and Ctrl-C not
// even that: its half-typed values are saved too.

// draft is the record as typed: numbers, dates and times stay text until
// they are checked, so that a half-typed value is never lost.
type draft struct {
	Organization, ParentOrganization, Header, Number string
	Title, Date, Start, End, Place, Location         string
	Chairs                                           []minutes.Person
	Secretary                                        minutes.Person
	Present, Invited                                 string
	AtLeast                                          bool
	Composition                                      string
	Absent                                           []minutes.Absentee
	Agenda                                           []minutes.AgendaItem
	Summary                                          string
	Comments                                         []minutes.Comment
	CommentCount                                     string
	Conclusions                                      []conclusionDraft
	Recipients                                       string

	// Section is the first section not yet completed; len(sections) when
	// only the review is left.
	Section int
}

type conclusionDraft struct{ Content, Owner, Due string }

// meeting converts the draft, keeping every value that parses: the record
// for the review, for saving, and for the recovery file.
func (d *draft) meeting() *minutes.Meeting {
	m := &minutes.Meeting{
		Organization: d.Organization, ParentOrganization: d.ParentOrganization, Header: d.Header,
		Number: d.Number, Title: d.Title, Place: d.Place, Location: d.Location,
		Chairs: append([]minutes.Person(nil), d.Chairs...), Summary: d.Summary,
		Agenda:   append([]minutes.AgendaItem(nil), d.Agenda...),
		Comments: append([]minutes.Comment(nil), d.Comments...),
		Attendance: minutes.Attendance{
			AtLeast: d.AtLeast, Composition: d.Composition,
			Absent: append([]minutes.Absentee(nil), d.Absent...),
		},
	}
	m.Date, _ = minutes.ParseDate(d.Date)
	if c, err := minutes.ParseClock(d.Start); err == nil {
		m.StartTime = &c
	}
	if c, err := minutes.ParseClock(d.End); err == nil {
		m.EndTime = &c
	}
	if d.Secretary != (minutes.Person{}) {
		p := d.Secretary
		m.Secretary = &p
	}
	m.Attendance.Present, _ = strconv.Atoi(strings.TrimSpace(d.Present))
	m.Attendance.Invited, _ = strconv.Atoi(strings.TrimSpace(d.Invited))
	m.CommentCount, _ = strconv.Atoi(strings.TrimSpace(d.CommentCount))
	for _, c := range d.Conclusions {
		due, _ := minutes.ParseDate(c.Due)
		m.Conclusions = append(m.Conclusions, minutes.Conclusion{Content: c.Content, Owner: c.Owner, Due: due})
	}
	m.Recipients = splitRecipients(d.Recipients)
	return m
}

// draftOf turns a stored or recovered record back into a draft.
func draftOf(m *minutes.Meeting, section int) *draft {
	d := &draft{
		Organization: m.Organization, ParentOrganization: m.ParentOrganization, Header: m.Header,
		Number: m.Number, Title: m.Title, Place: m.Place, Location: m.Location,
		Chairs: m.Chairs, Summary: m.Summary, Agenda: m.Agenda, Comments: m.Comments,
		AtLeast: m.Attendance.AtLeast, Composition: m.Attendance.Composition, Absent: m.Attendance.Absent,
		Recipients: strings.Join(m.Recipients, "; "), Section: section,
	}
	if d.Header == "" {
		d.Header = minutes.HeaderParty
	}
	if !m.Date.IsZero() {
		d.Date = m.Date.Short()
	}
	if m.StartTime != nil {
		d.Start = m.StartTime.String()
	}
	if m.EndTime != nil {
		d.End = m.EndTime.String()
	}
	if m.Secretary != nil {
		d.Secretary = *m.Secretary
	}
	// 0 delegates is a real answer only once the attendance was asked.
	if m.Attendance.Present != 0 || section > sectionIndex("attendance") {
		d.Present = strconv.Itoa(m.Attendance.Present)
	}
	if m.Attendance.Invited != 0 {
		d.Invited = strconv.Itoa(m.Attendance.Invited)
	}
	if m.CommentCount != 0 {
		d.CommentCount = strconv.Itoa(m.CommentCount)
	}
	for _, c := range m.Conclusions {
		cd := conclusionDraft{Content: c.Content, Owner: c.Owner}
		if !c.Due.IsZero() {
			cd.Due = c.Due.Short()
		}
		d.Conclusions = append(d.Conclusions, cd)
	}
	return d
}

func splitRecipients(s string) []string {
	var out []string
	for _, r := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// section is one step of the form.
type section struct {
	name string // message key form.section.NAME
	run  func(fr *formRunner) error
}

var sections = []section{
	{"org", (*formRunner).orgSection},
	{"meeting", (*formRunner).meetingSection},
	{"chairs", (*formRunner).chairsSection},
	{"secretary", (*formRunner).secretarySection},
	{"attendance", (*formRunner).attendanceSection},
	{"absent", (*formRunner).absentSection},
	{"agenda", (*formRunner).agendaSection},
	{"summary", (*formRunner).summarySection},
	{"comments", (*formRunner).commentsSection},
	{"comment_count", (*formRunner).commentCountSection},
	{"conclusions", (*formRunner).conclusionsSection},
	{"recipients", (*formRunner).recipientsSection},
}

func sectionIndex(name string) int {
	for i, s := range sections {
		if s.name == name {
			return i
		}
	}
	panic("no form section " + name)
}

// formRunner runs the sections of one draft.
type formRunner struct {
	ctx        context.Context
	f          *factory
	d          *draft
	path       string // the recovery file
	accessible bool
	keymap     *huh.KeyMap
	host       *formHost   // the terminal UI, except in accessible mode
	in         *lineReader // accessible mode only
}

// runAddForm is `minutes add` on a terminal without a file.
func runAddForm(ctx context.Context, f *factory, accessible bool) error {
	fr := &formRunner{ctx: ctx, f: f, path: recoveryPath(), accessible: accessible, keymap: formKeyMap(f.P)}
	if accessible {
		fr.in = &lineReader{r: f.IO.In}
	} else {
		fr.host = startFormHost(ctx, f.IO)
	}
	m, err := fr.fill()
	if fr.host != nil {
		fr.host.stop() // the terminal back before anything more is printed
	}
	if err != nil {
		return fr.ended(err)
	}
	return fr.store(m)
}

// fill runs the sections not yet done and the review, until the user
// accepts the record.
func (fr *formRunner) fill() (*minutes.Meeting, error) {
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

// start offers to continue a draft left in the recovery file, or begins a
// new one from the office defaults.
func (fr *formRunner) start() (*draft, error) {
	d, saved, err := loadRecovery(fr.f.P, fr.path)
	switch {
	case err == nil:
		title := d.Title
		if title == "" {
			title = fr.f.T("form.no_title")
		}
		choice := "continue"
		sel := huh.NewSelect[string]().
			Title(fr.f.T("form.resume.question", saved.Format("15:04 02/01/2006"), title)).
			Description(fr.f.T("form.resume.where", fr.path)).
			Options(
				huh.NewOption(fr.f.T("form.resume.continue"), "continue"),
				huh.NewOption(fr.f.T("form.resume.new"), "new"),
				huh.NewOption(fr.f.T("form.resume.quit"), "quit"),
			).Value(&choice)
		if err := fr.run(huh.NewGroup(sel)); err != nil {
			return nil, err
		}
		switch choice {
		case "continue":
			return d, nil
		case "quit":
			return nil, errFormQuit
		}
	case !errors.Is(err, os.ErrNotExist):
		// Unreadable: keep it aside rather than overwrite what it holds.
		aside := fr.path + "." + time.Now().Format("20060102-150405") + ".bak"
		if rerr := os.Rename(fr.path, aside); rerr != nil {
			return nil, rerr
		}
		fr.print(fr.f.T("form.recovery_bad", fr.path, err, aside))
	}
	def, err := officeDefaults(fr.ctx, fr.f)
	if err != nil {
		return nil, err
	}
	d = &draft{
		Organization: def.Organization, ParentOrganization: def.ParentOrganization,
		Header: def.Header, Place: def.Place, Secretary: def.Secretary,
	}
	return d, nil
}

// errFormQuit: the user chose to leave, at the resume question or the
// review; the draft stays for later.
var errFormQuit = errors.New("quit")

// ended turns the way a form ended into what the user is told.
func (fr *formRunner) ended(err error) error {
	if fr.accessible {
		fmt.Fprintln(fr.f.IO.ErrOut) // after the ^C the terminal echoed
	}
	switch {
	case errors.Is(err, errFormQuit):
		fmt.Fprintln(fr.f.IO.ErrOut, fr.f.T("form.kept", fr.path))
		return errSilent
	case errors.Is(err, huh.ErrUserAborted):
		if fr.d != nil {
			fmt.Fprintln(fr.f.IO.ErrOut, fr.f.T("form.aborted", fr.path))
		} else if _, serr := os.Stat(fr.path); serr == nil {
			fmt.Fprintln(fr.f.IO.ErrOut, fr.f.T("form.kept", fr.path))
		}
		return errSilent
	}
	if fr.d != nil {
		fmt.Fprintln(fr.f.IO.ErrOut, fr.f.T("form.kept", fr.path))
	}
	return err
}

// run shows one form and waits until it is done. In accessible mode huh
// reads plain lines and cannot see Ctrl-C (it arrives as SIGINT and cancels
// ctx), so the form runs aside and an interrupt ends the wait.
func (fr *formRunner) run(groups ...*huh.Group) error {
	form := huh.NewForm(groups...).WithKeyMap(fr.keymap).WithAccessible(fr.accessible).WithOutput(fr.f.IO.ErrOut)
	if !fr.accessible {
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
func (fr *formRunner) print(text string) {
	if fr.accessible {
		fmt.Fprintln(fr.f.IO.ErrOut, text)
		return
	}
	fr.host.print(text)
}

// formHost is one Bubble Tea program that shows the forms of a session one
// after the other. One program for the whole session, not one per form:
// Bubble Tea v2.0.2 leaves the input reader of an ended program waiting on
// the terminal, and it swallows the first keys typed into the next program
// (seen in the tmux tests, where every first word of a section vanished).
type formHost struct {
	prog  *tea.Program
	ended chan struct{} // closed when the program has ended
	err   error         // why it ended, once ended is closed
}

type (
	hostShow struct {
		form *huh.Form
		done chan error
	}
	hostPrint string
	hostDone  struct {
		form *huh.Form
		err  error
	}
)

func startFormHost(ctx context.Context, io *IO) *formHost {
	h := &formHost{ended: make(chan struct{})}
	h.prog = tea.NewProgram(&hostModel{}, tea.WithContext(ctx), tea.WithInput(io.In), tea.WithOutput(io.ErrOut))
	go func() {
		defer close(h.ended)
		_, h.err = h.prog.Run()
	}()
	return h
}

func (h *formHost) show(form *huh.Form) error {
	done := make(chan error, 1)
	select {
	case <-h.ended:
		return h.endedErr()
	default:
	}
	h.prog.Send(hostShow{form, done})
	select {
	case err := <-done:
		return err
	case <-h.ended:
		return h.endedErr()
	}
}

func (h *formHost) endedErr() error {
	if h.err == nil || errors.Is(h.err, tea.ErrProgramKilled) || errors.Is(h.err, tea.ErrInterrupted) {
		return huh.ErrUserAborted // the interrupt cancelled the context
	}
	return h.err
}

func (h *formHost) print(text string) { h.prog.Send(hostPrint(text)) }

// stop ends the program and gives the terminal back.
func (h *formHost) stop() {
	h.prog.Quit()
	<-h.ended
}

// hostModel shows the current form, if any. Keys typed while there is none
// (the draft being saved between two sections) are dropped.
type hostModel struct {
	form *huh.Form
	done chan error
	size *tea.WindowSizeMsg
}

func (m *hostModel) Init() tea.Cmd { return nil }

func (m *hostModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case hostShow:
		form := msg.form
		m.form, m.done = form, msg.done
		form.SubmitCmd = func() tea.Msg { return hostDone{form, nil} }
		form.CancelCmd = func() tea.Msg { return hostDone{form, huh.ErrUserAborted} }
		cmd := form.Init()
		if m.size != nil {
			_, c := form.Update(*m.size)
			cmd = tea.Batch(cmd, c)
		}
		return m, cmd
	case hostDone:
		if msg.form == m.form {
			m.done <- msg.err
			m.form, m.done = nil, nil
		}
		return m, nil
	case hostPrint:
		return m, tea.Println(string(msg))
	case tea.WindowSizeMsg:
		m.size = &msg
	}
	if m.form == nil {
		return m, nil
	}
	_, cmd := m.form.Update(msg)
	return m, cmd
}

func (m *hostModel) View() tea.View {
	if m.form == nil {
		return tea.NewView("")
	}
	return tea.NewView(m.form.View())
}

// lineReader hands huh's accessible prompts one byte per read, so that each
// prompt's own line scanner never swallows the lines of the next, and
// notices the end of input.
type lineReader struct {
	r   io.Reader
	eof bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	n, err := l.r.Read(p)
	if errors.Is(err, io.EOF) {
		l.eof = true
	}
	return n, err
}

// review shows the whole record and asks what to do with it. again is true
// when a section is to be typed again.
func (fr *formRunner) review() (m *minutes.Meeting, again bool, err error) {
	m = fr.d.meeting()
	m.Normalize()
	problems := m.Validate()
	var b bytes.Buffer
	writeText(fr.f.P, &b, m)
	text := b.String()
	if _, rest, ok := strings.Cut(text, "\n"); ok {
		text = rest // the heading names an ID and a status the record does not have yet
	}
	review := fmt.Sprintf("\n%s\n\n%s", fr.f.bold(fr.f.T("form.review.heading")), text)
	choice := "save"
	opts := []huh.Option[string]{
		huh.NewOption(fr.f.T("form.review.save"), "save"),
		huh.NewOption(fr.f.T("form.review.edit"), "edit"),
		huh.NewOption(fr.f.T("form.review.later"), "later"),
	}
	if problems != nil {
		review += "\n" + fr.f.red(fr.f.T("form.review.problems")) + "\n" + fr.f.P.Error(problems) + "\n"
		opts, choice = opts[1:], "edit"
	}
	fr.print(review)
	if err := fr.run(huh.NewGroup(huh.NewSelect[string]().Title(fr.f.T("form.review.question")).Options(opts...).Value(&choice))); err != nil {
		return nil, false, err
	}
	switch choice {
	case "later":
		return nil, false, errFormQuit
	case "edit":
		which := 0
		var secs []huh.Option[int]
		for i, s := range sections {
			secs = append(secs, huh.NewOption(fr.f.T("form.section."+s.name), i))
		}
		if err := fr.run(huh.NewGroup(huh.NewSelect[int]().Title(fr.f.T("form.review.which")).Options(secs...).Value(&which))); err != nil {
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

// store saves the record and removes the recovery file.
func (fr *formRunner) store(m *minutes.Meeting) error {
	s, err := fr.f.Store(fr.ctx)
	if err == nil {
		err = s.CreateMeetings(fr.ctx, []*minutes.Meeting{m})
	}
	if err != nil {
		fmt.Fprintln(fr.f.IO.ErrOut, fr.f.T("form.kept", fr.path))
		return err
	}
	if err := os.Remove(fr.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		fr.f.say(fr.f.T("form.remove_failed", fr.path, err))
	}
	fmt.Fprintln(fr.f.IO.Out, m.ID)
	fr.f.say(fr.f.T("add.done", m.ID, m.Title))
	return nil
}

// recoveryPath is the draft file, in the user's data directory beside the
// default database.
func recoveryPath() string {
	p, err := sqlstore.DefaultPath()
	if err != nil {
		return filepath.Join(os.TempDir(), "minutes-bien-ban-dang-soan.yaml")
	}
	return filepath.Join(filepath.Dir(p), "bien-ban-dang-soan.yaml")
}

const sectionMark = "# section: "

// save writes the draft to the recovery file: a record in the usual YAML
// format (it can be finished by hand and loaded with add -f), with the
// section reached in a comment. Written to a temporary file and renamed, so
// a crash mid-write leaves the previous draft whole.
func (fr *formRunner) save() error {
	if fr.d == nil {
		return nil
	}
	y, err := record.MarshalYAML(fr.d.meeting())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n%s%d\n", fr.f.T("form.recovery_header"), sectionMark, fr.d.Section)
	b.Write(y)
	if err := os.MkdirAll(filepath.Dir(fr.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(fr.path), ".draft-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), fr.path)
}

// loadRecovery reads a draft left by an earlier form; os.ErrNotExist when
// there is none.
func loadRecovery(p *minutes.Printer, path string) (*draft, time.Time, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, time.Time{}, err
	}
	section := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), sectionMark); ok {
			section, _ = strconv.Atoi(strings.TrimSpace(v))
			break
		}
	}
	section = min(max(section, 0), len(sections))
	// Decode, not Meetings: a draft is incomplete by nature, and what it
	// holds is wanted even when required fields are still missing.
	docs, err := record.Decode(path, b)
	if err != nil {
		return nil, time.Time{}, errors.New(p.Error(err))
	}
	return draftOf(docs[0].Meeting, section), st.ModTime(), nil
}

// Checks run as the user types, by the rules Meeting.Validate applies.

func (fr *formRunner) checkText(s string, max int) error {
	if why := minutes.CheckText(minutes.Clean(s), max); !why.IsZero() {
		return errors.New(fr.f.P.Msg(why))
	}
	return nil
}

func (fr *formRunner) optionalText(max int) func(string) error {
	return func(s string) error { return fr.checkText(s, max) }
}

func (fr *formRunner) requiredText(max int) func(string) error {
	return func(s string) error {
		if minutes.Clean(s) == "" {
			return errors.New(fr.f.T("field.required"))
		}
		return fr.checkText(s, max)
	}
}

func (fr *formRunner) checkDate(required bool) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			if required {
				return errors.New(fr.f.T("field.required"))
			}
			return nil
		}
		_, err := minutes.ParseDate(s)
		return fr.asFieldError(err)
	}
}

func (fr *formRunner) checkClock(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := minutes.ParseClock(s)
	return fr.asFieldError(err)
}

// checkCount checks a number of people or turns: a whole number, not negative.
func (fr *formRunner) checkCount(s string, required bool) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return 0, errors.New(fr.f.T("field.required"))
		}
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New(fr.f.T("record.want_integer", s))
	}
	if n < 0 {
		return 0, errors.New(fr.f.T("number.negative", n))
	}
	return n, nil
}

func (fr *formRunner) asFieldError(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(fr.f.P.Error(err))
}

// Sections.

func (fr *formRunner) input(title string, v *string, check func(string) error) *huh.Input {
	return huh.NewInput().Title(title).Value(v).Validate(check).CharLimit(minutes.MaxTitle)
}

func (fr *formRunner) text(title string, v *string, check func(string) error) *huh.Text {
	// No external editor (Ctrl+E): it would hand the terminal to another
	// program mid-form, and nano, huh's fallback, is not on Windows; long
	// texts can be finished later with minutes edit.
	return huh.NewText().Title(title).Description(fr.f.T("form.multiline")).Value(v).
		Validate(check).CharLimit(minutes.MaxText).Lines(4).ExternalEditor(false)
}

func (fr *formRunner) group(name string, fields ...huh.Field) *huh.Group {
	title := fr.f.T("form.section." + name)
	fr.heading(title)
	return huh.NewGroup(fields...).Title(title)
}

// heading prints a section's title in accessible mode, where huh shows
// only the fields.
func (fr *formRunner) heading(title string) {
	if fr.accessible {
		fmt.Fprintf(fr.f.IO.ErrOut, "\n== %s ==\n", title)
	}
}

func (fr *formRunner) orgSection() error {
	d := fr.d
	return fr.run(fr.group("org",
		fr.input(fr.f.T("form.organization"), &d.Organization, fr.requiredText(minutes.MaxTitle)),
		fr.input(fr.f.T("form.parent_organization"), &d.ParentOrganization, fr.optionalText(minutes.MaxTitle)),
		huh.NewSelect[string]().Title(fr.f.T("form.header")).Options(
			huh.NewOption(fr.f.T("form.header.party"), minutes.HeaderParty),
			huh.NewOption(fr.f.T("form.header.state"), minutes.HeaderState),
		).Value(&d.Header),
		fr.input(fr.f.T("form.number"), &d.Number, fr.optionalText(minutes.MaxTitle)),
	))
}

func (fr *formRunner) meetingSection() error {
	d := fr.d
	return fr.run(fr.group("meeting",
		fr.input(fr.f.T("form.title"), &d.Title, fr.requiredText(minutes.MaxTitle)),
		fr.input(fr.f.T("form.date"), &d.Date, fr.checkDate(true)),
		fr.input(fr.f.T("form.start"), &d.Start, fr.checkClock),
		fr.input(fr.f.T("form.end"), &d.End, func(s string) error {
			if err := fr.checkClock(s); err != nil || strings.TrimSpace(s) == "" {
				return err
			}
			end, _ := minutes.ParseClock(s)
			if start, err := minutes.ParseClock(d.Start); err == nil && end.Minutes() < start.Minutes() {
				return errors.New(fr.f.T("time.end_before_start", end, start))
			}
			return nil
		}),
		fr.input(fr.f.T("form.place"), &d.Place, fr.optionalText(minutes.MaxTitle)),
		fr.input(fr.f.T("form.location"), &d.Location, fr.optionalText(minutes.MaxTitle)),
	))
}

func (fr *formRunner) chairsSection() error {
	return askList(fr, &fr.d.Chairs, "chair", true,
		func(p minutes.Person) bool { return minutes.Clean(p.Name) == "" && minutes.Clean(p.Title) == "" },
		func(p *minutes.Person, only func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.f.T("form.chair.name"), &p.Name, func(s string) error {
					if minutes.Clean(s) == "" && (only() || minutes.Clean(p.Title) != "") {
						return errors.New(fr.f.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.f.T("form.chair.title"), &p.Title, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *formRunner) secretarySection() error {
	s := &fr.d.Secretary
	return fr.run(fr.group("secretary",
		fr.input(fr.f.T("form.secretary.name"), &s.Name, fr.optionalText(minutes.MaxTitle)),
		fr.input(fr.f.T("form.secretary.title"), &s.Title, func(v string) error {
			if minutes.Clean(v) != "" && minutes.Clean(s.Name) == "" {
				return errors.New(fr.f.T("form.secretary_name_first"))
			}
			return fr.checkText(v, minutes.MaxTitle)
		}),
	))
}

func (fr *formRunner) attendanceSection() error {
	d := fr.d
	return fr.run(fr.group("attendance",
		fr.input(fr.f.T("form.present"), &d.Present, func(s string) error {
			_, err := fr.checkCount(s, true)
			return err
		}),
		fr.confirm(fr.f.T("form.at_least"), &d.AtLeast),
		fr.input(fr.f.T("form.invited"), &d.Invited, func(s string) error {
			invited, err := fr.checkCount(s, false)
			if err != nil {
				return err
			}
			present, _ := strconv.Atoi(strings.TrimSpace(d.Present))
			if invited > 0 && invited < present && !d.AtLeast {
				return errors.New(fr.f.T("attendance.invited_lt_present", invited, present))
			}
			return nil
		}),
		fr.text(fr.f.T("form.composition"), &d.Composition, fr.optionalText(minutes.MaxText)),
	))
}

func (fr *formRunner) absentSection() error {
	return askList(fr, &fr.d.Absent, "absent", false,
		func(a minutes.Absentee) bool { return minutes.Clean(a.Name) == "" && minutes.Clean(a.Reason) == "" },
		func(a *minutes.Absentee, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.f.T("form.absent.name"), &a.Name, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(a.Reason) != "" {
						return errors.New(fr.f.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.f.T("form.absent.reason"), &a.Reason, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *formRunner) agendaSection() error {
	return askList(fr, &fr.d.Agenda, "agenda", false,
		func(a minutes.AgendaItem) bool {
			return minutes.Clean(a.Title) == "" && minutes.Clean(a.Presenter) == ""
		},
		func(a *minutes.AgendaItem, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.f.T("form.agenda.title"), &a.Title, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(a.Presenter) != "" {
						return errors.New(fr.f.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.f.T("form.agenda.presenter"), &a.Presenter, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *formRunner) summarySection() error {
	return fr.run(fr.group("summary", fr.text(fr.f.T("form.summary"), &fr.d.Summary, fr.optionalText(minutes.MaxText))))
}

func (fr *formRunner) commentsSection() error {
	return askList(fr, &fr.d.Comments, "comment", false,
		func(c minutes.Comment) bool {
			return c == (minutes.Comment{}) || minutes.Clean(c.Speaker+c.Title+c.Content) == ""
		},
		func(c *minutes.Comment, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.f.T("form.comment.speaker"), &c.Speaker, fr.optionalText(minutes.MaxTitle)),
				fr.input(fr.f.T("form.comment.title"), &c.Title, fr.optionalText(minutes.MaxTitle)),
				fr.text(fr.f.T("form.comment.content"), &c.Content, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(c.Speaker+c.Title) != "" {
						return errors.New(fr.f.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxText)
				}),
			}
		})
}

func (fr *formRunner) commentCountSection() error {
	d := fr.d
	return fr.run(fr.group("comment_count",
		fr.input(fr.f.T("form.comment_count", len(d.Comments)), &d.CommentCount, func(s string) error {
			n, err := fr.checkCount(s, false)
			if err != nil {
				return err
			}
			if n > 0 && n < len(d.Comments) {
				return errors.New(fr.f.T("comment_count.lt_listed", n, len(d.Comments)))
			}
			return nil
		}),
	))
}

func (fr *formRunner) conclusionsSection() error {
	return askList(fr, &fr.d.Conclusions, "conclusion", false,
		func(c conclusionDraft) bool { return minutes.Clean(c.Content+c.Owner+c.Due) == "" },
		func(c *conclusionDraft, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.text(fr.f.T("form.conclusion.content"), &c.Content, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(c.Owner+c.Due) != "" {
						return errors.New(fr.f.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxText)
				}),
				fr.input(fr.f.T("form.conclusion.owner"), &c.Owner, fr.optionalText(minutes.MaxTitle)),
				fr.input(fr.f.T("form.conclusion.due"), &c.Due, fr.checkDate(false)),
			}
		})
}

func (fr *formRunner) recipientsSection() error {
	return fr.run(fr.group("recipients",
		fr.input(fr.f.T("form.recipients"), &fr.d.Recipients, func(s string) error {
			for _, r := range splitRecipients(s) {
				if err := fr.checkText(r, minutes.MaxTitle); err != nil {
					return err
				}
			}
			return nil
		}),
	))
}

func (fr *formRunner) confirm(title string, v *bool) *huh.Confirm {
	return huh.NewConfirm().Title(title).Affirmative(fr.f.T("form.yes")).Negative(fr.f.T("form.no")).Value(v)
}

// askList asks for the entries of a list one at a time: first those already
// there (from a recovered draft, or when editing from the review), where
// blanking an entry removes it, then new ones for as long as the user
// answers yes to "add another?". A blank new entry ends an optional list.
// The draft is saved after every entry.
func askList[T any](fr *formRunner, items *[]T, kind string, required bool, blank func(T) bool,
	fields func(it *T, only func() bool) []huh.Field) error {
	var zero T
	for i := 0; ; {
		if i == len(*items) {
			*items = append(*items, zero)
		}
		last := i == len(*items)-1
		it := &(*items)[i]
		more := false
		only := func() bool { return required && len(*items) == 1 }
		desc := ""
		if only() {
			desc = "" // the one entry a required list must keep
		} else if !last || !blank(*it) {
			desc = fr.f.T("form.blank_removes")
		} else if !required || i > 0 {
			desc = fr.f.T("form.blank_ends")
		}
		title := fr.f.T("form."+kind+".group", i+1)
		fr.heading(title)
		item := huh.NewGroup(fields(it, only)...).Title(title).Description(desc)
		ask := huh.NewGroup(fr.confirm(fr.f.T("form."+kind+".more", i+1), &more)).
			WithHideFunc(func() bool { return !last || blank(*it) })
		err := fr.run(item, ask)
		if blank(*it) {
			*items = append((*items)[:i], (*items)[i+1:]...)
		} else {
			i++
		}
		if serr := fr.save(); serr != nil && err == nil {
			err = serr
		}
		if err != nil {
			return err
		}
		if i >= len(*items) && !more {
			if len(*items) == 0 {
				*items = nil
			}
			return nil
		}
	}
}

// formKeyMap is huh's key map with Vietnamese help, and c/k (có/không)
// accepted beside y/n.
func formKeyMap(p *minutes.Printer) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	next, back, submit := p.T("form.key.next"), p.T("form.key.back"), p.T("form.key.submit")
	km.Input.Next.SetHelp("enter", next)
	km.Input.Prev.SetHelp("shift+tab", back)
	km.Input.Submit.SetHelp("enter", submit)
	km.Input.AcceptSuggestion.SetHelp("ctrl+e", p.T("form.key.complete"))
	km.Text.Next.SetHelp("enter", next)
	km.Text.Prev.SetHelp("shift+tab", back)
	km.Text.Submit.SetHelp("enter", submit)
	km.Text.NewLine.SetHelp("alt+enter / ctrl+j", p.T("form.key.newline"))
	km.Select.Next.SetHelp("enter", p.T("form.key.choose"))
	km.Select.Prev.SetHelp("shift+tab", back)
	km.Select.Submit.SetHelp("enter", submit)
	km.Select.Up.SetHelp("↑", p.T("form.key.up"))
	km.Select.Down.SetHelp("↓", p.T("form.key.down"))
	km.Select.Filter.SetHelp("/", p.T("form.key.filter"))
	km.Select.SetFilter.SetHelp("esc", p.T("form.key.set_filter"))
	km.Select.ClearFilter.SetHelp("esc", p.T("form.key.clear_filter"))
	km.Select.HalfPageUp.SetHelp("ctrl+u", p.T("form.key.page_up"))
	km.Select.HalfPageDown.SetHelp("ctrl+d", p.T("form.key.page_down"))
	km.Select.GotoTop.SetHelp("g/home", p.T("form.key.top"))
	km.Select.GotoBottom.SetHelp("G/end", p.T("form.key.bottom"))
	km.Confirm.Next.SetHelp("enter", next)
	km.Confirm.Prev.SetHelp("shift+tab", back)
	km.Confirm.Submit.SetHelp("enter", submit)
	km.Confirm.Toggle.SetHelp("←/→", p.T("form.key.toggle"))
	km.Confirm.Accept.SetKeys("y", "Y", "c", "C")
	km.Confirm.Reject.SetKeys("n", "N", "k", "K")
	km.Note.Next.SetHelp("enter", next)
	km.Note.Prev.SetHelp("shift+tab", back)
	km.Note.Submit.SetHelp("enter", submit)
	km.Quit.SetHelp("ctrl+c", p.T("form.key.quit"))
	return km
}

var formMessages = minutes.Messages{
	"form.section.org":           {"Cơ quan ban hành biên bản", "Organisation issuing the minutes"},
	"form.section.meeting":       {"Hội nghị: tên, ngày, giờ, địa điểm", "The meeting: title, date, time, place"},
	"form.section.chairs":        {"Người chủ trì", "Chairs"},
	"form.section.secretary":     {"Người ghi biên bản (thư ký)", "Secretary (who took the minutes)"},
	"form.section.attendance":    {"Thành phần tham dự", "Attendance"},
	"form.section.absent":        {"Đại biểu vắng mặt", "Absentees"},
	"form.section.agenda":        {"Nội dung hội nghị (các báo cáo)", "Agenda (the reports heard)"},
	"form.section.summary":       {"Tóm tắt nội dung, đánh giá", "Summary and assessment"},
	"form.section.comments":      {"Ý kiến phát biểu", "Speaker comments"},
	"form.section.comment_count": {"Số lượt phát biểu", "Speaker turns"},
	"form.section.conclusions":   {"Kết luận, chỉ đạo", "Conclusions and directives"},
	"form.section.recipients":    {"Nơi nhận", "Recipients"},

	"form.organization":        {"Cơ quan tổ chức hội nghị (*)", "Organisation holding the meeting (*)"},
	"form.parent_organization": {"Cơ quan cấp trên (dòng đầu tiêu đề)", "Parent organisation (first header line)"},
	"form.header":              {"Thể thức văn bản", "Document format"},
	"form.header.party":        {"Văn bản của Đảng (party)", "Party document (party)"},
	"form.header.state":        {"Văn bản hành chính Nhà nước (state)", "State administrative document (state)"},
	"form.number":              {"Số và ký hiệu, ví dụ 15-BB/TU", "Number and symbol, e.g. 15-BB/TU"},
	"form.title":               {"Tên hội nghị (*)", "Title of the meeting (*)"},
	"form.date":                {"Ngày họp (*), ví dụ 25/3/2021", "Date (*), e.g. 25/3/2021"},
	"form.start":               {"Giờ bắt đầu, ví dụ 07:30", "Start time, e.g. 07:30"},
	"form.end":                 {"Giờ kết thúc, ví dụ 11:15", "End time, e.g. 11:15"},
	"form.place":               {"Địa danh ở dòng ngày tháng, ví dụ Sóc Trăng", "Locality of the date line, e.g. Sóc Trăng"},
	"form.location":            {"Địa điểm họp, ví dụ Hội trường Thành ủy", "Venue, e.g. Hội trường Thành ủy"},

	"form.chair.group": {"Người chủ trì thứ %d", "Chair %d"},
	"form.chair.name":  {"Họ và tên (*)", "Full name (*)"},
	"form.chair.title": {"Chức vụ", "Titles"},
	"form.chair.more":  {"Đã có %d người chủ trì. Thêm người chủ trì?", "%d chair(s) so far. Add another chair?"},

	"form.secretary.name":       {"Họ và tên người ghi biên bản", "Full name of the secretary"},
	"form.secretary.title":      {"Chức vụ người ghi biên bản", "Title of the secretary"},
	"form.secretary_name_first": {"hãy nhập họ tên thư ký trước (hoặc để trống cả hai)", "type the secretary's name first (or leave both empty)"},

	"form.present":     {"Số đại biểu có mặt (*)", "Delegates present (*)"},
	"form.at_least":    {"Số có mặt là số ước lượng (\"trên 80 đại biểu\")?", "Is the number present a lower bound (\"over 80 delegates\")?"},
	"form.invited":     {"Số đại biểu được triệu tập (để trống nếu không rõ)", "Delegates invited (empty when not known)"},
	"form.composition": {"Thành phần tham dự, ví dụ: các đồng chí Ủy viên Ban Chấp hành…", "Who attended, e.g. the members of the Executive Committee…"},

	"form.absent.group":  {"Đại biểu vắng mặt thứ %d", "Absentee %d"},
	"form.absent.name":   {"Họ và tên", "Full name"},
	"form.absent.reason": {"Lý do vắng mặt", "Reason"},
	"form.absent.more":   {"Đã ghi %d người vắng mặt. Thêm người vắng mặt?", "%d absentee(s) so far. Add another?"},

	"form.agenda.group":     {"Nội dung thứ %d", "Agenda item %d"},
	"form.agenda.title":     {"Báo cáo, nội dung hội nghị nghe", "Report or topic heard"},
	"form.agenda.presenter": {"Người trình bày", "Presenter"},
	"form.agenda.more":      {"Đã có %d nội dung. Thêm nội dung?", "%d agenda item(s) so far. Add another?"},

	"form.summary": {"Tóm tắt nội dung các báo cáo, đánh giá", "Summary of the reports and assessment"},

	"form.comment.group":   {"Ý kiến phát biểu thứ %d", "Speaker comment %d"},
	"form.comment.speaker": {"Người phát biểu", "Speaker"},
	"form.comment.title":   {"Chức vụ, đơn vị của người phát biểu", "Speaker's title or unit"},
	"form.comment.content": {"Nội dung phát biểu", "What was said"},
	"form.comment.more":    {"Đã ghi %d ý kiến. Thêm ý kiến phát biểu?", "%d comment(s) so far. Add another?"},
	"form.comment_count":   {"Tổng số lượt phát biểu, nếu nhiều hơn %d ý kiến đã ghi (để trống nếu không)", "Total speaker turns, if more than the %d comments listed (empty if not)"},

	"form.conclusion.group":   {"Kết luận thứ %d", "Conclusion %d"},
	"form.conclusion.content": {"Nội dung kết luận, chỉ đạo", "Conclusion or directive"},
	"form.conclusion.owner":   {"Đơn vị, cá nhân thực hiện", "Responsible unit or person"},
	"form.conclusion.due":     {"Hạn hoàn thành, ví dụ 30/6/2021", "Due date, e.g. 30/6/2021"},
	"form.conclusion.more":    {"Đã có %d kết luận. Thêm kết luận?", "%d conclusion(s) so far. Add another?"},

	"form.recipients": {"Nơi nhận, cách nhau bằng dấu chấm phẩy (;)", "Recipients, separated by semicolons (;)"},

	"form.multiline":     {"Enter: sang mục sau · Alt+Enter hoặc Ctrl+J: xuống dòng", "Enter: next field · Alt+Enter or Ctrl+J: new line"},
	"form.blank_removes": {"Xóa trắng các ô để bỏ mục này.", "Clear the fields to remove this entry."},
	"form.blank_ends":    {"Để trống nếu không có (hoặc không còn).", "Leave empty if there is none (or no more)."},
	"form.yes":           {"Có", "Yes"},
	"form.no":            {"Không", "No"},

	"form.review.heading":  {"XEM LẠI BIÊN BẢN TRƯỚC KHI LƯU", "REVIEW THE MINUTES BEFORE SAVING"},
	"form.review.problems": {"Biên bản chưa lưu được:", "The minutes cannot be saved yet:"},
	"form.review.question": {"Lưu biên bản này?", "Save these minutes?"},
	"form.review.save":     {"Lưu vào cơ sở dữ liệu", "Save to the database"},
	"form.review.edit":     {"Sửa một phần", "Change a section"},
	"form.review.later":    {"Để sau (giữ bản đang soạn)", "Later (keep the draft)"},
	"form.review.which":    {"Sửa phần nào?", "Which section?"},

	"form.resume.question": {"Có một biên bản đang soạn dở (ghi lúc %s): «%s». Làm gì?", "There are unfinished minutes (saved at %s): «%s». What now?"},
	"form.resume.where":    {"Bản đang soạn được giữ trong %s", "The draft is kept in %s"},
	"form.resume.continue": {"Soạn tiếp biên bản đang dở", "Continue the unfinished minutes"},
	"form.resume.new":      {"Soạn biên bản mới (bỏ bản đang dở)", "Start new minutes (discard the draft)"},
	"form.resume.quit":     {"Thoát", "Quit"},
	"form.no_title":        {"chưa có tên", "no title yet"},

	"form.aborted":         {"Đã dừng. Những gì đã gõ được giữ trong %s; chạy lại minutes add để soạn tiếp.", "Stopped. What you typed is kept in %s; run minutes add again to continue."},
	"form.kept":            {"Bản đang soạn được giữ trong %s; chạy lại minutes add để soạn tiếp.", "The draft is kept in %s; run minutes add again to continue."},
	"form.recovery_bad":    {"Không đọc được bản đang soạn dở %s (%v); đã cất sang %s.", "Cannot read the draft %s (%v); moved it to %s."},
	"form.recovery_header": {"Biên bản đang soạn (minutes add). Chạy minutes add để soạn tiếp, hoặc điền nốt rồi: minutes add -f TỆP", "Unfinished minutes (minutes add). Run minutes add to continue, or finish it by hand and: minutes add -f FILE"},
	"form.remove_failed":   {"Không xóa được bản đang soạn %s: %v", "Cannot remove the draft %s: %v"},

	"form.key.next":         {"mục sau", "next"},
	"form.key.back":         {"quay lại", "back"},
	"form.key.submit":       {"xong", "submit"},
	"form.key.complete":     {"điền gợi ý", "complete"},
	"form.key.newline":      {"xuống dòng", "new line"},
	"form.key.choose":       {"chọn", "select"},
	"form.key.up":           {"lên", "up"},
	"form.key.down":         {"xuống", "down"},
	"form.key.filter":       {"lọc", "filter"},
	"form.key.set_filter":   {"xong lọc", "set filter"},
	"form.key.clear_filter": {"bỏ lọc", "clear filter"},
	"form.key.page_up":      {"lên nửa trang", "½ page up"},
	"form.key.page_down":    {"xuống nửa trang", "½ page down"},
	"form.key.top":          {"về đầu", "go to start"},
	"form.key.bottom":       {"về cuối", "go to end"},
	"form.key.toggle":       {"đổi", "toggle"},
	"form.key.quit":         {"dừng (giữ bản nháp)", "stop (keep the draft)"},
}
