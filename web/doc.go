// Package web is the office's web interface and JSON API (minutes serve):
// it owns HTTP and nothing else. A handler parses the request, calls the
// same operation of package app that the command line calls, and renders a
// page (html/template, embedded) or JSON (the views of package record).
// It holds no SQL and no rule of the record: a rule holds in both front
// ends or in neither. Drafts of forms live in the database, so that any
// number of server processes can serve one office side by side.
//
// It owns, too, what keeps a server on one machine safe: one error-to-status
// mapping (status.go), refusal of cross-origin writes and of foreign Host
// headers (against DNS rebinding), a strict Content-Security-Policy (no
// inline script or style), request size limits, and the choice of the
// reader's language (a cookie, else Accept-Language; Vietnamese by
// default).
//
// web imports minutes, app, record and report (for the figures of a
// report). It never imports the store or a database driver: it is given an
// *app.Service. Its tests do, to run it over real databases.
package web
