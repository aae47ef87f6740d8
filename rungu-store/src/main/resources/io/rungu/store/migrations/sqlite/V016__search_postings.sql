-- The search heads of V015 become each common phrase's whole postings on a board (issue #16). Heads kept the best
-- 200 posts of one word and proved a page with a bound; a search of two common words (their intersection ranked by
-- FTS5, whose bm25 also reads every posting of both words for their IDF: 90-150 ms at 1M posts) could not use them.
-- With every posting of a phrase on a board, with its weighted count and the post's length, any search of the
-- common words of a board is ranked exactly without FTS5 scoring a match, and its total is exact. Derived data:
-- rebuilt from the index (SearchPostings); about 100 bytes of postings per post at 1M posts.

DROP TRIGGER search_heads_changed_update;
DROP TRIGGER search_heads_changed_delete;
DROP TABLE search_heads;
DROP TABLE search_head_groups;
DROP TABLE search_head_phrases;
DROP TABLE search_heads_changed;
DROP TABLE search_head_builds;

-- One row per board and phrase (FTS5 syntax: "word", or "pre"* for a prefix of up to three letters) held by many of
-- the board's posts. postings: for each such post in key order, three unsigned varints (7 bits a byte, low first):
-- the key's distance from the previous one, the phrase's weighted count in the post (title 5, description 1: bm25's
-- weights), and the post's length in tokens (every column, as bm25 counts it). through_seq: the largest post key the
-- build saw (later posts are scored from their text at each search); changed_through: the last row of
-- search_postings_changed the build saw.
CREATE TABLE search_postings (
    id INTEGER PRIMARY KEY,
    project_id TEXT NOT NULL,
    phrase TEXT NOT NULL,
    through_seq INTEGER NOT NULL,
    changed_through INTEGER NOT NULL,
    posts INTEGER NOT NULL,
    postings BLOB NOT NULL,
    UNIQUE (project_id, phrase)
);

-- The posts of all boards holding each common phrase at the last build (the IDF of bm25 needs them; FTS5's term
-- list counts them by reading every posting). A search adds what changed since (search_postings_changed).
CREATE TABLE search_phrase_counts (
    phrase TEXT PRIMARY KEY,
    posts INTEGER NOT NULL
) WITHOUT ROWID;

-- When and up to where the postings and counts were last built (one row; none until the first build).
CREATE TABLE search_postings_builds (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through_seq INTEGER NOT NULL,
    changed_through INTEGER NOT NULL,
    built_at TEXT NOT NULL
);

-- Posts whose words changed (edited, moved or deleted) since the last build, with their text before the change, and
-- posts inserted with a key the build had passed (old_title NULL: not in the build). A search scores them from their
-- text and ignores what the postings say of them; a phrase's count is corrected by the first row of each post after
-- the build. Emptied by each build; only written once a build was made.
CREATE TABLE search_postings_changed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seq INTEGER NOT NULL,
    old_title TEXT,
    old_description TEXT
);

CREATE TRIGGER search_postings_changed_update AFTER UPDATE OF title, description, project_id ON posts
WHEN (old.title IS NOT new.title OR old.description IS NOT new.description OR old.project_id IS NOT new.project_id)
    AND EXISTS (SELECT 1 FROM search_postings_builds)
BEGIN
    INSERT INTO search_postings_changed (seq, old_title, old_description)
    VALUES (old.seq, old.title, old.description);
END;

CREATE TRIGGER search_postings_changed_delete AFTER DELETE ON posts
WHEN EXISTS (SELECT 1 FROM search_postings_builds)
BEGIN
    INSERT INTO search_postings_changed (seq, old_title, old_description)
    VALUES (old.seq, old.title, old.description);
END;

CREATE TRIGGER search_postings_changed_insert AFTER INSERT ON posts
WHEN new.seq <= (SELECT through_seq FROM search_postings_builds WHERE id = 1)
BEGIN
    INSERT INTO search_postings_changed (seq) VALUES (new.seq);
END;
