-- Office defaults (minutes config set KEY VALUE): the form and the template
-- start from them. In the database rather than a local file, so that the
-- offices sharing one PostgreSQL database share them too.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
