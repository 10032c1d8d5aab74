-- btree_gin lets one GIN index hold plain equality columns next to the search vector, so a search
-- reads only the searched mailbox's (or folder's) entries of a word instead of every mailbox's
-- and filtering them afterwards. A trusted extension (PostgreSQL 13+): the database owner may
-- create it. PGlite loads it from @electric-sql/pglite/contrib/btree_gin (db/client.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;
