package web

import (
	"errors"
	"net/http"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

// statusOf maps an error to its HTTP status, as the command line maps it
// to an exit status: the one place where codes become statuses. A record
// that breaks a rule (exit 3) is 422; a conflict (exit 4) is 412 when the
// meeting changed since the version the client named, else 409 (finalized,
// already done); not found (exit 5) is 404; a malformed query (exit 2) is
// 400; anything else is a 500, whose detail is logged, never shown.
func statusOf(err error) int {
	switch minutes.ErrorCode(err) {
	case "":
		return http.StatusOK
	case minutes.EINVALID:
		return http.StatusUnprocessableEntity
	case minutes.ECONFLICT:
		if minutes.Stale(err) {
			return http.StatusPreconditionFailed
		}
		return http.StatusConflict
	case minutes.ENOTFOUND:
		return http.StatusNotFound
	case minutes.EUSAGE:
		return http.StatusBadRequest
	case minutes.EFORBIDDEN:
		return http.StatusForbidden
	case app.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case app.ETHROTTLED:
		return http.StatusTooManyRequests
	}
	if tooBig(err) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// webWording replaces, on the web, messages whose words tell a terminal
// user what to type (a command, a flag) with words that name what to
// click. The rule and its code are the same; only the advice differs. Keep
// lists the arguments of the original message that the web's takes.
var webWording = map[string]struct {
	Key  string
	Keep []int
}{
	"error.internal":            {"web.internal", nil},
	"meeting.finalized":         {"web.finalized", []int{0}},
	"meeting.finalized_delete":  {"web.finalized_delete", []int{0}},
	"records.already_finalized": {"web.already_finalized", []int{0, 1}},
	"records.not_finalized":     {"web.not_finalized", []int{0}},
	"records.reason_required":   {"web.reason_required", nil},
	"task.note_required":        {"web.task_note_required", []int{0}},
	"task.reason_required":      {"web.task_reason_required", []int{0}},
	"task.already_done":         {"web.task_already_done", []int{0, 1}},
	"task.done_dropped":         {"web.task_done_dropped", []int{0, 1}},
	"task.drop_done":            {"web.task_drop_done", []int{0, 1}},
	"task.not_found":            {"web.task_not_found", []int{0}},
	"import.rejected_all":       {"web.import_rejected_all", []int{0}},
}

// say puts m into words for a web reader.
func say(p *minutes.Printer, m minutes.Msg) string {
	if w, ok := webWording[m.Key]; ok {
		args := make([]any, 0, len(w.Keep))
		for _, i := range w.Keep {
			if i < len(m.Args) {
				args = append(args, m.Args[i])
			}
		}
		m = minutes.M(w.Key, args...)
	}
	return p.Msg(m)
}

// errorLines puts err into words for a web reader, one line per message;
// any error that is not the domain's is internal.
func errorLines(p *minutes.Printer, err error) []string {
	var e *minutes.Error
	if !errors.As(err, &e) {
		if tooBig(err) {
			return []string{p.T("web.too_big")}
		}
		return []string{say(p, minutes.M("error.internal"))}
	}
	out := make([]string, 0, len(e.Msgs)+1)
	for _, m := range e.Msgs {
		out = append(out, say(p, m))
	}
	if e.Unlisted > 0 {
		out = append(out, p.T("error.unlisted", minutes.Number(e.Unlisted)))
	}
	return out
}

// problemView is one broken rule as pages and the API show it.
type problemView struct {
	Source   string `json:"source,omitempty"`
	Document int    `json:"document,omitempty"`
	Line     int    `json:"line,omitempty"`
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
}

func problemViews(p *minutes.Printer, err error) []problemView {
	ps := minutes.Problems(err)
	out := make([]problemView, len(ps))
	for i, pr := range ps {
		out[i] = problemView{Source: pr.Source, Document: pr.Doc, Line: pr.Line, Field: pr.Field, Message: say(p, pr.Reason)}
	}
	return out
}
