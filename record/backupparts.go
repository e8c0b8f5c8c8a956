package record

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/minutes-vn/minutes/minutes"
)

// A backup of format 2 is a stream of documents, written and read one at a
// time, so that its size bounds neither the writer's memory nor the
// reader's:
//
//	backup:            the header: format, the numbers given, the settings
//	  format: 2
//	  counters: {conclusions: 31, meetings: 12, task_notes: 4}
//	  settings: [{key: symbol, value: VPTU, updated_at: …, updated_by: …}]
//	---
//	organization: …    one document per meeting, as in format 1, its
//	record:              record: block holding its number (id) and its
//	  id: 7              conclusions' (conclusion_ids) besides the
//	  conclusion_ids: [12, 13]   identity, record keeping and history
//	---
//	deleted:           the history of each deleted draft, under its number
//	  uid: …
//	  id: 12
//	  history: […]
//	---
//	reports:           the numbers the register gave to reports
//	  - {organization: …, number: 01-BC/VPTU, …}
//
// JSON holds the same documents as one list. Each part's wire type is a
// struct of its own, so that a field (a hash of the history, an
// organisation's key) is one more line in it.

// BackupHeader is the header document of a backup.
type BackupHeader struct {
	Backup *WireBackupInfo `yaml:"backup" json:"backup"`
}

type WireBackupInfo struct {
	Format   int              `yaml:"format" json:"format"`
	Counters map[string]int64 `yaml:"counters,omitempty,flow" json:"counters,omitempty"`
	Settings []WireSetting    `yaml:"settings,omitempty" json:"settings,omitempty"`
}

type WireSetting struct {
	Key       string    `yaml:"key" json:"key"`
	Value     string    `yaml:"value" json:"value"`
	UpdatedAt time.Time `yaml:"updated_at" json:"updated_at"`
	UpdatedBy string    `yaml:"updated_by,omitempty" json:"updated_by,omitempty"`
}

// DeletedDoc is the document of a deleted draft's history.
type DeletedDoc struct {
	Deleted *WireDeleted `yaml:"deleted" json:"deleted"`
}

type WireDeleted struct {
	UID     string       `yaml:"uid" json:"uid"`
	ID      int64        `yaml:"id,omitempty" json:"id,omitempty"`
	History []MetaChange `yaml:"history" json:"history"`
}

// ReportsDoc is the document of the reports' numbers.
type ReportsDoc struct {
	Reports []WireReport `yaml:"reports" json:"reports"`
}

type WireReport struct {
	Organization string    `yaml:"organization" json:"organization"`
	Header       string    `yaml:"header" json:"header"`
	Number       string    `yaml:"number" json:"number"`
	PeriodStart  string    `yaml:"period_start" json:"period_start"`
	PeriodEnd    string    `yaml:"period_end" json:"period_end"`
	Subject      string    `yaml:"subject,omitempty" json:"subject,omitempty"`
	Date         string    `yaml:"date" json:"date"`
	Title        string    `yaml:"title" json:"title"`
	CreatedAt    time.Time `yaml:"created_at" json:"created_at"`
	CreatedBy    string    `yaml:"created_by,omitempty" json:"created_by,omitempty"`
}

// partWire is the document of p.
func partWire(p *minutes.BackupPart) any {
	switch {
	case p.Info != nil:
		w := &WireBackupInfo{Format: p.Info.Format, Counters: p.Info.Counters}
		for _, s := range p.Info.Settings {
			w.Settings = append(w.Settings, WireSetting{Key: s.Key, Value: s.Value, UpdatedAt: stamp(s.UpdatedAt), UpdatedBy: s.UpdatedBy})
		}
		return BackupHeader{Backup: w}
	case p.Meeting != nil:
		return ArchiveWire(p.Meeting)
	case p.Deleted != nil:
		return DeletedDoc{Deleted: &WireDeleted{UID: p.Deleted.UID, ID: p.Deleted.ID, History: metaChanges(p.Deleted.History)}}
	}
	d := ReportsDoc{}
	for _, r := range p.Reports {
		d.Reports = append(d.Reports, WireReport{
			Organization: r.Organization, Header: r.Header, Number: r.Number,
			PeriodStart: r.Period.From.String(), PeriodEnd: r.Period.To.String(), Subject: r.Subject,
			Date: r.Date.String(), Title: r.Title, CreatedAt: stamp(r.CreatedAt), CreatedBy: r.CreatedBy,
		})
	}
	return d
}

// BackupWriter writes a backup a part at a time: YAML documents, or one
// JSON list. Memory holds one part.
type BackupWriter struct {
	w      io.Writer
	asJSON bool
	n      int
	buf    bytes.Buffer
}

// NewBackupWriter writes a backup to w.
func NewBackupWriter(w io.Writer, asJSON bool) *BackupWriter {
	return &BackupWriter{w: w, asJSON: asJSON}
}

// Put writes the next part.
func (b *BackupWriter) Put(p *minutes.BackupPart) error {
	b.buf.Reset()
	v := partWire(p)
	if b.asJSON {
		b.buf.WriteString(",\n  ")
		if b.n == 0 {
			b.buf.Reset()
			b.buf.WriteString("[\n  ")
		}
		enc := json.NewEncoder(&b.buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.buf.Truncate(b.buf.Len() - 1) // the encoder's newline: the comma goes first
	} else {
		if b.n > 0 {
			b.buf.WriteString("---\n")
		}
		// An encoder per document: one encoder for a whole stream keeps
		// every document it wrote.
		if err := EncodeYAML(&b.buf, v); err != nil {
			return err
		}
	}
	b.n++
	_, err := b.w.Write(b.buf.Bytes())
	return err
}

// Close ends the backup.
func (b *BackupWriter) Close() error {
	if !b.asJSON {
		return nil
	}
	end := "\n]\n"
	if b.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(b.w, end)
	return err
}

func metaChanges(cs []minutes.Change) []MetaChange {
	var out []MetaChange
	for _, c := range cs {
		mc := MetaChange{
			Version: c.Version, Action: c.Action, At: stamp(c.At), DBUser: c.DBUser, OSUser: c.OSUser,
			Fields: c.Fields, Reason: c.Reason, Hash: c.Hash,
		}
		if c.Snapshot != nil {
			sw := snapshotWire(c.Snapshot, stamp)
			mc.Snapshot = &sw
		}
		out = append(out, mc)
	}
	return out
}

func changesOf(mcs []MetaChange) []minutes.Change {
	var out []minutes.Change
	for _, c := range mcs {
		out = append(out, minutes.Change{
			Version: c.Version, Action: c.Action, At: c.At, DBUser: c.DBUser, OSUser: c.OSUser,
			Fields: c.Fields, Reason: c.Reason, Snapshot: c.snapshot, Hash: c.Hash,
		})
	}
	return out
}

// partKeys are the first keys of the documents of a backup that are not
// meetings.
var partKeys = []string{"backup", "deleted", "reports"}

// partKey returns which of partKeys document n is, or "".
func partKey(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode || len(n.Content) < 2 || n.Content[0].Kind != yaml.ScalarNode {
		return ""
	}
	if k := n.Content[0].Value; index(partKeys, k) >= 0 {
		return k
	}
	return ""
}

var (
	infoKeys    = []string{"format", "counters", "settings"}
	counterKeys = []string{"meetings", "conclusions", "task_notes"}
	settingKeys = []string{"key", "value", "updated_at", "updated_by"}
	deletedKeys = []string{"uid", "id", "history"}
	reportKeys  = []string{"organization", "header", "number", "period_start", "period_end", "subject", "date", "title", "created_at", "created_by"}
)

// part decodes a document of a backup that is not a meeting.
func (r *reader) part(n *yaml.Node) *minutes.BackupPart {
	p := &minutes.BackupPart{}
	r.fields(n, "", []string{partKey(n)}, func(k string, v *yaml.Node, f string) {
		switch k {
		case "backup":
			p.Info = r.info(v, f)
		case "deleted":
			p.Deleted = r.deleted(v, f)
		case "reports":
			r.list(v, f, func(v *yaml.Node, f string) {
				if reg, ok := r.report(v, f); ok {
					p.Reports = append(p.Reports, reg)
				}
			})
			if p.Reports == nil {
				p.Reports = []minutes.Registration{}
			}
		}
	})
	return p
}

func (r *reader) info(n *yaml.Node, path string) *minutes.BackupInfo {
	info := &minutes.BackupInfo{Counters: map[string]int64{}}
	seen := false
	r.fields(n, path, infoKeys, func(k string, v *yaml.Node, f string) {
		switch k {
		case "format":
			seen = true
			info.Format = r.integer(v, f, maxStored)
			if info.Format < 1 {
				r.fail(v, f, "records.bad_version", info.Format)
			}
		case "counters":
			r.fields(v, f, counterKeys, func(k string, v *yaml.Node, f string) {
				info.Counters[k] = r.number(v, f)
			})
		case "settings":
			r.list(v, f, func(v *yaml.Node, f string) {
				var s minutes.Setting
				got := map[string]bool{}
				r.fields(v, f, settingKeys, func(k string, v *yaml.Node, f string) {
					got[k] = true
					switch k {
					case "key":
						s.Key = strings.TrimSpace(r.str(v, f))
					case "value":
						s.Value = r.str(v, f)
					case "updated_at":
						s.UpdatedAt = r.timestamp(v, f)
					case "updated_by":
						s.UpdatedBy = r.str(v, f)
					}
				})
				r.required(v, f, got, "key", "value", "updated_at")
				if s.Key != "" {
					if clean, err := minutes.CheckSetting(s.Key, s.Value); err != nil {
						r.failErr(v, f+".value", err)
					} else {
						s.Value = clean
					}
				}
				info.Settings = append(info.Settings, s)
			})
		}
	})
	if !seen && n.Kind == yaml.MappingNode {
		r.fail(n, path+".format", "field.required")
	}
	return info
}

// required reports each of keys that got lacks, as missing from the
// mapping n at path.
func (r *reader) required(n *yaml.Node, path string, got map[string]bool, keys ...string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for _, k := range keys {
		if !got[k] {
			r.fail(n, path+"."+k, "field.required")
		}
	}
}

func (r *reader) deleted(n *yaml.Node, path string) *minutes.DeletedArchive {
	d := &minutes.DeletedArchive{}
	got := map[string]bool{}
	r.fields(n, path, deletedKeys, func(k string, v *yaml.Node, f string) {
		got[k] = true
		switch k {
		case "uid":
			d.UID = strings.TrimSpace(r.str(v, f))
		case "id":
			d.ID = r.number(v, f)
		case "history":
			var mcs []MetaChange
			r.list(v, f, func(v *yaml.Node, f string) { mcs = append(mcs, r.change(v, f)) })
			d.History = changesOf(mcs)
		}
	})
	r.required(n, path, got, "uid", "history")
	return d
}

// number reads the number of a row, or a counter of them: 0 or more.
func (r *reader) number(n *yaml.Node, field string) int64 {
	v := r.integer(n, field, math.MaxInt)
	if v < 0 {
		r.fail(n, field, "number.negative", v)
		return 0
	}
	return int64(v)
}

func (r *reader) report(n *yaml.Node, path string) (minutes.Registration, bool) {
	reg := minutes.Registration{Kind: minutes.DocReport}
	got := map[string]bool{}
	before := len(r.problems) + r.unlisted
	r.fields(n, path, reportKeys, func(k string, v *yaml.Node, f string) {
		got[k] = true
		switch k {
		case "organization":
			reg.Organization = r.str(v, f)
		case "header":
			switch reg.Header = r.str(v, f); reg.Header {
			case minutes.HeaderParty, minutes.HeaderState:
			default:
				r.fail(v, f, "header.value", minutes.Brief(reg.Header))
			}
		case "number":
			reg.Number = r.str(v, f)
			var ok bool
			if reg.Parsed, ok = minutes.ParseNumber(reg.Number); !ok {
				r.fail(v, f, "backup.report_number", minutes.Brief(reg.Number))
			}
		case "period_start":
			reg.Period.From = r.date(v, f)
		case "period_end":
			reg.Period.To = r.date(v, f)
		case "subject":
			reg.Subject = r.str(v, f)
		case "date":
			reg.Date = r.date(v, f)
		case "title":
			reg.Title = r.str(v, f)
		case "created_at":
			reg.CreatedAt = r.timestamp(v, f)
		case "created_by":
			reg.CreatedBy = r.str(v, f)
		}
	})
	reg.Period.Kind = minutes.PeriodRange
	r.required(n, path, got, "organization", "header", "number", "period_start", "period_end", "date", "title", "created_at")
	return reg, len(r.problems)+r.unlisted == before
}
