-- Search scoped to a board (issue #16). The full-text index also holds each post's board as one token in its own
-- column, so a search intersects the word postings with the board's postings inside FTS5 and counts, ranks and
-- pages over exactly the board's matches, however many posts other boards hold. The board column is filled from a
-- view (the board id without hyphens, so it stays one token); words are matched in title and description only.
-- Prefixes of 1, 2 and 3 characters are indexed, so a one-letter search costs a posting-list read, not a scan of
-- every term. bm25 weighs a title match five times a description match; the board column weighs nothing.

DROP TRIGGER posts_fts_insert;
DROP TRIGGER posts_fts_delete;
DROP TRIGGER posts_fts_update;
DROP TABLE posts_fts;

CREATE VIEW post_search_source AS
SELECT seq, title, description, 'b' || replace(project_id, '-', '') AS board FROM posts;

CREATE VIRTUAL TABLE posts_fts USING fts5 (
    title, description, board,
    content = 'post_search_source', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO posts_fts (posts_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 0.0)');
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');

CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts
BEGIN
    INSERT INTO posts_fts (rowid, title, description, board)
    VALUES (new.seq, new.title, new.description, 'b' || replace(new.project_id, '-', ''));
END;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts
BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, description, board)
    VALUES ('delete', old.seq, old.title, old.description, 'b' || replace(old.project_id, '-', ''));
END;

-- Only text (or board) changes touch the index: votes and comment counts never rewrite it.
CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, description, project_id ON posts
BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, description, board)
    VALUES ('delete', old.seq, old.title, old.description, 'b' || replace(old.project_id, '-', ''));
    INSERT INTO posts_fts (rowid, title, description, board)
    VALUES (new.seq, new.title, new.description, 'b' || replace(new.project_id, '-', ''));
END;
