-- Search postings (issue #16) are kept on SQLite only, where FTS5 must score every match to rank a search (see
-- sqlite/V016). PostgreSQL needs no table for them; this keeps the two histories in step.
SELECT 1;
