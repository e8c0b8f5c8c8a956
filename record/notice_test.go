package record_test

import (
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

const noticeRecord = `organization: Thành ủy Sóc Trăng
title: Hội nghị giao ban
date: 25/3/2021
chair: Nguyễn Văn Quận
attendance: 80
conclusions:
  - Tập trung lãnh đạo công tác bầu cử
notice:
  number: 25-TB/TU
  date: 29/3/2021
  body: Ban Thường vụ Thành ủy
  concluded_by: {name: Nguyễn Văn Quận, title: Bí thư Thành ủy}
  signer:
    authority: t/m
    for: Ban Thường vụ
    title: Phó Bí thư
    name: Trần Văn Phúc
  recipients: [Ban Thường vụ Tỉnh ủy, Lưu Văn phòng]
`

func TestNoticeBlock(t *testing.T) {
	docs, err := record.Meetings("tb.yaml", []byte(noticeRecord))
	if err != nil {
		t.Fatal(snapEN(err))
	}
	n := docs[0].Meeting.Notice
	if n == nil || n.Number != "25-TB/TU" || n.Date != minutes.NewDate(2021, 3, 29) || n.ConcludedBy.Title != "Bí thư Thành ủy" ||
		n.Signer.Authority != "T/M" || len(n.Recipients) != 2 {
		t.Fatalf("notice %+v", n)
	}
	// Export → import → export gives the same bytes.
	b, err := record.MarshalYAML(docs[0].Meeting)
	if err != nil {
		t.Fatal(err)
	}
	again, err := record.Meetings("again.yaml", b)
	if err != nil {
		t.Fatal(snapEN(err))
	}
	b2, _ := record.MarshalYAML(again[0].Meeting)
	if string(b) != string(b2) || !strings.Contains(string(b), "notice:\n  number: 25-TB/TU\n") {
		t.Fatalf("round trip\n%s\n----\n%s", b, b2)
	}
	for name, c := range map[string]struct {
		from, to, field string
		line            int
		says            string
	}{
		"ErrUnknownKey":  {"  body:", "  bodi:", "notice.bodi", 11, `did you mean "body"`},
		"ErrSignerKey":   {"    for:", "    four:", "notice.signer.four", 15, `did you mean "for"`},
		"ErrDate":        {"date: 29/3/2021", "date: 31/2/2021", "notice.date", 10, "does not exist"},
		"ErrAuthority":   {"authority: t/m", "authority: thay mặt cho", "notice.signer.authority", 14, "is not a signing authority"},
		"ErrNumberType":  {"number: 25-TB/TU", "number: 25-BB/TU", "notice.number", 9, "must carry the type TB"},
		"ErrSignerName":  {"    name: Trần Văn Phúc\n", "", "notice.signer.name", 13, "required"},
		"ErrRecipientTy": {"recipients: [Ban Thường vụ Tỉnh ủy, Lưu Văn phòng]", "recipients: [{a: b}]", "notice.recipients[1]", 18, ""},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := record.Meetings("tb.yaml", []byte(strings.Replace(noticeRecord, c.from, c.to, 1)))
			ps := minutes.Problems(err)
			if len(ps) == 0 || ps[0].Field != c.field || ps[0].Line != c.line || !strings.Contains(snapEN(err), c.says) {
				t.Fatalf("problems %+v\n%s", ps, snapEN(err))
			}
		})
	}
}
