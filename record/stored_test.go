package record

import (
	"testing"

	"github.com/minutes-vn/minutes/minutes"
)

// The summary of an import holds only the meetings the store has not
// written yet, counts the rest, and reads the first and last numbers at
// the end (a retried transaction numbers them again).
func TestStoredHoldsOnlyTheBatch(t *testing.T) {
	var s Stored
	var batch []*minutes.Meeting
	id := int64(100)
	for i := range 1000 {
		m := &minutes.Meeting{Number: "x"}
		s.hand(m)
		batch = append(batch, m)
		if len(s.pending) > 8 {
			t.Fatalf("after %d meetings %d are held", i+1, len(s.pending))
		}
		if len(batch) == 7 { // the store writes a batch of seven
			for j, b := range batch {
				id++
				b.ID = id
				b.Existing = j == 3
			}
			batch = nil
		}
	}
	first := s.first
	for _, b := range batch {
		id++
		b.ID = id
	}
	first.ID = 42 // numbered again by a retry
	s.done()
	if s.pending != nil || s.first != nil {
		t.Error("meetings still held when done")
	}
	existing := 1000 / 7
	if s.New != 1000-existing || len(s.Existing) != existing {
		t.Errorf("new %d existing %d, want %d and %d", s.New, len(s.Existing), 1000-existing, existing)
	}
	if s.FirstID != 42 || s.LastID != id {
		t.Errorf("numbers %d–%d, want 42–%d", s.FirstID, s.LastID, id)
	}
}
