package minutes

// Integrity is what a database's own check of itself found: what it
// checked, and each fault in the engine's own words (a page, a table, an
// index), at most MaxProblems of them with the rest counted.
type Integrity struct {
	Checked  []Msg
	Problems []string
	Unlisted int
}

// Add records one fault, counting those beyond MaxProblems.
func (in *Integrity) Add(problem string) {
	if len(in.Problems) < MaxProblems {
		in.Problems = append(in.Problems, problem)
		return
	}
	in.Unlisted++
}

// OK reports whether the check found nothing wrong.
func (in Integrity) OK() bool { return len(in.Problems) == 0 && in.Unlisted == 0 }
