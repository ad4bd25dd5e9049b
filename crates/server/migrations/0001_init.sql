-- Tenants (the provider and its resellers), their token keys, and feedback.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Host-signed identity tokens name their key with `kid`; two may be live for rotation.
CREATE TABLE tenant_keys (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    kid         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, kid)
);

CREATE TABLE feedback (
    id               TEXT PRIMARY KEY NOT NULL,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    account_id       TEXT NOT NULL,
    account_name     TEXT,
    account_email    TEXT,
    account_plan     TEXT,
    locale           TEXT,
    category         TEXT NOT NULL CHECK (category IN ('idea', 'problem', 'praise', 'other')),
    message          TEXT NOT NULL,
    rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
    page             TEXT,
    status           TEXT NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'under_review', 'planned', 'done', 'declined')),
    answer           TEXT,
    answered_at      INTEGER,
    -- The client's idempotency key and a hash of what it sent with it: a retry finds the
    -- row it already made, a different body under the same key is refused.
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    UNIQUE (tenant_id, account_id, idempotency_key)
);

CREATE INDEX feedback_by_account ON feedback (tenant_id, account_id, created_at DESC);
