package io.rungu.store.internal.accounts;

import io.rungu.model.Actor;
import io.rungu.model.ApiToken;
import io.rungu.model.Emails;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.store.Accounts;
import io.rungu.store.internal.audit.AuditLog;
import io.rungu.store.internal.audit.AuditRecord;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Users, identities, sessions, sign-in links, login flows and API tokens on the store's database. Every change
 * runs in one write transaction, so a check and the write it guards cannot be separated by another writer.
 */
public final class AccountsService implements Accounts {
    /** A token's last use is written at most this often, so busy tokens do not turn every read into a write. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    /** The longest expiry a token can be given (ten years); without one it never expires. */
    static final Duration TOKEN_LIFETIME_MAX = Duration.ofDays(3650);

    private static final String USER_COLUMNS = "u.id, u.email, u.name, u.avatar_url, u.role, u.created_at, u.last_login";
    private static final String TOKEN_COLUMNS = "t.id, t.user_id, t.name, t.prefix, t.scope, t.created_at, t.last_used_at, "
            + "t.expires_at";

    private final Database db;
    private final Clock clock;
    private final Supplier<String> ids;

    private final SessionCache sessions;

    private AccountsService(Database db, Clock clock, Supplier<String> ids, Duration cacheTtl, int sessionCacheEntries) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
        this.sessions = new SessionCache(db::accountWriteGeneration, Database.keepReadsFor(db, cacheTtl),
                sessionCacheEntries, System::nanoTime);
    }

    /** The Accounts service over {@code database}, keeping up to {@code sessionCacheEntries} active sessions. */
    public static Accounts create(Database database, Clock clock, Supplier<String> ids, Duration cacheTtl,
                                  int sessionCacheEntries) {
        return new AccountsService(database, clock, ids, cacheTtl, sessionCacheEntries);
    }

    // --- users ---

    @Override
    public User signIn(ProviderIdentity identity, Collection<String> adminEmails) {
        Objects.requireNonNull(identity, "identity");
        requireText(identity.provider(), "provider");
        requireText(identity.subject(), "subject");
        String email = identity.email() == null || identity.email().isBlank() ? null : normalizeEmail(identity.email());
        boolean verified = email != null && identity.emailVerified();
        Set<String> admins = normalizeEmails(adminEmails);
        Instant now = now();
        String userId = db.write(h -> {
            Optional<String> linked = h.createQuery(
                            "SELECT user_id FROM user_identities WHERE provider = :p AND subject = :s")
                    .bind("p", identity.provider()).bind("s", identity.subject())
                    .mapTo(String.class).findOne();
            String id;
            if (linked.isPresent()) {
                id = linked.get();
                if (verified) {
                    h.createUpdate("UPDATE user_identities SET email = :e WHERE provider = :p AND subject = :s")
                            .bind("e", email).bind("p", identity.provider()).bind("s", identity.subject()).execute();
                }
            } else {
                if (!verified) {
                    throw RunguException.forbidden("Your " + identity.provider() + " account has no verified email "
                            + "address. Verify your email with " + identity.provider() + " and sign in again.");
                }
                id = findUserIdByEmail(h, email)
                        .or(() -> insertUserIfAbsent(h, email, "", Role.MEMBER, now))
                        .orElseGet(() -> findUserIdByEmail(h, email).orElseThrow());
                // Another server may be signing in the same new identity at this instant: its row wins, ours is
                // not needed (it names the same user, found by the same email).
                h.createUpdate("INSERT INTO user_identities (id, user_id, provider, subject, email, created_at) "
                                + "VALUES (:id, :u, :p, :s, :e, :t) ON CONFLICT DO NOTHING")
                        .bind("id", ids.get()).bind("u", id).bind("p", identity.provider())
                        .bind("s", identity.subject()).bind("e", email).bind("t", now).execute();
            }
            User current = findUser(h, id).orElseThrow();
            String name = displayName(identity.name(), current);
            String avatar = identity.avatarUrl() == null || identity.avatarUrl().isBlank() ? current.avatarUrl() : identity.avatarUrl().strip();
            boolean promote = current.role() != Role.ADMIN
                    && ((current.email() != null && admins.contains(current.email())) || (verified && admins.contains(email)));
            h.createUpdate("UPDATE users SET name = :n, avatar_url = :a, last_login = :t, role = :r WHERE id = :id")
                    .bind("n", name).bind("a", avatar).bind("t", now)
                    .bind("r", (promote ? Role.ADMIN : current.role()).wire()).bind("id", id).execute();
            return id;
        });
        return findUser(userId).orElseThrow();
    }

    @Override
    public User ensureUser(String email, String name, Role atLeast) {
        String normalized = normalizeEmail(email);
        Role role = atLeast == null ? Role.MEMBER : atLeast;
        String cleanName = name == null ? "" : clip(name.strip(), Limits.USER_NAME_MAX);
        String userId = db.write(h -> {
            Optional<User> existing = findUserByEmail(h, normalized);
            if (existing.isEmpty()) {
                Optional<String> inserted = insertUserIfAbsent(h, normalized, cleanName, role, now());
                if (inserted.isPresent()) {
                    return inserted.get();
                }
                existing = findUserByEmail(h, normalized);
            }
            User user = existing.orElseThrow();
            if (user.name().isBlank() && !cleanName.isEmpty()) {
                h.createUpdate("UPDATE users SET name = :name WHERE id = :id")
                        .bind("name", cleanName).bind("id", user.id()).execute();
            }
            if (role == Role.ADMIN && user.role() != Role.ADMIN) {
                h.createUpdate("UPDATE users SET role = 'admin' WHERE id = :id").bind("id", user.id()).execute();
            }
            return user.id();
        });
        return findUser(userId).orElseThrow();
    }

    @Override
    public Optional<User> findUserByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String normalized = Emails.normalize(email);
        return db.read(h -> findUserByEmail(h, normalized));
    }

    @Override
    public Optional<User> findUser(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return db.read(h -> findUser(h, userId));
    }

    @Override
    public boolean hasAdmin() {
        return db.read(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')")
                .mapTo(Boolean.class).one());
    }

    @Override
    public Optional<User> firstAdmin() {
        return db.read(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u.role = 'admin' "
                + "ORDER BY u.created_at, u.id LIMIT 1").map((rs, ctx) -> user(rs)).findOne());
    }

    // --- sessions ---

    @Override
    public String createSession(String userId, Duration ttl) {
        requirePositive(ttl, "ttl");
        Instant now = now();
        String id = ids.get();
        db.writeVoid(h -> {
            requireUser(h, userId);
            // Expired rows of this user are dropped here, so the table does not grow without bound.
            h.createUpdate("DELETE FROM sessions WHERE user_id = :u AND expires_at <= :now")
                    .bind("u", userId).bind("now", now).execute();
            h.createUpdate("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (:id, :u, :t, :e)")
                    .bind("id", id).bind("u", userId).bind("t", now).bind("e", now.plus(ttl)).execute();
            AuditLog.append(h, new AuditRecord(now, userId, Actor.Channel.SESSION, null, "user.signed_in", "user",
                    userId, null, Changes.of()));
        });
        return id;
    }

    @Override
    public Optional<ActiveSession> findSession(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Instant now = now();
        ActiveSession kept = sessions.enabled() ? sessions.get(sessionId, now) : null;
        if (kept != null) {
            return Optional.of(kept);
        }
        long generation = sessions.generationNow();
        Optional<ActiveSession> found = db.read(h -> h.createQuery("SELECT s.id, s.user_id, u.role, s.expires_at "
                        + "FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE s.id = :id AND s.revoked_at IS NULL AND s.expires_at > :now")
                .bind("id", sessionId).bind("now", now)
                .map((rs, ctx) -> new ActiveSession(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        Timestamps.read(rs, 4)))
                .findOne());
        if (sessions.enabled()) {
            found.ifPresent(session -> sessions.put(session, generation));
        }
        return found;
    }

    @Override
    public void revokeSession(String sessionId) {
        Instant now = now();
        db.writeVoid(h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", sessionId).execute());
    }

    @Override
    public int revokeAllSessions(String userId) {
        Instant now = now();
        return db.write(h -> h.createUpdate("UPDATE sessions SET revoked_at = :now "
                        + "WHERE user_id = :u AND revoked_at IS NULL AND expires_at > :now")
                .bind("now", now).bind("u", userId).execute());
    }

    // --- sign-in links ---

    @Override
    public void createSignInLink(String secretHash, String userId, Instant expiresAt) {
        requireHash(secretHash);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = now();
        db.writeVoid(h -> {
            requireUser(h, userId);
            h.createUpdate("DELETE FROM sign_in_links WHERE user_id = :u AND (expires_at <= :now OR used_at IS NOT NULL)")
                    .bind("u", userId).bind("now", now).execute();
            h.createUpdate("INSERT INTO sign_in_links (secret_hash, user_id, created_at, expires_at) "
                            + "VALUES (:h, :u, :t, :e)")
                    .bind("h", secretHash).bind("u", userId).bind("t", now)
                    .bind("e", Timestamps.truncate(expiresAt)).execute();
        });
    }

    @Override
    public void createEmailSignInLink(String secretHash, String email, Instant expiresAt) {
        requireHash(secretHash);
        Objects.requireNonNull(expiresAt, "expiresAt");
        String address = normalizeEmail(email);
        Instant now = now();
        db.writeVoid(h -> {
            // Links past their time or used are dropped here, so the table does not grow without bound.
            h.createUpdate("DELETE FROM email_sign_in_links WHERE expires_at <= :now OR used_at IS NOT NULL")
                    .bind("now", now).execute();
            h.createUpdate("INSERT INTO email_sign_in_links (secret_hash, email, created_at, expires_at) "
                            + "VALUES (:h, :e, :t, :x)")
                    .bind("h", secretHash).bind("e", address).bind("t", now)
                    .bind("x", Timestamps.truncate(expiresAt)).execute();
        });
    }

    @Override
    public Optional<String> consumeSignInLink(String secretHash) {
        if (secretHash == null) {
            return Optional.empty();
        }
        Instant now = now();
        return db.write(h -> {
            int used = h.createUpdate("UPDATE sign_in_links SET used_at = :now "
                            + "WHERE secret_hash = :h AND used_at IS NULL AND expires_at > :now")
                    .bind("now", now).bind("h", secretHash).execute();
            if (used == 1) {
                return h.createQuery("SELECT user_id FROM sign_in_links WHERE secret_hash = :h")
                        .bind("h", secretHash).mapTo(String.class).findOne();
            }
            int usedByAddress = h.createUpdate("UPDATE email_sign_in_links SET used_at = :now "
                            + "WHERE secret_hash = :h AND used_at IS NULL AND expires_at > :now")
                    .bind("now", now).bind("h", secretHash).execute();
            if (usedByAddress != 1) {
                return Optional.<String>empty();
            }
            String email = h.createQuery("SELECT email FROM email_sign_in_links WHERE secret_hash = :h")
                    .bind("h", secretHash).mapTo(String.class).one();
            // The first use of an address's link is its member's first sign-in: the account starts here.
            return Optional.of(findUserIdByEmail(h, email)
                    .or(() -> insertUserIfAbsent(h, email, "", Role.MEMBER, now))
                    .orElseGet(() -> findUserIdByEmail(h, email).orElseThrow()));
        });
    }

    // --- login flows ---

    @Override
    public void saveLoginFlow(LoginFlow flow) {
        Objects.requireNonNull(flow, "flow");
        requireHash(flow.stateHash());
        Instant now = now();
        db.writeVoid(h -> {
            h.createUpdate("DELETE FROM login_flows WHERE expires_at <= :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO login_flows (state_hash, provider, code_verifier, nonce, redirect, expires_at) "
                            + "VALUES (:s, :p, :v, :n, :r, :e)")
                    .bind("s", flow.stateHash()).bind("p", flow.provider()).bind("v", flow.codeVerifier())
                    .bind("n", flow.nonce()).bind("r", flow.redirect())
                    .bind("e", Timestamps.truncate(flow.expiresAt())).execute();
        });
    }

    @Override
    public Optional<LoginFlow> takeLoginFlow(String stateHash) {
        if (stateHash == null) {
            return Optional.empty();
        }
        Instant now = now();
        return db.write(h -> {
            Optional<LoginFlow> flow = h.createQuery("SELECT state_hash, provider, code_verifier, nonce, redirect, "
                            + "expires_at FROM login_flows WHERE state_hash = :s")
                    .bind("s", stateHash)
                    .map((rs, ctx) -> new LoginFlow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Timestamps.read(rs, 6)))
                    .findOne();
            if (flow.isEmpty()) {
                return flow;
            }
            int deleted = h.createUpdate("DELETE FROM login_flows WHERE state_hash = :s").bind("s", stateHash).execute();
            return deleted == 1 && flow.get().expiresAt().isAfter(now) ? flow : Optional.<LoginFlow>empty();
        });
    }

    // --- API tokens ---

    @Override
    public ApiToken createToken(Actor actor, String name, TokenScope scope, String prefix, String secretHash,
                                Instant expiresAt) {
        Actor.Account account = requireWriter(actor);
        return insertToken(account, account.userId(), name, scope, prefix, secretHash, expiresAt);
    }

    @Override
    public ApiToken createTokenFor(String userId, String name, TokenScope scope, String prefix, String secretHash,
                                   Instant expiresAt) {
        return insertToken(null, userId, name, scope, prefix, secretHash, expiresAt);
    }

    @Override
    public Optional<TokenOwner> useToken(String secretHash) {
        if (secretHash == null) {
            return Optional.empty();
        }
        Instant now = now();
        Optional<TokenRow> row = db.read(h -> h.createQuery("SELECT t.id, t.user_id, u.role, t.scope, t.last_used_at, "
                        + "t.expires_at, t.name FROM api_tokens t JOIN users u ON u.id = t.user_id "
                        + "WHERE t.secret_hash = :h AND t.revoked_at IS NULL")
                .bind("h", secretHash)
                .map((rs, ctx) -> new TokenRow(new TokenOwner(rs.getString(1), rs.getString(2),
                        Role.parse(rs.getString(3)), TokenScope.parse(rs.getString(4)), rs.getString(7)),
                        Timestamps.read(rs, 5), Timestamps.read(rs, 6)))
                .findOne());
        row.filter(r -> r.expiresAt() != null && !now.isBefore(r.expiresAt())).ifPresent(r -> {
            throw new RunguException(ErrorCode.UNAUTHENTICATED, "The API token expired at " + r.expiresAt()
                    + "; create a new one");
        });
        row.ifPresent(r -> {
            if (r.lastUsedAt() == null || !r.lastUsedAt().plus(LAST_USED_GRANULARITY).isAfter(now)) {
                db.writeVoid(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                        .bind("now", now).bind("id", r.owner().tokenId()).execute());
            }
        });
        return row.map(TokenRow::owner);
    }

    @Override
    public Optional<Actor.Account> widgetActor(String sessionId, String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return findSession(sessionId).filter(s -> s.userId().equals(userId))
                .map(s -> new Actor.Account(s.userId(), Role.MEMBER, Actor.Channel.WIDGET, TokenScope.WIDGET, "widget"));
    }

    @Override
    public Page<ApiToken> listTokens(Actor actor, String userId, PageRequest page) {
        Actor.Account account = requireAccount(actor);
        if (account.scope() == TokenScope.WIDGET) {
            throw RunguException.forbidden(Actor.WIDGET_MESSAGE);
        }
        String owner = userId == null || userId.isBlank() ? account.userId() : userId;
        if (!owner.equals(account.userId()) && !account.isAdmin()) {
            throw RunguException.forbidden("Only admins can list another user's tokens");
        }
        PageRequest p = page == null ? PageRequest.FIRST : page;
        return db.read(h -> {
            long total = h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = :u AND revoked_at IS NULL")
                    .bind("u", owner).mapTo(Long.class).one();
            var items = h.createQuery("SELECT " + TOKEN_COLUMNS + " FROM api_tokens t "
                            + "WHERE t.user_id = :u AND t.revoked_at IS NULL "
                            + "ORDER BY t.created_at DESC, t.id DESC LIMIT :limit OFFSET :offset")
                    .bind("u", owner).bind("limit", p.perPage()).bind("offset", p.offset())
                    .map((rs, ctx) -> token(rs)).list();
            return new Page<>(items, p.page(), p.perPage(), total);
        });
    }

    @Override
    public int revokeAllTokens(String userId) {
        Instant now = now();
        return db.write(h -> {
            int revoked = h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE user_id = :u "
                    + "AND revoked_at IS NULL").bind("now", now).bind("u", userId).execute();
            if (revoked > 0) {
                AuditLog.append(h, new AuditRecord(now, userId, null, null, "token.revoked_all", "user", userId, null,
                        Changes.of().removed("tokens", revoked)));
            }
            return revoked;
        });
    }

    @Override
    public void revokeToken(Actor actor, String tokenId) {
        Actor.Account account = requireWriter(actor);
        Instant now = now();
        db.writeVoid(h -> {
            var token = h.createQuery("SELECT user_id, name FROM api_tokens WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", tokenId).mapToMap().findOne()
                    .orElseThrow(() -> RunguException.notFound("Token not found"));
            String owner = (String) token.get("user_id");
            if (!owner.equals(account.userId()) && !account.isAdmin()) {
                throw RunguException.forbidden("Only the token's owner or an admin can revoke it");
            }
            h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", tokenId).execute();
            AuditLog.append(h, AuditRecord.of(now, account, "token.revoked", "token", tokenId, null,
                    Changes.of().removed("name", token.get("name")).removed("owner", owner)));
        });
    }

    // --- helpers ---

    private ApiToken insertToken(Actor.Account actor, String userId, String name, TokenScope scope, String prefix, String secretHash,
                                 Instant expiresAt) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw RunguException.invalid("name", "Give the token a name");
        }
        if (cleanName.length() > Limits.TOKEN_NAME_MAX) {
            throw RunguException.invalid("name", "The token name must be at most " + Limits.TOKEN_NAME_MAX + " characters");
        }
        if (scope == null) {
            throw RunguException.invalid("scope", "Choose the token scope: read or write");
        }
        if (scope == TokenScope.WIDGET) {
            throw RunguException.invalid("scope", "The widget scope belongs to the widget's short-lived sign-in; "
                    + "choose read or write for an API token");
        }
        requireText(prefix, "prefix");
        requireHash(secretHash);
        Instant now = now();
        Instant expires = expiresAt == null ? null : Timestamps.truncate(expiresAt);
        if (expires != null && !expires.isAfter(now)) {
            throw RunguException.invalid("expires_in", "A token's expiry must be in the future");
        }
        if (expires != null && expires.isAfter(now.plus(TOKEN_LIFETIME_MAX))) {
            throw RunguException.invalid("expires_in", "A token can live at most " + TOKEN_LIFETIME_MAX.toDays()
                    + " days; leave the expiry out for a token that never expires");
        }
        String id = ids.get();
        db.writeVoid(h -> {
            requireUser(h, userId);
            // Locks the user so that token creations on other servers count each other.
            h.createQuery("SELECT id FROM users WHERE id = :u" + db.dialect().lockRows()).bind("u", userId)
                    .mapTo(String.class).findOne();
            long active = h.createQuery("SELECT count(*) FROM api_tokens WHERE user_id = :u AND revoked_at IS NULL")
                    .bind("u", userId).mapTo(Long.class).one();
            if (active >= Limits.TOKENS_PER_USER_MAX) {
                throw RunguException.conflict("A user can have at most " + Limits.TOKENS_PER_USER_MAX
                        + " active tokens; revoke one first");
            }
            h.createUpdate("INSERT INTO api_tokens (id, user_id, name, prefix, secret_hash, scope, created_at, expires_at) "
                            + "VALUES (:id, :u, :n, :p, :h, :s, :t, :e)")
                    .bind("id", id).bind("u", userId).bind("n", cleanName).bind("p", prefix)
                    .bind("h", secretHash).bind("s", scope.wire()).bind("t", now).bindByType("e", expires, Instant.class).execute();
            AuditLog.append(h, AuditRecord.of(now, actor, "token.created", "token", id, null, Changes.of()
                    .added("name", cleanName).added("scope", scope).added("owner", userId).added("expires_at", expires)));
        });
        return new ApiToken(id, userId, cleanName, prefix, scope, now, null, expires);
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                TokenScope.parse(rs.getString(5)), Timestamps.read(rs, 6), Timestamps.read(rs, 7), Timestamps.read(rs, 8));
    }

    /**
     * Inserts a user and returns the new id; empty when a user with this email was committed meanwhile by another
     * server (PostgreSQL makes this insert wait for it), which the caller then reads instead of failing on the
     * unique email.
     */
    private Optional<String> insertUserIfAbsent(Handle h, String email, String name, Role role, Instant now) {
        String id = ids.get();
        int inserted = h.createUpdate("INSERT INTO users (id, email, name, avatar_url, role, created_at, last_login) "
                        + "VALUES (:id, :e, :n, '', :r, :t, :t) ON CONFLICT DO NOTHING")
                .bind("id", id).bind("e", email).bind("n", name).bind("r", role.wire()).bind("t", now).execute();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    private static Optional<String> findUserIdByEmail(Handle h, String email) {
        return h.createQuery("SELECT id FROM users WHERE email = :e").bind("e", email).mapTo(String.class).findOne();
    }

    private static Optional<User> findUserByEmail(Handle h, String email) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u.email = :e")
                .bind("e", email).map((rs, ctx) -> user(rs)).findOne();
    }

    private static Optional<User> findUser(Handle h, String id) {
        return h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id).map((rs, ctx) -> user(rs)).findOne();
    }

    private static void requireUser(Handle h, String userId) {
        if (userId == null || findUser(h, userId).isEmpty()) {
            throw RunguException.notFound("User not found");
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.parse(rs.getString(5)),
                Timestamps.read(rs, 6), Timestamps.read(rs, 7));
    }

    private static Actor.Account requireAccount(Actor actor) {
        if (actor instanceof Actor.Account account) {
            return account;
        }
        throw RunguException.unauthenticated();
    }

    private static Actor.Account requireWriter(Actor actor) {
        return Actor.writer(actor);
    }

    static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw RunguException.invalid("email", "An email address is required");
        }
        String normalized = Emails.normalizeSafely(email);
        if (normalized.length() > Limits.EMAIL_MAX || normalized.indexOf('@') < 1
                || normalized.indexOf('@') == normalized.length() - 1 || normalized.chars().anyMatch(Character::isWhitespace)) {
            throw RunguException.invalid("email", "'" + clip(email, 60) + "' is not a valid email address");
        }
        return normalized;
    }

    /**
     * The provider's name unless it is blank or holds an {@code @} (providers fall back to the email, which would be
     * shown on every post); else the kept name, else a neutral "User" and a few characters of the id.
     */
    private static String displayName(String offered, User current) {
        if (offered != null && !offered.isBlank() && offered.indexOf('@') < 0) {
            return clip(offered.strip(), Limits.USER_NAME_MAX);
        }
        if (current.name() != null && !current.name().isBlank() && current.name().indexOf('@') < 0) {
            return current.name();
        }
        String id = current.id().replace("-", "");
        return "User " + id.substring(0, Math.min(6, id.length()));
    }

    private static Set<String> normalizeEmails(Collection<String> emails) {
        if (emails == null) {
            return Set.of();
        }
        return emails.stream().filter(Objects::nonNull).map(Emails::normalize)
                .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    private static void requireHash(String hash) {
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Expected a SHA-256 hex hash; secrets are never stored in clear");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    private Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    private record TokenRow(TokenOwner owner, Instant lastUsedAt, Instant expiresAt) {}
}
