package io.rungu.store.internal.accounts;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.store.OAuthGrants;
import io.rungu.store.internal.audit.AuditLog;
import io.rungu.store.internal.audit.AuditRecord;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** The OAuth authorization server's rules on the store's database; see {@link OAuthGrants}. */
public final class OAuthService implements OAuthGrants {
    /** Registrations that never led to a grant are removed after this long, so anonymous registrations cannot pile up. */
    static final Duration UNUSED_CLIENT_TTL = Duration.ofDays(1);
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final Supplier<String> ids;
    private final SecureRandom random = new SecureRandom();

    public OAuthService(Database db, Clock clock, Supplier<String> ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    // --- clients ---

    @Override
    public Client register(String name, List<String> redirectUris) {
        String cleanName = clientName(name, "client_name");
        List<String> uris = redirectUris(redirectUris);
        Instant now = now();
        String id = "rgc_" + ids.get();
        db.writeVoid(h -> {
            h.createUpdate("DELETE FROM oauth_clients WHERE kind = 'registered' AND created_at < :old "
                            + "AND NOT EXISTS (SELECT 1 FROM oauth_grants g WHERE g.client_id = oauth_clients.id)")
                    .bind("old", now.minus(UNUSED_CLIENT_TTL)).execute();
            h.createUpdate("INSERT INTO oauth_clients (id, kind, name, redirect_uris, created_at) "
                            + "VALUES (:id, 'registered', :n, :r, :t)")
                    .bind("id", id).bind("n", cleanName).bind("r", String.join("\n", uris)).bind("t", now).execute();
        });
        return new Client(id, Client.Kind.REGISTERED, cleanName, uris, now, null);
    }

    @Override
    public Client saveMetadataClient(String clientIdUrl, String name, List<String> redirectUris) {
        if (!isMetadataUrl(clientIdUrl)) {
            throw RunguException.invalid("client_id", "A client id document URL must be https with a path");
        }
        String cleanName = name == null || name.isBlank() ? URI.create(clientIdUrl).getHost() : clientName(name, "client_name");
        List<String> uris = redirectUris(redirectUris);
        Instant now = now();
        db.writeVoid(h -> {
            int updated = h.createUpdate("UPDATE oauth_clients SET name = :n, redirect_uris = :r, fetched_at = :t "
                            + "WHERE id = :id AND kind = 'metadata'")
                    .bind("id", clientIdUrl).bind("n", cleanName).bind("r", String.join("\n", uris)).bind("t", now)
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO oauth_clients (id, kind, name, redirect_uris, created_at, fetched_at) "
                                + "VALUES (:id, 'metadata', :n, :r, :t, :t) ON CONFLICT DO NOTHING")
                        .bind("id", clientIdUrl).bind("n", cleanName).bind("r", String.join("\n", uris)).bind("t", now)
                        .execute();
            }
        });
        return findClient(clientIdUrl).orElseThrow();
    }

    /** True for a client id that names a metadata document: an https URL with a path and no fragment. */
    public static boolean isMetadataUrl(String clientId) {
        if (clientId == null || clientId.length() > URI_MAX || !clientId.startsWith("https://")) {
            return false;
        }
        try {
            URI uri = new URI(clientId);
            return uri.getHost() != null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && uri.getRawPath() != null && uri.getRawPath().length() > 1;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Override
    public Optional<Client> findClient(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > URI_MAX) {
            return Optional.empty();
        }
        return db.read(h -> h.createQuery("SELECT id, kind, name, redirect_uris, created_at, fetched_at "
                        + "FROM oauth_clients WHERE id = :id")
                .bind("id", clientId)
                .map((rs, ctx) -> new Client(rs.getString(1),
                        "metadata".equals(rs.getString(2)) ? Client.Kind.METADATA : Client.Kind.REGISTERED,
                        rs.getString(3), List.of(rs.getString(4).split("\n")), Timestamps.read(rs, 5),
                        Timestamps.read(rs, 6)))
                .findOne());
    }

    private static String clientName(String name, String field) {
        String clean = name == null ? "" : name.strip().replaceAll("[\\p{Cntrl}]", "");
        if (clean.isEmpty()) {
            throw RunguException.invalid(field, "Give the client a name (client_name)");
        }
        return clean.length() > CLIENT_NAME_MAX ? clean.substring(0, CLIENT_NAME_MAX) : clean;
    }

    private static List<String> redirectUris(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw RunguException.invalid("redirect_uris", "Give at least one redirect URI");
        }
        if (given.size() > REDIRECT_URIS_MAX) {
            throw RunguException.invalid("redirect_uris", "At most " + REDIRECT_URIS_MAX + " redirect URIs");
        }
        Set<String> uris = new LinkedHashSet<>();
        for (String uri : given) {
            if (!validRedirect(uri)) {
                throw RunguException.invalid("redirect_uris", "A redirect URI must be an absolute https URL, or http on "
                        + "localhost/127.0.0.1/[::1], without a fragment, at most " + URI_MAX + " characters: "
                        + (uri == null ? "null" : uri.substring(0, Math.min(uri.length(), 200))));
            }
            uris.add(uri);
        }
        return List.copyOf(uris);
    }

    /** An https URL, or http on a loopback host (native apps), with no fragment or user info. */
    static boolean validRedirect(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > URI_MAX || uri.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getHost() == null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                return false;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost().toLowerCase(Locale.ROOT);
            return scheme.equals("https") || scheme.equals("http")
                    && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // --- authorization ---

    @Override
    public AuthorizationRequest check(AuthorizationRequest r, String ownResource) {
        Client client = findClient(r.clientId()).orElseThrow(() ->
                RunguException.invalid("client_id", "Unknown client_id; register the client first"));
        if (r.redirectUri() == null || !client.redirectUris().contains(r.redirectUri())) {
            throw RunguException.invalid("redirect_uri", "redirect_uri is not one of the client's registered redirect URIs");
        }
        if (r.codeChallenge() == null || !r.codeChallenge().matches("[A-Za-z0-9._~-]{43,128}")) {
            throw RunguException.invalid("code_challenge", "PKCE is required: send code_challenge (S256)");
        }
        if (!"S256".equals(r.codeChallengeMethod())) {
            throw RunguException.invalid("code_challenge_method", "Only code_challenge_method=S256 is supported");
        }
        String scope = scope(r.scope(), SCOPES);
        String resource = resource(r.resource(), ownResource);
        return new AuthorizationRequest(client.id(), r.redirectUri(), r.codeChallenge(), "S256", scope, resource);
    }

    @Override
    public String approve(Actor actor, AuthorizationRequest request, String ownResource) {
        if (!(actor instanceof Actor.Account account)) {
            throw RunguException.unauthenticated();
        }
        AuthorizationRequest r = check(request, ownResource);
        if (!account.canWrite()) {
            throw RunguException.readOnly();
        }
        String code = secret("");
        Instant now = now();
        db.writeVoid(h -> {
            h.createUpdate("DELETE FROM oauth_codes WHERE expires_at < :now").bind("now", now).execute();
            long pending = h.createQuery("SELECT count(*) FROM oauth_codes WHERE user_id = :u AND grant_id IS NULL")
                    .bind("u", account.userId()).mapTo(Long.class).one();
            if (pending >= 50) {
                throw new RunguException(ErrorCode.RATE_LIMITED, "Too many pending authorizations; try again later");
            }
            h.createUpdate("INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, "
                            + "scope, resource, created_at, expires_at) VALUES (:h, :c, :u, :r, :ch, :s, :res, :t, :e)")
                    .bind("h", hash(code)).bind("c", r.clientId()).bind("u", account.userId())
                    .bind("r", r.redirectUri()).bind("ch", r.codeChallenge()).bind("s", r.scope())
                    .bind("res", r.resource()).bind("t", now).bind("e", now.plus(CODE_TTL)).execute();
        });
        return code;
    }

    @Override
    public Tokens exchange(String code, String clientId, String redirectUri, String codeVerifier, String resource) {
        if (code == null || code.isEmpty() || code.length() > 200) {
            throw RunguException.invalid("code", "code is required");
        }
        if (codeVerifier == null || !codeVerifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw RunguException.invalid("code_verifier", "PKCE code_verifier is required (43 to 128 characters)");
        }
        Instant now = now();
        Tokens tokens = db.write(h -> {
            var row = h.createQuery("SELECT client_id, user_id, redirect_uri, code_challenge, scope, resource, "
                            + "expires_at, grant_id FROM oauth_codes WHERE code_hash = :h" + db.dialect().lockRows())
                    .bind("h", hash(code))
                    .map((rs, ctx) -> new CodeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Timestamps.read(rs, 7), rs.getString(8)))
                    .findOne().orElse(null);
            if (row == null || !row.expiresAt().isAfter(now)) {
                throw RunguException.invalid("code", "The authorization code is unknown or expired");
            }
            if (row.grantId() != null) {
                // A code used twice was intercepted: what the first exchange made is withdrawn.
                revokeGrant(h, row.grantId(), now);
                return null;
            }
            if (!row.clientId().equals(clientId)) {
                throw RunguException.invalid("code", "The authorization code was issued to another client");
            }
            if (!row.redirectUri().equals(redirectUri)) {
                throw RunguException.invalid("redirect_uri", "redirect_uri differs from the authorization request's");
            }
            if (!row.codeChallenge().equals(s256(codeVerifier))) {
                throw RunguException.invalid("code_verifier", "The PKCE code_verifier does not match the code_challenge");
            }
            if (resource != null && !resource.isBlank() && !sameResource(resource, row.resource())) {
                throw RunguException.invalid("resource", "The code was issued for " + row.resource());
            }
            long active = h.createQuery("SELECT count(*) FROM oauth_grants WHERE user_id = :u AND revoked_at IS NULL")
                    .bind("u", row.userId()).mapTo(Long.class).one();
            if (active >= GRANTS_PER_USER_MAX) {
                throw RunguException.invalid("code", "The account has " + GRANTS_PER_USER_MAX
                        + " connected apps; revoke one first");
            }
            String clientName = h.createQuery("SELECT name FROM oauth_clients WHERE id = :c").bind("c", row.clientId())
                    .mapTo(String.class).one();
            String grantId = ids.get();
            h.createUpdate("INSERT INTO oauth_grants (id, client_id, client_name, user_id, scope, resource, created_at) "
                            + "VALUES (:id, :c, :n, :u, :s, :r, :t)")
                    .bind("id", grantId).bind("c", row.clientId()).bind("n", clientName).bind("u", row.userId())
                    .bind("s", row.scope()).bind("r", row.resource()).bind("t", now).execute();
            h.createUpdate("UPDATE oauth_codes SET grant_id = :g WHERE code_hash = :h").bind("g", grantId)
                    .bind("h", hash(code)).execute();
            AuditLog.append(h, new AuditRecord(now, row.userId(), null, clientName, "oauth.granted", "oauth_grant",
                    grantId, null, Changes.of().added("client", clientName).added("scope", row.scope())));
            return issue(h, grantId, row.scope(), null, now);
        });
        if (tokens == null) {
            throw RunguException.invalid("code", "The authorization code was already used; its tokens are revoked");
        }
        return tokens;
    }

    @Override
    public Tokens refresh(String refreshToken, String clientId, String scope, String resource) {
        if (refreshToken == null || !refreshToken.startsWith(REFRESH_PREFIX) || refreshToken.length() > 200) {
            throw RunguException.invalid("refresh_token", "refresh_token is unknown");
        }
        Instant now = now();
        Object result = db.write(h -> {
            var row = h.createQuery("SELECT t.grant_id, t.expires_at, t.used_at, g.revoked_at, g.client_id, g.scope, "
                            + "g.resource FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id "
                            + "WHERE t.token_hash = :h AND t.kind = 'refresh'" + db.dialect().lockRows())
                    .bind("h", hash(refreshToken))
                    .map((rs, ctx) -> new RefreshRow(rs.getString(1), Timestamps.read(rs, 2), Timestamps.read(rs, 3),
                            Timestamps.read(rs, 4), rs.getString(5), rs.getString(6), rs.getString(7)))
                    .findOne().orElse(null);
            if (row == null || row.revokedAt() != null || !row.expiresAt().isAfter(now)) {
                throw RunguException.invalid("refresh_token", "The refresh token is unknown, expired or revoked");
            }
            if (clientId != null && !row.clientId().equals(clientId)) {
                throw RunguException.invalid("refresh_token", "The refresh token was issued to another client");
            }
            if (row.usedAt() != null) {
                revokeGrant(h, row.grantId(), now);
                return "reused";
            }
            if (resource != null && !resource.isBlank() && !sameResource(resource, row.resource())) {
                throw RunguException.invalid("resource", "The grant is for " + row.resource());
            }
            String narrowed = scope == null || scope.isBlank() ? row.scope()
                    : scope(scope, List.of(row.scope().split(" ")));
            h.createUpdate("UPDATE oauth_tokens SET used_at = :now WHERE token_hash = :h").bind("now", now)
                    .bind("h", hash(refreshToken)).execute();
            h.createUpdate("DELETE FROM oauth_tokens WHERE grant_id = :g AND expires_at < :now")
                    .bind("g", row.grantId()).bind("now", now).execute();
            return issue(h, row.grantId(), narrowed, narrowed.equals(row.scope()) ? null : narrowed, now);
        });
        if (result instanceof Tokens t) {
            return t;
        }
        throw RunguException.invalid("refresh_token",
                "The refresh token was already used; the grant is revoked, authorize again");
    }

    /** @param narrowed the access token's own scope when narrower than the grant's, else null */
    private Tokens issue(Handle h, String grantId, String scope, String narrowed, Instant now) {
        String access = secret(ACCESS_PREFIX);
        String refresh = secret(REFRESH_PREFIX);
        h.createUpdate("INSERT INTO oauth_tokens (token_hash, grant_id, kind, scope, created_at, expires_at) "
                        + "VALUES (:h, :g, 'access', :s, :t, :e)")
                .bind("h", hash(access)).bind("g", grantId).bind("s", narrowed).bind("t", now)
                .bind("e", now.plus(ACCESS_TTL)).execute();
        h.createUpdate("INSERT INTO oauth_tokens (token_hash, grant_id, kind, created_at, expires_at) "
                        + "VALUES (:h, :g, 'refresh', :t, :e)")
                .bind("h", hash(refresh)).bind("g", grantId).bind("t", now).bind("e", now.plus(REFRESH_TTL)).execute();
        return new Tokens(access, refresh, ACCESS_TTL.toSeconds(), scope);
    }

    @Override
    public Optional<Holder> useAccessToken(String accessToken, String resource) {
        if (accessToken == null || !accessToken.startsWith(ACCESS_PREFIX) || accessToken.length() > 200) {
            return Optional.empty();
        }
        Instant now = now();
        var row = db.read(h -> h.createQuery("SELECT g.id, g.user_id, u.role, COALESCE(t.scope, g.scope), g.client_name, g.resource, "
                        + "t.expires_at, g.last_used_at FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id "
                        + "JOIN users u ON u.id = g.user_id "
                        + "WHERE t.token_hash = :h AND t.kind = 'access' AND g.revoked_at IS NULL")
                .bind("h", hash(accessToken))
                .map((rs, ctx) -> new AccessRow(new Holder(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        List.of(rs.getString(4).split(" ")).contains("write") ? TokenScope.WRITE : TokenScope.READ,
                        rs.getString(5)), rs.getString(6), Timestamps.read(rs, 7), Timestamps.read(rs, 8)))
                .findOne());
        if (row.isEmpty() || !row.get().expiresAt().isAfter(now) || !sameResource(resource, row.get().resource())) {
            return Optional.empty();
        }
        AccessRow r = row.get();
        if (r.lastUsedAt() == null || !r.lastUsedAt().plus(LAST_USED_GRANULARITY).isAfter(now)) {
            db.writeVoid(h -> h.createUpdate("UPDATE oauth_grants SET last_used_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", r.holder().grantId()).execute());
        }
        return Optional.of(r.holder());
    }

    @Override
    public void revokeToken(String token, String clientId) {
        if (token == null || token.length() > 200) {
            return;
        }
        Instant now = now();
        db.writeVoid(h -> h.createQuery("SELECT g.id, g.client_id FROM oauth_tokens t JOIN oauth_grants g "
                        + "ON g.id = t.grant_id WHERE t.token_hash = :h AND g.revoked_at IS NULL")
                .bind("h", hash(token)).mapToMap().findOne()
                .filter(g -> clientId == null || clientId.equals(g.get("client_id")))
                .ifPresent(g -> revokeGrant(h, (String) g.get("id"), now)));
    }

    // --- connected apps ---

    @Override
    public List<ConnectedApp> listGrants(Actor actor) {
        if (!(actor instanceof Actor.Account account)) {
            throw RunguException.unauthenticated();
        }
        return db.read(h -> h.createQuery("SELECT id, client_id, client_name, scope, created_at, last_used_at "
                        + "FROM oauth_grants WHERE user_id = :u AND revoked_at IS NULL "
                        + "ORDER BY created_at DESC, id DESC LIMIT " + GRANTS_PER_USER_MAX)
                .bind("u", account.userId())
                .map((rs, ctx) -> new ConnectedApp(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Timestamps.read(rs, 5), Timestamps.read(rs, 6)))
                .list());
    }

    @Override
    public void revokeGrant(Actor actor, String grantId) {
        Actor.Account account = Actor.writer(actor);
        Instant now = now();
        db.writeVoid(h -> {
            var grant = h.createQuery("SELECT user_id, client_name FROM oauth_grants WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", grantId == null ? "" : grantId).mapToMap().findOne()
                    .orElseThrow(() -> RunguException.notFound("Connected app not found"));
            if (!account.userId().equals(grant.get("user_id")) && !account.isAdmin()) {
                throw RunguException.forbidden("Only the account's owner or an admin can disconnect an app");
            }
            revokeGrant(h, grantId, now);
            AuditLog.append(h, AuditRecord.of(now, account, "oauth.revoked", "oauth_grant", grantId, null,
                    Changes.of().removed("client", grant.get("client_name"))));
        });
    }

    private static void revokeGrant(Handle h, String grantId, Instant now) {
        h.createUpdate("UPDATE oauth_grants SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", grantId).execute();
        h.createUpdate("DELETE FROM oauth_tokens WHERE grant_id = :id").bind("id", grantId).execute();
    }

    // --- helpers ---

    private static String scope(String asked, List<String> allowed) {
        if (asked == null || asked.isBlank()) {
            return String.join(" ", allowed);
        }
        if (asked.length() > 200) {
            throw RunguException.invalid("scope", "scope is too long");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : asked.strip().split(" +")) {
            if (!allowed.contains(s)) {
                throw RunguException.invalid("scope", "Unknown or not granted scope '" + s + "'; ask for "
                        + String.join(" and/or ", allowed));
            }
            scopes.add(s);
        }
        List<String> ordered = new ArrayList<>(SCOPES);
        ordered.retainAll(scopes);
        return String.join(" ", ordered);
    }

    private static String resource(String asked, String own) {
        if (own == null || own.isBlank()) {
            throw new IllegalArgumentException("ownResource");
        }
        if (asked != null && !asked.isBlank() && !sameResource(asked, own)) {
            throw RunguException.invalid("resource", "This server issues tokens only for " + own);
        }
        return own;
    }

    /** Equal resource URLs, ignoring one trailing slash (clients differ in adding it). */
    static boolean sameResource(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return strip(a).equals(strip(b));
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private String secret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** The S256 PKCE challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))). */
    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    private record CodeRow(String clientId, String userId, String redirectUri, String codeChallenge, String scope,
                           String resource, Instant expiresAt, String grantId) {}

    private record RefreshRow(String grantId, Instant expiresAt, Instant usedAt, Instant revokedAt, String clientId,
                              String scope, String resource) {}

    private record AccessRow(Holder holder, String resource, Instant expiresAt, Instant lastUsedAt) {}
}
