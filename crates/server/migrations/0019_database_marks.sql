-- Facts about the database as a whole, each set once and never cleared. Read and written by
-- crates/server/src/db/marks.rs only.
--
-- `demo`: demo mode (`serve --demo`) seeded this database with the demo's tenants, keys and
-- console accounts, whose secrets and passwords are published. A production server refuses to
-- serve it; demo mode refuses a database that has tenants but lacks it.
CREATE TABLE database_marks (
    name    TEXT PRIMARY KEY NOT NULL,
    set_at  BIGINT NOT NULL
);
