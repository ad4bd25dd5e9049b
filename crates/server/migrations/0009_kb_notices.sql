-- The knowledge base (with full-text search) and notices.

CREATE TABLE kb_articles (
    id          TEXT PRIMARY KEY NOT NULL,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL,
    -- Markdown as the agent wrote it, and the cleaned HTML customers get.
    body        TEXT NOT NULL,
    html        TEXT NOT NULL,
    -- The body as plain text, for search and snippets.
    plain       TEXT NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    views       INTEGER NOT NULL DEFAULT 0,
    solved      INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT REFERENCES agents(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX kb_by_tenant ON kb_articles (tenant_id, lang);

-- Full-text index over title and text; diacritics folded so "sifra" finds "šifra".
CREATE VIRTUAL TABLE kb_fts USING fts5(
    title, plain, content='kb_articles', content_rowid='rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER kb_ai AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.rowid, new.title, new.plain);
END;
CREATE TRIGGER kb_ad AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain) VALUES ('delete', old.rowid, old.title, old.plain);
END;
CREATE TRIGGER kb_au AFTER UPDATE OF title, plain ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain) VALUES ('delete', old.rowid, old.title, old.plain);
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.rowid, new.title, new.plain);
END;

-- "This solved it": one per customer and article, so the deflection rate counts people.
CREATE TABLE kb_solved (
    article_id  TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    account_id  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (article_id, account_id)
);
CREATE INDEX kb_solved_by_tenant ON kb_solved (tenant_id, created_at);

CREATE TABLE notices (
    id                TEXT PRIMARY KEY NOT NULL,
    tenant_id         TEXT NOT NULL REFERENCES tenants(id),
    kind              TEXT NOT NULL CHECK (kind IN ('maintenance', 'incident')),
    title             TEXT NOT NULL,
    body              TEXT NOT NULL,
    starts_at         INTEGER NOT NULL,
    ends_at           INTEGER,
    -- JSON arrays of names.
    affected_plans    TEXT NOT NULL DEFAULT '[]',
    affected_servers  TEXT NOT NULL DEFAULT '[]',
    created_by        TEXT REFERENCES agents(id),
    created_at        INTEGER NOT NULL
);
CREATE INDEX notices_by_time ON notices (tenant_id, starts_at);

CREATE TABLE notice_updates (
    id          INTEGER PRIMARY KEY,
    notice_id   TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    agent_id    TEXT REFERENCES agents(id),
    created_at  INTEGER NOT NULL
);
