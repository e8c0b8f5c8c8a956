package app

import "github.com/minutes-vn/minutes/minutes"

// Messages are the messages of the operations themselves.
var Messages = minutes.JoinMessages(importMessages, taskMessages, documentMessages, queryMessages, verifyMessages, accountMessages)

var documentMessages = minutes.Messages{
	"export.failed":          {"không tạo được PDF cho cuộc họp %d: %v", "cannot render the PDF of meeting %d: %v"},
	"docx.reference":         {"không dùng được tệp Word mẫu %s: %v", "cannot use the reference Word document %s: %v"},
	"docx.reference_setting": {"không dùng được tệp Word mẫu %s (cài đặt reference_doc): %v; sửa bằng minutes config set reference_doc TỆP hoặc bỏ bằng minutes config unset reference_doc", "cannot use the reference Word document %s (setting reference_doc): %v; fix it with minutes config set reference_doc FILE or remove it with minutes config unset reference_doc"},
	"report.failed_render":   {"không tạo được báo cáo PDF: %v", "cannot render the report PDF: %v"},
	"notice.failed":          {"không tạo được thông báo kết luận PDF: %v", "cannot render the notice of conclusions PDF: %v"},
}

var verifyMessages = minutes.Messages{
	"verify.not_finalized_ever": {
		"cuộc họp %d chưa từng được thông qua: chỉ biên bản đã thông qua mới có mã kiểm tra",
		"meeting %d has never been finalized: only finalized minutes are sealed"},
	"verify.found": {
		"đã kiểm tra %s biên bản đã thông qua: phát hiện %s thay đổi ngoài chương trình (xem từng dòng ở trên)",
		"checked %s finalized minutes: found %s changes made outside the program (see each line above)"},
	"verify.gap": {
		"cuộc họp %d: lịch sử thiếu phiên bản giữa phiên bản %d và %d — chuỗi mã kiểm tra bị đứt (một mục lịch sử đã bị xóa)",
		"meeting %d: the history lacks the versions between %d and %d — the chain of seals is broken (a history entry was deleted)"},
	"verify.seal_removed": {
		"cuộc họp %d, phiên bản %d: mục lịch sử không còn mã kiểm tra dù các phiên bản trước đã có — mã đã bị xóa",
		"meeting %d, version %d: the history entry has no seal although earlier versions have one — the seal was removed"},
	"verify.snapshot": {
		"cuộc họp %d, phiên bản %d: không đọc được bản ghi lưu trong lịch sử — dữ liệu đã bị sửa hoặc hỏng",
		"meeting %d, version %d: the record kept in the history cannot be read — the data was changed or is damaged"},
	"verify.seal": {
		"cuộc họp %d, phiên bản %d: mã kiểm tra không khớp với bản ghi trong lịch sử hoặc với mã của phiên bản trước — lịch sử đã bị sửa",
		"meeting %d, version %d: the seal does not match the record kept in the history or the seal of the version before — the history was changed"},
	"verify.restored": {
		"cuộc họp %d, phiên bản %d: mục khôi phục mang mã kiểm tra khác với phiên bản mà nó khôi phục",
		"meeting %d, version %d: the restore entry carries a seal other than that of the version it restores"},
	"verify.missing": {
		"cuộc họp %d: biên bản đã thông qua (phiên bản %d) không còn trong cơ sở dữ liệu — đã bị xóa ngoài chương trình",
		"meeting %d: the finalized minutes (version %d) are no longer in the database — deleted outside the program"},
	"verify.not_finalized": {
		"cuộc họp %d: đã được thông qua (phiên bản %d) nhưng nay lại ghi là bản nháp",
		"meeting %d: finalized (version %d) but now recorded as a draft"},
	"verify.behind": {
		"cuộc họp %d: bản ghi hiện lưu là phiên bản %d, trong khi lịch sử đã có phiên bản %d",
		"meeting %d: the stored record is version %d, while its history has reached version %d"},
	"verify.no_entry": {
		"cuộc họp %d: phiên bản %d hiện lưu không có trong lịch sử (không được thông qua hay sửa đổi bằng chương trình)",
		"meeting %d: the stored version %d is not in the history (never finalized or amended by the program)"},
	"verify.current": {
		"cuộc họp %d: nội dung hiện lưu khác phiên bản %d đã thông qua, ở: %s",
		"meeting %d: the stored record differs from version %d as finalized, in: %s"},
}
