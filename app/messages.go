package app

import "github.com/minutes-vn/minutes/minutes"

// Messages are the messages of the operations themselves.
var Messages = minutes.JoinMessages(importMessages, taskMessages, documentMessages, queryMessages, accountMessages)

var documentMessages = minutes.Messages{
	"export.failed":          {"không tạo được PDF cho cuộc họp %d: %v", "cannot render the PDF of meeting %d: %v"},
	"docx.reference":         {"không dùng được tệp Word mẫu %s: %v", "cannot use the reference Word document %s: %v"},
	"docx.reference_setting": {"không dùng được tệp Word mẫu %s (cài đặt reference_doc): %v; sửa bằng minutes config set reference_doc TỆP hoặc bỏ bằng minutes config unset reference_doc", "cannot use the reference Word document %s (setting reference_doc): %v; fix it with minutes config set reference_doc FILE or remove it with minutes config unset reference_doc"},
	"report.failed_render":   {"không tạo được báo cáo PDF: %v", "cannot render the report PDF: %v"},
	"notice.failed":          {"không tạo được thông báo kết luận PDF: %v", "cannot render the notice of conclusions PDF: %v"},
}
