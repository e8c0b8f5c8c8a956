package minutes

import (
	"reflect"
	"testing"
)

func TestMatchConclusions(t *testing.T) {
	cases := []struct {
		name     string
		old, new []string
		want     []int
	}{
		{"Unchanged", []string{"a", "b", "c"}, []string{"a", "b", "c"}, []int{0, 1, 2}},
		{"EditedInPlace", []string{"a", "b", "c"}, []string{"a", "B", "c"}, []int{0, 1, 2}},
		{"RemoveMiddle", []string{"a", "b", "c", "d"}, []string{"a", "c", "d"}, []int{0, 2, 3}},
		{"InsertFront", []string{"a", "b"}, []string{"x", "a", "b"}, []int{-1, 0, 1}},
		{"Append", []string{"a"}, []string{"a", "b"}, []int{0, -1}},
		{"Swap", []string{"a", "b"}, []string{"b", "a"}, []int{1, 0}},
		{"Duplicates", []string{"a", "a"}, []string{"a"}, []int{0}},
		{"DuplicatesKeepPosition", []string{"a", "b", "a"}, []string{"b", "a"}, []int{1, 0}},
		{"AllNew", []string{"a", "b"}, []string{"x", "y", "z"}, []int{0, 1, -1}},
		{"AllGone", []string{"a", "b"}, nil, []int{}},
		{"FromNone", nil, []string{"a"}, []int{-1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := MatchConclusions(c.old, c.new)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("MatchConclusions(%q, %q) = %v, want %v", c.old, c.new, got, c.want)
			}
			seen := map[int]bool{}
			for _, k := range got {
				if k >= 0 && seen[k] {
					t.Fatalf("row %d taken twice", k)
				}
				seen[k] = true
			}
		})
	}
}
