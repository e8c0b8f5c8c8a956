package report

import "github.com/minutes-vn/minutes/minutes"

// Minutes renders the biên bản of m as a PDF. Deterministic bytes for the same m.
//
// Text the font cannot print is substituted and reported as a Warning; the
// error is non-nil only when no PDF could be made.
func Minutes(m *minutes.Meeting) ([]byte, []Warning, error) {
	if m == nil {
		return nil, nil, minutes.Errorf(minutes.EINTERNAL, "report: no meeting to render")
	}
	l, warnings := LayoutMinutes(m)
	out, err := render(l)
	return out, warnings, err
}
