package minutes

import (
	"fmt"
	"time"
)

// BackupFormat is the version of the backup this program writes. Format 1
// (before issue 15) held the meetings only; format 2 adds the header (the
// numbers given and the office settings), the numbers of meetings and
// conclusions, the history of deleted drafts and the numbers of reports.
// A backup of either format restores.
const BackupFormat = 2

// BackupPart is one piece of a backup, which is written and restored a
// piece at a time so that a backup of any size takes the memory of one
// meeting. Exactly one field is set. A backup is its Info first, then the
// meetings, then the deleted drafts, then the reports' numbers.
type BackupPart struct {
	Info    *BackupInfo
	Meeting *Archive
	Deleted *DeletedArchive
	Reports []Registration
}

// BackupInfo is what a backup holds beside the meetings.
type BackupInfo struct {
	Format int
	// Counters hold the highest number each kind of row has been given
	// (meetings, conclusions, task_notes), deleted ones included: the
	// database restored into gives none of them again.
	Counters map[string]int64
	Settings []Setting
}

// Setting is an office default as stored, with who set it and when.
type Setting struct {
	Key, Value string
	UpdatedAt  time.Time
	UpdatedBy  string
}

// DeletedArchive is the history of a draft that was deleted: it outlives
// the meeting, under the number the meeting had.
type DeletedArchive struct {
	UID     string
	ID      int64
	History []Change
}

// ArchiveChecker checks the parts of one backup as they come: what the
// record format's validation does not see, and that no identity appears
// twice in the backup. Problems carry the part's 1-based position as Doc.
type ArchiveChecker struct {
	uids map[string]bool
	ids  map[int64]bool // meetings' numbers
	n    int
}

// Check returns the problems of p, the next part of the backup.
func (c *ArchiveChecker) Check(p *BackupPart) []Problem {
	if c.uids == nil {
		c.uids, c.ids = map[string]bool{}, map[int64]bool{}
	}
	c.n++
	switch {
	case p.Meeting != nil:
		ps := checkArchive(c.n, p.Meeting, c.uids)
		if m := p.Meeting.Meeting; m != nil && m.ID != 0 {
			id := m.ID
			if c.ids[id] {
				ps = append(ps, Problem{Doc: c.n, Field: "record.id", Reason: M("records.id_twice", id)})
			}
			c.ids[id] = true
		}
		return ps
	case p.Deleted != nil:
		var ps []Problem
		if p.Deleted.UID == "" {
			ps = append(ps, Problem{Doc: c.n, Field: "deleted.uid", Reason: M("field.required")})
		}
		return append(ps, checkChanges(c.n, "deleted", p.Deleted.History, 0)...)
	case p.Info != nil && p.Info.Format > BackupFormat:
		return []Problem{{Doc: c.n, Field: "backup.format", Reason: M("records.backup_newer", p.Info.Format, BackupFormat)}}
	}
	return nil
}

// checkChanges checks the history entries of a backup's part; versions
// up to top (0: any).
func checkChanges(doc int, path string, cs []Change, top int) []Problem {
	var ps []Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, Problem{Doc: doc, Field: field, Reason: M(key, args...)})
	}
	for j, c := range cs {
		switch {
		case top > 0 && (c.Version < 1 || c.Version > top):
			add(fmt.Sprintf("%s.history[%d].version", path, j+1), "records.history_version", c.Version, top)
		case c.Version < 1:
			add(fmt.Sprintf("%s.history[%d].version", path, j+1), "records.bad_version", c.Version)
		}
		if c.Action == "" {
			add(fmt.Sprintf("%s.history[%d].action", path, j+1), "field.required")
		}
		if c.At.IsZero() {
			add(fmt.Sprintf("%s.history[%d].at", path, j+1), "field.required")
		}
	}
	return ps
}

var backupMessages = Messages{
	"records.id_twice": {
		"số hiệu cuộc họp %d xuất hiện hai lần trong bản sao lưu",
		"meeting number %d appears twice in the backup"},
	"records.backup_newer": {
		"bản sao lưu theo định dạng %d, do một phiên bản minutes mới hơn ghi; phiên bản này đọc được đến định dạng %d: hãy cập nhật minutes",
		"the backup is in format %d, written by a newer minutes; this one reads up to format %d: update minutes"},
}
