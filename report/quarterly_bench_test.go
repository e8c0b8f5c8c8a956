package report

import (
	"fmt"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

// BenchmarkQuarterly shows how time and memory grow with the number of
// meetings: linearly, per the 100 / 1,000 / 5,000.
func BenchmarkQuarterly(b *testing.B) {
	q := minutes.Quarter{Year: 2021, Q: 1}
	for _, n := range []int{100, 1000, 5000} {
		in := QuarterlyInput{Quarter: q, Org: "Thành ủy Sóc Trăng", Meetings: genMeetings(1, q, n), Previous: genMeetings(2, q.Prev(), n)}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				out, _, err := Quarterly(in)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size)/1e6, "MB-pdf")
		})
	}
}
