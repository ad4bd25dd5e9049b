-- Upgrade offers: what a tenant sells, its rules, what customers did with offers, and the
-- usage hosts reported (for trends and for noticing a plan change).

-- One row per tenant. A provider writes `catalogue`; a reseller writes `overrides` (of its
-- provider's catalogue) and its own `link_origins`.
CREATE TABLE offer_catalogues (
    tenant_id    TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    catalogue    TEXT,
    overrides    TEXT,
    link_origins TEXT,
    updated_at   INTEGER NOT NULL
);

-- A tenant's rules, in the order the console lists them.
CREATE TABLE offer_rules (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    id         TEXT NOT NULL,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- What happened to offers. `view_id` names one drawn card (from the widget) or one
-- server-side happening (`order:<id>`, `plan:<plan>:<day>`), so a retried report is stored
-- once. No personal data: the account id only.
CREATE TABLE offer_events (
    id               INTEGER PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    account_id       TEXT NOT NULL,
    rule_id          TEXT NOT NULL,
    variant          TEXT NOT NULL DEFAULT '',
    target           TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN
                     ('impression', 'click', 'snooze', 'dismiss', 'conversion')),
    view_id          TEXT NOT NULL,
    -- The monthly price difference the offer showed, for the revenue estimate.
    price_diff_cents INTEGER NOT NULL DEFAULT 0,
    currency         TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    UNIQUE (tenant_id, view_id, kind)
);
CREATE INDEX offer_events_account ON offer_events (tenant_id, account_id, rule_id, created_at);
CREATE INDEX offer_events_time ON offer_events (tenant_id, created_at);

-- The last usage a host reported per account per day (UTC), kept 40 days for trends, and
-- the plan the account was on that day.
CREATE TABLE usage_days (
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    account_id TEXT NOT NULL,
    day        INTEGER NOT NULL,
    plan       TEXT,
    usage      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, account_id, day)
);

-- When panelcare first saw an account, for rules on account age.
CREATE TABLE offer_accounts (
    tenant_id     TEXT NOT NULL REFERENCES tenants(id),
    account_id    TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, account_id)
);
