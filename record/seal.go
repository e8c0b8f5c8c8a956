package record

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/minutes-vn/minutes/minutes"
)

// The seal of a version of finalized minutes (issue 16). Each history entry
// that makes a version of finalized minutes (finalized, amended) stores, in
// history.hash, the lowercase hex SHA-256 of these bytes:
//
//	"minutes-seal-1\n"
//	JSON {"prev":…,"version":…,"action":…,"at":…,"db_user":…,"os_user":…,"fields":[…],"reason":…}
//	"\n"
//	the snapshot of the record after the change (MarshalSnapshot)
//
// prev is the seal of the meeting's previous sealing entry ("" for the
// first, and after entries written before seals existed), so the seals of
// one meeting form a chain: changing any version's record, or who made it,
// when and why, or removing a version, breaks the seal of that version or
// of the next. at is in UTC with microseconds (what PostgreSQL keeps and a
// backup writes), RFC 3339. The snapshot is the canonical form the history
// and backups already use: the record without its ID and conclusion IDs,
// with a record: block holding status, version, timestamps and who
// finalized it. The JSON line is encoding/json of the struct below, whose
// field order is fixed; the snapshot starts after its newline, so no two
// different inputs give the same bytes.
//
// A restored entry stores the seal of the version it restores: the version
// is the same, so is its seal.

const sealPrefix = "minutes-seal-1\n"

type sealHeader struct {
	Prev    string   `json:"prev"`
	Version int      `json:"version"`
	Action  string   `json:"action"`
	At      string   `json:"at"`
	DBUser  string   `json:"db_user"`
	OSUser  string   `json:"os_user"`
	Fields  []string `json:"fields"`
	Reason  string   `json:"reason"`
}

// Seal returns the seal of the entry c of a meeting's history with m as the
// record after it, chained to prev. c.Snapshot and c.Hash are not read: m
// is the record to seal — the entry's own snapshot, or the record as its
// tables hold it now, to see whether that is still the version sealed.
func Seal(prev string, c minutes.Change, m *minutes.Meeting) (string, error) {
	fields := c.Fields
	if fields == nil {
		fields = []string{}
	}
	head, err := json.Marshal(sealHeader{
		Prev: prev, Version: c.Version, Action: c.Action,
		At:     c.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano),
		DBUser: c.DBUser, OSUser: c.OSUser, Fields: fields, Reason: c.Reason,
	})
	if err != nil {
		return "", err
	}
	snap, err := MarshalSnapshot(m)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(sealPrefix))
	h.Write(head)
	h.Write([]byte{'\n'})
	h.Write(snap)
	return hex.EncodeToString(h.Sum(nil)), nil
}
