package main

import (
	"github.com/minutes-vn/minutes/record"
)

// source is the record file at path, or standard input for "-".
func (f *factory) source(path string) record.Source {
	if path == "-" {
		return f.stdin()
	}
	return record.FileSource(path)
}

// stdin is standard input as a source, named as messages name it.
func (f *factory) stdin() record.Source {
	return record.ReaderSource(f.T("input.stdin"), f.IO.In)
}
