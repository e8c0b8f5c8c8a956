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

// BenchmarkNotice is the notice of conclusions of the seed meeting beside
// its minutes (BenchmarkMinutes/seed): one more page of text, one more
// layout step.
func BenchmarkNotice(b *testing.B) {
	for name, in := range map[string]NoticeInput{"party": partyNoticeInput(), "state": stateNoticeInput()} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Notice(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkYearReport is a year's report over four bodies, its meetings
// and the year before's: time and memory grow linearly with the meetings.
func BenchmarkYearReport(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000} {
		var cur, prev []*minutes.Meeting
		for q := 1; q <= 4; q++ {
			cur = append(cur, genMeetings(uint64(q), minutes.Quarter{Year: 2021, Q: q}, n/4, genOrgs...)...)
			prev = append(prev, genMeetings(uint64(10+q), minutes.Quarter{Year: 2020, Q: q}, n/4, genOrgs...)...)
		}
		in := ReportInput{Period: minutes.YearPeriod(2021), Meetings: cur, Previous: prev, Issuer: "Văn phòng", IssuerParent: "Tỉnh ủy Sóc Trăng",
			Number: "03-BC/VPTU", Signer: testSigner, Recipients: []string{"Thường trực Tỉnh ủy", "Lưu Văn phòng"}}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				out, _, err := Report(in)
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size)/1e6, "MB-pdf")
		})
	}
}
