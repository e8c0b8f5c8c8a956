package record_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

func sealChange() minutes.Change {
	return minutes.Change{
		Version: 3, Action: minutes.ActionAmended, At: time.Date(2026, 3, 28, 1, 2, 3, 456789123, time.UTC),
		DBUser: "minutes", OSUser: "bithu", Fields: []string{"title"}, Reason: "sửa tiêu đề",
	}
}

// TestSealConstruction computes the seal as the README and record/seal.go
// describe it, byte for byte, with the standard library alone: a change of
// the construction would make every stored seal a false alarm.
func TestSealConstruction(t *testing.T) {
	const prev = "ab12"
	want := sha256.Sum256([]byte("minutes-seal-1\n" +
		`{"prev":"ab12","version":3,"action":"amended","at":"2026-03-28T01:02:03.456789Z","db_user":"minutes","os_user":"bithu","fields":["title"],"reason":"sửa tiêu đề"}` +
		"\n" + snapshotV1))
	got, err := record.Seal(prev, sealChange(), snapshotV1Meeting())
	if err != nil {
		t.Fatal(err)
	}
	if got != hex.EncodeToString(want[:]) {
		t.Fatalf("seal %s, want %s", got, hex.EncodeToString(want[:]))
	}
}

// TestSealCoversEverything: the seal changes with each part of the entry,
// of the record and of the chain.
func TestSealCoversEverything(t *testing.T) {
	base, _ := record.Seal("", sealChange(), snapshotV1Meeting())
	for name, f := range map[string]func(c *minutes.Change, m *minutes.Meeting, prev *string){
		"prev":         func(c *minutes.Change, m *minutes.Meeting, p *string) { *p = "x" },
		"version":      func(c *minutes.Change, m *minutes.Meeting, p *string) { c.Version++ },
		"action":       func(c *minutes.Change, m *minutes.Meeting, p *string) { c.Action = minutes.ActionFinalized },
		"at":           func(c *minutes.Change, m *minutes.Meeting, p *string) { c.At = c.At.Add(time.Microsecond) },
		"db_user":      func(c *minutes.Change, m *minutes.Meeting, p *string) { c.DBUser = "khác" },
		"os_user":      func(c *minutes.Change, m *minutes.Meeting, p *string) { c.OSUser = "khác" },
		"fields":       func(c *minutes.Change, m *minutes.Meeting, p *string) { c.Fields = nil },
		"reason":       func(c *minutes.Change, m *minutes.Meeting, p *string) { c.Reason = "khác" },
		"title":        func(c *minutes.Change, m *minutes.Meeting, p *string) { m.Title += "." },
		"chair":        func(c *minutes.Change, m *minutes.Meeting, p *string) { m.Chairs[1].Name = "Khác" },
		"present":      func(c *minutes.Change, m *minutes.Meeting, p *string) { m.Attendance.Present++ },
		"conclusion":   func(c *minutes.Change, m *minutes.Meeting, p *string) { m.Conclusions[0].Owner = "" },
		"finalized_by": func(c *minutes.Change, m *minutes.Meeting, p *string) { m.FinalizedBy = "khác" },
	} {
		c, m, prev := sealChange(), snapshotV1Meeting(), ""
		f(&c, m, &prev)
		if got, _ := record.Seal(prev, c, m); got == base {
			t.Errorf("%s: the seal does not change", name)
		}
	}
	// What is not the record does not count: IDs, and nanoseconds past
	// what PostgreSQL and a backup keep.
	c, m := sealChange(), snapshotV1Meeting()
	m.ID, m.Conclusions[0].ID, m.Seal = 7, 99, "x"
	c.At = c.At.Add(100 * time.Nanosecond)
	if got, _ := record.Seal("", c, m); got != base {
		t.Errorf("IDs or nanoseconds change the seal")
	}
}

func BenchmarkSeal(b *testing.B) {
	c, m := sealChange(), snapshotV1Meeting()
	for i := 0; i < b.N; i++ {
		if _, err := record.Seal("ab", c, m); err != nil {
			b.Fatal(err)
		}
	}
}
