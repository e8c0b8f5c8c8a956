package form

import (
	"charm.land/huh/v2"

	"github.com/minutes-vn/minutes/minutes"
)

// keyMap is huh's key map with Vietnamese help, and c/k (có/không)
// accepted beside y/n.
func keyMap(p *minutes.Printer) *huh.KeyMap {
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
