package minutes

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Lang is a language messages are put into words in.
type Lang string

// The languages of the messages.
const (
	LangVI Lang = "vi"
	LangEN Lang = "en"
)

// ParseLang reads a language name: English for "en" and its variants
// ("en-GB", "en_US.UTF-8"), Vietnamese for anything else.
func ParseLang(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return LangEN
	}
	return LangVI
}

// LangFromEnv picks English when LC_ALL, LC_MESSAGES or LANG (the first
// set, as POSIX orders them) names an English locale, else Vietnamese.
// getenv is os.Getenv, or a test's own environment.
func LangFromEnv(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			return ParseLang(v)
		}
	}
	return LangVI
}

// Msg is a message not yet put into words: a catalogue key and its
// arguments. It is put into words where it is shown, in the language of
// whoever reads it, so that one server answers a Vietnamese and an English
// browser at once. An argument that is itself a Msg or an error is put into
// words in the same language.
type Msg struct {
	Key  string
	Args []any
}

// M returns the message key with its arguments.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// IsZero reports whether m is no message at all.
func (m Msg) IsZero() bool { return m.Key == "" }

// Messages are entries of the catalogue: each key with its Vietnamese and
// its English text, in that order. Every package that speaks to users
// exports its own, and each front end puts them together in a Catalog.
type Messages map[string][2]string

// Catalog holds the messages of a whole program. It is read-only once made,
// and shared by every request and every language.
type Catalog struct {
	msgs map[string][2]string
}

// NewCatalog puts sets of messages together. A key given twice, or a
// message missing one language, is a bug: it panics, and the catalogue test
// of each front end finds it.
func NewCatalog(sets ...Messages) *Catalog {
	n := 0
	for _, set := range sets {
		n += len(set)
	}
	// Sized at once: grown entry by entry, the map of a thousand messages
	// was rehashed at every doubling in the start of every command.
	c := &Catalog{msgs: make(map[string][2]string, n)}
	for _, set := range sets {
		for k, v := range set {
			if _, dup := c.msgs[k]; dup {
				panic("minutes: message given twice: " + k)
			}
			if v[0] == "" || v[1] == "" {
				panic("minutes: message without both languages: " + k)
			}
			c.msgs[k] = v
		}
	}
	return c
}

// Keys lists every key of the catalogue, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lookup returns the Vietnamese and English text of key.
func (c *Catalog) Lookup(key string) (vi, en string, ok bool) {
	m, ok := c.msgs[key]
	return m[0], m[1], ok
}

// Printer returns the printer of c for one language.
func (c *Catalog) Printer(l Lang) *Printer {
	if l != LangEN {
		l = LangVI
	}
	return &Printer{cat: c, lang: l}
}

// Printer puts messages and errors into words in one language.
type Printer struct {
	cat  *Catalog
	lang Lang
}

// Lang returns the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// T returns the message key in p's language, formatted with args. A key the
// catalogue does not have is returned as it is, with its arguments.
func (p *Printer) T(key string, args ...any) string {
	m, ok := p.cat.msgs[key]
	if !ok {
		if len(args) == 0 {
			return key
		}
		return key + fmt.Sprint(args...)
	}
	f := m[0]
	if p.lang == LangEN {
		f = m[1]
	}
	if len(args) == 0 {
		return f
	}
	words := make([]any, len(args))
	for i, a := range args {
		words[i] = p.arg(a)
	}
	return fmt.Sprintf(f, words...)
}

// Has reports whether the catalogue knows key.
func (p *Printer) Has(key string) bool {
	_, ok := p.cat.msgs[key]
	return ok
}

// Msg puts m into words.
func (p *Printer) Msg(m Msg) string { return p.T(m.Key, m.Args...) }

func (p *Printer) arg(a any) any {
	switch v := a.(type) {
	case Msg:
		return p.Msg(v)
	case *Error:
		return p.Error(v)
	case Number:
		return p.number(v)
	}
	return a
}

// Number is a count put into words with the thousands grouped as the
// reader's language groups them: 999.900 in Vietnamese, 999,900 in
// English. A message takes it with %s.
type Number int64

func (p *Printer) number(n Number) string {
	sep := byte('.')
	if p.lang == LangEN {
		sep = ','
	}
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, sep)
		}
		b = append(b, s[i])
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// Error returns what a user is told of err: the message of an *Error with
// each of its problems on a line of its own, in p's language. Any other
// error is internal: the user is told only that something went wrong, the
// detail is for --debug.
func (p *Printer) Error(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return p.T("error.internal")
	}
	var b strings.Builder
	for i, m := range e.Msgs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Msg(m))
	}
	for _, pr := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.Problem(pr))
	}
	if e.Unlisted > 0 {
		b.WriteString("\n  ")
		b.WriteString(p.T("error.unlisted", Number(e.Unlisted)))
	}
	return b.String()
}

// Problem puts one problem into words: where it is, the field, the reason.
func (p *Printer) Problem(pr Problem) string {
	var loc []string
	if pr.Source != "" {
		loc = append(loc, pr.Source)
	}
	if pr.Doc > 0 {
		loc = append(loc, p.T("loc.document", pr.Doc))
	}
	if pr.Line > 0 {
		loc = append(loc, p.T("loc.line", pr.Line))
	}
	var b strings.Builder
	if len(loc) > 0 {
		b.WriteString(strings.Join(loc, ", "))
		b.WriteString(": ")
	}
	if pr.Field != "" {
		b.WriteString(pr.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg(pr.Reason))
	return b.String()
}

// domainPrinter puts the domain's own errors into words where no front end
// chose a language: in Error(), for logs and wrapped errors.
var domainPrinter = NewCatalog(DomainMessages).Printer(LangVI)

// DomainMessages are the messages of the domain: the rules of the record,
// of minutes and of tasks.
var DomainMessages = JoinMessages(coreMessages, taskMessages, lifecycleMessages, backupMessages, settingMessages, wordMessages, draftMessages,
	periodMessages, numberMessages, noticeMessages, accessMessages)

// JoinMessages puts sets of messages into one; NewCatalog, not this,
// refuses a key given twice.
func JoinMessages(sets ...Messages) Messages {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	out := make(Messages, n)
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

var coreMessages = Messages{
	"error.verbatim": {"%s", "%s"},

	"loc.document": {"văn bản thứ %d", "document %d"},
	"loc.line":     {"dòng %d", "line %d"},

	"error.internal": {"lỗi nội bộ (chạy lại với --debug để xem chi tiết)", "internal error (run again with --debug for details)"},
	"error.invalid":  {"dữ liệu không hợp lệ (%s lỗi):", "invalid input (%s problems):"},
	"error.unlisted": {"… và %s lỗi khác", "… and %s more"},

	"text.utf8":     {"văn bản không phải UTF-8 hợp lệ", "the text is not valid UTF-8"},
	"text.control":  {"có ký tự điều khiển không được phép (%U)", "contains a control character that is not allowed (%U)"},
	"text.bidi":     {"có ký tự điều khiển hướng chữ (như U+202E) làm chữ hiển thị khác với nội dung đã lưu; màn hình sẽ hiện chúng dạng ⟪U+202E⟫", "holds direction controls (such as U+202E) that make text read differently from what is stored; screens show them as ⟪U+202E⟫"},
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
	"number.too_big":                {"quá lớn: %s, tối đa %s", "too large: %s, at most %s"},
	"list.too_long":                 {"quá nhiều mục: %s, tối đa %s", "too many entries: %s, at most %s"},
	"attendance.invited_lt_present": {"số được triệu tập (%d) ít hơn số có mặt (%d); nếu số có mặt là ước lượng \"trên\", đặt at_least: true", "invited (%d) is less than present (%d); if present is a lower bound, set at_least: true"},
	"comment_count.lt_listed":       {"số lượt phát biểu (%d) ít hơn số ý kiến đã ghi (%d)", "comment_count (%d) is less than the comments listed (%d)"},

	"meeting.not_found":        {"không có cuộc họp số %d", "there is no meeting %d"},
	"meeting.finalized":        {"biên bản cuộc họp %d đã được thông qua (finalized) nên không sửa được; muốn sửa, dùng: minutes amend %d --reason \"lý do\"", "the minutes of meeting %d are finalized and cannot be edited; to change them use: minutes amend %d --reason \"why\""},
	"meeting.finalized_delete": {"biên bản cuộc họp %d đã được thông qua nên không xóa được; muốn sửa, dùng: minutes amend %[1]d --reason \"lý do\"", "the minutes of meeting %d are finalized and cannot be deleted; to change them use: minutes amend %[1]d --reason \"why\""},
	"meeting.stale":            {"cuộc họp %d đã được người khác sửa trong lúc bạn làm việc (bạn sửa từ phiên bản %d, hiện là phiên bản %d)", "meeting %d was changed by someone else meanwhile (you started from version %d, it is now at version %d)"},
}
