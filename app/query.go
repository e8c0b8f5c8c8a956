package app

import (
	"github.com/minutes-vn/minutes/minutes"
)

// ListQuery is a choice of meetings as a person writes it: a quarter
// (2021-Q1, I/2021…), a year, a range of dates (25/3/2021), an
// organisation, words to search, a status and how many.
type ListQuery struct {
	Quarter, From, To, Org, Search, Status string
	Year, Limit                            int
	// Offset skips the first meetings (paging); Newest puts the newest first.
	Offset int
	Newest bool
}

// Filter checks every part of q and returns the filter it stands for.
// EUSAGE naming the part that is wrong.
func (q ListQuery) Filter() (minutes.Filter, error) {
	var fl minutes.Filter
	if q.Quarter != "" && q.Year != 0 {
		return fl, minutes.Errorm(minutes.EUSAGE, "list.quarter_and_year")
	}
	if q.Quarter != "" {
		qq, err := minutes.ParseQuarter(q.Quarter)
		if err != nil {
			return fl, err
		}
		fl.From, fl.To = qq.First(), qq.Last()
	}
	if q.Year != 0 {
		if q.Year < 1900 || q.Year > 2200 {
			return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_year", q.Year)
		}
		fl.From, fl.To = minutes.NewDate(q.Year, 1, 1), minutes.NewDate(q.Year, 12, 31)
	}
	for _, d := range []struct {
		name, value string
		to          *minutes.Date
	}{{"--from", q.From, &fl.From}, {"--to", q.To, &fl.To}} {
		if d.value == "" {
			continue
		}
		v, err := minutes.ParseDate(d.value)
		if err != nil {
			return fl, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", d.name, err)
		}
		*d.to = v
	}
	switch q.Status {
	case "", minutes.StatusDraft, minutes.StatusFinalized:
	default:
		return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_status", q.Status)
	}
	if q.Limit < 0 {
		return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_limit", q.Limit)
	}
	if q.Offset < 0 {
		return fl, minutes.Errorm(minutes.EUSAGE, "list.bad_offset", q.Offset)
	}
	fl.Org, fl.Search, fl.Status, fl.Limit = q.Org, q.Search, q.Status, q.Limit
	fl.Offset, fl.Newest = q.Offset, q.Newest
	return fl, nil
}

// TaskQuery is a choice of tasks as a person writes it.
type TaskQuery struct {
	Owner, Status, DueBefore, Org, Quarter string
	Overdue                                bool
}

// Filter checks every part of q and returns the filter it stands for,
// judging overdue tasks on today. EUSAGE naming the part that is wrong.
func (q TaskQuery) Filter(today minutes.Date) (minutes.TaskFilter, error) {
	fl := minutes.TaskFilter{Owner: q.Owner, Status: q.Status, Org: q.Org, Overdue: q.Overdue, Today: today}
	if q.Quarter != "" {
		qq, err := minutes.ParseQuarter(q.Quarter)
		if err != nil {
			return fl, err
		}
		fl.From, fl.To = qq.First(), qq.Last()
	}
	if q.DueBefore != "" {
		d, err := minutes.ParseDate(q.DueBefore)
		if err != nil {
			return fl, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--due-before", err)
		}
		fl.DueBefore = d
	}
	return fl, fl.Validate()
}

var queryMessages = minutes.Messages{
	"cli.bad_flag":          {"%s: %s", "%s: %s"},
	"list.quarter_and_year": {"chỉ dùng một trong --quarter và --year", "use either --quarter or --year, not both"},
	"list.bad_year":         {"năm %d không hợp lệ", "year %d is not valid"},
	"list.bad_limit":        {"--limit %d không hợp lệ; dùng một số từ 0 trở lên", "--limit %d is not valid; use a number from 0 up"},
	"list.bad_offset":       {"vị trí bắt đầu %d không hợp lệ; dùng một số từ 0 trở lên", "offset %d is not valid; use a number from 0 up"},
	"list.bad_status":       {"trạng thái %q không hợp lệ; dùng draft hoặc finalized", "status %q is not valid; use draft or finalized"},
}
