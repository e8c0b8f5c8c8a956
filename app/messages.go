package app

import "github.com/minutes-vn/minutes/minutes"

// Messages are the messages of the operations themselves.
var Messages = minutes.JoinMessages(importMessages, taskMessages, documentMessages, queryMessages)

var documentMessages = minutes.Messages{
	"export.failed":        {"không tạo được PDF cho cuộc họp %d: %v", "cannot render the PDF of meeting %d: %v"},
	"report.failed_render": {"không tạo được báo cáo PDF: %v", "cannot render the report PDF: %v"},
}
