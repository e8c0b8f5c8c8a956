package record

import "github.com/minutes-vn/minutes/minutes"

// Messages are the messages of reading and writing records.
var Messages = minutes.Messages{
	"record.utf8":                {"tệp không phải văn bản UTF-8 (hãy lưu tệp với bảng mã UTF-8)", "the file is not UTF-8 text (save it with UTF-8 encoding)"},
	"record.empty":               {"tệp trống, không có cuộc họp nào", "the file is empty: it holds no meeting"},
	"record.syntax":              {"lỗi cú pháp YAML/JSON: %s", "YAML/JSON syntax error: %s"},
	"record.want_mapping":        {"phải là một nhóm trường (key: value), không phải %s", "must be a group of fields (key: value), not %s"},
	"record.want_text":           {"phải là một đoạn văn bản, không phải %s", "must be text, not %s"},
	"record.want_integer":        {"phải là một số nguyên, không phải %q", "must be a whole number, not %q"},
	"record.want_bool":           {"phải là true hoặc false, không phải %q", "must be true or false, not %q"},
	"record.unknown_key":         {"trường %q không có trong mẫu; các trường hợp lệ: %s", "unknown field %q; valid fields: %s"},
	"record.unknown_key_suggest": {"trường %q không có trong mẫu; có phải ý bạn là %q?", "unknown field %q; did you mean %q?"},
	"record.duplicate_key":       {"trường %q đã ghi ở trên; mỗi trường chỉ ghi một lần (nếu không, giá trị sau âm thầm thay giá trị trước)", "field %q is given twice; give each field once (else the second would silently replace the first)"},
	"record.duplicate_key_at":    {"trường %q đã ghi ở dòng %d; mỗi trường chỉ ghi một lần (nếu không, giá trị sau âm thầm thay giá trị trước)", "field %q is given already at line %d; give each field once (else the second would silently replace the first)"},
	"record.tag":                 {"không dùng nhãn YAML %s: biên bản chỉ gồm văn bản, số và true/false; hãy bỏ nhãn", "the YAML tag %s is not allowed: a record holds only text, numbers and true/false; remove the tag"},
	"record.status":              {"phải là draft hoặc finalized, không phải %q (trường này chỉ để đọc: biên bản nhập vào luôn là bản nháp)", "must be draft or finalized, not %q (it is only read: a record imported is always a draft)"},
	"record.doc_too_big":         {"văn bản lớn hơn %s MB, không biên bản nào lớn như vậy: đây có đúng là tệp biên bản không?", "a document over %s MB: no minutes are that large; is this really a record file?"},
	"record.doc_too_many_parts":  {"văn bản có hơn %s phần tử, không biên bản nào lớn như vậy: đây có đúng là tệp biên bản không?", "a document of over %s parts: no minutes are that large; is this really a record file?"},
	"record.chair_and_chairs":    {"chỉ dùng một trong hai: chair hoặc chairs", "use either chair or chairs, not both"},
	"record.syntax_hint":         {"lỗi cú pháp YAML/JSON: %s — %s", "YAML/JSON syntax error: %s — %s"},
	"record.hint_colon":          {"nếu nội dung có dấu hai chấm và dấu cách (\": \"), hãy đặt cả nội dung trong ngoặc kép, ví dụ: content: \"Nhiệm vụ 1: rà soát\"", "if the text holds a colon and a space (\": \"), put the whole text in double quotes, e.g. content: \"Task 1: review\""},
	"record.hint_tab":            {"hãy thụt đầu dòng bằng dấu cách, không dùng phím Tab", "indent with spaces, not with the Tab key"},
	"record.kind_mapping":        {"một nhóm trường", "a group of fields"},
	"record.kind_list":           {"một danh sách", "a list"},
	"backup.timestamp": {
		"thời điểm %q không đúng dạng RFC 3339 (ví dụ 2021-03-25T07:30:00Z)",
		"time %q is not in RFC 3339 form (such as 2021-03-25T07:30:00Z)"},
	"backup.report_number": {
		"số %q không có dạng số văn bản (ví dụ 01-BC/VPTU hoặc 02/BC-UBND)",
		"%q is not a document number (such as 01-BC/VPTU or 02/BC-UBND)"},
	"backup.part_only": {
		"đây là một phần của bản sao lưu, không phải biên bản: khôi phục cả bản sao lưu bằng minutes import",
		"this is part of a backup, not a record: restore the whole backup with minutes import"},
	"backup.conclusion_ids": {
		"có %d số hiệu kết luận cho %d kết luận",
		"%d conclusion numbers for %d conclusions"},
	"input.not_found":  {"không tìm thấy tệp %s", "file %s not found"},
	"input.unreadable": {"không đọc được %s: %v", "cannot read %s: %v"},
	"input.is_dir":     {"%s là thư mục; để nhập cả thư mục, dùng: minutes import %s", "%s is a directory; to import a directory use: minutes import %s"},
	"input.too_big":    {"%s quá lớn (tối đa %d MB)", "%s is too big (at most %d MB)"},
	"input.empty_dir":  {"thư mục %s không có tệp .yaml, .yml hay .json nào", "directory %s holds no .yaml, .yml or .json file"},
}
