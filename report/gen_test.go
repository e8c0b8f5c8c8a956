package report

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
)

var (
	genWords = strings.Fields("công tác lãnh đạo chỉ đạo triển khai thực hiện nghị quyết đại hội đảng bộ phường xã kinh tế xã hội quốc phòng an ninh xây dựng hệ thống chính trị kiểm tra giám sát cải cách hành chính chuyển đổi số nông thôn mới đô thị văn minh bầu cử đại biểu Quốc hội Hội đồng nhân dân các cấp nhiệm kỳ tuyển quân phòng chống dịch bệnh")
	genNames = strings.Fields("Nguyễn Trần Lê Phạm Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Thạch Lâm")
	genMid   = strings.Fields("Văn Thị Hoàng Minh Thanh Ngọc Quốc Thu Bích Hữu")
	genLast  = strings.Fields("Quận Phượng Nhung Đức Lợi Phúc Hà Việt Út Ngọc Khoa Yến Sa Rươl Bé")
	genOrgs  = []string{"Thành ủy Sóc Trăng", "Đảng ủy Phường 2", "Ủy ban nhân dân Phường 5", "Đảng ủy xã Phú Mỹ"}
)

func genText(r *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = genWords[r.IntN(len(genWords))]
	}
	return capitalize(strings.Join(w, " "))
}

func genName(r *rand.Rand) string {
	return genNames[r.IntN(len(genNames))] + " " + genMid[r.IntN(len(genMid))] + " " + genLast[r.IntN(len(genLast))]
}

// genMeetings makes n meetings of realistic size dated in q, for the
// organisations given (round robin), reproducible from seed.
func genMeetings(seed uint64, q minutes.Quarter, n int, orgs ...string) []*minutes.Meeting {
	r := rand.New(rand.NewPCG(seed, 7))
	if len(orgs) == 0 {
		orgs = genOrgs[:1]
	}
	first := q.First()
	days := q.Last().Time().Sub(first.Time()).Hours()/24 + 1
	ms := make([]*minutes.Meeting, n)
	for i := range ms {
		org := orgs[i%len(orgs)]
		m := &minutes.Meeting{
			ID:                 int64(i + 1),
			Organization:       org,
			ParentOrganization: "Đảng bộ tỉnh Sóc Trăng",
			Header:             minutes.HeaderParty,
			Number:             fmt.Sprintf("%d-BB/TU", i+1),
			Title:              "Hội nghị " + strings.ToLower(genText(r, 8+r.IntN(30))),
			Date:               first.AddDays(r.IntN(int(days))),
			StartTime:          clock(7+r.IntN(8), 30),
			Place:              "Sóc Trăng",
			Location:           "Hội trường " + org,
			Chairs:             []minutes.Person{{Name: genName(r), Title: "Bí thư " + org}},
			Secretary:          &minutes.Person{Name: genName(r)},
			Attendance:         minutes.Attendance{Present: 10 + r.IntN(140), AtLeast: r.IntN(5) == 0},
			Summary:            genText(r, 80+r.IntN(200)),
		}
		if strings.HasPrefix(org, "Ủy ban") {
			m.Header = minutes.HeaderState
		}
		if r.IntN(4) == 0 {
			m.Chairs = append(m.Chairs, minutes.Person{Name: genName(r), Title: "Phó Bí thư"})
		}
		for range 1 + r.IntN(4) {
			m.Agenda = append(m.Agenda, minutes.AgendaItem{Title: genText(r, 10+r.IntN(20))})
		}
		for range r.IntN(8) {
			m.Comments = append(m.Comments, minutes.Comment{Speaker: genName(r), Content: genText(r, 15+r.IntN(40))})
		}
		if r.IntN(3) == 0 {
			m.CommentCount = len(m.Comments) + r.IntN(6)
		}
		for range r.IntN(7) {
			c := minutes.Conclusion{Content: genText(r, 15+r.IntN(40))}
			if r.IntN(2) == 0 {
				c.Owner = "Ban Thường vụ " + org
				c.Due = m.Date.AddDays(15 + r.IntN(60))
			}
			m.Conclusions = append(m.Conclusions, c)
		}
		ms[i] = m
	}
	return ms
}
