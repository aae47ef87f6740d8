-- Search scoped to a board (issue #16). Each post's search document also holds its board as one lexeme of weight
-- C, so a search ANDs the board lexeme with the words and the GIN index intersects their posting lists: a search
-- counts, ranks and pages over exactly the board's matches, however many posts other boards hold. Words are
-- queried with the weights A (title) and D (description) only, so they never match the board lexeme. ts_rank
-- weighs a title match five times a description match (see PostgresDialect).

CREATE FUNCTION rungu_board_token(project_id TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'b' || replace(project_id, '-', '')
$$;

CREATE FUNCTION rungu_search_document(title TEXT, description TEXT, project_id TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple'::regconfig,
               regexp_replace(rungu_fold(title), '[^0-9A-Za-z\u0080-\U0010FFFF]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('simple'::regconfig,
               regexp_replace(rungu_fold(description), '[^0-9A-Za-z\u0080-\U0010FFFF]+', ' ', 'g')), 'D')
        || setweight(to_tsvector('simple'::regconfig, rungu_board_token(project_id)), 'C')
$$;

CREATE OR REPLACE FUNCTION rungu_posts_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO post_search (seq, document)
    VALUES (NEW.seq, rungu_search_document(NEW.title, NEW.description, NEW.project_id))
    ON CONFLICT (seq) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END
$$;

DROP TRIGGER posts_search ON posts;
-- Only text (or board) changes touch the index: votes and comment counts never rewrite it.
CREATE TRIGGER posts_search AFTER INSERT OR UPDATE OF title, description, project_id ON posts
FOR EACH ROW EXECUTE FUNCTION rungu_posts_search();

DROP FUNCTION rungu_search_document(TEXT, TEXT);

-- Rewriting every document is several times faster without the GIN index, which is built once afterwards.
DROP INDEX post_search_document;
UPDATE post_search s SET document = rungu_search_document(p.title, p.description, p.project_id)
FROM posts p WHERE p.seq = s.seq;
CREATE INDEX post_search_document ON post_search USING GIN (document);
