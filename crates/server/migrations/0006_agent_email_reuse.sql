-- A removed agent's e-mail may be given to a new account (a person who comes back, or a
-- shared support address). The unique e-mail column keeps a placeholder for removed rows;
-- the address they had is kept beside it for the record.
ALTER TABLE agents ADD COLUMN removed_email TEXT;
UPDATE agents SET removed_email = email, email = id || '@removed.invalid'
    WHERE removed_at IS NOT NULL;
