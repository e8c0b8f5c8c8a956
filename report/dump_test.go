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
