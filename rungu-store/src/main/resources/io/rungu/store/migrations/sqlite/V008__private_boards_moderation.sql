-- Private boards, hidden posts and comments, and the approval queue (issue 13). Shipped migrations are never edited.

-- Who may see a board: 'public' (anyone), 'signed_in' (any signed-in user) or 'members' (project_members and
-- admins). With moderation 'new_posts', members' new posts wait in the approval queue.
ALTER TABLE projects ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('public', 'signed_in', 'members'));
ALTER TABLE projects ADD COLUMN moderation TEXT NOT NULL DEFAULT 'none' CHECK (moderation IN ('none', 'new_posts'));

CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

-- 'listed' posts are what everyone who may see the board sees; 'hidden' ones only admins; 'pending' ones (the
-- approval queue) only admins and their author.
ALTER TABLE posts ADD COLUMN state TEXT NOT NULL DEFAULT 'listed' CHECK (state IN ('listed', 'hidden', 'pending'));
CREATE INDEX posts_pending ON posts (project_id, created_at, id) WHERE state = 'pending';

-- The counters count listed posts in posts, hidden ones in hidden; pending ones in neither.
ALTER TABLE project_post_counts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER posts_count_insert;
DROP TRIGGER posts_count_delete;
DROP TRIGGER posts_count_update;

CREATE TRIGGER posts_count_insert AFTER INSERT ON posts
BEGIN
    INSERT INTO project_post_counts (project_id, status, category, posts, hidden)
    VALUES (new.project_id, new.status, new.category, new.state = 'listed', new.state = 'hidden')
    ON CONFLICT (project_id, status, category)
    DO UPDATE SET posts = posts + excluded.posts, hidden = hidden + excluded.hidden;
END;

CREATE TRIGGER posts_count_delete AFTER DELETE ON posts
BEGIN
    UPDATE project_post_counts SET posts = posts - (old.state = 'listed'), hidden = hidden - (old.state = 'hidden')
    WHERE project_id = old.project_id AND status = old.status AND category = old.category;
END;

CREATE TRIGGER posts_count_update AFTER UPDATE OF status, category, state ON posts
WHEN old.status <> new.status OR old.category <> new.category OR old.state <> new.state
BEGIN
    UPDATE project_post_counts SET posts = posts - (old.state = 'listed'), hidden = hidden - (old.state = 'hidden')
    WHERE project_id = old.project_id AND status = old.status AND category = old.category;
    INSERT INTO project_post_counts (project_id, status, category, posts, hidden)
    VALUES (new.project_id, new.status, new.category, new.state = 'listed', new.state = 'hidden')
    ON CONFLICT (project_id, status, category)
    DO UPDATE SET posts = posts + excluded.posts, hidden = hidden + excluded.hidden;
END;

-- A hidden comment is seen by admins only and is not in its post's comment_count.
ALTER TABLE comments ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));

DROP TRIGGER comments_count_insert;
DROP TRIGGER comments_count_delete;
DROP TRIGGER comments_count_move;

-- comment_count counts what members see: neither internal notes (V007) nor hidden comments. A comment copied in
-- hidden (rungu migrate-schema) is not counted.
CREATE TRIGGER comments_count_insert AFTER INSERT ON comments WHEN new.internal = 0 AND new.hidden = 0
BEGIN
    UPDATE posts SET comment_count = comment_count + 1 WHERE id = new.post_id;
END;

CREATE TRIGGER comments_count_delete AFTER DELETE ON comments WHEN old.internal = 0 AND old.hidden = 0
BEGIN
    UPDATE posts SET comment_count = comment_count - 1 WHERE id = old.post_id;
END;

CREATE TRIGGER comments_count_move AFTER UPDATE OF post_id ON comments
WHEN old.post_id <> new.post_id AND new.internal = 0 AND new.hidden = 0
BEGIN
    UPDATE posts SET comment_count = comment_count - 1 WHERE id = old.post_id;
    UPDATE posts SET comment_count = comment_count + 1 WHERE id = new.post_id;
END;

CREATE TRIGGER comments_count_hidden AFTER UPDATE OF hidden ON comments
WHEN old.hidden <> new.hidden AND new.internal = 0
BEGIN
    UPDATE posts SET comment_count = comment_count + (CASE WHEN new.hidden = 1 THEN -1 ELSE 1 END)
    WHERE id = new.post_id;
END;
