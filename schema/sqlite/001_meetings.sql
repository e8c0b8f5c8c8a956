-- Meetings and their ordered parts. Text is NFC, dates are ISO (YYYY-MM-DD)
-- text, timestamps are RFC 3339 text in UTC.
CREATE TABLE meetings (
    id                  INTEGER PRIMARY KEY,
    uid                 TEXT    NOT NULL UNIQUE,
    organization        TEXT    NOT NULL,
    parent_organization TEXT    NOT NULL DEFAULT '',
    header              TEXT    NOT NULL DEFAULT 'party' CHECK (header IN ('party', 'state')),
    number              TEXT    NOT NULL DEFAULT '',
    title               TEXT    NOT NULL,
    date                TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_time          TEXT,
    end_time            TEXT,
    place               TEXT    NOT NULL DEFAULT '',
    location            TEXT    NOT NULL DEFAULT '',
    secretary_name      TEXT,
    secretary_title     TEXT,
    present             INTEGER NOT NULL CHECK (present >= 0),
    at_least            INTEGER NOT NULL DEFAULT 0,
    invited             INTEGER NOT NULL DEFAULT 0 CHECK (invited >= 0),
    composition         TEXT    NOT NULL DEFAULT '',
    summary             TEXT    NOT NULL DEFAULT '',
    comment_count       INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    status              TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalized')),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    finalized_at        TEXT,
    finalized_by        TEXT    NOT NULL DEFAULT '',
    org_key             TEXT    NOT NULL DEFAULT ''  -- folded organization, for --org
);
CREATE INDEX meetings_date ON meetings (date);
CREATE INDEX meetings_org_date ON meetings (org_key, date);

-- The diacritic-folded text that --search looks in (minutes.Meeting.SearchText),
-- one row per meeting with rowid = meetings.id. The trigram tokenizer indexes
-- every three-letter run, so a substring search (GLOB '*quan*') reads the
-- index instead of scanning every meeting. A virtual table has no foreign
-- key: the trigger below deletes with the meeting.
CREATE VIRTUAL TABLE search_index USING fts5(text, tokenize = 'trigram', detail = 'none');

CREATE TRIGGER meetings_search_delete AFTER DELETE ON meetings
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;

CREATE TABLE chairs (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, pos)
);

CREATE TABLE absentees (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    reason     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, pos)
);

CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    presenter  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, pos)
);

CREATE TABLE comments (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    speaker    TEXT    NOT NULL DEFAULT '',
    title      TEXT    NOT NULL DEFAULT '',
    content    TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, pos)
);

CREATE TABLE conclusions (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    content    TEXT    NOT NULL,
    owner      TEXT    NOT NULL DEFAULT '',
    due        TEXT,
    UNIQUE (meeting_id, pos)
);
CREATE INDEX conclusions_due ON conclusions (due);

CREATE TABLE recipients (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, pos)
);

-- History outlives the meeting (no foreign key): deleting a draft is itself
-- a change to keep. snapshot holds the record as it was after the change.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL,
    meeting_uid TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    at          TEXT    NOT NULL,
    db_user     TEXT    NOT NULL DEFAULT '',
    os_user     TEXT    NOT NULL DEFAULT '',
    fields      TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    snapshot    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX history_meeting ON history (meeting_id, id);
