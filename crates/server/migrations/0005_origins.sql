-- The panel origins a tenant's widget may call the API from; none listed = any origin.
CREATE TABLE tenant_origins (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    origin     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, origin)
);
