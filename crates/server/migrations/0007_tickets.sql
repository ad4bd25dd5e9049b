-- Support tickets: the tickets, their threads, the files on them, and the record of every
-- answer support owed (the SLA numbers).

-- Departments, SLA policies per support tier, reopen window, attachment limit (JSON,
-- `TicketSettings`); no row means the defaults.
CREATE TABLE ticket_settings (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    settings    TEXT NOT NULL
);

CREATE TABLE tickets (
    id               TEXT PRIMARY KEY NOT NULL,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    -- The tenant's running number, shown to customers as #1001, #1002…
    number           INTEGER NOT NULL,
    account_id       TEXT NOT NULL,
    account_name     TEXT,
    account_email    TEXT,
    account_plan     TEXT,
    support_tier     TEXT,
    locale           TEXT,
    department       TEXT NOT NULL CHECK (department IN ('technical', 'billing', 'sales')),
    priority         TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    subject          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                     ('open', 'awaiting_support', 'awaiting_customer', 'resolved', 'closed')),
    assignee_id      TEXT REFERENCES agents(id),
    -- The answer support owes now: since when, by when, for which target; NULL when none.
    due_from         INTEGER,
    due_at           INTEGER,
    due_first        INTEGER,
    target_minutes   INTEGER,
    first_response_at INTEGER,
    resolved_at      INTEGER,
    closed_at        INTEGER,
    rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment   TEXT,
    rated_at         INTEGER,
    -- A duplicate merged by an agent points at the ticket that carries on.
    merged_into      TEXT REFERENCES tickets(id),
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (tenant_id, number),
    UNIQUE (tenant_id, account_id, idempotency_key)
);
CREATE INDEX tickets_by_account ON tickets (tenant_id, account_id, updated_at DESC);
CREATE INDEX tickets_by_due ON tickets (tenant_id, due_at) WHERE due_at IS NOT NULL;

CREATE TABLE ticket_messages (
    id               TEXT PRIMARY KEY NOT NULL,
    ticket_id        TEXT NOT NULL REFERENCES tickets(id),
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    kind             TEXT NOT NULL CHECK (kind IN ('customer', 'agent', 'progress', 'event', 'note')),
    agent_id         TEXT REFERENCES agents(id),
    body             TEXT NOT NULL,
    -- For `event` entries: the status the ticket moved to.
    status           TEXT,
    -- Replies carry the client's idempotency key: a retry finds the message it made.
    idempotency_key  TEXT,
    request_hash     TEXT,
    created_at       INTEGER NOT NULL,
    UNIQUE (ticket_id, idempotency_key)
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, created_at);

-- Every answer support owed and whether it came in time.
CREATE TABLE ticket_sla (
    id           INTEGER PRIMARY KEY,
    ticket_id    TEXT NOT NULL REFERENCES tickets(id),
    tenant_id    TEXT NOT NULL REFERENCES tenants(id),
    priority     TEXT NOT NULL,
    first        INTEGER NOT NULL,
    due_from     INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    answered_at  INTEGER NOT NULL,
    agent_id     TEXT REFERENCES agents(id),
    met          INTEGER NOT NULL
);
CREATE INDEX ticket_sla_by_tenant ON ticket_sla (tenant_id, answered_at);

-- Files, kept in the database (never under the served web root). A file is uploaded first
-- and belongs to nobody's message until a ticket or reply names it.
CREATE TABLE attachments (
    id            TEXT PRIMARY KEY NOT NULL,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id),
    -- The uploader: a customer account of the tenant, or an agent.
    account_id    TEXT,
    agent_id      TEXT REFERENCES agents(id),
    message_id    TEXT REFERENCES ticket_messages(id),
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    -- A re-encoded PNG for images.
    thumbnail     BLOB,
    created_at    INTEGER NOT NULL
);
CREATE INDEX attachments_by_message ON attachments (message_id);

-- Server-wide secrets (the key that signs attachment addresses), made at first start.
CREATE TABLE server_secrets (
    name   TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
