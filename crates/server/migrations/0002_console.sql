-- The console: resellers under a provider, agents who sign in, their sessions, internal notes
-- on feedback, and the audit log of what agents changed.

-- NULL for a provider; a reseller names the provider it sells for.
ALTER TABLE tenants ADD COLUMN parent_id TEXT REFERENCES tenants(id);

CREATE TABLE agents (
    id              TEXT PRIMARY KEY NOT NULL,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id),
    email           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('provider_admin', 'reseller_admin', 'agent')),
    password_hash   TEXT NOT NULL,
    -- Consecutive failed sign-ins, and until when sign-in is refused because of them.
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    created_at      INTEGER NOT NULL
);

-- The browser holds the token; only its SHA-256 is stored, so a copy of the database signs
-- nobody in.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    agent_id    TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE feedback_notes (
    id           TEXT PRIMARY KEY NOT NULL,
    feedback_id  TEXT NOT NULL REFERENCES feedback(id),
    tenant_id    TEXT NOT NULL REFERENCES tenants(id),
    agent_id     TEXT NOT NULL REFERENCES agents(id),
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX feedback_notes_by_feedback ON feedback_notes (feedback_id, created_at);

ALTER TABLE feedback ADD COLUMN answered_by TEXT REFERENCES agents(id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    agent_id    TEXT REFERENCES agents(id),
    action      TEXT NOT NULL,
    subject     TEXT,
    detail      TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX audit_by_tenant ON audit_log (tenant_id, created_at DESC);
