-- Limits on the widget API (per account, with a tenant-wide backstop) and console sign-in
-- throttling. The same change as SQLite's 0015.

-- One token bucket each, kept as the time its next request would be due (GCRA): one integer
-- moved by one atomic upsert, so instances sharing the database share the count.
CREATE TABLE rate_buckets (
    tenant_id  TEXT NOT NULL,
    -- 'account' (subject is the account id) or 'tenant' (subject is empty).
    scope      TEXT NOT NULL,
    subject    TEXT NOT NULL,
    action     TEXT NOT NULL,
    -- When the bucket is full again, in milliseconds; a row past it can be swept.
    tat        BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, scope, subject, action)
);

-- The limits a provider set for a tenant (JSON, the model's Limits); none: the defaults.
CREATE TABLE tenant_limits (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    limits      TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Failed console sign-ins by e-mail (whether or not an account has it) and by client
-- address: how many in a row, and when the next attempt may be made.
CREATE TABLE sign_in_throttle (
    key       TEXT PRIMARY KEY NOT NULL,
    failures  BIGINT NOT NULL,
    next_at   BIGINT NOT NULL,
    last_at   BIGINT NOT NULL
);

-- An account's uploads, covering what its quota sums (files sit in the same rows: the quota
-- check must not read them).
CREATE INDEX attachments_by_account
    ON attachments (tenant_id, account_id, created_at, size, message_id);
