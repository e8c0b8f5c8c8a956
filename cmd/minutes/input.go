package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// maxInput bounds what is read from one file: far above any real minutes,
// low enough that a wrong file (a video, a disk image) is refused quickly.
const maxInput = 64 << 20

// readInput reads a record file, or standard input for "-".
func readInput(f *factory, path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = f.IO.In
	} else {
		file, err := os.Open(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, minutes.Errorm(minutes.EINVALID, "input.not_found", path)
			}
			return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", path, err)
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil && st.IsDir() {
			return nil, minutes.Errorm(minutes.EINVALID, "input.is_dir", path)
		}
		r = file
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, minutes.Errorm(minutes.EINVALID, "input.unreadable", path, err)
	}
	if len(b) > maxInput {
		return nil, minutes.Errorm(minutes.EINVALID, "input.too_big", path, maxInput>>20)
	}
	return b, nil
}

// sourceName is how a path is named in messages.
func sourceName(p *minutes.Printer, path string) string {
	if path == "-" {
		return p.T("input.stdin")
	}
	return path
}

// expandPaths lists the record files named by args: files as given, and
// the .yaml, .yml and .json files under each directory, sorted.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if a == "-" || (err == nil && !st.IsDir()) {
			out = append(out, a)
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
		out = append(out, found...)
	}
	return out, nil
}

// decodeFile reads and decodes one record file.
func decodeFile(f *factory, path string) ([]record.Doc, error) {
	b, err := readInput(f, path)
	if err != nil {
		return nil, err
	}
	return record.Decode(sourceName(f.P, path), b)
}
