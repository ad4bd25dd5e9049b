-- The ticket bridge: where a tenant's tickets are mirrored (its helpdesk, such as WHMCS),
-- what is on its way there, and how replies written there are kept apart.

-- One row per tenant that bridges; no row, no bridge.
CREATE TABLE ticket_bridges (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    url         TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- What happened to a ticket, in order; the payload is built when it is sent, so file
-- addresses are fresh. A ticket's next event waits until the one before it went through.
-- AUTOINCREMENT: an id is never reused (the helpdesk remembers delivery ids it applied).
CREATE TABLE bridge_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    ticket_id        TEXT NOT NULL REFERENCES tickets(id),
    event            TEXT NOT NULL,
    -- The message the event is about (created, replies), if any.
    message_id       TEXT REFERENCES ticket_messages(id),
    -- For `ticket.status`: the status the ticket moved to.
    status           TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    delivered_at     INTEGER,
    failed_at        INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL
);
CREATE INDEX bridge_outbox_pending ON bridge_outbox (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX bridge_outbox_ticket ON bridge_outbox (ticket_id, id);

-- A reply written in the helpdesk, shown under the name the helpdesk gave (no agent row).
ALTER TABLE ticket_messages ADD COLUMN author_name TEXT;
-- The helpdesk's own reference for the ticket, as it answered the first delivery.
ALTER TABLE tickets ADD COLUMN external_ref TEXT;
