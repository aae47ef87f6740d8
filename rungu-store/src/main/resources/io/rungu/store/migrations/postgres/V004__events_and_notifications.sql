-- Domain events (the outbox), event consumers' progress, post subscriptions and pending notifications.
-- An event row is written in the same transaction as the change it describes; it has no foreign keys, because
-- an event outlives what it is about (a deleted post still had its deletion).
CREATE TABLE outbox (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    actor_id    TEXT,
    channel     TEXT,
    project_id  TEXT NOT NULL,
    post_id     TEXT,
    comment_id  TEXT,
    from_status TEXT,
    to_status   TEXT,
    response    TEXT
);
-- Old events are deleted after StoreConfig.eventRetention (docs/store.md, "Events").
CREATE INDEX outbox_created ON outbox (created_at);

-- One row per named consumer: every event up to last_seq was handed to it.
CREATE TABLE event_consumers (
    name       TEXT PRIMARY KEY,
    last_seq   BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- token: the capability in the one-click unsubscribe link (it can only remove this row).
CREATE TABLE post_subscriptions (
    post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_subscriptions_user ON post_subscriptions (user_id);

-- A pending email to one user about one post. While open = 1 it collects the post's events (at most one open
-- row per user and post); a sender claims it at due_at (open = 0) and deletes it once sent.
CREATE TABLE notifications (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    open       INTEGER NOT NULL DEFAULT 1,
    due_at     TIMESTAMPTZ NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX notifications_open ON notifications (user_id, post_id) WHERE open = 1;
CREATE INDEX notifications_due ON notifications (due_at);
CREATE INDEX notifications_post ON notifications (post_id);

CREATE TABLE notification_events (
    notification_id BIGINT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (notification_id, seq)
);
CREATE INDEX notification_events_seq ON notification_events (seq);

-- Which kinds of notifications a person gets; no row means everything on.
CREATE TABLE notification_settings (
    user_id        TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    status_changes INTEGER NOT NULL DEFAULT 1,
    comments       INTEGER NOT NULL DEFAULT 1,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Admins who follow a whole board: told of every new post. token: as in post_subscriptions.
CREATE TABLE project_subscriptions (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
