-- Customers' data rights: how long a tenant keeps closed tickets and feedback. No row, or a
-- NULL period, keeps them; the retention job deletes what is older.
CREATE TABLE tenant_retention (
    tenant_id              TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    closed_tickets_months  INTEGER,
    feedback_months        INTEGER,
    updated_at             INTEGER NOT NULL
);
