package report

import (
	"fmt"
	"strings"
	gotime "time"

	"github.com/minutes-vn/minutes/minutes"
)

func clock(h, m int) *minutes.Clock { return &minutes.Clock{Hour: h, Minute: m} }

// seedMeeting is the conference of ../shared/seed/000_5b83470a0254a03d.txt:
// the Sóc Trăng City Party Standing Board on 25/3/2021.
func seedMeeting() *minutes.Meeting {
	return &minutes.Meeting{
		Organization:       "Thành ủy Sóc Trăng",
		ParentOrganization: "Đảng bộ tỉnh Sóc Trăng",
		Header:             minutes.HeaderParty,
		Number:             "15-BB/TU",
		Title:              "Hội nghị đánh giá tình hình kinh tế - xã hội, quốc phòng an ninh, xây dựng hệ thống chính trị quý I/2021 và một số nhiệm vụ chủ yếu quý II/2021",
		Date:               minutes.NewDate(2021, 3, 25),
		StartTime:          clock(7, 30),
		EndTime:            clock(11, 15),
		Place:              "Sóc Trăng",
		Location:           "Hội trường Thành ủy Sóc Trăng",
		Chairs: []minutes.Person{{
			Name:  "Nguyễn Văn Quận",
			Title: "Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy, Chủ tịch Ủy ban nhân dân thành phố",
		}},
		Secretary: &minutes.Person{Name: "Ngọc Phượng"},
		Attendance: minutes.Attendance{
			Present: 80, AtLeast: true,
			Composition: "các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành phố, các đồng chí Ủy viên Ủy ban kiểm tra Thành ủy, trưởng các phòng, ban, ngành, Mặt trận và các đoàn thể thành phố, Bí thư các chi bộ, đảng bộ trực thuộc Thành ủy, Chủ tịch Ủy ban nhân dân 10 phường",
		},
		Agenda: []minutes.AgendaItem{
			{Title: "Chương trình của Ban Chấp hành Đảng bộ thành phố thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020-2025"},
			{Title: "Báo cáo và kết luận về tình hình kinh tế - xã hội, quốc phòng – an ninh, xây dựng hệ thống chính trị quý I/2021 và phương hướng, nhiệm vụ chủ yếu quý II/2021"},
			{Title: "Báo cáo cơ cấu và nhân sự chủ chốt tham gia ứng cử đại biểu Hội đồng nhân dân thành phố"},
		},
		Summary: "Nhìn chung, tình hình kinh tế tiếp tục tăng trưởng, tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng xã hội, giá trị sản xuất công nghiệp tăng so với cùng kỳ; thị trường sản phẩm hàng hóa và các mặt hàng thiết yếu phục vụ Tết đa dạng, phong phú đáp ứng nhu cầu người tiêu dùng, không có hiện tượng thiếu hàng, khan hiếm, sốt giá; thu ngân sách trong cân đối vượt kế hoạch đề ra. Tình hình sản xuất lúa vụ Đông Xuân chính vụ năm 2020 - 2021 được thuận lợi, đảm bảo nông dân được mùa, trúng giá, lợi nhuận ước đạt 20 - 25,5 triệu đồng/ha.\n" +
			"Tình hình an ninh chính trị được giữ vững ổn định; chỉ đạo hoàn thành tốt công tác tuyển quân năm 2021. Hệ thống chính trị tiếp tục phát huy hiệu lực, hiệu quả hoạt động. Công tác chuẩn bị cho cuộc bầu cử đại biểu Quốc hội khoá XV và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026 được chủ động, đảm bảo đúng luật định.",
		Comments: []minutes.Comment{
			{Content: "tình hình kết nạp đảng viên mới"},
			{Content: "tình hình triển khai thực hiện Chương trình mỗi xã, phường một sản phẩm OCOP"},
			{Content: "công tác lãnh đạo, chỉ đạo về chỉnh trang quản lý đô thị, nhất là lĩnh vực trật tự xây dựng, trật tự đô thị, bảo vệ môi trường trên địa bàn"},
			{Content: "những thuận lợi khó khăn, nguyên nhân, bài học kinh nghiệm, giải pháp khắc phục những hạn chế để tiếp tục nâng cao chất lượng công tác tuyển quân các năm tiếp theo"},
			{Content: "đánh giá kết quả thực hiện các mặt công tác chuẩn bị cho việc tổ chức cuộc bầu cử đại biểu Quốc hội khóa XV và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026"},
		},
		CommentCount: 8,
		Conclusions: []minutes.Conclusion{
			{Content: "Tập trung lãnh đạo, chỉ đạo trên tất cả các mặt công tác, trong đó tập trung bứt phá xây dựng thành phố Sóc Trăng phát triển bền vững đạt tiêu chí đô thị loại II, hướng tới đô thị thông minh gắn với bảo vệ môi trường, đảm bảo an ninh trật tự - an toàn xã hội"},
			{Content: "Lãnh đạo, chỉ đạo tổ chức đạt yêu cầu cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026", Owner: "Ban Thường vụ Thành ủy", Due: minutes.NewDate(2021, 5, 23)},
		},
		Recipients: []string{"Ban Thường vụ Tỉnh ủy", "Các đồng chí Thành ủy viên", "Lưu Văn phòng Thành ủy"},
	}
}

// stateMeeting is a People's Committee meeting in the Mẫu 1.9 style.
func stateMeeting() *minutes.Meeting {
	return &minutes.Meeting{
		Organization:       "Ủy ban nhân dân Phường 2",
		ParentOrganization: "Ủy ban nhân dân thành phố Sóc Trăng",
		Header:             minutes.HeaderState,
		Number:             "07/BB-UBND",
		Title:              "Cuộc họp giao ban công tác tháng 02 năm 2021",
		Date:               minutes.NewDate(2021, 3, 2),
		StartTime:          clock(8, 0),
		EndTime:            clock(10, 30),
		Place:              "Sóc Trăng",
		Location:           "Phòng họp Ủy ban nhân dân Phường 2, số 93 đường Phú Lợi",
		Chairs:             []minutes.Person{{Name: "Trần Thị Hồng Nhung", Title: "Chủ tịch Ủy ban nhân dân Phường 2"}},
		Secretary:          &minutes.Person{Name: "Lê Minh Đức", Title: "Công chức Văn phòng - Thống kê"},
		Attendance: minutes.Attendance{
			Present: 14, Invited: 16,
			Absent: []minutes.Absentee{
				{Name: "Phạm Văn Út", Reason: "đi học lớp bồi dưỡng tại tỉnh"},
				{Name: "Huỳnh Thị Bích Ngọc", Reason: "nghỉ phép"},
			},
			Composition: "Các Phó Chủ tịch, công chức chuyên môn, Trưởng Công an phường, Chỉ huy trưởng Ban Chỉ huy Quân sự phường và Trưởng các khóm",
		},
		Agenda: []minutes.AgendaItem{
			{Title: "Báo cáo kết quả thực hiện nhiệm vụ tháng 02 và kế hoạch tháng 3 năm 2021", Presenter: "Võ Thành Lợi, Phó Chủ tịch Ủy ban nhân dân phường"},
			{Title: "Công tác phòng, chống dịch Covid-19 sau Tết Nguyên đán Tân Sửu", Presenter: "Trạm Y tế phường"},
		},
		Summary: "Trong tháng 02 năm 2021, Ủy ban nhân dân phường tập trung chăm lo Tết cho gia đình chính sách, hộ nghèo, hộ cận nghèo; tổ chức trực Tết an toàn, không để xảy ra cháy nổ. Thu ngân sách đạt 18,6% dự toán năm.\nTồn tại: việc lấn chiếm lòng lề đường ở khu vực chợ còn tái diễn; tiến độ cấp giấy chứng nhận quyền sử dụng đất còn chậm.",
		Comments: []minutes.Comment{
			{Speaker: "Nguyễn Hoàng Phúc", Title: "Trưởng Công an phường", Content: "Đề nghị tăng cường tuần tra kiểm soát khu vực chợ vào giờ cao điểm và xử lý dứt điểm các trường hợp tái phạm."},
			{Speaker: "Đặng Thị Thu Hà", Title: "Công chức Địa chính - Xây dựng", Content: "Đề xuất lập tổ công tác rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng."},
		},
		Conclusions: []minutes.Conclusion{
			{Content: "Ra quân lập lại trật tự lòng lề đường khu vực chợ Phường 2, xử lý nghiêm các trường hợp tái phạm", Owner: "Công an phường phối hợp Tổ quản lý trật tự đô thị", Due: minutes.NewDate(2021, 3, 15)},
			{Content: "Khảo sát, lập dự toán nạo vét cống thoát nước hẻm 142", Owner: "Văn phòng Ủy ban nhân dân phường", Due: minutes.NewDate(2021, 4, 10)},
		},
		Recipients: []string{"Ủy ban nhân dân thành phố (để báo cáo)", "Thường trực Đảng ủy phường", "Lưu VT"},
	}
}

// longMeeting runs over several pages: two co-chairs, many comments and
// conclusions.
func longMeeting() *minutes.Meeting {
	m := seedMeeting()
	m.Number = "42-BB/ĐU"
	m.Chairs = append(m.Chairs, minutes.Person{Name: "Lâm Thị Thu Hà", Title: "Phó Bí thư Thường trực Thành ủy"})
	m.Date = minutes.NewDate(2021, 2, 5)
	m.Attendance.Absent = []minutes.Absentee{{Name: "Trần Văn A", Reason: "đi công tác"}, {Name: "Lê Thị B", Reason: "ốm"}}
	m.Attendance.Invited = 85
	for i := 0; i < 25; i++ {
		m.Comments = append(m.Comments, minutes.Comment{
			Speaker: []string{"Trần Minh Khoa", "Lý Thị Sa Rươl", "Đoàn Văn Ước", "Hứa Thị Yến", "Thạch Sô Phép"}[i%5],
			Title:   "Bí thư Đảng ủy phường " + fmt.Sprint(i%10+1),
			Content: strings.Repeat("Đề nghị tăng cường công tác kiểm tra, giám sát việc thực hiện nghị quyết ở cơ sở. ", 1+i%4),
		})
	}
	m.CommentCount = 40
	for i := 0; i < 20; i++ {
		m.Conclusions = append(m.Conclusions, minutes.Conclusion{
			Content: fmt.Sprintf("Kết luận thứ %d: ", i+3) + strings.Repeat("các cấp ủy, tổ chức đảng tiếp tục quán triệt và triển khai thực hiện nghiêm túc ", 1+i%3),
			Owner:   "Các chi bộ, đảng bộ trực thuộc",
			Due:     minutes.NewDate(2021, gotime.Month(4+i%6), 1+i),
		})
	}
	return m
}

// testPrinter puts the messages of the domain and of this package into
// Vietnamese words, for tests that read them.
var testPrinter = minutes.NewCatalog(minutes.DomainMessages, Messages).Printer(minutes.LangVI)
