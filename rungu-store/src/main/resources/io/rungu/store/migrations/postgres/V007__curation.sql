-- Merging duplicates, pinning, locking, internal notes and blocking members (issue 13), PostgreSQL dialect;
-- mirrors sqlite/V007. Shipped migrations are never edited.

-- merged_into: the post this duplicate was merged into (a read-only pointer); a deleted target frees it.
ALTER TABLE posts ADD COLUMN merged_into TEXT COLLATE "C" REFERENCES posts (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX posts_merged_into ON posts (merged_into) WHERE merged_into IS NOT NULL;
-- The few pinned posts of a board, read first by every list.
CREATE INDEX posts_pinned ON posts (project_id) WHERE pinned = 1;

-- internal: an admin-only note. merged_from: the duplicate a comment moved from with a merge.
ALTER TABLE comments ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN merged_from TEXT COLLATE "C" REFERENCES posts (id) ON DELETE SET NULL;
CREATE INDEX comments_merged_from ON comments (merged_from) WHERE merged_from IS NOT NULL;

-- comment_count counts what members see (internal notes are left out) and follows comments moved by a merge.
CREATE OR REPLACE FUNCTION rungu_comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.internal = 0 THEN
            UPDATE posts SET comment_count = comment_count + 1 WHERE id = NEW.post_id;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.internal = 0 THEN
            UPDATE posts SET comment_count = comment_count - 1 WHERE id = OLD.post_id;
        END IF;
    ELSIF OLD.post_id <> NEW.post_id AND NEW.internal = 0 THEN
        UPDATE posts SET comment_count = comment_count - 1 WHERE id = OLD.post_id;
        UPDATE posts SET comment_count = comment_count + 1 WHERE id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER comments_count_move AFTER UPDATE OF post_id ON comments
FOR EACH ROW EXECUTE FUNCTION rungu_comments_count();

-- What a merge moved, so an unmerge restores both posts exactly: each vote of the duplicate (on_target = 1 when
-- the voter had not voted for the target, so the merge added that vote there) and each subscription it added.
CREATE TABLE merged_votes (
    post_id    TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    on_target  INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX merged_votes_user ON merged_votes (user_id);

CREATE TABLE merged_subscriptions (
    post_id TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX merged_subscriptions_user ON merged_subscriptions (user_id);

-- Every merge and unmerge, for both posts' timelines.
CREATE TABLE post_merges (
    id         TEXT COLLATE "C" PRIMARY KEY,
    post_id    TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    into_id    TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    undone     INTEGER NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX post_merges_post ON post_merges (post_id, created_at, id);
CREATE INDEX post_merges_into ON post_merges (into_id, created_at, id);
CREATE INDEX post_merges_created_by ON post_merges (created_by);

-- A blocked member reads but writes no board content.
ALTER TABLE users ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;

-- The other post of a POST_MERGED or POST_UNMERGED event (the target).
ALTER TABLE outbox ADD COLUMN target_post_id TEXT;
