-- Notifications to agents: per-tenant settings and an outbox, written in the same
-- transaction as the ticket change, delivered (and retried) by a background worker.

CREATE TABLE notify_settings (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    settings    TEXT NOT NULL
);

CREATE TABLE notifications (
    id               INTEGER PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    -- An e-mail address or the webhook URL, as they were when the event happened.
    target           TEXT NOT NULL,
    event            TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    delivered_at     INTEGER,
    failed_at        INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL
);
CREATE INDEX notifications_pending ON notifications (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;

-- The deadline an "about to be late" warning was sent for, so each is sent once.
ALTER TABLE tickets ADD COLUMN sla_warned_for INTEGER;
