-- Official responses and the status history (issue 12). Shipped migrations are never edited.

-- Every status change and official response of a post, written in the same transaction as the change.
-- A response given without a status change has from_status = to_status.
CREATE TABLE post_status_changes (
    id          TEXT PRIMARY KEY,
    post_id     TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    response    TEXT,
    created_by  TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX post_status_changes_post ON post_status_changes (post_id, created_at, id);
CREATE INDEX post_status_changes_created_by ON post_status_changes (created_by);

-- The latest official response, kept on the post in the same transaction, so every list reads it in its one
-- query (a join to its author by primary key) instead of a query per post.
ALTER TABLE posts ADD COLUMN response_text TEXT;
ALTER TABLE posts ADD COLUMN response_by TEXT REFERENCES users (id);
ALTER TABLE posts ADD COLUMN response_at TEXT;
