-- Heads of the relevance order of common words (issue #16). FTS5 ranks a search by scoring every match, so the first
-- search of a word held by tens of thousands of a board's posts cost 100-250 ms at 1M posts. For each word (or
-- prefix of up to three letters) held by many posts of a board, these tables keep the board's best-scoring posts
-- for that word alone, grouped by the word's weighted count in the post (title 5, description 1: bm25's weights),
-- with each post's length. Inside a group bm25 falls as the length grows, whatever the averages, so a group's
-- kept posts are all its posts up to some length, and the shortest post not kept bounds the score of the rest.
-- That proves a page exact without scoring every match (SearchHeads). Derived data: rebuilt from the index.

-- One row per board and phrase with heads; phrase is FTS5 syntax, "word" or "pre"*. through_seq: the largest
-- post key the build saw (later posts are scored from their text at each search); changed_through: the last row of
-- search_heads_changed the build saw (a build forgets only changes every board's heads saw).
CREATE TABLE search_head_phrases (
    project_id TEXT NOT NULL,
    phrase TEXT NOT NULL,
    through_seq INTEGER NOT NULL,
    changed_through INTEGER NOT NULL,
    PRIMARY KEY (project_id, phrase)
) WITHOUT ROWID;

-- Every group of a phrase on a board: weight is the phrase's weighted count in the post, next_length the length
-- of the group's shortest post not kept (NULL when every post of the group is kept).
CREATE TABLE search_head_groups (
    project_id TEXT NOT NULL,
    phrase TEXT NOT NULL,
    weight INTEGER NOT NULL,
    next_length INTEGER,
    PRIMARY KEY (project_id, phrase, weight)
) WITHOUT ROWID;

-- The kept posts: length is the post's number of tokens in the index (every column), as bm25 counts it.
CREATE TABLE search_heads (
    project_id TEXT NOT NULL,
    phrase TEXT NOT NULL,
    seq INTEGER NOT NULL,
    weight INTEGER NOT NULL,
    length INTEGER NOT NULL,
    PRIMARY KEY (project_id, phrase, seq)
) WITHOUT ROWID;

-- When and up to where the heads were last built (one row; none until the first build).
CREATE TABLE search_head_builds (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through_seq INTEGER NOT NULL,
    changed_through INTEGER NOT NULL,
    built_at TEXT NOT NULL
);

-- Posts whose words changed (edited, moved or deleted) since the heads were built: a search scores them from their
-- text and ignores what the heads say of them. Emptied by each build; only written once a build was made.
CREATE TABLE search_heads_changed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seq INTEGER NOT NULL
);

CREATE TRIGGER search_heads_changed_update AFTER UPDATE OF title, description, project_id ON posts
WHEN (old.title IS NOT new.title OR old.description IS NOT new.description OR old.project_id IS NOT new.project_id)
    AND EXISTS (SELECT 1 FROM search_head_builds)
BEGIN
    INSERT INTO search_heads_changed (seq) VALUES (old.seq);
END;

CREATE TRIGGER search_heads_changed_delete AFTER DELETE ON posts
WHEN EXISTS (SELECT 1 FROM search_head_builds)
BEGIN
    INSERT INTO search_heads_changed (seq) VALUES (old.seq);
END;
