package report

import (
	"github.com/minutes-vn/minutes/minutes"
	"os"
	"testing"
)

// TestDump writes sample PDFs to $REPORT_DUMP for a person to look at.
func TestDump(t *testing.T) {
	dir := os.Getenv("REPORT_DUMP")
	if dir == "" {
		t.Skip("set REPORT_DUMP=DIR to write sample PDFs")
	}
	for name, m := range map[string]func() *minutes.Meeting{"seed": seedMeeting, "state": stateMeeting, "long": longMeeting} {
		out, ws, err := Minutes(m())
		if err != nil {
			t.Fatal(err)
		}
		t.Log(name, ws)
		os.WriteFile(dir+"/"+name+".pdf", out, 0o644)
	}
}

func TestDumpQuarterly(t *testing.T) {
	dir := os.Getenv("REPORT_DUMP")
	if dir == "" {
		t.Skip("set REPORT_DUMP=DIR to write sample PDFs")
	}
	q := minutes.Quarter{Year: 2021, Q: 1}
	for name, in := range map[string]QuarterlyInput{
		"q-one":   {Quarter: q, Org: "Thành ủy Sóc Trăng", Meetings: genMeetings(1, q, 40), Previous: genMeetings(2, q.Prev(), 30)},
		"q-multi": {Quarter: q, Meetings: genMeetings(3, q, 60, genOrgs...), Previous: genMeetings(4, q.Prev(), 50, genOrgs...)},
		"q-empty": {Quarter: q, Org: "Thành ủy Sóc Trăng", Previous: genMeetings(2, q.Prev(), 30)},
	} {
		out, ws, err := Quarterly(in)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(name, ws)
		os.WriteFile(dir+"/"+name+".pdf", out, 0o644)
	}
}
