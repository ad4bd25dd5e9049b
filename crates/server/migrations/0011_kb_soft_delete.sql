-- Deleting an article keeps its row, so the "this solved it" answers that point at it (and
-- the deflection figures built from them) stay as they were. A deleted article leaves the
-- search index and is not found by any route.

ALTER TABLE kb_articles ADD COLUMN deleted_at INTEGER;
ALTER TABLE kb_articles ADD COLUMN deleted_by TEXT REFERENCES agents(id);

-- The index holds live articles only. The triggers of 0009 would index a deleted article
-- again on a change, or remove one that is not indexed (which corrupts an external-content
-- FTS5 table), so they now skip deleted rows, and two more follow deleting and restoring.
DROP TRIGGER kb_ad;
DROP TRIGGER kb_au;

CREATE TRIGGER kb_ad AFTER DELETE ON kb_articles WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain) VALUES ('delete', old.rowid, old.title, old.plain);
END;
CREATE TRIGGER kb_au AFTER UPDATE OF title, plain ON kb_articles
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain) VALUES ('delete', old.rowid, old.title, old.plain);
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.rowid, new.title, new.plain);
END;
CREATE TRIGGER kb_deleted AFTER UPDATE OF deleted_at ON kb_articles
    WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, plain) VALUES ('delete', old.rowid, old.title, old.plain);
END;
CREATE TRIGGER kb_restored AFTER UPDATE OF deleted_at ON kb_articles
    WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL BEGIN
    INSERT INTO kb_fts (rowid, title, plain) VALUES (new.rowid, new.title, new.plain);
END;
