-- Accounts of the office server (issue 17): who may sign in, with which role,
-- for which organisations; their sessions and personal API tokens (only
-- SHA-256 digests of the secrets are kept, so a copy of the database signs
-- nobody in); failed sign-ins, counted per account and per address to slow
-- guessing; and the audit of sign-ins and account changes. Office defaults
-- per organisation sit beside the database-wide ones of settings.
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    full_name   TEXT    NOT NULL DEFAULT '',
    role        TEXT    NOT NULL CHECK (role IN ('viewer', 'secretary', 'approver', 'admin')),
    password    TEXT    NOT NULL,            -- $argon2id$v=19$m=…,t=…,p=…$salt$hash
    disabled    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE TABLE user_orgs (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization TEXT    NOT NULL,
    org_key      TEXT    NOT NULL,           -- folded, as meetings.org_key
    PRIMARY KEY (user_id, org_key)
);
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,         -- hex SHA-256 of the 32-byte cookie token
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL,
    address     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE api_tokens (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    last_used   TEXT,
    revoked_at  TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY,
    username    TEXT    NOT NULL,
    address     TEXT    NOT NULL,
    at          TEXT    NOT NULL
);
CREATE INDEX login_failures_user ON login_failures (username, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    username    TEXT    NOT NULL DEFAULT '', -- who acted ('' before anyone signed in)
    action      TEXT    NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '',
    address     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);
CREATE TABLE org_settings (
    org_key     TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (org_key, key)
);
-- A draft being typed is its author's: another account is never offered it.
-- '' is the local operator's (the command line, serve without accounts).
ALTER TABLE drafts ADD COLUMN owner TEXT NOT NULL DEFAULT '';
