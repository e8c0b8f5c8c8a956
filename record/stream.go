package record

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/sync/semaphore"

	"github.com/minutes-vn/minutes/minutes"
)

// MaxInput bounds what Read takes from one source, for the commands that
// read one record whole (add, the API): far above any real minutes, low
// enough that a wrong file is refused quickly. An import reads its sources
// a document at a time instead (DecodeReader), whatever their size.
const MaxInput = 64 << 20

// Source is one input of an import: a file, standard input, an upload. Name
// is how messages name it; Open gives its bytes, and is called only when
// the source is read, so that thousands of files are never open at once.
// Open may be called twice, each time from the start (an import with
// keepGoing checks a source whole before storing any of it), except for a
// ReaderSource.
type Source struct {
	Name string
	Open func() (io.ReadCloser, error)
	once bool // Open gives the same reader each time: it cannot be read twice
}

// ReaderSource is a source read from r (standard input, an upload).
func ReaderSource(name string, r io.Reader) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }, once: true}
}

// FileSource is the file at path, named as the user gave it.
func FileSource(path string) Source {
	return Source{Name: path, Open: func() (io.ReadCloser, error) {
		file, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, minutes.Errorm(minutes.EINVALID, "input.not_found", path)
			}
			return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", path, err)
		}
		if st, err := file.Stat(); err == nil && st.IsDir() {
			file.Close()
			return nil, minutes.Errorm(minutes.EINVALID, "input.is_dir", path, path)
		}
		return file, nil
	}}
}

// Read returns the bytes of s, at most MaxInput. Every failure is EINVALID
// naming the source.
func (s Source) Read() ([]byte, error) {
	r, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", s.Name, err)
	}
	if len(b) > MaxInput {
		return nil, minutes.Errorm(minutes.EINVALID, "input.too_big", s.Name, MaxInput>>20)
	}
	return b, nil
}

// Files lists the record files named by paths: files as given, and the
// .yaml, .yml and .json files under each directory, sorted. stdin is the
// source that "-" stands for.
func Files(paths []string, stdin Source) ([]Source, error) {
	var out []Source
	for _, a := range paths {
		if a == "-" {
			out = append(out, stdin)
			continue
		}
		st, err := os.Stat(a)
		if err == nil && !st.IsDir() {
			out = append(out, FileSource(a))
			continue
		}
		if err != nil {
			return nil, minutes.Errorm(minutes.EINVALID, "input.not_found", a)
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".yaml", ".yml", ".json":
				if !d.IsDir() {
					found = append(found, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", a, err)
		}
		if len(found) == 0 {
			return nil, minutes.Errorm(minutes.EINVALID, "input.empty_dir", a)
		}
		sort.Strings(found)
		for _, p := range found {
			out = append(out, FileSource(p))
		}
	}
	return out, nil
}

// Decode reads s a document at a time, calling fn with each as soon as it
// is read (DecodeReader): memory holds one document, whatever the size
// of s.
func (s Source) Decode(fn func(Doc) error) error {
	r, err := s.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return DecodeReader(s.Name, r, fn)
}

// decodeWhole is Decode giving fn no document unless all of s reads:
// a file with a syntax error anywhere gives none. A file is read twice,
// first to check it, so that memory still holds one document; a source
// that cannot be read twice is held whole.
func (s Source) decodeWhole(fn func(Doc) error) error {
	if s.once {
		var docs []Doc
		if err := s.Decode(func(d Doc) error { docs = append(docs, d); return nil }); err != nil {
			return err
		}
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
	r, err := s.Open()
	if err != nil {
		return err
	}
	err = checkReader(s.Name, r)
	r.Close()
	if err != nil {
		return err
	}
	return s.Decode(fn)
}

// Stream is one import's sorting of decoded documents: the meetings to
// store, the problems, and how much of a backup was read.
type Stream struct {
	// Stored sums up the meetings handed to the store; nil when none was,
	// or storing was rolled back. It holds no meeting: an import of any
	// size keeps only the batch the store is writing.
	Stored *Stored
	// Parts counts the parts of a backup read (meetings with a record:
	// block, a header, deleted drafts, reports), restored as they come.
	Parts int
	// Plain counts the valid ordinary records seen, stored or not.
	Plain int
	// Problems collects the problems of every source: the first
	// minutes.MaxProblems, and how many more, so that a million broken
	// documents are reported in bounded memory. Rejected counts the
	// documents and sources they belong to.
	Problems minutes.ProblemList
	Rejected int
	// Warnings are located notes on stored meetings that are not
	// problems: text that holds direction controls.
	Warnings []minutes.Problem
}

// Mixed reports a backup given together with ordinary records.
func (st *Stream) Mixed() bool { return st.Parts > 0 && st.Plain > 0 }

// ErrStop ends the storing of an import that cannot succeed: a problem
// without keepGoing, or a backup mixed with ordinary records. The store
// function returns it (from next) to roll back what it wrote.
var ErrStop = errors.New("import stopped")

// Import reads every source while store writes what has been read: a large
// import takes the longer of the two instead of their sum. store is called
// once, and only when there is a meeting to store, so that an import
// rejected whole leaves no trace; it must write the meetings next gives
// until next returns nil, in one transaction, and roll back when next
// returns an error. When the sources are a backup, restore is called
// instead, in the same way, with the parts of the backup: memory holds a
// few documents, whatever the size of the backup.
//
// Without keepGoing the import is all or nothing: the first problem makes
// next return ErrStop, and reading goes on to list every problem at once.
// With keepGoing each source is decoded whole before any of it is stored,
// so that a file with a syntax error stores none of its documents. A
// source that cannot be read at all, or an error of store other than
// ErrStop, ends the import with that error.
func Import(ctx context.Context, sources []Source, keepGoing bool, store func(next func() (*minutes.Meeting, error)) error,
	restore func(next func() (*minutes.BackupPart, error)) error) (*Stream, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item, readAheadItems)
	ahead := semaphore.NewWeighted(readAheadBytes)
	go decodeAll(ctx, sources, keepGoing, ahead, items)
	st := &Stream{}
	im := &importer{keepGoing: keepGoing, items: items, ahead: ahead, st: st}

	first, err := im.next()
	if err != nil && !errors.Is(err, ErrStop) {
		return nil, err
	}
	switch {
	case first.meeting != nil:
		err = store(func() (*minutes.Meeting, error) {
			e := first
			if e.meeting == nil {
				var err error
				if e, err = im.next(); err != nil {
					return nil, err
				}
			}
			first = entry{}
			if e.part != nil {
				return nil, ErrStop // a backup after ordinary records
			}
			if e.meeting != nil {
				if st.Stored == nil {
					st.Stored = &Stored{}
				}
				st.Stored.hand(e.meeting)
			}
			return e.meeting, nil
		})
		if err != nil && !errors.Is(err, ErrStop) {
			return nil, err
		}
		if err != nil {
			st.Stored = nil // rolled back
		} else if st.Stored != nil {
			st.Stored.done()
		}
	case first.part != nil:
		err = restore(func() (*minutes.BackupPart, error) {
			e := first
			if e.part == nil {
				var err error
				if e, err = im.next(); err != nil {
					return nil, err
				}
			}
			first = entry{}
			if e.meeting != nil {
				return nil, ErrStop // ordinary records in a backup
			}
			return e.part, nil
		})
		if err != nil && !errors.Is(err, ErrStop) {
			return nil, err
		}
	}
	im.drain()
	if err := ctx.Err(); err != nil {
		return nil, err // interrupted: reading stopped early
	}
	return st, nil
}

// Stored is what an import stored: how many new meetings and the numbers
// of the first and last, and the records found already stored word for
// word (not stored twice).
type Stored struct {
	New             int
	FirstID, LastID int64
	Existing        []Existing
	// Listed are the first MaxListed new meetings, for a page to link.
	Listed      []Listed
	pending     []*minutes.Meeting // handed on, not yet written
	first, last *minutes.Meeting   // read when done: a retried transaction numbers them again
	listed      []*minutes.Meeting
}

// MaxListed bounds Stored.Listed.
const MaxListed = 100

// Listed is a stored meeting as a list shows it.
type Listed struct {
	ID    int64
	Date  minutes.Date
	Title string
}

// Existing is a record already stored under that meeting number.
type Existing struct {
	ID     int64
	Number string
}

// hand notes m as handed to the store, first settling those the store has
// written since (they have their numbers): the store writes in batches, in
// order, so only the current batch is held.
func (s *Stored) hand(m *minutes.Meeting) {
	n := 0
	for n < len(s.pending) && s.pending[n].ID != 0 {
		s.settle(s.pending[n])
		n++
	}
	s.pending = append(s.pending[n:], m)
}

// done settles the rest, once the store has written everything.
func (s *Stored) done() {
	for _, m := range s.pending {
		s.settle(m)
	}
	s.pending = nil
	if s.first != nil {
		s.FirstID, s.LastID = s.first.ID, s.last.ID
	}
	for _, m := range s.listed {
		s.Listed = append(s.Listed, Listed{m.ID, m.Date, m.Title})
	}
	s.first, s.last, s.listed = nil, nil, nil
}

func (s *Stored) settle(m *minutes.Meeting) {
	if m.Existing {
		s.Existing = append(s.Existing, Existing{m.ID, m.Number})
		return
	}
	if s.New == 0 {
		s.first = m
	}
	if len(s.listed) < MaxListed {
		s.listed = append(s.listed, m)
	}
	s.New++
	s.last = m
}

// entry is what the importer hands on: a meeting to store or a part of a
// backup to restore; neither when there is nothing more.
type entry struct {
	meeting *minutes.Meeting
	part    *minutes.BackupPart
}

// item is one decoded document, or the error of a source that could not be
// read or decoded at all.
type item struct {
	doc Doc
	err error
}

// How far decoding runs ahead of storing: the store writes a thousand
// meetings at a time, and decoding must go on while it does, not wait for
// the store to ask for each (with 64 documents ahead, a 10,000-meeting
// import into PostgreSQL spent 1.3 of its 4.5 s waiting for the decoder,
// 0.2 s with this). The bytes bound what is held however large each
// document is: 4 MB of text is about 1,800 ordinary meetings, or one very
// large one.
const (
	readAheadItems = 4096
	readAheadBytes = 4 << 20
)

// weight is what d holds of the read-ahead budget: its text, or the whole
// budget for a document larger than that, which then waits alone.
func (d *Doc) weight() int64 { return min(int64(d.size), readAheadBytes) }

// decodeAll sends every document of every source to out, then closes it.
// Each document takes its weight of ahead until the importer receives it.
func decodeAll(ctx context.Context, sources []Source, wholeFiles bool, ahead *semaphore.Weighted, out chan<- item) {
	defer close(out)
	send := func(it item) error {
		if err := ctx.Err(); err != nil {
			return err // select would pick at random between the two
		}
		if err := ahead.Acquire(ctx, it.doc.weight()); err != nil {
			return err
		}
		select {
		case out <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for _, s := range sources {
		give := func(d Doc) error { return send(item{doc: d}) }
		var err error
		if wholeFiles {
			err = s.decodeWhole(give)
		} else {
			err = s.Decode(give)
		}
		if ctx.Err() != nil {
			return
		}
		if err != nil && send(item{err: err}) != nil {
			return
		}
	}
}

// importer sorts decoded documents into a Stream.
type importer struct {
	keepGoing bool
	items     <-chan item
	ahead     *semaphore.Weighted
	st        *Stream
	check     minutes.ArchiveChecker
}

// next returns the next meeting to store or part to restore, or neither
// when there are no more. It returns ErrStop once the import cannot
// succeed, and the error of a source that could not be read.
func (im *importer) next() (entry, error) {
	st := im.st
	for it := range im.items {
		im.ahead.Release(it.doc.weight())
		e, err := im.sort(it)
		if err != nil {
			return entry{}, err
		}
		if (st.Problems.Len() > 0 && !im.keepGoing) || st.Mixed() {
			return entry{}, ErrStop
		}
		if e.meeting != nil || e.part != nil {
			return e, nil
		}
	}
	return entry{}, nil
}

// drain sorts what is left, for the report of every problem.
func (im *importer) drain() {
	for it := range im.items {
		im.ahead.Release(it.doc.weight())
		_, _ = im.sort(it)
	}
}

func (im *importer) sort(it item) (entry, error) {
	err := it.err
	d := &it.doc
	if err == nil {
		if p := d.BackupPart(); p != nil {
			im.st.Parts++
			ps := im.check.Check(p)
			if len(ps) == 0 {
				return entry{part: p}, nil
			}
			for i := range ps {
				ps[i].Source, ps[i].Doc, ps[i].Line = d.Source, d.Index, d.LineOf(ps[i].Field)
			}
			im.st.Problems.AddErr(minutes.Invalid(ps))
			im.st.Rejected++
			return entry{}, nil
		}
		err = d.Err
	}
	if err != nil {
		if minutes.ErrorCode(err) != minutes.EINVALID {
			return entry{}, err
		}
		if ps := minutes.Problems(err); len(ps) > 0 {
			im.st.Problems.AddErr(err)
		} else {
			// A source that cannot be read (missing, unreadable) is a
			// problem of the import like any other, never skipped in
			// silence.
			im.st.Problems.Add(minutes.Problem{Reason: minutes.ReasonOf(err)})
		}
		im.st.Rejected++
		return entry{}, nil
	}
	im.st.Plain++
	for _, field := range d.Meeting.DisguisedFields() {
		if len(im.st.Warnings) >= minutes.MaxProblems {
			break // as many as anyone reads: the fields are shown marked anyway
		}
		im.st.Warnings = append(im.st.Warnings, minutes.Problem{Source: d.Source, Doc: d.Index, Line: d.LineOf(field), Field: field, Reason: minutes.M("text.bidi")})
	}
	return entry{meeting: d.Meeting}, nil
}
