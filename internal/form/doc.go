// Package form is the interactive form of `minutes add`: a record typed on
// a terminal one section at a time (organisation, meeting, chairs, …,
// recipients), each answer checked as it is typed by the rules the domain
// applies to every record, then a review of the whole record before it is
// saved. Run takes its terminal, language, defaults, draft file and the
// review and save callbacks in Options; it knows nothing of flags, the
// environment or the database.
//
// It owns:
//   - the terminal user interface: it is the only package that imports huh
//     and Bubble Tea (one Bubble Tea program for the whole session, and a
//     line-by-line mode for screen readers);
//   - the draft file: the record typed so far, in the usual record format
//     (record.MarshalYAML) with the section reached in a comment, written
//     after each section and entry, so that Ctrl-C, a closed terminal or a
//     power cut loses at most the section being typed; the next Run offers
//     to continue it;
//   - its own messages (Messages), which the front end adds to its catalogue.
//
// It may import the domain (minutes) and the record format (record). It
// must never import the store (minutes/sqlstore) or the command line
// (cmd/minutes): the record is stored by the Save callback, and the draft's
// location, the office defaults and colour are decided by the caller.
package form
