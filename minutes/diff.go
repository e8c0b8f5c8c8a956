package minutes

import "reflect"

// ChangedFields lists the record fields (top-level keys of the record
// format) whose content differs between a and b, for the history.
func ChangedFields(a, b *Meeting) []string {
	var out []string
	add := func(name string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			out = append(out, name)
		}
	}
	add("organization", a.Organization, b.Organization)
	add("parent_organization", a.ParentOrganization, b.ParentOrganization)
	add("header", a.Header, b.Header)
	add("number", a.Number, b.Number)
	add("title", a.Title, b.Title)
	add("date", a.Date, b.Date)
	add("start_time", a.StartTime, b.StartTime)
	add("end_time", a.EndTime, b.EndTime)
	add("place", a.Place, b.Place)
	add("location", a.Location, b.Location)
	add("chairs", emptyNil(a.Chairs), emptyNil(b.Chairs))
	add("secretary", a.Secretary, b.Secretary)
	add("attendance", normAttendance(a.Attendance), normAttendance(b.Attendance))
	add("agenda", emptyNil(a.Agenda), emptyNil(b.Agenda))
	add("summary", a.Summary, b.Summary)
	add("comments", emptyNil(a.Comments), emptyNil(b.Comments))
	add("comment_count", a.CommentCount, b.CommentCount)
	add("conclusions", conclusionContent(a.Conclusions), conclusionContent(b.Conclusions))
	add("recipients", emptyNil(a.Recipients), emptyNil(b.Recipients))
	add("notice", normNotice(a.Notice), normNotice(b.Notice))
	return out
}

func normNotice(n *Notice) *Notice {
	if n.IsZero() {
		return nil
	}
	c := *n
	c.Recipients = emptyNil(c.Recipients)
	return &c
}

func emptyNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func normAttendance(a Attendance) Attendance {
	a.Absent = emptyNil(a.Absent)
	return a
}

// conclusionContent drops the store's IDs, which are not content.
func conclusionContent(cs []Conclusion) []Conclusion {
	out := make([]Conclusion, 0, len(cs))
	for _, c := range cs {
		c.ID = 0
		out = append(out, c)
	}
	return emptyNil(out)
}
