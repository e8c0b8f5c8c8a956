package minutes

import (
	"errors"
	"fmt"
)

// The life of minutes: a draft is edited and deleted freely, finalized once,
// and from then on changed only by an amendment with a reason. These checks
// are the rules; every front end and the store apply them, the store inside
// the transaction that writes, against the row it has just read.

// checkVersion reports ECONFLICT when m is no longer at version, the one the
// user started from; version 0 skips the check.
func (m *Meeting) checkVersion(version int) error {
	if version != 0 && m.Version != version {
		return Errorm(ECONFLICT, "meeting.stale", m.ID, version, m.Version)
	}
	return nil
}

// Stale reports whether err says that a meeting changed since the version
// the user started from, as opposed to a conflict with its status: the web
// answers the first 412 Precondition Failed, the second 409.
func Stale(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == ECONFLICT && len(e.Msgs) > 0 && e.Msgs[0].Key == "meeting.stale"
}

// CheckEdit reports why the stored meeting m cannot take new content edited
// from version: ECONFLICT when it is finalized or changed meanwhile.
func (m *Meeting) CheckEdit(version int) error {
	if m.Status == StatusFinalized {
		return Errorm(ECONFLICT, "meeting.finalized", m.ID, m.ID)
	}
	return m.checkVersion(version)
}

// CheckDelete reports why m cannot be deleted: ECONFLICT when it is
// finalized or changed since version.
func (m *Meeting) CheckDelete(version int) error {
	if m.Status == StatusFinalized {
		return Errorm(ECONFLICT, "meeting.finalized_delete", m.ID)
	}
	return m.checkVersion(version)
}

// CheckFinalize reports why m cannot be approved: ECONFLICT when it is
// already finalized, or changed since version, so that nobody approves text
// they have not read.
func (m *Meeting) CheckFinalize(version int) error {
	if m.Status == StatusFinalized {
		return Errorm(ECONFLICT, "records.already_finalized", m.ID, m.Version, m.ID)
	}
	return m.checkVersion(version)
}

// CheckAmend reports why m cannot be amended from version: ECONFLICT when it
// is still a draft or changed meanwhile.
func (m *Meeting) CheckAmend(version int) error {
	if m.Status != StatusFinalized {
		return Errorm(ECONFLICT, "records.not_finalized", m.ID, m.ID)
	}
	return m.checkVersion(version)
}

// CleanReason returns the cleaned reason for amending meeting id: EINVALID
// when it is empty or breaks the rules of text.
func CleanReason(id int64, reason string) (string, error) {
	reason = Clean(reason)
	if reason == "" {
		return "", Errorm(EINVALID, "records.reason_required", id)
	}
	if why := CheckText(reason, MaxTitle); !why.IsZero() {
		return "", Errorm(EINVALID, "records.bad_reason", why)
	}
	return reason, nil
}

// MatchConclusions pairs each new conclusion with the index of the stored
// one whose follow-up (task state, notes, ID) it takes over, or -1 for a new
// task. Same content wins (first at the same position, then anywhere, in
// order), so deleting or inserting a conclusion does not shift task state
// onto its neighbours; an edited conclusion then takes the task at its own
// position.
func MatchConclusions(old, new []string) []int {
	keep := make([]int, len(new))
	used := make([]bool, len(old))
	for i := range keep {
		keep[i] = -1
		if i < len(old) && old[i] == new[i] {
			keep[i], used[i] = i, true
		}
	}
	for i := range keep {
		if keep[i] >= 0 {
			continue
		}
		for k := range old {
			if !used[k] && old[k] == new[i] {
				keep[i], used[k] = k, true
				break
			}
		}
	}
	for i := range keep {
		if keep[i] < 0 && i < len(old) && !used[i] {
			keep[i], used[i] = i, true
		}
	}
	return keep
}

// CheckArchives checks what the record format's validation does not: the
// record keeping of each archive of a backup (identity, status, versions,
// timestamps, history) and the follow-up of its conclusions. Problems carry
// the archive's 1-based position as Doc.
func CheckArchives(as []*Archive) error {
	var ps []Problem
	uids := make(map[string]bool, len(as))
	for i, a := range as {
		ps = append(ps, checkArchive(i+1, a, uids)...)
	}
	return Invalid(ps)
}

// checkArchive returns the problems of the archive at position doc of a
// backup; uids holds the identities seen before it.
func checkArchive(doc int, a *Archive, uids map[string]bool) []Problem {
	var ps []Problem
	add := func(field, key string, args ...any) {
		ps = append(ps, Problem{Doc: doc, Field: field, Reason: M(key, args...)})
	}
	if a.Meeting == nil {
		add("", "field.required")
		return ps
	}
	m := a.Meeting
	switch {
	case a.UID == "":
		add("record.uid", "field.required")
	case uids[a.UID]:
		add("record.uid", "records.uid_twice", a.UID)
	}
	uids[a.UID] = true
	if m.Status != StatusDraft && m.Status != StatusFinalized {
		add("record.status", "records.bad_status", m.Status)
	}
	if m.Version < 1 {
		add("record.version", "records.bad_version", m.Version)
	}
	if m.CreatedAt.IsZero() {
		add("record.created_at", "field.required")
	}
	if m.UpdatedAt.IsZero() {
		add("record.updated_at", "field.required")
	}
	if m.Status == StatusFinalized && m.FinalizedAt == nil {
		add("record.finalized_at", "field.required")
	}
	for _, p := range Problems(m.Validate()) {
		p.Doc = doc
		ps = append(ps, p)
	}
	ps = append(ps, checkArchiveTasks(doc, a)...)
	return append(ps, checkChanges(doc, "record", a.History, max(m.Version, 1))...)
}

// checkArchiveTasks checks the follow-up of an archive's conclusions: each
// names a conclusion of the meeting once, with a known status. The record
// format's decoder checks status and day with line numbers; the
// conclusion's position can be checked only here, against the whole record.
func checkArchiveTasks(doc int, a *Archive) []Problem {
	var ps []Problem
	seen := make(map[int]bool, len(a.Tasks))
	for j, t := range a.Tasks {
		add := func(field, key string, args ...any) {
			ps = append(ps, Problem{Doc: doc, Field: fmt.Sprintf("record.tasks[%d].%s", j+1, field), Reason: M(key, args...)})
		}
		switch {
		case t.Pos < 1 || t.Pos > len(a.Meeting.Conclusions):
			add("conclusion", "records.task_conclusion", t.Pos, len(a.Meeting.Conclusions))
		case seen[t.Pos]:
			add("conclusion", "records.task_twice", t.Pos)
		}
		seen[t.Pos] = true
		switch t.Status {
		case TaskOpen, TaskDone, TaskDropped:
		default:
			add("status", "task.bad_status", t.Status)
		}
		if t.Status == TaskDone && t.DoneOn.IsZero() {
			add("done_on", "field.required")
		}
		for k, n := range t.Notes {
			if n.At.IsZero() {
				add(fmt.Sprintf("notes[%d].at", k+1), "field.required")
			}
		}
	}
	return ps
}

var lifecycleMessages = Messages{
	"records.task_conclusion": {
		"không có kết luận số %d (biên bản có %d kết luận)",
		"there is no conclusion %d (the minutes have %d)"},
	"records.task_twice": {
		"kết luận số %d được ghi hai lần trong phần theo dõi thực hiện",
		"conclusion %d appears twice in the follow-up"},
	"records.already_finalized": {
		"biên bản cuộc họp %d đã được thông qua (phiên bản %d); muốn sửa, dùng: minutes amend %d --reason \"lý do\"",
		"the minutes of meeting %d are already finalized (version %d); to change them use: minutes amend %d --reason \"why\""},
	"records.not_finalized": {
		"cuộc họp %d còn là bản nháp, chưa được thông qua: sửa trực tiếp bằng minutes edit %d",
		"meeting %d is still a draft, not finalized: edit it with minutes edit %d"},
	"records.reason_required": {
		"sửa đổi biên bản đã thông qua (cuộc họp %d) phải ghi lý do: --reason \"lý do\"",
		"amending finalized minutes (meeting %d) needs a reason: --reason \"why\""},
	"records.bad_reason": {"lý do: %s", "reason: %s"},
	"records.uid_twice": {
		"mã định danh %s xuất hiện hai lần trong bản sao lưu",
		"the identity %s appears twice in the backup"},
	"records.bad_status": {
		"trạng thái phải là draft hoặc finalized, không phải %q",
		"status must be draft or finalized, not %q"},
	"records.bad_version": {
		"phiên bản phải từ 1 trở lên, không phải %d",
		"version must be 1 or more, not %d"},
	"records.history_version": {
		"phiên bản %d nằm ngoài khoảng 1–%d của cuộc họp",
		"version %d is outside the meeting's versions 1–%d"},
}
