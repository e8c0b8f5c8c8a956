package form

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/minutes-vn/minutes/minutes"
)

// section is one step of the form.
type section struct {
	name string // message key form.section.NAME
	run  func(fr *runner) error
}

var sections = []section{
	{"org", (*runner).orgSection},
	{"meeting", (*runner).meetingSection},
	{"chairs", (*runner).chairsSection},
	{"secretary", (*runner).secretarySection},
	{"attendance", (*runner).attendanceSection},
	{"absent", (*runner).absentSection},
	{"agenda", (*runner).agendaSection},
	{"summary", (*runner).summarySection},
	{"comments", (*runner).commentsSection},
	{"comment_count", (*runner).commentCountSection},
	{"conclusions", (*runner).conclusionsSection},
	{"recipients", (*runner).recipientsSection},
}

func sectionIndex(name string) int {
	for i, s := range sections {
		if s.name == name {
			return i
		}
	}
	panic("no form section " + name)
}

// Checks run as the user types, by the rules Meeting.Validate applies.

func (fr *runner) checkText(s string, max int) error {
	if why := minutes.CheckText(minutes.Clean(s), max); !why.IsZero() {
		return errors.New(fr.o.P.Msg(why))
	}
	return nil
}

func (fr *runner) optionalText(max int) func(string) error {
	return func(s string) error { return fr.checkText(s, max) }
}

func (fr *runner) requiredText(max int) func(string) error {
	return func(s string) error {
		if minutes.Clean(s) == "" {
			return errors.New(fr.T("field.required"))
		}
		return fr.checkText(s, max)
	}
}

func (fr *runner) checkDate(required bool) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			if required {
				return errors.New(fr.T("field.required"))
			}
			return nil
		}
		_, err := minutes.ParseDate(s)
		return fr.asFieldError(err)
	}
}

func (fr *runner) checkClock(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := minutes.ParseClock(s)
	return fr.asFieldError(err)
}

// checkCount checks a number of people or turns: a whole number, not negative.
func (fr *runner) checkCount(s string, required bool) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if required {
			return 0, errors.New(fr.T("field.required"))
		}
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New(fr.T("record.want_integer", s))
	}
	if n < 0 {
		return 0, errors.New(fr.T("number.negative", n))
	}
	return n, nil
}

func (fr *runner) asFieldError(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(fr.o.P.Error(err))
}

// Sections.

func (fr *runner) input(title string, v *string, check func(string) error) *huh.Input {
	return huh.NewInput().Title(title).Value(v).Validate(check).CharLimit(minutes.MaxTitle)
}

func (fr *runner) text(title string, v *string, check func(string) error) *huh.Text {
	// No external editor (Ctrl+E): it would hand the terminal to another
	// program mid-form, and nano, huh's fallback, is not on Windows; long
	// texts can be finished later with minutes edit.
	return huh.NewText().Title(title).Description(fr.T("form.multiline")).Value(v).
		Validate(check).CharLimit(minutes.MaxText).Lines(4).ExternalEditor(false)
}

func (fr *runner) group(name string, fields ...huh.Field) *huh.Group {
	title := fr.T("form.section." + name)
	fr.heading(title)
	return huh.NewGroup(fields...).Title(title)
}

// heading prints a section's title in accessible mode, where huh shows
// only the fields.
func (fr *runner) heading(title string) {
	if fr.o.Accessible {
		fmt.Fprintf(fr.o.Out, "\n== %s ==\n", title)
	}
}

func (fr *runner) orgSection() error {
	d := fr.d
	return fr.run(fr.group("org",
		fr.input(fr.T("form.organization"), &d.Organization, fr.requiredText(minutes.MaxTitle)),
		fr.input(fr.T("form.parent_organization"), &d.ParentOrganization, fr.optionalText(minutes.MaxTitle)),
		huh.NewSelect[string]().Title(fr.T("form.header")).Options(
			huh.NewOption(fr.T("form.header.party"), minutes.HeaderParty),
			huh.NewOption(fr.T("form.header.state"), minutes.HeaderState),
		).Value(&d.Header),
		fr.input(fr.T("form.number"), &d.Number, fr.optionalText(minutes.MaxTitle)),
	))
}

func (fr *runner) meetingSection() error {
	d := fr.d
	return fr.run(fr.group("meeting",
		fr.input(fr.T("form.title"), &d.Title, fr.requiredText(minutes.MaxTitle)),
		fr.input(fr.T("form.date"), &d.Date, fr.checkDate(true)),
		fr.input(fr.T("form.start"), &d.Start, fr.checkClock),
		fr.input(fr.T("form.end"), &d.End, func(s string) error {
			if err := fr.checkClock(s); err != nil || strings.TrimSpace(s) == "" {
				return err
			}
			end, _ := minutes.ParseClock(s)
			if start, err := minutes.ParseClock(d.Start); err == nil && end.Minutes() < start.Minutes() {
				return errors.New(fr.T("time.end_before_start", end, start))
			}
			return nil
		}),
		fr.input(fr.T("form.place"), &d.Place, fr.optionalText(minutes.MaxTitle)),
		fr.input(fr.T("form.location"), &d.Location, fr.optionalText(minutes.MaxTitle)),
	))
}

func (fr *runner) chairsSection() error {
	return askList(fr, &fr.d.Chairs, "chair", true,
		func(p minutes.Person) bool { return minutes.Clean(p.Name) == "" && minutes.Clean(p.Title) == "" },
		func(p *minutes.Person, only func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.T("form.chair.name"), &p.Name, func(s string) error {
					if minutes.Clean(s) == "" && (only() || minutes.Clean(p.Title) != "") {
						return errors.New(fr.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.T("form.chair.title"), &p.Title, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *runner) secretarySection() error {
	s := &fr.d.Secretary
	return fr.run(fr.group("secretary",
		fr.input(fr.T("form.secretary.name"), &s.Name, fr.optionalText(minutes.MaxTitle)),
		fr.input(fr.T("form.secretary.title"), &s.Title, func(v string) error {
			if minutes.Clean(v) != "" && minutes.Clean(s.Name) == "" {
				return errors.New(fr.T("form.secretary_name_first"))
			}
			return fr.checkText(v, minutes.MaxTitle)
		}),
	))
}

func (fr *runner) attendanceSection() error {
	d := fr.d
	return fr.run(fr.group("attendance",
		fr.input(fr.T("form.present"), &d.Present, func(s string) error {
			_, err := fr.checkCount(s, true)
			return err
		}),
		fr.confirm(fr.T("form.at_least"), &d.AtLeast),
		fr.input(fr.T("form.invited"), &d.Invited, func(s string) error {
			invited, err := fr.checkCount(s, false)
			if err != nil {
				return err
			}
			present, _ := strconv.Atoi(strings.TrimSpace(d.Present))
			if invited > 0 && invited < present && !d.AtLeast {
				return errors.New(fr.T("attendance.invited_lt_present", invited, present))
			}
			return nil
		}),
		fr.text(fr.T("form.composition"), &d.Composition, fr.optionalText(minutes.MaxText)),
	))
}

func (fr *runner) absentSection() error {
	return askList(fr, &fr.d.Absent, "absent", false,
		func(a minutes.Absentee) bool { return minutes.Clean(a.Name) == "" && minutes.Clean(a.Reason) == "" },
		func(a *minutes.Absentee, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.T("form.absent.name"), &a.Name, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(a.Reason) != "" {
						return errors.New(fr.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.T("form.absent.reason"), &a.Reason, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *runner) agendaSection() error {
	return askList(fr, &fr.d.Agenda, "agenda", false,
		func(a minutes.AgendaItem) bool {
			return minutes.Clean(a.Title) == "" && minutes.Clean(a.Presenter) == ""
		},
		func(a *minutes.AgendaItem, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.T("form.agenda.title"), &a.Title, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(a.Presenter) != "" {
						return errors.New(fr.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxTitle)
				}),
				fr.input(fr.T("form.agenda.presenter"), &a.Presenter, fr.optionalText(minutes.MaxTitle)),
			}
		})
}

func (fr *runner) summarySection() error {
	return fr.run(fr.group("summary", fr.text(fr.T("form.summary"), &fr.d.Summary, fr.optionalText(minutes.MaxText))))
}

func (fr *runner) commentsSection() error {
	return askList(fr, &fr.d.Comments, "comment", false,
		func(c minutes.Comment) bool {
			return c == (minutes.Comment{}) || minutes.Clean(c.Speaker+c.Title+c.Content) == ""
		},
		func(c *minutes.Comment, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.input(fr.T("form.comment.speaker"), &c.Speaker, fr.optionalText(minutes.MaxTitle)),
				fr.input(fr.T("form.comment.title"), &c.Title, fr.optionalText(minutes.MaxTitle)),
				fr.text(fr.T("form.comment.content"), &c.Content, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(c.Speaker+c.Title) != "" {
						return errors.New(fr.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxText)
				}),
			}
		})
}

func (fr *runner) commentCountSection() error {
	d := fr.d
	return fr.run(fr.group("comment_count",
		fr.input(fr.T("form.comment_count", len(d.Comments)), &d.CommentCount, func(s string) error {
			n, err := fr.checkCount(s, false)
			if err != nil {
				return err
			}
			if n > 0 && n < len(d.Comments) {
				return errors.New(fr.T("comment_count.lt_listed", n, len(d.Comments)))
			}
			return nil
		}),
	))
}

func (fr *runner) conclusionsSection() error {
	return askList(fr, &fr.d.Conclusions, "conclusion", false,
		func(c conclusionDraft) bool { return minutes.Clean(c.Content+c.Owner+c.Due) == "" },
		func(c *conclusionDraft, _ func() bool) []huh.Field {
			return []huh.Field{
				fr.text(fr.T("form.conclusion.content"), &c.Content, func(s string) error {
					if minutes.Clean(s) == "" && minutes.Clean(c.Owner+c.Due) != "" {
						return errors.New(fr.T("field.required"))
					}
					return fr.checkText(s, minutes.MaxText)
				}),
				fr.input(fr.T("form.conclusion.owner"), &c.Owner, fr.optionalText(minutes.MaxTitle)),
				fr.input(fr.T("form.conclusion.due"), &c.Due, fr.checkDate(false)),
			}
		})
}

func (fr *runner) recipientsSection() error {
	return fr.run(fr.group("recipients",
		fr.input(fr.T("form.recipients"), &fr.d.Recipients, func(s string) error {
			for _, r := range splitRecipients(s) {
				if err := fr.checkText(r, minutes.MaxTitle); err != nil {
					return err
				}
			}
			return nil
		}),
	))
}

func (fr *runner) confirm(title string, v *bool) *huh.Confirm {
	return huh.NewConfirm().Title(title).Affirmative(fr.T("form.yes")).Negative(fr.T("form.no")).Value(v)
}

// askList asks for the entries of a list one at a time: first those already
// there (from a recovered draft, or when editing from the review), where
// blanking an entry removes it, then new ones for as long as the user
// answers yes to "add another?". A blank new entry ends an optional list.
// The draft is saved after every entry.
func askList[T any](fr *runner, items *[]T, kind string, required bool, blank func(T) bool,
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
			desc = fr.T("form.blank_removes")
		} else if !required || i > 0 {
			desc = fr.T("form.blank_ends")
		}
		title := fr.T("form."+kind+".group", i+1)
		fr.heading(title)
		item := huh.NewGroup(fields(it, only)...).Title(title).Description(desc)
		ask := huh.NewGroup(fr.confirm(fr.T("form."+kind+".more", i+1), &more)).
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
