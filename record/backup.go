package record

import (
	"io"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// A backup (minutes export --all) holds ordinary records, each with a
// record: block holding what the record format leaves out: the identity
// that makes a second restore a no-op, the numbers of the meeting and of
// its conclusions (kept when restored into an empty database, so that
// backup → restore → backup gives the same bytes), status, version, the
// timestamps, and the whole history with the record as it was after each
// change; and, since format 2, the documents of backupparts.go around them.
// Timestamps are UTC with microseconds, PostgreSQL's precision, so that a
// backup restores identically into either database.

// Meta is the record-keeping block (record:) of a backup.
type Meta struct {
	UID           string       `yaml:"uid,omitempty" json:"uid,omitempty"`
	ID            int64        `yaml:"id,omitempty" json:"id,omitempty"`
	ConclusionIDs []int64      `yaml:"conclusion_ids,omitempty,flow" json:"conclusion_ids,omitempty"`
	Status        string       `yaml:"status" json:"status"`
	Version       int          `yaml:"version" json:"version"`
	CreatedAt     time.Time    `yaml:"created_at" json:"created_at"`
	UpdatedAt     time.Time    `yaml:"updated_at" json:"updated_at"`
	FinalizedAt   *time.Time   `yaml:"finalized_at,omitempty" json:"finalized_at,omitempty"`
	FinalizedBy   string       `yaml:"finalized_by,omitempty" json:"finalized_by,omitempty"`
	Tasks         []MetaTask   `yaml:"tasks,omitempty" json:"tasks,omitempty"`
	History       []MetaChange `yaml:"history,omitempty" json:"history,omitempty"`
}

// MetaTask is the follow-up of one conclusion in a backup, named by its
// position among the record's conclusions. Only conclusions with some
// follow-up are listed; the others are open tasks without notes.
type MetaTask struct {
	Conclusion      int            `yaml:"conclusion" json:"conclusion"`
	Status          string         `yaml:"status" json:"status"`
	DoneOn          string         `yaml:"done_on,omitempty" json:"done_on,omitempty"`
	Note            string         `yaml:"note,omitempty" json:"note,omitempty"`
	Reason          string         `yaml:"reason,omitempty" json:"reason,omitempty"`
	StatusChangedAt *time.Time     `yaml:"status_changed_at,omitempty" json:"status_changed_at,omitempty"`
	Notes           []MetaTaskNote `yaml:"notes,omitempty" json:"notes,omitempty"`

	task minutes.Task // decoded form
}

// MetaTaskNote is a progress note on a task in a backup.
type MetaTaskNote struct {
	At     time.Time `yaml:"at" json:"at"`
	Text   string    `yaml:"text" json:"text"`
	By     string    `yaml:"by,omitempty" json:"by,omitempty"`
	DBUser string    `yaml:"db_user,omitempty" json:"db_user,omitempty"`
}

// MetaChange is one history entry in a backup. Snapshot is the record after
// the change, its own record: block holding status, version and timestamps.
type MetaChange struct {
	Version  int       `yaml:"version" json:"version"`
	Action   string    `yaml:"action" json:"action"`
	At       time.Time `yaml:"at" json:"at"`
	DBUser   string    `yaml:"db_user,omitempty" json:"db_user,omitempty"`
	OSUser   string    `yaml:"os_user,omitempty" json:"os_user,omitempty"`
	Fields   []string  `yaml:"fields,omitempty,flow" json:"fields,omitempty"`
	Reason   string    `yaml:"reason,omitempty" json:"reason,omitempty"`
	Snapshot *Wire     `yaml:"snapshot,omitempty" json:"snapshot,omitempty"`
	Hash     string    `yaml:"hash,omitempty" json:"hash,omitempty"` // the seal (record.Seal)

	snapshot *minutes.Meeting // decoded form of Snapshot
}

// stamp is how a backup writes a time.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// metaOf is the record keeping of m, without identity or history, its
// times written by at: stamp in a backup.
func metaOf(m *minutes.Meeting, at func(time.Time) time.Time) *Meta {
	meta := &Meta{
		Status: m.Status, Version: m.Version, CreatedAt: at(m.CreatedAt), UpdatedAt: at(m.UpdatedAt),
		FinalizedBy: m.FinalizedBy,
	}
	if m.FinalizedAt != nil {
		t := at(*m.FinalizedAt)
		meta.FinalizedAt = &t
	}
	return meta
}

// apply sets the record keeping of meta on m.
func (meta *Meta) apply(m *minutes.Meeting) {
	m.Status, m.Version, m.CreatedAt, m.UpdatedAt = meta.Status, meta.Version, meta.CreatedAt, meta.UpdatedAt
	m.FinalizedAt, m.FinalizedBy = meta.FinalizedAt, meta.FinalizedBy
}

// EncodeBackup writes archives as the backup that import restores: YAML
// documents, or a JSON list when asJSON; without a header, as format 1.
func EncodeBackup(w io.Writer, as []*minutes.Archive, asJSON bool) error {
	b := NewBackupWriter(w, asJSON)
	for _, a := range as {
		if err := b.Put(&minutes.BackupPart{Meeting: a}); err != nil {
			return err
		}
	}
	return b.Close()
}

// ArchiveWire is the backup form of a: the record without its ID, and a
// record: block with identity, numbers, record keeping and history.
func ArchiveWire(a *minutes.Archive) Wire {
	w := ToWire(a.Meeting, false)
	w.Record = metaOf(a.Meeting, stamp)
	w.Record.UID = a.UID
	w.Record.ID = a.Meeting.ID
	for _, c := range a.Meeting.Conclusions {
		if c.ID == 0 {
			w.Record.ConclusionIDs = nil
			break
		}
		w.Record.ConclusionIDs = append(w.Record.ConclusionIDs, c.ID)
	}
	for _, t := range a.Tasks {
		w.Record.Tasks = append(w.Record.Tasks, metaTaskOf(t))
	}
	w.Record.History = metaChanges(a.History)
	return w
}

func metaTaskOf(t minutes.Task) MetaTask {
	mt := MetaTask{Conclusion: t.Pos, Status: t.Status, Note: t.Note, Reason: t.Reason}
	if !t.DoneOn.IsZero() {
		mt.DoneOn = t.DoneOn.String()
	}
	if t.StatusChangedAt != nil {
		at := stamp(*t.StatusChangedAt)
		mt.StatusChangedAt = &at
	}
	for _, n := range t.Notes {
		mt.Notes = append(mt.Notes, MetaTaskNote{At: stamp(n.At), Text: n.Text, By: n.By, DBUser: n.DBUser})
	}
	return mt
}

// Archive returns the meeting of a backup document with its identity,
// record keeping and history, ready for restoring; nil when the document
// has no record: block (an ordinary record, imported as a new meeting).
func (d *Doc) Archive() *minutes.Archive {
	if d.Meta == nil || d.Meeting == nil {
		return nil
	}
	m := *d.Meeting
	d.Meta.apply(&m)
	m.ID = d.Meta.ID
	if len(d.Meta.ConclusionIDs) == len(m.Conclusions) {
		m.Conclusions = append([]minutes.Conclusion(nil), m.Conclusions...)
		for i, id := range d.Meta.ConclusionIDs {
			m.Conclusions[i].ID = id
		}
	}
	a := &minutes.Archive{UID: d.Meta.UID, Meeting: &m, History: changesOf(d.Meta.History)}
	for _, t := range d.Meta.Tasks {
		a.Tasks = append(a.Tasks, t.task)
	}
	return a
}

// BackupPart returns the part of a backup that the document is: a meeting
// with its record: block, or one of the documents of backupparts.go; nil
// for an ordinary record or a document with problems.
func (d *Doc) BackupPart() *minutes.BackupPart {
	if d.part != nil {
		return d.part
	}
	if d.Err != nil {
		return nil
	}
	if a := d.Archive(); a != nil {
		return &minutes.BackupPart{Meeting: a}
	}
	return nil
}

var (
	metaKeys     = []string{"uid", "id", "conclusion_ids", "status", "version", "created_at", "updated_at", "finalized_at", "finalized_by", "tasks", "history"}
	snapMetaKeys = []string{"status", "version", "created_at", "updated_at", "finalized_at", "finalized_by"}
	changeKeys   = []string{"version", "action", "at", "db_user", "os_user", "fields", "reason", "snapshot", "hash"}
	taskKeys     = []string{"conclusion", "status", "done_on", "note", "reason", "status_changed_at", "notes"}
	taskNoteKeys = []string{"at", "text", "by", "db_user"}
)

// meta decodes the record: block of a document strictly: an unknown key is
// an error here as anywhere in a record.
func (r *reader) meta(n *yaml.Node) *Meta {
	return r.metaBlock(n, "record", metaKeys)
}

func (r *reader) metaBlock(n *yaml.Node, path string, keys []string) *Meta {
	m := &Meta{}
	seen := map[string]bool{}
	r.fields(n, path, keys, func(k string, v *yaml.Node, f string) {
		seen[k] = true
		switch k {
		case "uid":
			m.UID = strings.TrimSpace(r.str(v, f))
		case "id":
			m.ID = r.number(v, f)
		case "conclusion_ids":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) {
				m.ConclusionIDs = append(m.ConclusionIDs, r.number(v, f))
			})
		case "status":
			m.Status = r.str(v, f)
		case "version":
			m.Version = r.integer(v, f, maxStored)
		case "created_at":
			m.CreatedAt = r.timestamp(v, f)
		case "updated_at":
			m.UpdatedAt = r.timestamp(v, f)
		case "finalized_at":
			if t := r.timestamp(v, f); !t.IsZero() {
				m.FinalizedAt = &t
			}
		case "finalized_by":
			m.FinalizedBy = r.str(v, f)
		case "tasks":
			r.bounded(v, f, minutes.MaxItems, func(v *yaml.Node, f string) { m.Tasks = append(m.Tasks, r.task(v, f)) })
		case "history":
			r.list(v, f, func(v *yaml.Node, f string) { m.History = append(m.History, r.change(v, f)) })
		}
	})
	if n.Kind == yaml.MappingNode {
		for _, k := range []string{"status", "version", "created_at", "updated_at"} {
			if !seen[k] {
				r.fail(n, path+"."+k, "field.required")
			}
		}
		if keys[0] == "uid" && !seen["uid"] {
			r.fail(n, path+".uid", "field.required")
		}
	}
	return m
}

func (r *reader) change(n *yaml.Node, path string) MetaChange {
	var c MetaChange
	r.fields(n, path, changeKeys, func(k string, v *yaml.Node, f string) {
		switch k {
		case "version":
			c.Version = r.integer(v, f, maxStored)
		case "action":
			c.Action = r.str(v, f)
		case "at":
			c.At = r.timestamp(v, f)
		case "db_user":
			c.DBUser = r.str(v, f)
		case "os_user":
			c.OSUser = r.str(v, f)
		case "fields":
			r.list(v, f, func(v *yaml.Node, f string) { c.Fields = append(c.Fields, r.str(v, f)) })
		case "reason":
			c.Reason = r.str(v, f)
		case "snapshot":
			c.snapshot = r.snapshot(v, f)
		case "hash":
			c.Hash = r.str(v, f)
		}
	})
	return c
}

// task decodes the follow-up of one conclusion. Whether the conclusion
// exists is for the store to say, which sees the whole record.
func (r *reader) task(n *yaml.Node, path string) MetaTask {
	var t MetaTask
	var doneOn minutes.Date
	badDay := false // reported already: not also missing
	seen := map[string]bool{}
	r.fields(n, path, taskKeys, func(k string, v *yaml.Node, f string) {
		seen[k] = true
		switch k {
		case "conclusion":
			t.Conclusion = r.integer(v, f, minutes.MaxItems)
		case "status":
			t.Status = r.str(v, f)
			switch t.Status {
			case minutes.TaskOpen, minutes.TaskDone, minutes.TaskDropped:
			default:
				r.fail(v, f, "task.bad_status", t.Status)
			}
		case "done_on":
			before := len(r.problems)
			if doneOn = r.date(v, f); !doneOn.IsZero() {
				t.DoneOn = doneOn.String()
			}
			badDay = len(r.problems) > before
		case "note":
			t.Note = r.str(v, f)
		case "reason":
			t.Reason = r.str(v, f)
		case "status_changed_at":
			if at := r.timestamp(v, f); !at.IsZero() {
				t.StatusChangedAt = &at
			}
		case "notes":
			r.list(v, f, func(v *yaml.Node, f string) { t.Notes = append(t.Notes, r.taskNote(v, f)) })
		}
	})
	if n.Kind == yaml.MappingNode {
		for _, k := range []string{"conclusion", "status"} {
			if !seen[k] {
				r.fail(n, path+"."+k, "field.required")
			}
		}
		if t.Status == minutes.TaskDone && doneOn.IsZero() && !badDay {
			r.fail(n, path+".done_on", "field.required")
		}
	}
	t.task = minutes.Task{
		Pos: t.Conclusion, Status: t.Status, DoneOn: doneOn, Note: t.Note, Reason: t.Reason,
		StatusChangedAt: t.StatusChangedAt,
	}
	for _, tn := range t.Notes {
		t.task.Notes = append(t.task.Notes, minutes.TaskNote{At: tn.At, Text: tn.Text, By: tn.By, DBUser: tn.DBUser})
	}
	return t
}

func (r *reader) taskNote(n *yaml.Node, path string) MetaTaskNote {
	var tn MetaTaskNote
	seen := map[string]bool{}
	r.fields(n, path, taskNoteKeys, func(k string, v *yaml.Node, f string) {
		seen[k] = true
		switch k {
		case "at":
			tn.At = r.timestamp(v, f)
		case "text":
			tn.Text = r.str(v, f)
		case "by":
			tn.By = r.str(v, f)
		case "db_user":
			tn.DBUser = r.str(v, f)
		}
	})
	if n.Kind == yaml.MappingNode {
		for _, k := range []string{"at", "text"} {
			if !seen[k] {
				r.fail(n, path+"."+k, "field.required")
			}
		}
	}
	return tn
}

// snapshot decodes the record as it was after a change: the same format as
// a document, whose record: block holds only record keeping. Problems and
// lines go to r under path ("" for a snapshot on its own).
func (r *reader) snapshot(n *yaml.Node, path string) *minutes.Meeting {
	sub := &reader{lines: map[string]int{}}
	m := sub.meeting(n)
	if sub.metaNode != nil {
		sub.metaBlock(sub.metaNode, "record", snapMetaKeys).apply(m)
	} else {
		sub.fail(n, "record", "field.required")
	}
	under := func(f string) string {
		if path == "" {
			return f
		}
		return path + "." + f
	}
	for _, p := range sub.problems {
		p.Field = under(p.Field)
		r.problems = append(r.problems, p)
	}
	for f, l := range sub.lines {
		r.lines[under(f)] = l
	}
	m.Normalize()
	return m
}

// timestamp reads an RFC 3339 time, as a backup writes it.
func (r *reader) timestamp(n *yaml.Node, field string) time.Time {
	s := strings.TrimSpace(r.str(n, field))
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		r.fail(n, field, "backup.timestamp", minutes.Brief(s))
		return time.Time{}
	}
	return t.UTC()
}
