-- Prepared answers agents of a tenant reuse.
CREATE TABLE canned_replies (
    id          TEXT PRIMARY KEY NOT NULL,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_by  TEXT REFERENCES agents(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX canned_replies_by_tenant ON canned_replies (tenant_id, title);
