package minutes

import (
	"errors"
)

// Error codes. Each front end maps each to one status: the command line to
// an exit status, the web server to an HTTP status.
const (
	EINVALID  = "invalid"   // the input breaks a rule of the record format
	ENOTFOUND = "not_found" // no such meeting, version or task
	ECONFLICT = "conflict"  // finalized, or changed by someone else meanwhile
	EUSAGE    = "usage"     // a flag or argument is malformed
	EFAILED   = "failed"    // a file or the database failed for a reason outside the input: disk full, permission denied
	EINTERNAL = "internal"  // anything else: a bug or a broken database
)

// Error is the one error type of the domain. Users see its messages (and,
// for EINVALID, each Problem), put into words by a Printer in their own
// language; the exit or HTTP status follows Code.
type Error struct {
	Code     string
	Msgs     []Msg // the message, one line each; never empty
	Problems []Problem
	// Unlisted counts the problems found beyond Problems, which lists at
	// most MaxProblems: a file of a million broken documents is told in
	// a screenful, and held in bounded memory, not in gigabytes.
	Unlisted int
	// Cause is the error behind a failure (EFAILED, EINTERNAL) of a file
	// or the database: never shown to users, only with --debug.
	Cause error
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Because returns e with cause as its cause.
func (e *Error) Because(cause error) *Error {
	e.Cause = cause
	return e
}

// MaxProblems is how many problems an error lists: enough to fix a file in
// one go, few enough to read; the rest are counted.
const MaxProblems = 100

// Problem is one broken rule, located as precisely as the input allows.
type Problem struct {
	Source string // file name as the user knows it; "" when not from a file
	Doc    int    // 1-based document index within the file; 0 when unknown
	Line   int    // 1-based line; 0 when unknown
	Field  string // field path such as conclusions[2].due
	Reason Msg    // a sentence a secretary understands
}

// Error puts e into Vietnamese words as far as the domain's own messages
// go: for logs and wrapped errors. Front ends show errors through a Printer.
func (e *Error) Error() string { return domainPrinter.Error(e) }

// Errorm returns an *Error whose message is the catalogue's key.
func Errorm(code, key string, args ...any) *Error {
	return &Error{Code: code, Msgs: []Msg{M(key, args...)}}
}

// Errorf returns an *Error that says text as it is, in every language: for
// the few errors whose words come from outside the catalogue.
func Errorf(code, text string) *Error {
	return Errorm(code, "error.verbatim", text)
}

// Then returns a copy of e with m as a further line of its message.
func (e *Error) Then(m Msg) *Error {
	out := *e
	out.Msgs = append(append([]Msg(nil), e.Msgs...), m)
	return &out
}

// Headed returns a copy of e with m as the first line of its message.
func (e *Error) Headed(m Msg) *Error {
	out := *e
	out.Msgs = append([]Msg{m}, e.Msgs...)
	return &out
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

// Invalid collects problems into one EINVALID error; nil when there are
// none. Past MaxProblems they are counted, not listed.
func Invalid(problems []Problem) error {
	var l ProblemList
	l.Add(problems...)
	return l.Err()
}

// ProblemList collects the problems of an input as they are found, keeping
// the first MaxProblems and counting the others, so that what it holds is
// bounded however broken the input is.
type ProblemList struct {
	list     []Problem
	unlisted int
}

// Add appends ps, or counts those past MaxProblems.
func (l *ProblemList) Add(ps ...Problem) {
	room := max(MaxProblems-len(l.list), 0)
	if len(ps) > room {
		l.unlisted += len(ps) - room
		ps = ps[:room]
	}
	l.list = append(l.list, ps...)
}

// AddErr adds the problems of err, an EINVALID *Error, counting its
// unlisted ones too.
func (l *ProblemList) AddErr(err error) {
	var e *Error
	if errors.As(err, &e) {
		l.Add(e.Problems...)
		l.unlisted += e.Unlisted
	}
}

// Len is the number of problems found, listed or not.
func (l *ProblemList) Len() int { return len(l.list) + l.unlisted }

// List returns the problems kept, at most MaxProblems.
func (l *ProblemList) List() []Problem { return l.list }

// Err returns the EINVALID error of the problems found; nil when none.
func (l *ProblemList) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Msgs: []Msg{M("error.invalid", Number(l.Len()))}, Problems: l.list, Unlisted: l.unlisted}
}

// Problems returns the problems of an EINVALID error, nil for any other.
func Problems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) && e.Code == EINVALID {
		return e.Problems
	}
	return nil
}

// WithSource stamps every problem of an EINVALID error with its file and
// document index, and a line looked up from the field path when lineOf knows it.
func WithSource(err error, source string, doc int, lineOf func(field string) int) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID {
		return err
	}
	out := &Error{Code: e.Code, Msgs: e.Msgs, Problems: make([]Problem, len(e.Problems)), Unlisted: e.Unlisted}
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

// ReasonOf returns the message of err to serve as the reason of a problem:
// a date that does not parse is a problem of the field that holds it.
func ReasonOf(err error) Msg {
	var e *Error
	if errors.As(err, &e) && len(e.Msgs) > 0 {
		return e.Msgs[0]
	}
	return M("error.internal")
}
