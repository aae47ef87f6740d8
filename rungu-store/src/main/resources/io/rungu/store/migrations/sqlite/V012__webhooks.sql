-- Issue 14: signed webhooks. An endpoint (webhooks), the messages waiting for or done with it (webhook_deliveries,
-- one per endpoint and event, so a repeated event is queued once) and the log of its last attempts
-- (webhook_attempts, trimmed to 100 per endpoint).

CREATE TABLE webhooks (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    -- the wanted event types, comma-separated wire names (post.created,vote.changed)
    events          TEXT NOT NULL,
    -- one board, or null for every board
    project_id      TEXT REFERENCES projects (id) ON DELETE CASCADE,
    -- the signing secret (whsec_...); it must be kept readable to sign, so it is not hashed
    secret          TEXT NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- state: pending (due_at is the next attempt, or the end of a claim's lease), delivered or failed.
-- window_start: when retrying began; a delivery still failing a retry window later is given up.
CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    message_id   TEXT NOT NULL,
    event_seq    BIGINT,
    type         TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    window_start TEXT NOT NULL,
    due_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (webhook_id, event_seq);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    delivery_id  BIGINT REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
    message_id   TEXT NOT NULL,
    type         TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  BIGINT NOT NULL,
    response     TEXT,
    succeeded    INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_webhook ON webhook_attempts (webhook_id, id);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);
