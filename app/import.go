package app

import (
	"context"
	"errors"
	"io"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

// Imported is the outcome of an import.
type Imported struct {
	// Stored counts the new meetings; FirstID and LastID are the numbers
	// of the first and the last stored.
	Stored          int
	FirstID, LastID int64
	// Listed are the first record.MaxListed of them, for a page to link.
	Listed []record.Listed
	// Existing are the records already stored word for word under the
	// same number (minutes.Meeting.Existing): not stored twice.
	Existing []record.Existing
	// Restored and Skipped count a backup's meetings stored, and those
	// already in the database (the same identity), left alone.
	Restored, Skipped int
	// Backup reports that the sources were a backup, restored.
	Backup bool
	// Warnings are notes on the stored meetings, located.
	Warnings []minutes.Problem
}

// Import stores the meetings of every source in one transaction, reading
// while it writes; a backup (records with a record: block) is restored
// instead. Without keepGoing it is all or nothing: one problem and nothing
// is stored, and the EINVALID error lists every problem of every source.
// With keepGoing the valid meetings are stored and the error (returned
// with the outcome) lists the rejected ones. progress, when not nil, is
// called with the number of meetings stored so far.
func (s *Service) Import(ctx context.Context, sources []record.Source, keepGoing bool, progress func(done int)) (*Imported, error) {
	if err := minutes.Require(ctx, minutes.PermRecord); err != nil {
		return nil, err
	}
	out := &Imported{}
	st, err := record.Import(ctx, sources, keepGoing, func(next func() (*minutes.Meeting, error)) error {
		db, err := s.storeFor(ctx, minutes.PermRecord)
		if err != nil {
			return err
		}
		own := func() (*minutes.Meeting, error) {
			m, err := next()
			if m != nil && err == nil {
				err = checkOrg(ctx, m.Organization)
			}
			return m, err
		}
		_, err = db.CreateMeetingsFrom(ctx, own, progress)
		return err
	}, func(next func() (*minutes.BackupPart, error)) error {
		// A whole backup holds every office's meetings, the settings and
		// the numbers given: only an admin restores one.
		db, err := s.storeFor(ctx, minutes.PermAdmin)
		if err != nil {
			return err
		}
		done := 0
		out.Restored, out.Skipped, err = db.RestoreFrom(ctx, func() (*minutes.BackupPart, error) {
			p, err := next()
			if p != nil && p.Meeting != nil && progress != nil {
				done++
				progress(done)
			}
			return p, err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	if st.Mixed() {
		return nil, minutes.Errorm(minutes.EINVALID, "restore.mixed")
	}
	rejected := func(key string) error {
		if st.Problems.Len() == 0 {
			return nil
		}
		var e *minutes.Error
		errors.As(st.Problems.Err(), &e)
		return e.Headed(minutes.M(key, minutes.Number(st.Rejected)))
	}
	if !keepGoing {
		if err := rejected("import.rejected_all"); err != nil {
			return nil, err
		}
	}
	out.Warnings = st.Warnings
	if st.Stored == nil {
		out.Warnings = nil
	} else {
		out.Stored, out.FirstID, out.LastID = st.Stored.New, st.Stored.FirstID, st.Stored.LastID
		out.Existing, out.Listed = st.Stored.Existing, st.Stored.Listed
	}
	out.Backup = st.Parts > 0
	return out, rejected("import.rejected_some")
}

// Restore stores archived meetings as they were: status, version,
// timestamps, history and the follow-up of their conclusions. Those already
// stored (the same identity) are skipped, so restoring twice changes
// nothing. All or nothing. EINVALID.
func (s *Service) Restore(ctx context.Context, as []*minutes.Archive) (restored, skipped int, err error) {
	if err := minutes.CheckArchives(as); err != nil {
		return 0, 0, err
	}
	db, err := s.storeFor(ctx, minutes.PermRecord)
	if err != nil {
		return 0, 0, err
	}
	for _, a := range as {
		if err := checkOrg(ctx, a.Meeting.Organization); err != nil {
			return 0, 0, err
		}
	}
	return db.Restore(ctx, as)
}

// Backup returns every stored meeting with its identity, history and
// follow-up, by date then ID. BackupTo is the whole backup.
func (s *Service) Backup(ctx context.Context) ([]*minutes.Archive, error) {
	db, err := s.storeFor(ctx, minutes.PermAdmin) // every office's: see BackupTo
	if err != nil {
		return nil, err
	}
	return db.Backup(ctx)
}

// BackupTo writes the whole backup to w as it reads the database (YAML, or
// JSON when asJSON): every meeting with its identity, numbers, history and
// follow-up, the history of deleted drafts, the office settings, the
// numbers given and the reports' numbers; what Import restores. Memory
// holds a page of meetings, whatever their number. It returns how many
// meetings it wrote.
// It holds every office's meetings and the database's settings: only an
// admin (or the local operator) takes it; EFORBIDDEN for anyone else.
func (s *Service) BackupTo(ctx context.Context, w io.Writer, asJSON bool) (int, error) {
	db, err := s.storeFor(ctx, minutes.PermAdmin)
	if err != nil {
		return 0, err
	}
	bw := record.NewBackupWriter(w, asJSON)
	n, err := db.BackupTo(ctx, bw.Put)
	if err != nil {
		return 0, err
	}
	return n, bw.Close()
}

var importMessages = minutes.Messages{
	"import.rejected_all":  {"Không lưu gì: %s cuộc họp/tệp bị từ chối (dùng --keep-going để lưu các cuộc họp hợp lệ).", "Nothing stored: %s meetings/files rejected (use --keep-going to store the valid ones)."},
	"import.rejected_some": {"%s cuộc họp/tệp bị từ chối:", "%s meetings/files rejected:"},
	"restore.mixed":        {"không trộn bản sao lưu (có khối record:) với biên bản mới trong một lần nhập; hãy nhập riêng", "a backup (with record: blocks) cannot be imported together with new records; import them separately"},
}
