package minutes

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
)

// Languages of the messages.
const (
	LangVI = "vi"
	LangEN = "en"
)

var lang atomic.Value // string

// SetLanguage selects the language of every message: "vi" or "en".
func SetLanguage(l string) {
	if l != LangEN {
		l = LangVI
	}
	lang.Store(l)
}

// Language returns the selected language, Vietnamese unless changed.
func Language() string {
	if l, ok := lang.Load().(string); ok {
		return l
	}
	return LangVI
}

// LanguageFromEnv picks English when LC_ALL, LC_MESSAGES or LANG (the first
// set, as POSIX orders them) names an English locale, else Vietnamese.
// getenv is os.Getenv, or a test's own environment.
func LanguageFromEnv(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(v, "en") {
				return LangEN
			}
			return LangVI
		}
	}
	return LangVI
}

// T returns the message key in the selected language, formatted with args.
func T(key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	f := m.vi
	if Language() == LangEN {
		f = m.en
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Register adds messages to the catalogue; each needs both languages.
// Packages outside the domain (commands, store, reports) call it from init.
func Register(msgs map[string][2]string) {
	for k, v := range msgs {
		if _, dup := catalogue[k]; dup {
			panic("minutes: message registered twice: " + k)
		}
		catalogue[k] = msg{v[0], v[1]}
	}
}

// MessageKeys lists every key in the catalogue, sorted.
func MessageKeys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Message returns the Vietnamese and English text of key.
func Message(key string) (vi, en string, ok bool) {
	m, ok := catalogue[key]
	return m.vi, m.en, ok
}

type msg struct{ vi, en string }

var catalogue = map[string]msg{
	"loc.document": {"văn bản thứ %d", "document %d"},
	"loc.line":     {"dòng %d", "line %d"},

	"error.internal": {"lỗi nội bộ (chạy lại với --debug để xem chi tiết)", "internal error (run again with --debug for details)"},
	"error.invalid":  {"dữ liệu không hợp lệ (%d lỗi):", "invalid input (%d problems):"},

	"text.utf8":     {"văn bản không phải UTF-8 hợp lệ", "the text is not valid UTF-8"},
	"text.control":  {"có ký tự điều khiển không được phép (%U)", "contains a control character that is not allowed (%U)"},
	"text.too_long": {"quá dài: %d ký tự, tối đa %d", "too long: %d characters, at most %d"},

	"field.required":  {"bắt buộc phải có, đang để trống", "is required but empty"},
	"chairs.required": {"phải có ít nhất một người chủ trì (chairs hoặc chair)", "at least one chair is required (chairs or chair)"},
	"header.value":    {"phải là party (Đảng) hoặc state (Nhà nước), không phải %q", "must be party or state, not %q"},

	"date.format":     {"ngày %q không đúng dạng; hãy viết 25/3/2021 hoặc 2021-03-25", "date %q is not in a known form; write 25/3/2021 or 2021-03-25"},
	"date.impossible": {"ngày %q không tồn tại", "date %q does not exist"},
	"time.format":     {"giờ %q không đúng dạng; hãy viết 07:30", "time %q is not in a known form; write 07:30"},
	"quarter.format":  {"quý %q không đúng dạng; hãy viết 2021-Q1, 2021Q1, Q1/2021 hoặc I/2021", "quarter %q is not in a known form; write 2021-Q1, 2021Q1, Q1/2021 or I/2021"},

	"time.end_before_start":         {"giờ kết thúc %v sớm hơn giờ bắt đầu %v", "end time %v is before start time %v"},
	"number.negative":               {"không được là số âm (%d)", "must not be negative (%d)"},
	"attendance.invited_lt_present": {"số được triệu tập (%d) ít hơn số có mặt (%d); nếu số có mặt là ước lượng \"trên\", đặt at_least: true", "invited (%d) is less than present (%d); if present is a lower bound, set at_least: true"},
	"comment_count.lt_listed":       {"số lượt phát biểu (%d) ít hơn số ý kiến đã ghi (%d)", "comment_count (%d) is less than the comments listed (%d)"},
}

func init() {
	Register(map[string][2]string{
		"record.utf8":                {"tệp không phải văn bản UTF-8 (hãy lưu tệp với bảng mã UTF-8)", "the file is not UTF-8 text (save it with UTF-8 encoding)"},
		"record.empty":               {"tệp trống, không có cuộc họp nào", "the file is empty: it holds no meeting"},
		"record.syntax":              {"lỗi cú pháp YAML/JSON: %s", "YAML/JSON syntax error: %s"},
		"record.want_mapping":        {"phải là một nhóm trường (key: value), không phải %s", "must be a group of fields (key: value), not %s"},
		"record.want_text":           {"phải là một đoạn văn bản, không phải %s", "must be text, not %s"},
		"record.want_integer":        {"phải là một số nguyên, không phải %q", "must be a whole number, not %q"},
		"record.want_bool":           {"phải là true hoặc false, không phải %q", "must be true or false, not %q"},
		"record.unknown_key":         {"trường %q không có trong mẫu; các trường hợp lệ: %s", "unknown field %q; valid fields: %s"},
		"record.unknown_key_suggest": {"trường %q không có trong mẫu; có phải ý bạn là %q?", "unknown field %q; did you mean %q?"},
		"record.chair_and_chairs":    {"chỉ dùng một trong hai: chair hoặc chairs", "use either chair or chairs, not both"},
		"record.passthrough":         {"%s", "%s"},
		"record.hint_colon":          {"nếu nội dung có dấu hai chấm và dấu cách (\": \"), hãy đặt cả nội dung trong ngoặc kép, ví dụ: content: \"Nhiệm vụ 1: rà soát\"", "if the text holds a colon and a space (\": \"), put the whole text in double quotes, e.g. content: \"Task 1: review\""},
		"record.hint_tab":            {"hãy thụt đầu dòng bằng dấu cách, không dùng phím Tab", "indent with spaces, not with the Tab key"},
		"record.kind_mapping":        {"một nhóm trường", "a group of fields"},
		"record.kind_list":           {"một danh sách", "a list"},
	})
}

func init() {
	Register(map[string][2]string{
		"meeting.not_found":        {"không có cuộc họp số %d", "there is no meeting %d"},
		"meeting.finalized":        {"biên bản cuộc họp %d đã được thông qua (finalized) nên không sửa được; muốn sửa, dùng: minutes amend %d --reason \"lý do\"", "the minutes of meeting %d are finalized and cannot be edited; to change them use: minutes amend %d --reason \"why\""},
		"meeting.finalized_delete": {"biên bản cuộc họp %d đã được thông qua nên không xóa được; muốn sửa, dùng: minutes amend %[1]d --reason \"lý do\"", "the minutes of meeting %d are finalized and cannot be deleted; to change them use: minutes amend %[1]d --reason \"why\""},
		"meeting.stale":            {"cuộc họp %d đã được người khác sửa trong lúc bạn làm việc (bạn sửa từ phiên bản %d, hiện là phiên bản %d)", "meeting %d was changed by someone else meanwhile (you started from version %d, it is now at version %d)"},
	})
}
