-- Issue 12: a switch per kind of notification, and sign-in links mailed to an address that may have no account.

-- "Replies to me" and "new posts on followed boards" get their own switches beside status_changes and comments.
-- replies starts as comments was, since comments covered replies until now.
ALTER TABLE notification_settings ADD COLUMN replies INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notification_settings ADD COLUMN new_posts INTEGER NOT NULL DEFAULT 1;
UPDATE notification_settings SET replies = comments;

-- A sign-in link mailed on request (POST /auth/email) names the address, not a user: the member is created when
-- the link is used, so an address that never opens its link leaves no account behind. Rows past expires_at are
-- deleted when the next link is made.
CREATE TABLE email_sign_in_links (
    secret_hash TEXT PRIMARY KEY,
    email       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX email_sign_in_links_expires ON email_sign_in_links (expires_at);
