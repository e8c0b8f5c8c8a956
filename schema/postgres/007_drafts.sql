-- Records being typed in the web form and not saved yet (issue 12), kept in
-- the database so that a closed tab or a power cut loses nothing and every
-- server process of an office can offer them again. data is what the form
-- held, exactly as typed; it is checked only when saved as a record. The
-- draft of an edit goes with its meeting. Numbered 007: 006 is another
-- branch's.
CREATE TABLE drafts (
    id         TEXT        PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('new', 'edit', 'amend')),
    meeting_id BIGINT      REFERENCES meetings (id) ON DELETE CASCADE,
    version    INTEGER     NOT NULL DEFAULT 0,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX drafts_meeting ON drafts (kind, meeting_id, updated_at);
