package minutes

import (
	"context"
	"strings"
)

// SettingKeys are the office defaults (minutes config), in the order they
// are listed. Each stands for a field of the record, so a value is checked
// by the very rule that field obeys in a meeting. The last ones serve the
// documents the office issues: its abbreviation in numbers (symbol: TU,
// UBND), the first day of the Party committee's term (term_start, which
// numbering restarts from), who signs its notices and reports and with
// what authority (signer_*), and who receives them (recipients, separated
// by ";").
var SettingKeys = []string{"organization", "parent_organization", "place", "header", "secretary", "reference_doc",
	"symbol", "term_start", "signer_authority", "signer_for", "signer_title", "signer_name", "recipients"}

// settingField puts a value where the record keeps it and names the field
// whose problems concern it.
var settingField = map[string]struct {
	field string
	set   func(m *Meeting, v string)
}{
	"organization":        {"organization", func(m *Meeting, v string) { m.Organization = v }},
	"parent_organization": {"parent_organization", func(m *Meeting, v string) { m.ParentOrganization = v }},
	"place":               {"place", func(m *Meeting, v string) { m.Place = v }},
	"header":              {"header", func(m *Meeting, v string) { m.Header = v }},
	"secretary":           {"secretary.name", func(m *Meeting, v string) { m.Secretary = &Person{Name: v} }},
	// The office's own Word file, whose styles and page setup its Word
	// documents take; a file path, checked by whoever reads files.
	"reference_doc": {"location", func(m *Meeting, v string) { m.Location = v }},
	"symbol":        {"number", func(m *Meeting, v string) { m.Number = v }},
	"term_start":    {"term_start", func(m *Meeting, v string) {}}, // a date, checked by CheckSetting
	// Either style's authority: the documents print it in their own.
	"signer_authority": {"notice.signer.authority", func(m *Meeting, v string) { m.Header = HeaderState; m.signer().Authority = v }},
	"signer_for":       {"notice.signer.for", func(m *Meeting, v string) { m.signer().For = v }},
	"signer_title":     {"notice.signer.title", func(m *Meeting, v string) { m.signer().Title = v }},
	"signer_name":      {"notice.signer.name", func(m *Meeting, v string) { m.signer().Name = v }},
	"recipients":       {"recipients", func(m *Meeting, v string) { m.Recipients = SplitList(v) }},
}

// signer is the signer of m's notice, made when there is none, for a
// setting to be checked as that field.
func (m *Meeting) signer() *Signer {
	if m.Notice == nil {
		m.Notice = &Notice{}
	}
	if m.Notice.Signer == nil {
		m.Notice.Signer = &Signer{Name: "-", For: "-"}
	}
	return m.Notice.Signer
}

// SplitList reads a list setting: items separated by ";" (or new lines),
// blank ones dropped.
func SplitList(s string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if it = Clean(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// CheckSettingKey reports EUSAGE for a key that is not an office default.
func CheckSettingKey(key string) error {
	if _, ok := settingField[key]; !ok {
		return Errorm(EUSAGE, "config.unknown_key", key, strings.Join(SettingKeys, ", "))
	}
	return nil
}

// CheckSetting returns the cleaned (trimmed, NFC) value of a setting, or
// EUSAGE for an unknown key and EINVALID for a value its field refuses.
func CheckSetting(key, value string) (string, error) {
	if err := CheckSettingKey(key); err != nil {
		return "", err
	}
	value = Clean(value)
	if value == "" {
		return "", Invalid([]Problem{{Field: key, Reason: M("config.empty", key)}})
	}
	switch key {
	case "symbol":
		if why := CheckSymbol(value); !why.IsZero() {
			return "", Invalid([]Problem{{Field: key, Reason: why}})
		}
	case "term_start":
		d, err := ParseDate(value)
		if err != nil {
			return "", Invalid([]Problem{{Field: key, Reason: ReasonOf(err)}})
		}
		value = d.String()
	}
	// A meeting holding only this value: every problem Validate finds in
	// the field is a problem of the value.
	sf := settingField[key]
	m := &Meeting{}
	sf.set(m, value)
	var ps []Problem
	for _, p := range Problems(m.Validate()) {
		if p.Field == sf.field || strings.HasPrefix(p.Field, sf.field+"[") {
			p.Field = key
			ps = append(ps, p)
		}
	}
	if err := Invalid(ps); err != nil {
		return "", err
	}
	return value, nil
}

// Issuing is what the office settings say of the documents it issues.
type Issuing struct {
	Organization, ParentOrganization, Place, Header string
	Symbol                                          string
	TermStart                                       Date
	Signer                                          *Signer // nil when no signer_name is set
	Recipients                                      []string
}

// IssuingOf reads the settings of the documents an office issues.
func IssuingOf(settings map[string]string) Issuing {
	is := Issuing{
		Organization: settings["organization"], ParentOrganization: settings["parent_organization"],
		Place: settings["place"], Header: settings["header"], Symbol: settings["symbol"],
		Recipients: SplitList(settings["recipients"]),
	}
	is.TermStart, _ = ParseDate(settings["term_start"])
	if name := settings["signer_name"]; name != "" {
		is.Signer = &Signer{Authority: settings["signer_authority"], For: settings["signer_for"],
			Title: settings["signer_title"], Name: name}
	}
	return is
}

// Defaults are the values a new record starts from, in the form and in the
// blank record.
type Defaults struct {
	Organization, ParentOrganization, Header, Place string
	Secretary                                       Person
}

// DefaultsOf returns the defaults from the office settings and, where one is
// not set, from last, the meeting recorded last (nil when there is none).
func DefaultsOf(settings map[string]string, last *Meeting) Defaults {
	d := Defaults{Header: HeaderParty}
	if last != nil {
		d.Organization, d.ParentOrganization, d.Place = last.Organization, last.ParentOrganization, last.Place
		if last.Header != "" {
			d.Header = last.Header
		}
		if last.Secretary != nil {
			d.Secretary = *last.Secretary
		}
	}
	for k, p := range map[string]*string{"organization": &d.Organization, "parent_organization": &d.ParentOrganization, "place": &d.Place, "header": &d.Header} {
		if v, ok := settings[k]; ok {
			*p = v
		}
	}
	if v, ok := settings["secretary"]; ok && v != d.Secretary.Name {
		// The title of the last meeting's secretary goes with that person only.
		d.Secretary = Person{Name: v}
	}
	return d
}

// SettingStore keeps the office defaults. Every method is one transaction.
type SettingStore interface {
	// Settings returns every office default that is set.
	Settings(ctx context.Context) (map[string]string, error)

	// SetSetting stores a value that CheckSetting has cleaned.
	SetSetting(ctx context.Context, key, value string) error

	// UnsetSetting removes a default and reports whether it was set.
	UnsetSetting(ctx context.Context, key string) (bool, error)

	// LatestMeeting returns the meeting recorded last with all its parts,
	// or nil when there is none.
	LatestMeeting(ctx context.Context) (*Meeting, error)
}

var settingMessages = Messages{
	"config.unknown_key":    {"không có mục cài đặt %q; các mục: %s", "there is no setting %q; the settings are: %s"},
	"config.term_start_org": {"term_start là nhiệm kỳ của cả cơ sở dữ liệu, không đặt riêng cho một tổ chức (bỏ --org)", "term_start is the database's term, not one organisation's (leave out --org)"},
	"config.empty":          {"giá trị trống; muốn bỏ giá trị mặc định thì dùng: minutes config unset %s", "the value is empty; to remove the default use: minutes config unset %s"},
}
