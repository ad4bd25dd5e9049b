-- The same change as SQLite's 0017.
-- The console's optional second factor (TOTP, RFC 6238). Written by the second_factor feature
-- (crates/server/src/second_factor/) only.

-- One per account. `secret` is sealed under the server's key (enc:v1:…, bound to
-- "second_factors/<agent_id>"), never plain. `confirmed_at` is NULL while an enrolment waits
-- for its first code: such a row asks nothing at sign-in. `last_step` is the 30-second step of
-- the last code accepted, so the same code (or an older one) is never accepted twice.
CREATE TABLE second_factors (
    agent_id      TEXT PRIMARY KEY NOT NULL REFERENCES agents(id),
    secret        TEXT NOT NULL,
    confirmed_at  BIGINT,
    last_step     BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

-- One-time recovery codes: only a SHA-256 of each is kept.
CREATE TABLE second_factor_recovery_codes (
    agent_id   TEXT NOT NULL REFERENCES agents(id),
    code_hash  TEXT NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (agent_id, code_hash)
);

-- A sign-in whose password was right and that waits for its second factor (`enrol` = 1: for
-- the enrolment its tenant requires). Only a hash of the token is kept; used once, and only
-- for a few minutes.
CREATE TABLE second_factor_challenges (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    agent_id    TEXT NOT NULL REFERENCES agents(id),
    enrol       BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX second_factor_challenges_by_agent ON second_factor_challenges (agent_id);

-- A tenant that requires a second factor of its console accounts (a provider's also of its
-- resellers' accounts). No row: not required.
CREATE TABLE second_factor_requirements (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    required    BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
