-- The same change as SQLite's 0016.
-- Password reset links for console accounts: only a hash of the link's token is kept; a link
-- works once, until it expires.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    agent_id    TEXT NOT NULL REFERENCES agents(id),
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX password_resets_by_agent ON password_resets (agent_id);
