package minutes

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. The command line maps each to one exit status.
const (
	EINVALID  = "invalid"   // the input breaks a rule of the record format
	ENOTFOUND = "not_found" // no such meeting, version or task
	ECONFLICT = "conflict"  // finalized, or changed by someone else meanwhile
	EUSAGE    = "usage"     // a flag or argument is malformed
	EINTERNAL = "internal"  // anything else: a bug or a broken database
)

// Error is the one error type of the domain. Users see Message (and, for
// EINVALID, each Problem); the exit status follows Code.
type Error struct {
	Code     string
	Message  string
	Problems []Problem
}

// Problem is one broken rule, located as precisely as the input allows.
type Problem struct {
	Source string // file name, "-" for stdin, "" when not from a file
	Doc    int    // 1-based document index within the file; 0 when unknown
	Line   int    // 1-based line; 0 when unknown
	Field  string // field path such as conclusions[2].due
	Reason string // a sentence a secretary understands
}

func (p Problem) String() string {
	var loc []string
	if p.Source != "" {
		loc = append(loc, p.Source)
	}
	if p.Doc > 0 {
		loc = append(loc, T("loc.document", p.Doc))
	}
	if p.Line > 0 {
		loc = append(loc, T("loc.line", p.Line))
	}
	var b strings.Builder
	if len(loc) > 0 {
		b.WriteString(strings.Join(loc, ", "))
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Errorm returns an *Error whose message comes from the catalogue.
func Errorm(code, key string, args ...any) *Error {
	return &Error{Code: code, Message: T(key, args...)}
}

// ErrorCode returns the code of err, or EINTERNAL for errors that are not ours.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of err; internal errors say
// only that something went wrong, the detail is for --debug.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return T("error.internal")
}

// Invalid collects problems into one EINVALID error; nil when there are none.
func Invalid(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: T("error.invalid", len(problems)), Problems: problems}
}

// WithSource stamps every problem of an EINVALID error with its file and
// document index, and a line looked up from the field path when lineOf knows it.
func WithSource(err error, source string, doc int, lineOf func(field string) int) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID {
		return err
	}
	out := &Error{Code: e.Code, Message: e.Message, Problems: make([]Problem, len(e.Problems))}
	for i, p := range e.Problems {
		if p.Source == "" {
			p.Source = source
		}
		if p.Doc == 0 {
			p.Doc = doc
		}
		if p.Line == 0 && lineOf != nil {
			p.Line = lineOf(p.Field)
		}
		out.Problems[i] = p
	}
	return out
}
