-- API tokens may expire (NULL: never).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;

-- Upload quotas sum a user's attachment sizes.
CREATE INDEX attachments_creator ON attachments (created_by, size);
