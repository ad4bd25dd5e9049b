-- Removed agents stay as rows (notes, answers and audit entries name them) but cannot sign in.
ALTER TABLE agents ADD COLUMN removed_at INTEGER;
