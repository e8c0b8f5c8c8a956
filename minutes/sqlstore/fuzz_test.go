package sqlstore_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

var (
	fuzzOnce  sync.Once
	fuzzStore *sqlstore.Store
)

// FuzzDecodeStoreExport checks, for any input, that decoding never panics
// and that every meeting it accepts survives the store unchanged: decode →
// validate → store → load → export gives the record the decoder saw, and
// that export decodes again to the same record.
func FuzzDecodeStoreExport(f *testing.F) {
	seeds, _ := filepath.Glob("../../examples/*.yaml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("organization: a\ntitle: b\ndate: 1/1/2021\nchair: c\nattendance: 1\n"))
	f.Add([]byte(`{"organization":"x","title":"y","date":"2021-02-28","chairs":["z"],"attendance":{"present":0},"comments":["  đ  "]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := record.Decode("fuzz.yaml", data)
		if err != nil {
			return
		}
		fuzzOnce.Do(func() {
			dir, err := os.MkdirTemp("", "minutes-fuzz-")
			if err != nil {
				t.Fatal(err)
			}
			fuzzStore, err = sqlstore.Open(context.Background(), filepath.Join(dir, "fuzz.db"))
			if err != nil {
				t.Fatal(err)
			}
		})
		ctx := context.Background()
		for _, d := range docs {
			if d.Err != nil {
				continue
			}
			want, err := record.MarshalYAML(d.Meeting)
			if err != nil {
				t.Fatal(err)
			}
			if err := fuzzStore.CreateMeetings(ctx, []*minutes.Meeting{d.Meeting}); err != nil {
				t.Fatalf("a decoded, valid meeting was refused by the store: %v\n%s", err, want)
			}
			got, err := fuzzStore.FindMeetingByID(ctx, d.Meeting.ID)
			if err != nil {
				t.Fatal(err)
			}
			out, err := record.MarshalYAML(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, want) {
				t.Fatalf("stored meeting exports differently:\n--- decoded\n%s\n--- stored\n%s", want, out)
			}
			again, err := record.Meetings("export.yaml", out)
			if err != nil {
				t.Fatalf("an export does not decode: %v\n%s", err, out)
			}
			if back, _ := record.MarshalYAML(again[0].Meeting); !bytes.Equal(back, out) {
				t.Fatalf("export → decode → export differs:\n%s\n---\n%s", out, back)
			}
		}
	})
}
