-- The lock on finalized minutes, closed against every statement that can
-- change a row (issue 16), and the seal of each version (history.hash).
--
-- 002_records.sql guards UPDATE and DELETE. SQLite has two more ways to
-- change a row that those triggers never see:
--
--   * INSERT OR REPLACE / REPLACE (and UPDATE OR REPLACE): a row whose key
--     another row holds deletes that row first, without firing its delete
--     triggers (unless PRAGMA recursive_triggers is on, which nobody can be
--     made to set), and with foreign keys on the delete cascades to every
--     part. So an INSERT is refused whenever its key names a row that may not
--     be deleted: a finalized meeting (by id or uid), any history entry, a
--     conclusion or a task note of locked minutes; and an UPDATE that moves a
--     key onto such a row is refused the same way. The parts keyed by
--     (meeting_id, pos) need nothing new: a row that collides with one of
--     finalized minutes names their meeting, which their insert trigger
--     already refuses.
--   * INSERT … ON CONFLICT DO UPDATE (UPSERT) runs the update triggers, and
--     the insert triggers before them: covered by the triggers above and
--     those of 002.
--
-- Cascades: deleting finalized minutes is refused (002), so no cascade ever
-- starts from them; a cascade from a draft touches only the draft's rows.
--
-- Task notes (the follow-up of conclusions) may be added to finalized
-- minutes at any time, but no longer changed or deleted: they are a log.
--
-- What no trigger can stop: DROP TRIGGER, DROP TABLE, or editing the file
-- with another tool. `minutes verify` sees such changes (README).

ALTER TABLE history ADD COLUMN hash TEXT NOT NULL DEFAULT '';

CREATE TRIGGER meetings_finalized_replace BEFORE INSERT ON meetings
WHEN EXISTS (SELECT 1 FROM meetings WHERE (id = NEW.id OR uid = NEW.uid) AND status = 'finalized')
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER meetings_finalized_displace BEFORE UPDATE OF id, uid ON meetings
WHEN EXISTS (SELECT 1 FROM meetings f WHERE f.status = 'finalized' AND f.id <> OLD.id AND (f.id = NEW.id OR f.uid = NEW.uid))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER history_no_replace BEFORE INSERT ON history
WHEN EXISTS (SELECT 1 FROM history WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the history is append-only'); END;

CREATE TRIGGER conclusions_finalized_replace BEFORE INSERT ON conclusions
WHEN EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id WHERE c.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER conclusions_finalized_displace BEFORE UPDATE OF id ON conclusions
WHEN NEW.id IS NOT OLD.id AND (
    EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
    OR EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id WHERE c.id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER task_notes_finalized_replace BEFORE INSERT ON task_notes
WHEN EXISTS (SELECT 1 FROM task_notes n JOIN conclusions c ON c.id = n.conclusion_id
             JOIN locked_meetings l ON l.id = c.meeting_id WHERE n.id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the follow-up notes of finalized minutes are append-only'); END;

CREATE TRIGGER task_notes_finalized_update BEFORE UPDATE ON task_notes
WHEN EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id
             WHERE c.id IN (OLD.conclusion_id, NEW.conclusion_id))
   OR EXISTS (SELECT 1 FROM task_notes n JOIN conclusions c ON c.id = n.conclusion_id
              JOIN locked_meetings l ON l.id = c.meeting_id WHERE n.id = NEW.id AND n.id <> OLD.id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the follow-up notes of finalized minutes are append-only'); END;

CREATE TRIGGER task_notes_finalized_delete BEFORE DELETE ON task_notes
WHEN EXISTS (SELECT 1 FROM conclusions c JOIN locked_meetings l ON l.id = c.meeting_id WHERE c.id = OLD.conclusion_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the follow-up notes of finalized minutes are append-only'); END;
