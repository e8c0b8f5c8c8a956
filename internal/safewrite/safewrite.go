// Package safewrite writes a file so that nobody ever sees half of it: a
// temporary file in the same folder, synced, then renamed over the target.
// It writes only to a regular file or a new name, never through a link or
// into a pipe or a device. It imports only the standard library; callers
// put its errors into words.
package safewrite

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

var (
	// ErrExists is returned when the file exists and may not be replaced.
	ErrExists = errors.New("safewrite: file exists")
	// ErrNotRegular is returned when the name is a link, a named pipe or a
	// device node: the rename would replace it with a regular file (as
	// root, /dev/stdout included).
	ErrNotRegular = errors.New("safewrite: not a regular file")
)

// File writes data to path atomically, with mode as the umask gives it (not
// os.CreateTemp, whose files are 0600 whatever the umask says). An existing
// regular file is replaced only when replace is true.
func File(path string, data []byte, mode fs.FileMode, replace bool) error {
	return Stream(path, mode, replace, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Stream is File for what write writes, as it is produced (a backup of any
// size): the file appears whole once write has returned nil, or not at all.
func Stream(path string, mode fs.FileMode, replace bool, write func(w io.Writer) error) error {
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		return ErrNotRegular
	} else if err == nil && !replace {
		return ErrExists
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var tmp *os.File
	var err error
	for range 10 {
		name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		if tmp, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode); !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
