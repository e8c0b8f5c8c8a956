-- Finalized minutes are read-only in the database itself, so that a second
-- program, a hand-written UPDATE or a bug cannot change an approved record
-- without leaving a trace. The store's own write paths are the only ones that
-- satisfy these conditions:
--
--   * meetings: a finalized row may be updated only to the next version, stays
--     finalized, and only when the history already holds an 'amended' row for
--     that version (Amend writes the history row first, then the update). It
--     can never be deleted.
--   * parts (chairs, absentees, agenda_items, comments, conclusions,
--     recipients) of finalized minutes may be inserted, updated or deleted only
--     while an amendment or a restore is open: a row in record_writes for the
--     meeting's current version, whose history row is 'amended' or 'restored'.
--     Amend and Restore insert that row and delete it again before they commit,
--     so it exists only inside their transaction; requiring it (and not only
--     the history row) keeps the parts closed after an amendment is done.
--   * conclusions: only the content columns are guarded on UPDATE, so that the
--     follow-up of tasks (other columns) stays possible on finalized minutes.
--   * history is append-only.
--
-- Inserting a meeting already finalized is allowed: that is how a backup is
-- restored (the parts follow under a 'restored' history row, as above).

CREATE INDEX history_uid ON history (meeting_uid, version);

-- Rows exist only inside an amending or restoring transaction.
CREATE TABLE record_writes (
    meeting_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL
);

-- Finalized meetings whose parts are closed to writes right now.
CREATE VIEW locked_meetings AS
SELECT m.id FROM meetings m
WHERE m.status = 'finalized'
  AND NOT EXISTS (
      SELECT 1 FROM record_writes w
      JOIN history h ON h.meeting_uid = m.uid AND h.version = w.version
      WHERE w.meeting_id = m.id AND w.version = m.version
        AND h.action IN ('amended', 'restored'));

CREATE TRIGGER meetings_finalized_update BEFORE UPDATE ON meetings
WHEN OLD.status = 'finalized' AND NOT (
    NEW.status = 'finalized' AND NEW.id = OLD.id AND NEW.uid = OLD.uid
    AND NEW.version = OLD.version + 1
    AND EXISTS (SELECT 1 FROM history h
                WHERE h.meeting_uid = OLD.uid AND h.version = NEW.version AND h.action = 'amended'))
BEGIN
    SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend');
END;

CREATE TRIGGER meetings_finalized_delete BEFORE DELETE ON meetings
WHEN OLD.status = 'finalized'
BEGIN
    SELECT RAISE(ABORT, 'minutes: read-only: finalized minutes cannot be deleted');
END;

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'minutes: read-only: the history is append-only');
END;

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'minutes: read-only: the history is append-only');
END;

CREATE TRIGGER chairs_finalized_insert BEFORE INSERT ON chairs
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER chairs_finalized_update BEFORE UPDATE ON chairs
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER chairs_finalized_delete BEFORE DELETE ON chairs
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER absentees_finalized_insert BEFORE INSERT ON absentees
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER absentees_finalized_update BEFORE UPDATE ON absentees
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER absentees_finalized_delete BEFORE DELETE ON absentees
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER agenda_items_finalized_insert BEFORE INSERT ON agenda_items
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER agenda_items_finalized_update BEFORE UPDATE ON agenda_items
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER agenda_items_finalized_delete BEFORE DELETE ON agenda_items
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER comments_finalized_insert BEFORE INSERT ON comments
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER comments_finalized_update BEFORE UPDATE ON comments
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER comments_finalized_delete BEFORE DELETE ON comments
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER conclusions_finalized_insert BEFORE INSERT ON conclusions
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER conclusions_finalized_update BEFORE UPDATE OF content, owner, due, pos, meeting_id ON conclusions
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER conclusions_finalized_delete BEFORE DELETE ON conclusions
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER recipients_finalized_insert BEFORE INSERT ON recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER recipients_finalized_update BEFORE UPDATE ON recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER recipients_finalized_delete BEFORE DELETE ON recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
