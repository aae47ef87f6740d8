-- Private boards, hidden posts and comments, and the approval queue (issue 13). Shipped migrations are never edited.

-- Who may see a board: 'public' (anyone), 'signed_in' (any signed-in user) or 'members' (project_members and
-- admins). With moderation 'new_posts', members' new posts wait in the approval queue.
ALTER TABLE projects ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('public', 'signed_in', 'members'));
ALTER TABLE projects ADD COLUMN moderation TEXT NOT NULL DEFAULT 'none' CHECK (moderation IN ('none', 'new_posts'));

CREATE TABLE project_members (
    project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

-- 'listed' posts are what everyone who may see the board sees; 'hidden' ones only admins; 'pending' ones (the
-- approval queue) only admins and their author.
ALTER TABLE posts ADD COLUMN state TEXT NOT NULL DEFAULT 'listed' CHECK (state IN ('listed', 'hidden', 'pending'));
CREATE INDEX posts_pending ON posts (project_id, created_at, id) WHERE state = 'pending';

-- The counters count listed posts in posts, hidden ones in hidden; pending ones in neither.
ALTER TABLE project_post_counts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION rungu_posts_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE project_post_counts SET posts = posts - (OLD.state = 'listed')::int,
                                       hidden = hidden - (OLD.state = 'hidden')::int
        WHERE project_id = OLD.project_id AND status = OLD.status AND category = OLD.category;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO project_post_counts (project_id, status, category, posts, hidden)
        VALUES (NEW.project_id, NEW.status, NEW.category, (NEW.state = 'listed')::int, (NEW.state = 'hidden')::int)
        ON CONFLICT (project_id, status, category) DO UPDATE
        SET posts = project_post_counts.posts + EXCLUDED.posts, hidden = project_post_counts.hidden + EXCLUDED.hidden;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER posts_count_update ON posts;
CREATE TRIGGER posts_count_update AFTER UPDATE OF status, category, state ON posts
FOR EACH ROW WHEN (OLD.status <> NEW.status OR OLD.category <> NEW.category OR OLD.state <> NEW.state)
EXECUTE FUNCTION rungu_posts_count();

-- A hidden comment is seen by admins only and is not in its post's comment_count.
ALTER TABLE comments ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));

-- comment_count counts what members see: neither internal notes (V007) nor hidden comments; it follows comments
-- moved by a merge.
CREATE OR REPLACE FUNCTION rungu_comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.internal = 0 AND NEW.hidden = 0 THEN
            UPDATE posts SET comment_count = comment_count + 1 WHERE id = NEW.post_id;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.internal = 0 AND OLD.hidden = 0 THEN
            UPDATE posts SET comment_count = comment_count - 1 WHERE id = OLD.post_id;
        END IF;
    ELSIF OLD.post_id <> NEW.post_id THEN
        IF NEW.internal = 0 AND NEW.hidden = 0 THEN
            UPDATE posts SET comment_count = comment_count - 1 WHERE id = OLD.post_id;
            UPDATE posts SET comment_count = comment_count + 1 WHERE id = NEW.post_id;
        END IF;
    ELSIF OLD.hidden <> NEW.hidden AND NEW.internal = 0 THEN
        UPDATE posts SET comment_count = comment_count + (CASE WHEN NEW.hidden = 1 THEN -1 ELSE 1 END)
        WHERE id = NEW.post_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER comments_count_hidden AFTER UPDATE OF hidden ON comments
FOR EACH ROW EXECUTE FUNCTION rungu_comments_count();
