-- The documents an office issues (issue 13): the notice of conclusions of a
-- meeting (the record's notice: block) and the register of the numbers of
-- every issued document.
--
-- notices holds the notice block but its number: numbers live in the
-- register alone, so that the notice of finalized minutes can be numbered
-- when it is issued, without amending the minutes. The block itself is
-- part of the record and as read-only as the rest of finalized minutes
-- (the triggers below, as in 002_records.sql).
CREATE TABLE notices (
    meeting_id       INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    date             TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title            TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    concluded_name   TEXT,              -- NULL: the first chair concluded
    concluded_title  TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_for       TEXT NOT NULL DEFAULT '',
    signer_title     TEXT NOT NULL DEFAULT '',
    signer_name      TEXT               -- NULL: no signer in the record
);

CREATE TABLE notice_recipients (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    pos        INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, pos)
);

-- One row per number issued: unique per issuing body (org_key, folded),
-- document type (BB, TB, BC) and numbering period (a calendar year for
-- State bodies, the committee's term for Party ones, from period_start;
-- the store moves Party rows to their terms again when term_start changes).
-- Minutes and notices are registered with their meeting and go with it; a
-- report has no meeting, and subject (its period, 2021-Q1) recognises it
-- when it is issued again.
CREATE TABLE document_numbers (
    id           INTEGER PRIMARY KEY,
    org_key      TEXT    NOT NULL,
    organization TEXT    NOT NULL,
    doc_type     TEXT    NOT NULL,
    header       TEXT    NOT NULL CHECK (header IN ('party', 'state')), -- which numbering: by term or by year
    period_start TEXT    NOT NULL,
    period_end   TEXT    NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq > 0),
    number       TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('minutes', 'notice', 'report')),
    meeting_id   INTEGER REFERENCES meetings (id) ON DELETE CASCADE,
    subject      TEXT    NOT NULL DEFAULT '',
    doc_date     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    created_by   TEXT    NOT NULL DEFAULT '',
    CHECK ((kind = 'report') = (meeting_id IS NULL)),
    UNIQUE (org_key, doc_type, period_start, seq)
);
CREATE INDEX document_numbers_meeting ON document_numbers (meeting_id);
CREATE UNIQUE INDEX document_numbers_one_per_document ON document_numbers (meeting_id, kind) WHERE meeting_id IS NOT NULL;

-- A row once the numbers of the meetings stored before this migration have
-- been registered (sqlstore does it, in Go, on first open).
CREATE TABLE register_backfill (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

CREATE TRIGGER notices_finalized_insert BEFORE INSERT ON notices
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER notices_finalized_update BEFORE UPDATE ON notices
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER notices_finalized_delete BEFORE DELETE ON notices
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;

CREATE TRIGGER notice_recipients_finalized_insert BEFORE INSERT ON notice_recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = NEW.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER notice_recipients_finalized_update BEFORE UPDATE ON notice_recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id IN (OLD.meeting_id, NEW.meeting_id))
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
CREATE TRIGGER notice_recipients_finalized_delete BEFORE DELETE ON notice_recipients
WHEN EXISTS (SELECT 1 FROM locked_meetings WHERE id = OLD.meeting_id)
BEGIN SELECT RAISE(ABORT, 'minutes: read-only: the minutes are finalized; change them with minutes amend'); END;
