-- Statuses, categories and tags of a board's own (issue 13), PostgreSQL dialect; mirrors sqlite/V006. Shipped
-- migrations are never edited.

-- posts.status and posts.category now name one of the board's own statuses and categories: the fixed lists go.
ALTER TABLE posts DROP CONSTRAINT posts_status_check;
ALTER TABLE posts DROP CONSTRAINT posts_category_check;

-- A board's statuses, in order; kind gives a status its meaning (roadmap column, changelog, hidden).
CREATE TABLE statuses (
    id         TEXT COLLATE "C" PRIMARY KEY,
    project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug       TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('open', 'active', 'done', 'closed')),
    position   INTEGER NOT NULL,
    UNIQUE (project_id, slug)
);

CREATE TABLE categories (
    id         TEXT COLLATE "C" PRIMARY KEY,
    project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug       TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    UNIQUE (project_id, slug)
);

CREATE TABLE tags (
    id         TEXT COLLATE "C" PRIMARY KEY,
    project_id TEXT COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug       TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    color      TEXT NOT NULL,
    UNIQUE (project_id, slug)
);

-- Which posts carry which tag: the ?tag= filter walks post_tags_tag. The post's tag slugs are also kept on the
-- post (posts.tags, space-separated, in slug order) in the same transaction, so lists read them in their one query.
CREATE TABLE post_tags (
    post_id TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  TEXT COLLATE "C" NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag ON post_tags (tag_id, post_id);
ALTER TABLE posts ADD COLUMN tags TEXT NOT NULL DEFAULT '';

-- The changelog holds the posts of every done-kind status: done_at is set exactly while a post has one.
DROP INDEX posts_done;
CREATE INDEX posts_done ON posts (project_id, done_at, id) WHERE done_at IS NOT NULL;

-- Every existing board gets today's statuses and categories, so nothing changes for its users.
INSERT INTO statuses (id, project_id, slug, name, color, kind, position)
SELECT p.id || '/status/' || d.slug, p.id, d.slug, d.name, d.color, d.kind, d.position
FROM projects p CROSS JOIN (
    SELECT 'open' AS slug, 'Open' AS name, '#6b7280' AS color, 'open' AS kind, 1 AS position
    UNION ALL SELECT 'planned', 'Planned', '#3b82f6', 'active', 2
    UNION ALL SELECT 'in_progress', 'In progress', '#f59e0b', 'active', 3
    UNION ALL SELECT 'done', 'Done', '#10b981', 'done', 4
    UNION ALL SELECT 'declined', 'Declined', '#ef4444', 'closed', 5
) d;

INSERT INTO categories (id, project_id, slug, name, position)
SELECT p.id || '/category/' || d.slug, p.id, d.slug, d.name, d.position
FROM projects p CROSS JOIN (
    SELECT 'feedback' AS slug, 'Feedback' AS name, 1 AS position
    UNION ALL SELECT 'bug', 'Bug', 2
    UNION ALL SELECT 'feature', 'Feature', 3
    UNION ALL SELECT 'question', 'Question', 4
) d;
