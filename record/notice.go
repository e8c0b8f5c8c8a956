package record

import (
	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// The notice block of a record (notice:), what the notice of conclusions
// needs beyond the minutes:
//
//	notice:
//	  number: 25-TB/TU
//	  date: 29/3/2021
//	  title: kết luận của Ban Thường vụ Thành ủy tại Hội nghị …
//	  body: Ban Thường vụ Thành ủy
//	  concluded_by: {name: Nguyễn Văn Quận, title: Bí thư Thành ủy}
//	  signer: {authority: T/M, for: Ban Thường vụ, title: Phó Bí thư, name: Trần Văn B}
//	  recipients: [Ban Thường vụ Tỉnh ủy, Các đồng chí Thành ủy viên]

// WireNotice is the notice block in the record format.
type WireNotice struct {
	Number      string      `yaml:"number,omitempty" json:"number,omitempty"`
	Date        string      `yaml:"date,omitempty" json:"date,omitempty"`
	Title       string      `yaml:"title,omitempty" json:"title,omitempty"`
	Body        string      `yaml:"body,omitempty" json:"body,omitempty"`
	ConcludedBy *WirePerson `yaml:"concluded_by,omitempty" json:"concluded_by,omitempty"`
	Signer      *WireSigner `yaml:"signer,omitempty" json:"signer,omitempty"`
	Recipients  []string    `yaml:"recipients,omitempty" json:"recipients,omitempty"`
}

// WireSigner is a signature block with its authority.
type WireSigner struct {
	Authority string `yaml:"authority,omitempty" json:"authority,omitempty"`
	For       string `yaml:"for,omitempty" json:"for,omitempty"`
	Title     string `yaml:"title,omitempty" json:"title,omitempty"`
	Name      string `yaml:"name" json:"name"`
}

func noticeWire(n *minutes.Notice) *WireNotice {
	if n == nil {
		return nil
	}
	w := &WireNotice{Number: n.Number, Date: n.Date.String(), Title: n.Title, Body: n.Body, Recipients: n.Recipients}
	if p := n.ConcludedBy; p != nil {
		wp := WirePerson(*p)
		w.ConcludedBy = &wp
	}
	if s := n.Signer; s != nil {
		ws := WireSigner(*s)
		w.Signer = &ws
	}
	return w
}

var (
	noticeKeys = []string{"number", "date", "title", "body", "concluded_by", "signer", "recipients"}
	signerKeys = []string{"authority", "for", "title", "name"}
)

func (r *reader) notice(n *yaml.Node, path string) *minutes.Notice {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	out := &minutes.Notice{}
	r.fields(n, path, noticeKeys, func(k string, v *yaml.Node, f string) {
		switch k {
		case "number":
			out.Number = r.str(v, f)
		case "date":
			out.Date = r.date(v, f)
		case "title":
			out.Title = r.str(v, f)
		case "body":
			out.Body = r.str(v, f)
		case "concluded_by":
			if v.Tag != "!!null" {
				p := r.person(v, f)
				out.ConcludedBy = &p
			}
		case "signer":
			if v.Tag != "!!null" {
				out.Signer = r.signer(v, f)
			}
		case "recipients":
			r.list(v, f, func(v *yaml.Node, f string) { out.Recipients = append(out.Recipients, r.str(v, f)) })
		}
	})
	return out
}

func (r *reader) signer(n *yaml.Node, path string) *minutes.Signer {
	s := &minutes.Signer{}
	if n.Kind == yaml.ScalarNode { // "signer: Trần Văn B"
		s.Name = r.str(n, path)
		return s
	}
	r.fields(n, path, signerKeys, func(k string, v *yaml.Node, f string) {
		switch k {
		case "authority":
			s.Authority = r.str(v, f)
		case "for":
			s.For = r.str(v, f)
		case "title":
			s.Title = r.str(v, f)
		case "name":
			s.Name = r.str(v, f)
		}
	})
	return s
}
