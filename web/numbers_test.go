package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/minutes-vn/minutes/internal/testdb"
)

// TestFinalizeProposesNumber: the confirmation page offers minutes without
// a number the register's next one; kept, it is taken with the approval,
// changed, the one typed is, emptied, the minutes stay without.
func TestFinalizeProposesNumber(t *testing.T) {
	ts := newServer(t, testdb.SQLite(t))
	numbered := strings.Replace(validJSON, `"title"`, `"number":"15-BB/TU","title"`, 1)
	first := ts.create(t, numbered)
	if r := ts.do(t, "POST", "/api/meetings/"+first+"/finalize", "", "Origin", ts.URL); r.status != http.StatusOK && r.status != http.StatusNoContent {
		t.Fatalf("finalize %s: %d %s", first, r.status, r.body)
	}
	post := func(id, number string) response {
		form := url.Values{"version": {"1"}, "number": {number}}
		return ts.do(t, "POST", "/meetings/"+id+"/finalize", form.Encode(),
			"Content-Type", "application/x-www-form-urlencoded", "Origin", ts.URL)
	}
	numberOf := func(id string) string {
		var n int64
		for _, c := range id {
			n = n*10 + int64(c-'0')
		}
		m, err := ts.app.Meeting(context.Background(), n)
		if err != nil {
			t.Fatal(err)
		}
		return m.Number
	}

	second := ts.create(t, validJSON)
	page := ts.do(t, "GET", "/meetings/"+second+"/finalize", "")
	if page.status != http.StatusOK || !strings.Contains(page.body, `value="16-BB/TU"`) {
		t.Fatalf("the confirmation does not propose 16-BB/TU (%d):\n%s", page.status, page.body)
	}
	if r := post(second, "16-BB/TU"); r.status != http.StatusSeeOther {
		t.Fatalf("finalize with the proposal: %d %s", r.status, r.body)
	}
	if got := numberOf(second); got != "16-BB/TU" {
		t.Errorf("finalized with the proposal: number %q", got)
	}

	third := ts.create(t, validJSON)
	if r := post(third, "16-BB/TU"); r.status != http.StatusConflict {
		t.Errorf("a number already taken: %d, want 409\n%s", r.status, r.body)
	} else if !strings.Contains(r.body, "16-BB/TU") {
		t.Errorf("the refusal does not name the number:\n%s", r.body)
	}
	if got := numberOf(third); got != "" {
		t.Errorf("a refused approval stored the number %q", got)
	}
	if r := post(third, "20-BB/TU"); r.status != http.StatusSeeOther {
		t.Fatalf("finalize with a typed number: %d %s", r.status, r.body)
	}
	if got := numberOf(third); got != "20-BB/TU" {
		t.Errorf("finalized with a typed number: %q", got)
	}

	fourth := ts.create(t, validJSON)
	if r := post(fourth, "  "); r.status != http.StatusSeeOther {
		t.Fatalf("finalize without a number: %d %s", r.status, r.body)
	}
	if got := numberOf(fourth); got != "" {
		t.Errorf("emptied field still numbered the minutes %q", got)
	}
	page = ts.do(t, "GET", "/meetings/"+first+"/finalize", "")
	if page.status == http.StatusOK {
		t.Errorf("finalized minutes offered a confirmation again")
	}
}
