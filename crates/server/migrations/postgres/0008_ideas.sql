-- The same tables as SQLite's 0021.
-- The ideas board: suggestions a customer chose to share, which the tenant's other customers
-- read and vote on, moderated by the tenant's agents.

-- A tenant's board. No row: no board (the default is off, so turning a board on never
-- publishes a suggestion written before: only suggestions shared as ideas are ideas).
CREATE TABLE idea_settings (
    tenant_id   TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    board       BIGINT NOT NULL DEFAULT 0,
    moderated   BIGINT NOT NULL DEFAULT 1,
    authors     TEXT NOT NULL DEFAULT 'first_name' CHECK (authors IN ('first_name', 'hidden')),
    updated_at  BIGINT NOT NULL
);

CREATE TABLE ideas (
    id            TEXT PRIMARY KEY NOT NULL,
    tenant_id     TEXT NOT NULL REFERENCES tenants(id),
    -- The suggestion it was shared from; NULL once retention or an erase removed that.
    feedback_id   TEXT UNIQUE REFERENCES feedback(id) ON DELETE SET NULL,
    account_id    TEXT NOT NULL,
    author_name   TEXT,
    -- Whether the board may name the author: the tenant's setting when the idea was shared,
    -- so showing authors later never names those who shared while names were hidden.
    author_shown  BIGINT NOT NULL DEFAULT 0,
    -- What the board shows: the suggestion's first line and text at first; agents may edit.
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    visibility    TEXT NOT NULL
                  CHECK (visibility IN ('pending', 'published', 'hidden', 'merged')),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                  ('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined')),
    answer        TEXT,
    answered_by   TEXT REFERENCES agents(id),
    -- Kept by the statements that add and remove votes, in their transaction.
    votes         BIGINT NOT NULL DEFAULT 0,
    merged_into   TEXT REFERENCES ideas(id),
    created_at    BIGINT NOT NULL,
    status_at     BIGINT,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX ideas_board ON ideas (tenant_id, visibility, votes);
CREATE INDEX ideas_by_account ON ideas (tenant_id, account_id);

-- One vote per account and idea; the plan the voter was on, for the revenue sort.
CREATE TABLE idea_votes (
    idea_id     TEXT NOT NULL REFERENCES ideas(id),
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    account_id  TEXT NOT NULL,
    plan        TEXT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (idea_id, account_id)
);
CREATE INDEX idea_votes_by_account ON idea_votes (tenant_id, account_id);
CREATE INDEX idea_votes_by_time ON idea_votes (tenant_id, created_at);

-- "Vote for this instead" while writing a suggestion: counted once per account and idea.
CREATE TABLE idea_deflections (
    idea_id     TEXT NOT NULL REFERENCES ideas(id),
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    account_id  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (idea_id, account_id)
);
CREATE INDEX idea_deflections_by_time ON idea_deflections (tenant_id, created_at);

-- What a voter has yet to learn: a status change, or a merge, of an idea they voted for.
CREATE TABLE idea_news (
    id          TEXT PRIMARY KEY NOT NULL,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    account_id  TEXT NOT NULL,
    idea_id     TEXT NOT NULL REFERENCES ideas(id),
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'merged')),
    status      TEXT,
    created_at  BIGINT NOT NULL,
    seen_at     BIGINT
);
CREATE INDEX idea_news_by_account ON idea_news (tenant_id, account_id, seen_at);

-- What search matches (SQLite: the ideas_fts table): title and text as written, diacritics
-- removed, which typed prefixes match as SQLite's FTS5 does.
ALTER TABLE ideas ADD COLUMN words TSVECTOR NOT NULL DEFAULT ''::tsvector;
CREATE INDEX ideas_words ON ideas USING GIN (words);

CREATE FUNCTION ideas_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.words :=
        setweight(to_tsvector('simple', unaccent(NEW.title)), 'A') ||
        setweight(to_tsvector('simple', unaccent(NEW.body)), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER ideas_search_update BEFORE INSERT OR UPDATE OF title, body ON ideas
    FOR EACH ROW EXECUTE FUNCTION ideas_search_update();
