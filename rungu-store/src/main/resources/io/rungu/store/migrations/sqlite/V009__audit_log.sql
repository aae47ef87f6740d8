-- The audit log: one entry per write, written in the same transaction as the write (and its outbox event).
-- No foreign keys: an entry outlives what it is about. The actor's name is read from users at read time, so
-- erasing a user's name erases it here too; entries hold no emails.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    channel     TEXT,
    client      TEXT,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT,
    project_id  TEXT
);
-- Newest first, by itself or filtered by board, actor or action; pruning by age (StoreConfig.auditRetention).
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_project ON audit_log (project_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- The fields an entry changed, before and after (null: absent), as their wire strings.
CREATE TABLE audit_changes (
    entry_seq INTEGER NOT NULL REFERENCES audit_log (seq) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    PRIMARY KEY (entry_seq, position)
);
