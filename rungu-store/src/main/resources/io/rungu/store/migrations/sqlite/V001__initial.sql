-- Rungu schema, SQLite dialect. Shipped migrations are never edited: add a new numbered file instead.
-- Timestamps are UTC text in one fixed-width format (yyyy-MM-ddTHH:mm:ss.SSSSSSZ), so text order is time order.

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    avatar_url  TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at  TEXT NOT NULL,
    last_login  TEXT NOT NULL
);
CREATE INDEX users_created ON users (created_at, id);

CREATE TABLE user_identities (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    email       TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_links (
    secret_hash TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

CREATE TABLE login_flows (
    state_hash    TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    redirect      TEXT,
    expires_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX projects_created ON projects (created_at, id);

-- seq is the integer row key the full-text index refers to; id is the public key.
CREATE TABLE posts (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'planned', 'in_progress', 'done', 'declined')),
    category      TEXT NOT NULL DEFAULT 'feedback' CHECK (category IN ('feedback', 'bug', 'feature', 'question')),
    vote_count    INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    created_by    TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    done_at       TEXT
);
CREATE INDEX posts_newest ON posts (project_id, created_at, id);
CREATE INDEX posts_votes ON posts (project_id, vote_count, created_at, id);
CREATE INDEX posts_updated ON posts (project_id, updated_at, id);
CREATE INDEX posts_status_votes ON posts (project_id, status, vote_count, created_at, id);
CREATE INDEX posts_status_newest ON posts (project_id, status, created_at, id);
CREATE INDEX posts_status_updated ON posts (project_id, status, updated_at, id);
CREATE INDEX posts_category_newest ON posts (project_id, category, created_at, id);
CREATE INDEX posts_category_votes ON posts (project_id, category, vote_count, created_at, id);
CREATE INDEX posts_category_updated ON posts (project_id, category, updated_at, id);
-- Lets board stats sum comment counts from the index alone (vote counts are summed from posts_votes).
CREATE INDEX posts_comments ON posts (project_id, comment_count);
CREATE INDEX posts_done ON posts (project_id, done_at, id) WHERE status = 'done';
CREATE INDEX posts_created_by ON posts (created_by);

-- Exact per-board counts by (status, category), maintained by triggers so no request counts rows.
CREATE TABLE project_post_counts (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    category   TEXT NOT NULL,
    posts      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, status, category)
);

CREATE TRIGGER posts_count_insert AFTER INSERT ON posts
BEGIN
    INSERT INTO project_post_counts (project_id, status, category, posts)
    VALUES (new.project_id, new.status, new.category, 1)
    ON CONFLICT (project_id, status, category) DO UPDATE SET posts = posts + 1;
END;

CREATE TRIGGER posts_count_delete AFTER DELETE ON posts
BEGIN
    UPDATE project_post_counts SET posts = posts - 1
    WHERE project_id = old.project_id AND status = old.status AND category = old.category;
END;

CREATE TRIGGER posts_count_update AFTER UPDATE OF status, category ON posts
WHEN old.status <> new.status OR old.category <> new.category
BEGIN
    UPDATE project_post_counts SET posts = posts - 1
    WHERE project_id = old.project_id AND status = old.status AND category = old.category;
    INSERT INTO project_post_counts (project_id, status, category, posts)
    VALUES (new.project_id, new.status, new.category, 1)
    ON CONFLICT (project_id, status, category) DO UPDATE SET posts = posts + 1;
END;

CREATE TABLE votes (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, post_id)
);
CREATE INDEX votes_post ON votes (post_id);

-- vote_count and comment_count follow the rows in the same transaction, cascades included.
CREATE TRIGGER votes_count_insert AFTER INSERT ON votes
BEGIN
    UPDATE posts SET vote_count = vote_count + 1 WHERE id = new.post_id;
END;

CREATE TRIGGER votes_count_delete AFTER DELETE ON votes
BEGIN
    UPDATE posts SET vote_count = vote_count - 1 WHERE id = old.post_id;
END;

CREATE TABLE comments (
    id         TEXT PRIMARY KEY,
    post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id  TEXT REFERENCES comments (id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    edited_at  TEXT
);
CREATE INDEX comments_post ON comments (post_id, created_at, id);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TRIGGER comments_count_insert AFTER INSERT ON comments
BEGIN
    UPDATE posts SET comment_count = comment_count + 1 WHERE id = new.post_id;
END;

CREATE TRIGGER comments_count_delete AFTER DELETE ON comments
BEGIN
    UPDATE posts SET comment_count = comment_count - 1 WHERE id = old.post_id;
END;

CREATE TABLE attachments (
    id         TEXT PRIMARY KEY,
    post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    filename   TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_post ON attachments (post_id, created_at, id);

-- Bytes apart from metadata, so listing attachments never reads images.
CREATE TABLE attachment_blobs (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    bytes         BLOB NOT NULL
);

-- Full-text index over title and description, keyed by posts.seq.
CREATE VIRTUAL TABLE posts_fts USING fts5 (
    title, description,
    content = 'posts', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts
BEGIN
    INSERT INTO posts_fts (rowid, title, description) VALUES (new.seq, new.title, new.description);
END;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts
BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
END;

-- Only text changes touch the index: votes and comment counts never rewrite it.
CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, description ON posts
BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
    INSERT INTO posts_fts (rowid, title, description) VALUES (new.seq, new.title, new.description);
END;
