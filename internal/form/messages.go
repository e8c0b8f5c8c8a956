package form

import "github.com/minutes-vn/minutes/minutes"

// Messages are the form's own messages: its prompts, key help and what it
// says when it stops. The form also shows messages of the domain and of
// record (the reasons a field is refused), so a front end that runs it
// puts all three in its catalogue.
var Messages = minutes.Messages{
	"form.section.org":           {"Cơ quan ban hành biên bản", "Organisation issuing the minutes"},
	"form.section.meeting":       {"Hội nghị: tên, ngày, giờ, địa điểm", "The meeting: title, date, time, place"},
	"form.section.chairs":        {"Người chủ trì", "Chairs"},
	"form.section.secretary":     {"Người ghi biên bản (thư ký)", "Secretary (who took the minutes)"},
	"form.section.attendance":    {"Thành phần tham dự", "Attendance"},
	"form.section.absent":        {"Đại biểu vắng mặt", "Absentees"},
	"form.section.agenda":        {"Nội dung hội nghị (các báo cáo)", "Agenda (the reports heard)"},
	"form.section.summary":       {"Tóm tắt nội dung, đánh giá", "Summary and assessment"},
	"form.section.comments":      {"Ý kiến phát biểu", "Speaker comments"},
	"form.section.comment_count": {"Số lượt phát biểu", "Speaker turns"},
	"form.section.conclusions":   {"Kết luận, chỉ đạo", "Conclusions and directives"},
	"form.section.recipients":    {"Nơi nhận", "Recipients"},

	"form.organization":        {"Cơ quan tổ chức hội nghị (*)", "Organisation holding the meeting (*)"},
	"form.parent_organization": {"Cơ quan cấp trên (dòng đầu tiêu đề)", "Parent organisation (first header line)"},
	"form.header":              {"Thể thức văn bản", "Document format"},
	"form.header.party":        {"Văn bản của Đảng (party)", "Party document (party)"},
	"form.header.state":        {"Văn bản hành chính Nhà nước (state)", "State administrative document (state)"},
	"form.number":              {"Số và ký hiệu, ví dụ 15-BB/TU", "Number and symbol, e.g. 15-BB/TU"},
	"form.title":               {"Tên hội nghị (*)", "Title of the meeting (*)"},
	"form.date":                {"Ngày họp (*), ví dụ 25/3/2021", "Date (*), e.g. 25/3/2021"},
	"form.start":               {"Giờ bắt đầu, ví dụ 07:30", "Start time, e.g. 07:30"},
	"form.end":                 {"Giờ kết thúc, ví dụ 11:15", "End time, e.g. 11:15"},
	"form.place":               {"Địa danh ở dòng ngày tháng, ví dụ Sóc Trăng", "Locality of the date line, e.g. Sóc Trăng"},
	"form.location":            {"Địa điểm họp, ví dụ Hội trường Thành ủy", "Venue, e.g. Hội trường Thành ủy"},

	"form.chair.group": {"Người chủ trì thứ %d", "Chair %d"},
	"form.chair.name":  {"Họ và tên (*)", "Full name (*)"},
	"form.chair.title": {"Chức vụ", "Titles"},
	"form.chair.more":  {"Đã có %d người chủ trì. Thêm người chủ trì?", "%d chair(s) so far. Add another chair?"},

	"form.secretary.name":       {"Họ và tên người ghi biên bản", "Full name of the secretary"},
	"form.secretary.title":      {"Chức vụ người ghi biên bản", "Title of the secretary"},
	"form.secretary_name_first": {"hãy nhập họ tên thư ký trước (hoặc để trống cả hai)", "type the secretary's name first (or leave both empty)"},

	"form.present":     {"Số đại biểu có mặt (*)", "Delegates present (*)"},
	"form.at_least":    {"Số có mặt là số ước lượng (\"trên 80 đại biểu\")?", "Is the number present a lower bound (\"over 80 delegates\")?"},
	"form.invited":     {"Số đại biểu được triệu tập (để trống nếu không rõ)", "Delegates invited (empty when not known)"},
	"form.composition": {"Thành phần tham dự, ví dụ: các đồng chí Ủy viên Ban Chấp hành…", "Who attended, e.g. the members of the Executive Committee…"},

	"form.absent.group":  {"Đại biểu vắng mặt thứ %d", "Absentee %d"},
	"form.absent.name":   {"Họ và tên", "Full name"},
	"form.absent.reason": {"Lý do vắng mặt", "Reason"},
	"form.absent.more":   {"Đã ghi %d người vắng mặt. Thêm người vắng mặt?", "%d absentee(s) so far. Add another?"},

	"form.agenda.group":     {"Nội dung thứ %d", "Agenda item %d"},
	"form.agenda.title":     {"Báo cáo, nội dung hội nghị nghe", "Report or topic heard"},
	"form.agenda.presenter": {"Người trình bày", "Presenter"},
	"form.agenda.more":      {"Đã có %d nội dung. Thêm nội dung?", "%d agenda item(s) so far. Add another?"},

	"form.summary": {"Tóm tắt nội dung các báo cáo, đánh giá", "Summary of the reports and assessment"},

	"form.comment.group":   {"Ý kiến phát biểu thứ %d", "Speaker comment %d"},
	"form.comment.speaker": {"Người phát biểu", "Speaker"},
	"form.comment.title":   {"Chức vụ, đơn vị của người phát biểu", "Speaker's title or unit"},
	"form.comment.content": {"Nội dung phát biểu", "What was said"},
	"form.comment.more":    {"Đã ghi %d ý kiến. Thêm ý kiến phát biểu?", "%d comment(s) so far. Add another?"},
	"form.comment_count":   {"Tổng số lượt phát biểu, nếu nhiều hơn %d ý kiến đã ghi (để trống nếu không)", "Total speaker turns, if more than the %d comments listed (empty if not)"},

	"form.conclusion.group":   {"Kết luận thứ %d", "Conclusion %d"},
	"form.conclusion.content": {"Nội dung kết luận, chỉ đạo", "Conclusion or directive"},
	"form.conclusion.owner":   {"Đơn vị, cá nhân thực hiện", "Responsible unit or person"},
	"form.conclusion.due":     {"Hạn hoàn thành, ví dụ 30/6/2021", "Due date, e.g. 30/6/2021"},
	"form.conclusion.more":    {"Đã có %d kết luận. Thêm kết luận?", "%d conclusion(s) so far. Add another?"},

	"form.recipients": {"Nơi nhận, cách nhau bằng dấu chấm phẩy (;)", "Recipients, separated by semicolons (;)"},

	"form.multiline":     {"Enter: sang mục sau · Alt+Enter hoặc Ctrl+J: xuống dòng", "Enter: next field · Alt+Enter or Ctrl+J: new line"},
	"form.blank_removes": {"Xóa trắng các ô để bỏ mục này.", "Clear the fields to remove this entry."},
	"form.blank_ends":    {"Để trống nếu không có (hoặc không còn).", "Leave empty if there is none (or no more)."},
	"form.yes":           {"Có", "Yes"},
	"form.no":            {"Không", "No"},

	"form.review.heading":  {"XEM LẠI BIÊN BẢN TRƯỚC KHI LƯU", "REVIEW THE MINUTES BEFORE SAVING"},
	"form.review.problems": {"Biên bản chưa lưu được:", "The minutes cannot be saved yet:"},
	"form.review.question": {"Lưu biên bản này?", "Save these minutes?"},
	"form.review.save":     {"Lưu vào cơ sở dữ liệu", "Save to the database"},
	"form.review.edit":     {"Sửa một phần", "Change a section"},
	"form.review.later":    {"Để sau (giữ bản đang soạn)", "Later (keep the draft)"},
	"form.review.which":    {"Sửa phần nào?", "Which section?"},

	"form.resume.question": {"Có một biên bản đang soạn dở (ghi lúc %s): «%s». Làm gì?", "There are unfinished minutes (saved at %s): «%s». What now?"},
	"form.resume.where":    {"Bản đang soạn được giữ trong %s", "The draft is kept in %s"},
	"form.resume.continue": {"Soạn tiếp biên bản đang dở", "Continue the unfinished minutes"},
	"form.resume.new":      {"Soạn biên bản mới (bỏ bản đang dở)", "Start new minutes (discard the draft)"},
	"form.resume.quit":     {"Thoát", "Quit"},
	"form.no_title":        {"chưa có tên", "no title yet"},

	"form.aborted":         {"Đã dừng. Những gì đã gõ được giữ trong %s; chạy lại minutes add để soạn tiếp.", "Stopped. What you typed is kept in %s; run minutes add again to continue."},
	"form.kept":            {"Bản đang soạn được giữ trong %s; chạy lại minutes add để soạn tiếp.", "The draft is kept in %s; run minutes add again to continue."},
	"form.recovery_bad":    {"Không đọc được bản đang soạn dở %s (%v); đã cất sang %s.", "Cannot read the draft %s (%v); moved it to %s."},
	"form.recovery_header": {"Biên bản đang soạn (minutes add). Chạy minutes add để soạn tiếp, hoặc điền nốt rồi: minutes add -f TỆP", "Unfinished minutes (minutes add). Run minutes add to continue, or finish it by hand and: minutes add -f FILE"},
	"form.remove_failed":   {"Không xóa được bản đang soạn %s: %v", "Cannot remove the draft %s: %v"},

	"form.key.next":         {"mục sau", "next"},
	"form.key.back":         {"quay lại", "back"},
	"form.key.submit":       {"xong", "submit"},
	"form.key.complete":     {"điền gợi ý", "complete"},
	"form.key.newline":      {"xuống dòng", "new line"},
	"form.key.choose":       {"chọn", "select"},
	"form.key.up":           {"lên", "up"},
	"form.key.down":         {"xuống", "down"},
	"form.key.filter":       {"lọc", "filter"},
	"form.key.set_filter":   {"xong lọc", "set filter"},
	"form.key.clear_filter": {"bỏ lọc", "clear filter"},
	"form.key.page_up":      {"lên nửa trang", "½ page up"},
	"form.key.page_down":    {"xuống nửa trang", "½ page down"},
	"form.key.top":          {"về đầu", "go to start"},
	"form.key.bottom":       {"về cuối", "go to end"},
	"form.key.toggle":       {"đổi", "toggle"},
	"form.key.quit":         {"dừng (giữ bản nháp)", "stop (keep the draft)"},
}
