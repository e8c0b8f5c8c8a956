package report

import (
	"fmt"
	"strings"
	"testing"
)

// boxes measures a layout the way render does, without drawing.
func boxesOf(l *Layout) []box {
	r := newRenderer(l)
	for i := range l.Blocks {
		r.block(l, i)
	}
	return r.boxes
}

// Page breaks fall at every possible place as the summary grows one
// sentence at a time; none may leave a kept box (heading, introduction,
// first line of a paragraph, title) at the foot of a page, start a page
// with the signatures, or run into the bottom margin.
func TestPaginationKeepsTogether(t *testing.T) {
	for n := 0; n < 80; n++ {
		m := longMeeting()
		m.Summary = strings.Repeat("Công tác chuẩn bị cho cuộc bầu cử được chủ động, đảm bảo đúng luật định. ", n)
		l, _ := LayoutMinutes(m)
		boxes := boxesOf(l)
		pages := paginate(boxes)
		for p, pg := range pages {
			last := pg[len(pg)-1]
			if p < len(pages)-1 && last.b.keep {
				t.Errorf("n=%d: page %d ends with a box kept with the next", n, p+1)
			}
			if bottom := last.y + last.b.h; bottom > pageHeight-marginBottom+0.001 {
				t.Errorf("n=%d: page %d runs to %.1f mm", n, p+1, bottom)
			}
			if p > 0 && pg[0].b.h > 30 { // only the signature box is this tall
				t.Errorf("n=%d: page %d starts with the signatures", n, p+1)
			}
		}
		if n == 79 && len(pages) < 5 {
			t.Fatalf("the test meeting is too short to break pages: %d", len(pages))
		}
	}
}

func TestPaginateChains(t *testing.T) {
	line := func(keep bool) box { return box{h: 10, keep: keep} }
	// 25 lines of 10 mm fill a 257 mm page; a kept pair at lines 25/26
	// moves to the next page together.
	var bs []box
	for i := 0; i < 24; i++ {
		bs = append(bs, line(false))
	}
	bs = append(bs, line(true), line(false), line(false))
	pages := paginate(bs)
	if got := fmt.Sprint(len(pages[0]), len(pages[1])); got != "24 3" {
		t.Errorf("kept pair: pages hold %s boxes, want 24 3", got)
	}
	// A chain taller than a page breaks where it must instead of looping.
	bs = nil
	for i := 0; i < 60; i++ {
		bs = append(bs, line(true))
	}
	pages = paginate(bs)
	if got := fmt.Sprint(len(pages), len(pages[0])); got != "3 25" {
		t.Errorf("over-tall chain: %s, want 3 pages, 25 on the first", got)
	}
	// Space before a box is dropped at the top of a page.
	bs = []box{{h: 250}, {h: 10, before: 5}}
	pages = paginate(bs)
	if len(pages) != 2 || pages[1][0].y != marginTop {
		t.Errorf("space before at page top: %+v", pages)
	}
}
