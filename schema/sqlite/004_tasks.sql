-- Conclusions followed up as tasks (issue 7): status, with the day and a
-- note when done and a reason when dropped or reopened, and progress notes.
-- These columns are follow-up, not the minutes' content: they stay writable
-- on finalized minutes, so no trigger guards them.
ALTER TABLE conclusions ADD COLUMN done_on TEXT
    CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE conclusions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE conclusions ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE conclusions ADD COLUMN status_changed_at TEXT;
-- SQLite cannot add a table constraint to an existing table; a column
-- constraint may name other columns, so the rule "done has a day" sits here.
ALTER TABLE conclusions ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'done', 'dropped') AND (status <> 'done' OR done_on IS NOT NULL));
CREATE INDEX conclusions_status_due ON conclusions (status, due);

CREATE TABLE task_notes (
    id            INTEGER PRIMARY KEY,
    conclusion_id INTEGER NOT NULL REFERENCES conclusions (id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    db_user       TEXT    NOT NULL DEFAULT '',
    os_user       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX task_notes_conclusion ON task_notes (conclusion_id, id);
