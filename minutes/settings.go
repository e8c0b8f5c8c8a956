package minutes

import (
	"context"
	"strings"
)

// SettingKeys are the office defaults (minutes config), in the order they
// are listed. Each stands for a field of the record, so a value is checked
// by the very rule that field obeys in a meeting.
var SettingKeys = []string{"organization", "parent_organization", "place", "header", "secretary", "reference_doc"}

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
	// A meeting holding only this value: every problem Validate finds in
	// the field is a problem of the value.
	sf := settingField[key]
	m := &Meeting{}
	sf.set(m, value)
	var ps []Problem
	for _, p := range Problems(m.Validate()) {
		if p.Field == sf.field {
			p.Field = key
			ps = append(ps, p)
		}
	}
	if err := Invalid(ps); err != nil {
		return "", err
	}
	return value, nil
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
	"config.unknown_key": {"không có mục cài đặt %q; các mục: %s", "there is no setting %q; the settings are: %s"},
	"config.empty":       {"giá trị trống; muốn bỏ giá trị mặc định thì dùng: minutes config unset %s", "the value is empty; to remove the default use: minutes config unset %s"},
}
