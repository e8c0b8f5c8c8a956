package testdb

import (
	"fmt"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

var (
	orgs   = []string{"Thành ủy Sóc Trăng", "Đảng ủy xã Phú Mỹ", "Ủy ban nhân dân Phường 2", "Huyện ủy Mỹ Tú"}
	names  = []string{"Nguyễn Văn Quận", "Trần Thị Hồng Nhung", "Lê Minh Đức", "Phạm Thị Ánh Tuyết", "Huỳnh Quốc Việt", "Đặng Thị Thu Hà"}
	topics = []string{"kết nạp đảng viên mới", "chỉnh trang đô thị", "bầu cử đại biểu Quốc hội khóa XV", "phòng, chống dịch Covid-19", "tuyển quân năm 2021", "chương trình OCOP"}
)

// Meeting returns the i-th generated meeting: realistic sizes (two chairs,
// three agenda items, four comments, four conclusions, two recipients —
// about fifteen child rows) and a date spread over 2021 by i.
func Meeting(i int) *minutes.Meeting {
	day := minutes.DateOf(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365))
	org := orgs[i%len(orgs)]
	header := minutes.HeaderParty
	if i%len(orgs) == 2 {
		header = minutes.HeaderState
	}
	start := minutes.Clock{Hour: 7 + i%3, Minute: 30}
	end := minutes.Clock{Hour: 11, Minute: 15}
	m := &minutes.Meeting{
		Organization:       org,
		ParentOrganization: "Đảng bộ tỉnh Sóc Trăng",
		Header:             header,
		Number:             fmt.Sprintf("%d-BB/TU", i+1),
		Title:              fmt.Sprintf("Hội nghị số %d về %s và %s", i+1, topics[i%len(topics)], topics[(i+1)%len(topics)]),
		Date:               day,
		StartTime:          &start,
		EndTime:            &end,
		Place:              "Sóc Trăng",
		Location:           "Hội trường Thành ủy",
		Chairs: []minutes.Person{
			{Name: names[i%len(names)], Title: "Bí thư Thành ủy"},
			{Name: names[(i+1)%len(names)], Title: "Phó Bí thư Thường trực"},
		},
		Secretary: &minutes.Person{Name: names[(i+2)%len(names)], Title: "Chánh Văn phòng"},
		Attendance: minutes.Attendance{
			Present: 20 + i%60, Invited: 85,
			Absent:      []minutes.Absentee{{Name: names[(i+3)%len(names)], Reason: "đi công tác"}},
			Composition: "các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố",
		},
		Summary:      "Nhìn chung, tình hình kinh tế tiếp tục tăng trưởng; thu ngân sách vượt kế hoạch đề ra. " + topics[i%len(topics)],
		CommentCount: 8,
		Recipients:   []string{"Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng"},
	}
	for k := 0; k < 3; k++ {
		m.Agenda = append(m.Agenda, minutes.AgendaItem{Title: "Báo cáo " + topics[(i+k)%len(topics)], Presenter: names[k]})
	}
	for k := 0; k < 4; k++ {
		m.Comments = append(m.Comments, minutes.Comment{Speaker: names[(i+k)%len(names)], Title: "Ủy viên", Content: "Ý kiến về " + topics[(i+k)%len(topics)]})
	}
	for k := 0; k < 4; k++ {
		m.Conclusions = append(m.Conclusions, minutes.Conclusion{
			Content: "Tập trung chỉ đạo " + topics[(i+k)%len(topics)],
			Owner:   names[(i+k+1)%len(names)],
			Due:     day.AddDays(30 * (k + 1)),
		})
	}
	return m
}
