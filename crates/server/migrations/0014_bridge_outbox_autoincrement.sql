-- bridge_outbox rebuilt exactly as 0013 defines it now, with AUTOINCREMENT ids, so a delivery
-- id is never handed out twice (the helpdesk skips an id it has already applied).
--
-- Why a migration: 0013 was edited after it had landed (30248ac added AUTOINCREMENT).
-- Databases that applied the first text kept a table whose ids SQLite reuses once the
-- highest row is deleted (turning a bridge off deletes what was waiting); their record of
-- 0013 is accepted by src/db/migrate.rs, and this rebuild gives them the table of the edit.
-- On databases that already have it the rebuild changes nothing but the table's text.
--
-- Every row keeps its id. Nothing refers to bridge_outbox by a foreign key, so it can be
-- dropped inside the transaction sqlx runs this in, with foreign keys on.

CREATE TABLE bridge_outbox_new (
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

INSERT INTO bridge_outbox_new (id, tenant_id, ticket_id, event, message_id, status, attempts,
    next_attempt_at, delivered_at, failed_at, last_error, created_at)
SELECT id, tenant_id, ticket_id, event, message_id, status, attempts,
    next_attempt_at, delivered_at, failed_at, last_error, created_at
FROM bridge_outbox ORDER BY id;

-- The counter goes on from the highest id ever handed out. A table of the edited 0013 knows
-- it: its own counter (higher than its rows when its last rows were deleted). A table of the
-- first 0013 does not: the ids of its deleted top rows were recorded nowhere, and one of them
-- may have reached the helpdesk, which would skip a new delivery under it. Its ids go on a
-- million past its highest row instead; ids only need to be unique, so the gap costs nothing.
-- The copy above has set a counter from the rows alone; it is replaced.
DELETE FROM sqlite_sequence WHERE name = 'bridge_outbox_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'bridge_outbox_new', high FROM (
    SELECT CASE
        WHEN (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bridge_outbox')
            LIKE '%AUTOINCREMENT%'
        THEN (SELECT MAX(seq) FROM (
            SELECT seq FROM sqlite_sequence WHERE name = 'bridge_outbox'
            UNION ALL
            SELECT MAX(id) FROM bridge_outbox
        ))
        ELSE COALESCE((SELECT MAX(id) FROM bridge_outbox), 0) + 1000000
    END AS high
) WHERE high IS NOT NULL;

-- Dropping the old table drops its indexes and its counter; renaming carries the new
-- counter over to the name.
DROP TABLE bridge_outbox;
ALTER TABLE bridge_outbox_new RENAME TO bridge_outbox;

CREATE INDEX bridge_outbox_pending ON bridge_outbox (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX bridge_outbox_ticket ON bridge_outbox (ticket_id, id);
