package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type importOptions struct {
	Paths     []string
	KeepGoing bool
}

func newImportCmd(f *factory) *cobra.Command {
	opts := &importOptions{}
	cmd := &cobra.Command{
		Use:     "import FILE|DIR…",
		Short:   f.T("cmd.import.short"),
		Long:    f.T("cmd.import.long"),
		Example: "  minutes import bien-ban-2021/\n  minutes import q1.yaml q2.yaml --keep-going\n  minutes import backup.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runImport(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.KeepGoing, "keep-going", false, f.T("flag.import.keep_going"))
	return cmd
}

func runImport(ctx context.Context, f *factory, opts *importOptions) error {
	paths, err := expandPaths(opts.Paths)
	if err != nil {
		return err
	}
	// One goroutine decodes while this one stores what it has decoded, in
	// one transaction: a large import takes the longer of the two instead
	// of their sum. The first problem (without --keep-going) rolls back what
	// was written; decoding goes on to report every problem at once.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan importItem, 64)
	go decodeAll(ctx, f, paths, opts.KeepGoing, items)
	im := &importer{keepGoing: opts.KeepGoing, items: items}

	// The database is opened once there is something to store, so that a
	// file rejected whole leaves no trace, not even a new database file.
	first, err := im.next()
	if err != nil && !errors.Is(err, errImportStop) {
		return err
	}
	var stored []*minutes.Meeting
	if first != nil {
		s, err := f.Store(ctx)
		if err != nil {
			return err
		}
		var progress func(int)
		var bar *progressbar.ProgressBar
		if f.IO.ErrTTY && !f.Quiet {
			// A spinner and a count: the total is not known while the
			// files are still being read.
			bar = progressbar.NewOptions(-1,
				progressbar.OptionSetWriter(f.IO.ErrOut),
				progressbar.OptionSetDescription(f.T("import.progress", 0)),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionThrottle(100_000_000))
			progress = func(n int) {
				bar.Describe(f.T("import.progress", n))
				_ = bar.Set(n)
			}
		}
		_, err = s.CreateMeetingsFrom(ctx, func() (*minutes.Meeting, error) {
			m := first
			if m == nil {
				var err error
				if m, err = im.next(); err != nil {
					return nil, err
				}
			}
			first = nil
			if m != nil {
				stored = append(stored, m)
			}
			return m, nil
		}, progress)
		if bar != nil {
			_ = bar.Finish() // clears the line before the summary
		}
		if err != nil && !errors.Is(err, errImportStop) {
			return err
		}
		if err != nil {
			stored = nil // rolled back
		}
	}
	im.drain()
	if err := ctx.Err(); err != nil {
		return err // interrupted: decoding stopped early
	}
	if !opts.KeepGoing {
		if err := im.err("import.rejected_all"); err != nil {
			return err
		}
	}
	if len(im.archives) > 0 {
		if im.meetings > 0 {
			return minutes.Errorm(minutes.EINVALID, "restore.mixed")
		}
		if err := runRestore(ctx, f, im.archives); err != nil {
			return err
		}
		return im.err("import.rejected_some")
	}
	f.say(f.T("import.done", len(stored), len(paths)))
	if len(stored) > 0 && !f.Quiet {
		fmt.Fprintln(f.IO.ErrOut, f.T("import.ids", stored[0].ID, stored[len(stored)-1].ID))
	}
	return im.err("import.rejected_some")
}

// importItem is one decoded document, or the error of a file that could
// not be read or decoded at all.
type importItem struct {
	doc record.Doc
	err error
}

// decodeAll sends every document of every path to out, then closes it. With
// wholeFiles (--keep-going) a file is decoded whole before any of it is
// sent, so that a file with a syntax error stores none of its documents;
// otherwise documents are sent as they are read: any problem then rolls
// back the whole import anyway.
func decodeAll(ctx context.Context, f *factory, paths []string, wholeFiles bool, out chan<- importItem) {
	defer close(out)
	send := func(it importItem) error {
		if err := ctx.Err(); err != nil {
			return err // select would pick at random between the two
		}
		select {
		case out <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, p := range paths {
		var err error
		if wholeFiles {
			var docs []record.Doc
			if docs, err = decodeFile(f, p); err == nil {
				for _, d := range docs {
					if send(importItem{doc: d}) != nil {
						return
					}
				}
			}
		} else {
			var b []byte
			if b, err = readInput(f, p); err == nil {
				err = record.DecodeFunc(sourceName(f.P, p), b, func(d record.Doc) error {
					return send(importItem{doc: d})
				})
			}
		}
		if ctx.Err() != nil {
			return
		}
		if err != nil && send(importItem{err: err}) != nil {
			return
		}
	}
}

// errImportStop ends the storing of an import that cannot succeed: a
// problem without --keep-going, or a backup mixed with plain meetings.
var errImportStop = errors.New("import stopped")

// importer sorts decoded documents into meetings to store, problems and
// backup archives.
type importer struct {
	keepGoing bool
	items     <-chan importItem
	problems  []minutes.Problem
	rejected  int
	archives  []*minutes.Archive
	meetings  int // valid plain meetings seen, stored or not
}

// next returns the next meeting to store, or nil when there are no more.
// It returns errImportStop once the import cannot succeed, and the error of
// a file that could not be read.
func (im *importer) next() (*minutes.Meeting, error) {
	for it := range im.items {
		m, err := im.sort(it)
		if err != nil {
			return nil, err
		}
		if (len(im.problems) > 0 && !im.keepGoing) || (len(im.archives) > 0 && im.meetings > 0) {
			return nil, errImportStop
		}
		if m != nil && len(im.archives) == 0 {
			return m, nil
		}
	}
	return nil, nil
}

// err is nil without problems, else every problem under a headline (key)
// that says how many documents were rejected.
func (im *importer) err(key string) error {
	if len(im.problems) == 0 {
		return nil
	}
	return minutes.Invalid(im.problems).(*minutes.Error).Headed(minutes.M(key, im.rejected))
}

// drain sorts what is left, for the report of every problem.
func (im *importer) drain() {
	for it := range im.items {
		_, _ = im.sort(it)
	}
}

func (im *importer) sort(it importItem) (*minutes.Meeting, error) {
	err := it.err
	if err == nil {
		err = it.doc.Err
	}
	if err != nil {
		var e *minutes.Error
		if !errors.As(err, &e) || e.Code != minutes.EINVALID {
			return nil, err
		}
		im.problems = append(im.problems, e.Problems...)
		im.rejected++
		return nil, nil
	}
	if a := it.doc.Archive(); a != nil {
		im.archives = append(im.archives, a)
		return nil, nil
	}
	im.meetings++
	return it.doc.Meeting, nil
}
