// Package minutes is the domain of the program: a meeting and its minutes
// (Meeting, Person, AgendaItem, Comment, Conclusion), the rules every record
// obeys (Normalize, Validate, the limits of text), the life of minutes
// (draft, finalized, amended: CheckEdit, CheckFinalize, CheckAmend…), the
// follow-up of conclusions as tasks, the office defaults, dates and
// quarters as Vietnamese offices write them, and the interfaces of the
// store that keeps them.
//
// It has one error type, *Error, whose code each front end maps to an exit
// or HTTP status, and whose messages are Msg values — a catalogue key and
// its arguments — put into words by a Printer in the language of whoever
// reads them. No language is package state: a web server answers a
// Vietnamese and an English browser at once.
//
// minutes imports the standard library and golang.org/x/text only: nothing
// of the project, no SQL, no file formats, no PDF, no front end.
package minutes
