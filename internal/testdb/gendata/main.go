// Command gendata writes generated meetings (testdb.Meeting) as a YAML
// record file, for the benchmark scripts:
//
//	go run ./internal/testdb/gendata -n 1000 -from 2021-01-01 -days 90 > q1.yaml
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/minutes-vn/minutes/internal/testdb"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

func main() {
	n := flag.Int("n", 1000, "how many meetings")
	from := flag.String("from", "2021-01-01", "first day")
	days := flag.Int("days", 90, "spread the meetings over this many days")
	first := flag.Int("first", 0, "the index of the first meeting generated (meetings of another file take other numbers)")
	flag.Parse()
	start, err := minutes.ParseDate(*from)
	if err != nil || *days < 1 {
		fmt.Fprintln(os.Stderr, "gendata: bad -from or -days")
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	vals := make([]any, *n)
	for i := range vals {
		m := testdb.Meeting(*first + i)
		shift := start.AddDays(i % *days)
		for k := range m.Conclusions {
			m.Conclusions[k].Due = shift.AddDays(30 * (k + 1))
		}
		m.Date = shift
		vals[i] = record.ToWire(m, false)
	}
	if err := record.EncodeYAML(w, vals...); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
