package form

import (
	"context"
	"errors"
	"io"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// host is one Bubble Tea program that shows the forms of a session one
// after the other. One program for the whole session, not one per form:
// Bubble Tea v2.0.2 leaves the input reader of an ended program waiting on
// the terminal, and it swallows the first keys typed into the next program
// (seen in the tmux tests, where every first word of a section vanished).
type host struct {
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

func startHost(ctx context.Context, in io.Reader, out io.Writer) *host {
	h := &host{ended: make(chan struct{})}
	h.prog = tea.NewProgram(&hostModel{}, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out))
	go func() {
		defer close(h.ended)
		_, h.err = h.prog.Run()
	}()
	return h
}

func (h *host) show(form *huh.Form) error {
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

func (h *host) endedErr() error {
	if h.err == nil || errors.Is(h.err, tea.ErrProgramKilled) || errors.Is(h.err, tea.ErrInterrupted) {
		return huh.ErrUserAborted // the interrupt cancelled the context
	}
	return h.err
}

func (h *host) print(text string) { h.prog.Send(hostPrint(text)) }

// stop ends the program and gives the terminal back.
func (h *host) stop() {
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
