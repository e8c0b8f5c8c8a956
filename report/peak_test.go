package report

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

// TestQuarterlyProcess renders one quarter of $REPORT_PEAK_MEETINGS
// generated meetings, for measuring a whole process's time and peak memory:
//
//	go test -c -o /tmp/report.test ./report
//	REPORT_PEAK_MEETINGS=1000 /usr/bin/time -v /tmp/report.test -test.run TestQuarterlyProcess
func TestQuarterlyProcess(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("REPORT_PEAK_MEETINGS"))
	if err != nil {
		t.Skip("set REPORT_PEAK_MEETINGS=N to measure one quarterly report of N meetings")
	}
	q := minutes.Quarter{Year: 2021, Q: 1}
	in := QuarterlyInput{Quarter: q, Org: "Thành ủy Sóc Trăng", Meetings: genMeetings(1, q, n), Previous: genMeetings(2, q.Prev(), n)}
	start := time.Now()
	out, _, err := Quarterly(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d meetings: %d pages, %d bytes in %v", n, bytes.Count(out, []byte("/Type /Page\n")), len(out), time.Since(start))
}

// TestMinutesProcess renders the long example meeting once, for measuring
// a whole process: REPORT_PEAK_MINUTES=1 /usr/bin/time -v /tmp/report.test -test.run TestMinutesProcess
func TestMinutesProcess(t *testing.T) {
	if os.Getenv("REPORT_PEAK_MINUTES") == "" {
		t.Skip("set REPORT_PEAK_MINUTES=1 to measure one minutes export")
	}
	start := time.Now()
	out, _, err := Minutes(longMeeting())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("minutes: %d bytes in %v", len(out), time.Since(start))
}
