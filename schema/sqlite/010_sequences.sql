-- Numbers are never given twice (issue 15). An INTEGER PRIMARY KEY without
-- AUTOINCREMENT takes the largest rowid plus one: once the newest draft was
-- deleted, the next meeting took its number, its conclusions the deleted
-- ones' task numbers, and the deleted draft's history answered to the new
-- meeting. AUTOINCREMENT would need the tables rebuilt, which would drop
-- the triggers other migrations put on them; instead the store gives every
-- new meeting, conclusion and task note its number from this table (the
-- highest number ever given), in the writing transaction. PostgreSQL's
-- identity sequences never give a number twice and need nothing of this.
--
-- The counters start from the largest number still in use anywhere: in the
-- tables themselves and in the history, which outlives deleted meetings.
-- Numbers given and freed before this migration cannot be known; those
-- above every one still in use are lost to the counter, those below were
-- given again already.
CREATE TABLE id_counters (
    name TEXT    PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last >= 0)
);

INSERT INTO id_counters (name, last) VALUES
    ('meetings', MAX(
        COALESCE((SELECT MAX(id) FROM meetings), 0),
        COALESCE((SELECT MAX(meeting_id) FROM history), 0))),
    ('conclusions', COALESCE((SELECT MAX(id) FROM conclusions), 0)),
    ('task_notes', COALESCE((SELECT MAX(id) FROM task_notes), 0));
