-- Issue 20: Rungu as the OAuth 2.1 authorization server of its own MCP endpoint.

-- A client: registered through Dynamic Client Registration (id generated here), or a Client ID Metadata Document
-- (id = the document's https URL; name and redirect URIs cached from it, refetched after fetched_at grows old).
-- redirect_uris: one URI per line, each compared exactly.
CREATE TABLE oauth_clients (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('registered', 'metadata')),
    name          TEXT NOT NULL,
    redirect_uris TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    fetched_at    TEXT
);
CREATE INDEX oauth_clients_created ON oauth_clients (kind, created_at);

-- A person's approval, kept until revoked: what the connected app may do, for which resource (the /mcp URL).
CREATE TABLE oauth_grants (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    client_name  TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope        TEXT NOT NULL,
    resource     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX oauth_grants_user ON oauth_grants (user_id, created_at);
CREATE INDEX oauth_grants_client ON oauth_grants (client_id);

-- A one-time authorization code (stored by hash) with its PKCE challenge; grant_id is set when it is exchanged,
-- so a second exchange of the same code revokes that grant.
CREATE TABLE oauth_codes (
    code_hash      TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    scope          TEXT NOT NULL,
    resource       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    grant_id       TEXT
);
CREATE INDEX oauth_codes_expires ON oauth_codes (expires_at);
CREATE INDEX oauth_codes_user ON oauth_codes (user_id);

-- Access and refresh tokens of a grant, by hash. A refresh token is used once (used_at): using it again revokes
-- the grant (rotation with reuse detection). scope: an access token's scope when a refresh narrowed it (NULL: the
-- grant's).
CREATE TABLE oauth_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    scope      TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id, expires_at);
