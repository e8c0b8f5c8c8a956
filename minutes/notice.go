package minutes

import (
	"fmt"
	"strings"
)

// Notice is what the notice of conclusions (thông báo kết luận) needs that
// the minutes do not have: its number, date and summary line, who
// concluded, who signs it and with what authority, and who receives it.
// Every field is optional; a notice prints from the minutes alone, with
// the office settings for the signer and the recipients.
type Notice struct {
	Number      string  // số và ký hiệu, 25-TB/TU; the register keeps it
	Date        Date    // zero: the date of the meeting
	Title       string  // trích yếu; "" builds "kết luận của … tại …"
	Body        string  // whose conclusions: Ban Thường vụ Thành ủy; "" names the organisation
	ConcludedBy *Person // who concluded; nil: the first chair
	Signer      *Signer
	Recipients  []string // nơi nhận; none: the minutes' recipients
}

// Signer is a signature block with its authority: "T/M BAN THƯỜNG VỤ" over
// "PHÓ BÍ THƯ" over the name, or "TL. CHỦ TỊCH" over "CHÁNH VĂN PHÒNG".
type Signer struct {
	Authority string // T/M, K/T, T/L (Party); TM., KT., TL., TUQ. (State); "" signs in their own right
	For       string // the collective or the head signed for: Ban Thường vụ, Chủ tịch
	Title     string // the signer's own title: Phó Bí thư, Chánh Văn phòng
	Name      string
}

// Authorities, by what they mean: on behalf of a collective (thay mặt),
// for the head (ký thay), by order of (thừa lệnh), by delegation (thừa ủy
// quyền, State documents only).
const (
	AuthOnBehalf  = "on_behalf"
	AuthFor       = "for"
	AuthByOrder   = "by_order"
	AuthDelegated = "delegated"
)

// authorityForms are how each authority is written: Party documents after
// Hướng dẫn 36-HD/VPTW (T/M, K/T, T/L), State documents after Nghị định
// 30/2020/NĐ-CP (TM., KT., TL., TUQ.).
var authorityForms = map[string][2]string{
	AuthOnBehalf:  {"T/M", "TM."},
	AuthFor:       {"K/T", "KT."},
	AuthByOrder:   {"T/L", "TL."},
	AuthDelegated: {"", "TUQ."},
}

// ParseAuthority reads an authority however it is typed — T/M, TM, TM.,
// "thay mặt", K/T, KT., "ký thay", T/L, TL., "thừa lệnh", TUQ., "thừa ủy
// quyền" — and returns what it means; ok is false for anything else.
func ParseAuthority(s string) (string, bool) {
	k := Fold(strings.Join(strings.Fields(s), " "))
	k = strings.NewReplacer("/", "", ".", "", " ", "").Replace(k)
	switch k {
	case "tm", "thaymat":
		return AuthOnBehalf, true
	case "kt", "kythay":
		return AuthFor, true
	case "tl", "thualenh":
		return AuthByOrder, true
	case "tuq", "thuauyquyen":
		return AuthDelegated, true
	}
	return "", false
}

// AuthorityText writes an authority as documents of header print it.
func AuthorityText(auth, header string) string {
	f := authorityForms[auth]
	if header == HeaderState {
		return f[1]
	}
	return f[0]
}

// normalize writes the authority as the header style writes it, leaving
// an unknown one for Validate to name.
func (s *Signer) normalize(header string) {
	if a, ok := ParseAuthority(s.Authority); ok && AuthorityText(a, header) != "" {
		s.Authority = AuthorityText(a, header)
	}
}

// problems checks a signer at path: a name, and the collective or head
// signed for whenever there is an authority.
func (s *Signer) problems(path, header string) []Problem {
	var ps []Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, Problem{Field: path + "." + field, Reason: M(key, args...)})
	}
	if s.Name == "" {
		add("name", "field.required")
	}
	if s.Authority != "" {
		a, ok := ParseAuthority(s.Authority)
		switch {
		case !ok:
			add("authority", "signer.authority", s.Authority)
		case AuthorityText(a, header) == "":
			add("authority", "signer.authority_party", s.Authority)
		case s.For == "":
			add("for", "signer.for_required", s.Authority)
		}
	}
	return ps
}

// Lines are the lines of the signature block above the room to sign, in
// capitals as documents print them: "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ".
func (s *Signer) Lines(header string) []string {
	var out []string
	if s.Authority != "" {
		auth := s.Authority
		if a, ok := ParseAuthority(auth); ok && AuthorityText(a, header) != "" {
			auth = AuthorityText(a, header)
		}
		out = append(out, strings.ToUpper(strings.TrimSpace(auth+" "+s.For)))
	} else if s.For != "" {
		out = append(out, strings.ToUpper(s.For))
	}
	if s.Title != "" {
		out = append(out, strings.ToUpper(s.Title))
	}
	return out
}

// IsZero reports a notice block that says nothing.
func (n *Notice) IsZero() bool {
	return n == nil || (n.Number == "" && n.Date.IsZero() && n.Title == "" && n.Body == "" &&
		n.ConcludedBy == nil && n.Signer == nil && len(n.Recipients) == 0)
}

// normalizeNotice drops what is blank and writes the authority in the
// style of the meeting's header.
func (m *Meeting) normalizeNotice() {
	n := m.Notice
	if n == nil {
		return
	}
	if n.ConcludedBy != nil && *n.ConcludedBy == (Person{}) {
		n.ConcludedBy = nil
	}
	if n.Signer != nil && *n.Signer == (Signer{}) {
		n.Signer = nil
	}
	if n.Signer != nil {
		n.Signer.normalize(m.Header)
	}
	n.Recipients = dropBlank(n.Recipients)
	if n.IsZero() {
		m.Notice = nil
	}
}

// noticeTexts appends the text fields of the notice block to f, for texts().
func (m *Meeting) noticeTexts(f []textField) []textField {
	n := m.Notice
	if n == nil {
		return f
	}
	f = append(f,
		textField{field: "notice.number", ptr: &n.Number, max: MaxTitle},
		textField{field: "notice.title", ptr: &n.Title, max: MaxTitle},
		textField{field: "notice.body", ptr: &n.Body, max: MaxTitle},
	)
	if p := n.ConcludedBy; p != nil {
		f = append(f, textField{field: "notice.concluded_by.name", ptr: &p.Name, max: MaxTitle}, textField{field: "notice.concluded_by.title", ptr: &p.Title, max: MaxTitle})
	}
	if s := n.Signer; s != nil {
		f = append(f, textField{field: "notice.signer.authority", ptr: &s.Authority, max: MaxTitle}, textField{field: "notice.signer.for", ptr: &s.For, max: MaxTitle},
			textField{field: "notice.signer.title", ptr: &s.Title, max: MaxTitle}, textField{field: "notice.signer.name", ptr: &s.Name, max: MaxTitle})
	}
	for i := range n.Recipients {
		f = append(f, textField{"notice.recipients", &n.Recipients[i], MaxTitle, i + 1, ""})
	}
	return f
}

// noticeProblems checks the notice block: a number in the form of a
// notice's (25-TB/TU), names where a person is given, a known authority.
func (m *Meeting) noticeProblems() []Problem {
	n := m.Notice
	if n == nil {
		return nil
	}
	var ps []Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, Problem{Field: field, Reason: M(key, args...)})
	}
	if n.Number != "" {
		if num, ok := ParseNumber(n.Number); !ok {
			add("notice.number", "number.bad", n.Number)
		} else if num.Type != TypeNotice {
			was := num.Type
			num.Type = TypeNotice
			add("notice.number", "number.wrong_type", M("doctype.notice"), TypeNotice, was, num.String())
		}
	}
	if p := n.ConcludedBy; p != nil && p.Name == "" {
		add("notice.concluded_by.name", "field.required")
	}
	if n.Signer != nil {
		ps = append(ps, n.Signer.problems("notice.signer", m.Header)...)
	}
	for i, r := range n.Recipients {
		if r == "" {
			add(fmt.Sprintf("notice.recipients[%d]", i+1), "field.required")
		}
	}
	return ps
}

// CanIssueNotice reports why the notice of conclusions of m cannot be
// issued: EINVALID when the meeting recorded no conclusion.
func (m *Meeting) CanIssueNotice() error {
	if len(m.Conclusions) == 0 {
		return Errorm(EINVALID, "notice.no_conclusions", m.ID)
	}
	return nil
}

var noticeMessages = Messages{
	"signer.authority": {
		"%q không phải là thể thức đề ký; ghi T/M (thay mặt), K/T (ký thay), T/L (thừa lệnh) — văn bản nhà nước ghi TM., KT., TL., TUQ.",
		"%q is not a signing authority; write T/M (on behalf of), K/T (signed for), T/L (by order of) — State documents write TM., KT., TL., TUQ."},
	"signer.authority_party": {
		"văn bản của Đảng không ký thừa ủy quyền (%s); ghi T/M, K/T hoặc T/L",
		"Party documents are not signed by delegation (%s); write T/M, K/T or T/L"},
	"signer.for_required": {
		"ghi %s cho ai: tập thể hoặc người đứng đầu, ví dụ Ban Thường vụ, Chủ tịch",
		"say whom %s signs for: the collective or the head, such as Ban Thường vụ, Chủ tịch"},
	"notice.no_conclusions": {
		"cuộc họp %d chưa ghi kết luận nào: thông báo kết luận cần ít nhất một kết luận (thêm conclusions: vào biên bản)",
		"meeting %d records no conclusion: a notice of conclusions needs at least one (add conclusions: to the record)"},
}
