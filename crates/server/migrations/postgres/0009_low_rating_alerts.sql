-- The same change as SQLite's 0022.
-- Alerts on unhappy customers. A suggestion rated 1–2, or a resolved ticket rated 1–2, raises
-- one in the same transaction as the rating; the console counts it as unseen until an agent
-- opens what was rated, and keeps who did and when. The figure "time from a low rating to the
-- first answer" is read from the rated row (the suggestion's answer, the ticket's replies).
-- Deleting the suggestion or ticket (retention) deletes its alert.
CREATE TABLE low_rating_alerts (
    id           TEXT PRIMARY KEY NOT NULL,
    tenant_id    TEXT NOT NULL REFERENCES tenants(id),
    feedback_id  TEXT REFERENCES feedback(id) ON DELETE CASCADE,
    ticket_id    TEXT REFERENCES tickets(id) ON DELETE CASCADE,
    rating       BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 2),
    raised_at    BIGINT NOT NULL,
    seen_at      BIGINT,
    seen_by      TEXT REFERENCES agents(id),
    CHECK ((feedback_id IS NULL) <> (ticket_id IS NULL))
);
CREATE UNIQUE INDEX low_rating_alerts_feedback ON low_rating_alerts (feedback_id)
    WHERE feedback_id IS NOT NULL;
CREATE UNIQUE INDEX low_rating_alerts_ticket ON low_rating_alerts (ticket_id)
    WHERE ticket_id IS NOT NULL;
CREATE INDEX low_rating_alerts_tenant ON low_rating_alerts (tenant_id, raised_at);
CREATE INDEX low_rating_alerts_unseen ON low_rating_alerts (tenant_id) WHERE seen_at IS NULL;

-- Which suggestion a notification is about (as ticket_id is for tickets), so erasing the
-- customer or deleting an old suggestion also deletes the e-mails and webhook calls that
-- quote it.
ALTER TABLE notifications ADD COLUMN feedback_id TEXT REFERENCES feedback(id) ON DELETE CASCADE;
CREATE INDEX notifications_feedback ON notifications (feedback_id) WHERE feedback_id IS NOT NULL;
