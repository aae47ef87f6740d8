package io.rungu.oauth.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.model.Actor;
import io.rungu.model.ApiToken;
import io.rungu.model.CrossSite;
import io.rungu.model.ErrorCode;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.oauth.IssuedToken;
import io.rungu.oauth.ProviderInfo;
import io.rungu.store.Accounts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The state and rules behind RunguAuth and its routes: credentials in, an Actor out. */
public final class AuthCore {
    /** API token secrets start with this, so leaked ones are easy to recognise and scan for. */
    public static final String TOKEN_PREFIX = "rgu_";
    /** Widget tokens start with this: a signed token naming the session it came from. */
    public static final String WIDGET_TOKEN_PREFIX = "rgw_";
    /** Longest widget token accepted (a signed token is about 250 characters). */
    private static final int WIDGET_TOKEN_MAX = 1024;
    private static final String ACTOR_ATTRIBUTE = "io.rungu.oauth.actor";
    private static final String SESSION_ATTRIBUTE = "io.rungu.oauth.session";

    final Accounts accounts;
    final Clock clock;
    final Duration sessionTtl;
    final Duration widgetTokenTtl;
    final Duration loginTimeout;
    final Set<String> adminEmails;
    final String baseUrl;
    final String basePath;
    final String cookieName;
    final Cookies cookies;
    final Secrets secrets = new Secrets();
    private final String baseOrigin;
    private final SessionTokens sessionTokens;
    final Map<String, Provider> providers = new LinkedHashMap<>();

    /** Settings already validated by AuthConfig. */
    public record Settings(byte[] key, String baseUrl, boolean secureCookies, Set<String> adminEmails,
                           Duration sessionTtl, Duration loginTimeout, Duration providerTimeout, String cookieName,
                           Clock clock, Duration widgetTokenTtl) {}

    public AuthCore(Accounts accounts, Settings s, List<io.rungu.oauth.ProviderConfig> providerConfigs) {
        this.accounts = accounts;
        this.clock = s.clock();
        this.sessionTtl = s.sessionTtl();
        this.widgetTokenTtl = s.widgetTokenTtl();
        this.loginTimeout = s.loginTimeout();
        this.adminEmails = s.adminEmails().stream().map(io.rungu.model.Emails::normalize)
                .filter(e -> !e.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        String url = s.baseUrl().strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.baseUrl = url;
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path;
        this.baseOrigin = url; // CrossSite compares only its scheme, host and port
        this.cookieName = s.cookieName();
        this.cookies = new Cookies(s.secureCookies(), path.isEmpty() ? "/" : path);
        this.sessionTokens = new SessionTokens(s.key());
        for (io.rungu.oauth.ProviderConfig p : providerConfigs) {
            providers.put(p.name, Providers.create(p, url + "/auth/" + p.name + "/callback", s.providerTimeout(), clock));
        }
    }

    // --- who is asking ---

    /** The actor of the request; cached on the request so several callers cost one lookup. */
    public Actor authenticate(Context ctx) {
        Object cached = ctx.attribute(ACTOR_ATTRIBUTE);
        if (cached instanceof Actor actor) {
            return actor;
        }
        Actor actor = resolve(ctx);
        ctx.attribute(ACTOR_ATTRIBUTE, actor);
        return actor;
    }

    private Actor resolve(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = authorization.substring(7).strip();
            if (secret.startsWith(WIDGET_TOKEN_PREFIX) && secret.length() <= WIDGET_TOKEN_MAX) {
                return widgetActor(secret.substring(WIDGET_TOKEN_PREFIX.length()));
            }
            if (!secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
                throw new RunguException(ErrorCode.UNAUTHENTICATED, "The bearer token is not a Rungu API token");
            }
            Accounts.TokenOwner owner = accounts.useToken(Secrets.sha256Hex(secret)).orElseThrow(() ->
                    new RunguException(ErrorCode.UNAUTHENTICATED, "The API token is unknown or revoked"));
            // The token's name is its client in the audit log, so an admin can tell a user's tokens apart.
            return new Actor.Account(owner.userId(), owner.role(), Actor.Channel.API_TOKEN, owner.scope(), owner.name());
        }
        return session(ctx)
                .<Actor>map(s -> new Actor.Account(s.userId(), s.role(), Actor.Channel.SESSION, TokenScope.WRITE))
                .orElse(Actor.anonymous());
    }

    private Actor widgetActor(String token) {
        return sessionTokens.verifyWidget(token, clock.instant())
                .flatMap(c -> accounts.widgetActor(c.sessionId(), c.userId()))
                .<Actor>map(a -> a)
                .orElseThrow(() -> new RunguException(ErrorCode.UNAUTHENTICATED,
                        "The widget token has expired or its session has ended; sign in again"));
    }

    /** See RunguAuth#issueWidgetToken. */
    public io.rungu.oauth.WidgetToken issueWidgetToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            throw RunguException.invalid("Authorization", "A widget token is issued for a browser session; "
                    + "send the request with the session cookie and no Authorization header");
        }
        Accounts.ActiveSession s = session(ctx).orElseThrow(RunguException::unauthenticated);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(widgetTokenTtl);
        if (expiresAt.isAfter(s.expiresAt())) {
            expiresAt = s.expiresAt();
        }
        String token = WIDGET_TOKEN_PREFIX + sessionTokens.issueWidget(s.userId(), s.sessionId(), now, expiresAt);
        return new io.rungu.oauth.WidgetToken(token, expiresAt, s.userId());
    }

    /** The active session named by a valid session cookie, if any. */
    Optional<Accounts.ActiveSession> session(Context ctx) {
        Object cached = ctx.attribute(SESSION_ATTRIBUTE);
        if (cached instanceof Accounts.ActiveSession s) {
            return Optional.of(s);
        }
        Instant now = clock.instant();
        for (String value : Cookies.values(ctx, cookieName)) {
            Optional<SessionTokens.Claims> claims = sessionTokens.verify(value, now);
            if (claims.isEmpty()) {
                continue;
            }
            Optional<Accounts.ActiveSession> session = accounts.findSession(claims.get().sessionId())
                    .filter(s -> s.userId().equals(claims.get().userId()));
            if (session.isPresent()) {
                ctx.attribute(SESSION_ATTRIBUTE, session.get());
                return session;
            }
        }
        return Optional.empty();
    }

    /** Refuses a cookie-authenticated write that a browser says came from another site. */
    public void checkCrossSite(Context ctx, Actor actor) {
        if (!(actor instanceof Actor.Account account) || account.channel() != Actor.Channel.SESSION) {
            return;
        }
        HandlerType method = ctx.method();
        if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH
                && method != HandlerType.DELETE) {
            return;
        }
        CrossSite.check(ctx.header("Origin"), ctx.header("Sec-Fetch-Site"), ctx.header("Host"), List.of(baseOrigin),
                List.of());
    }

    // --- sessions ---

    /** Records a session for the user and sets its cookie. */
    void startSession(Context ctx, String userId) {
        Instant now = clock.instant();
        String sessionId = accounts.createSession(userId, sessionTtl);
        String token = sessionTokens.issue(userId, sessionId, now, now.plus(sessionTtl));
        cookies.set(ctx, cookieName, token, sessionTtl, "");
    }

    /** Applies the admin list to a sign-in that came through no provider (a sign-in link). */
    void promoteIfAdminEmail(String userId) {
        accounts.findUser(userId)
                .filter(u -> u.role() != Role.ADMIN && u.email() != null && adminEmails.contains(u.email()))
                .ifPresent(u -> accounts.ensureUser(u.email(), u.name(), Role.ADMIN));
    }

    /** Ends the request's session (if any) and clears its cookie. */
    void endSession(Context ctx) {
        session(ctx).ifPresent(s -> accounts.revokeSession(s.sessionId()));
        cookies.clear(ctx, cookieName, "");
    }

    // --- links and tokens ---

    /** See RunguAuth#createSignInLink. */
    public String createSignInLink(String email, Role role, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw RunguException.invalid("ttl", "A sign-in link needs a positive lifetime");
        }
        User user = accounts.ensureUser(email, "", role == null ? Role.MEMBER : role);
        String secret = secrets.random(32);
        accounts.createSignInLink(Secrets.sha256Hex(secret), user.id(), clock.instant().plus(ttl));
        return baseUrl + "/auth/link/" + secret;
    }

    /**
     * A one-time sign-in link for an email address that makes no account until it is used (sign-in by email): the
     * member is created at the first sign-in, so an address that never opens the link leaves no user behind.
     */
    public String createEmailSignInLink(String email, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw RunguException.invalid("ttl", "A sign-in link needs a positive lifetime");
        }
        String secret = secrets.random(32);
        accounts.createEmailSignInLink(Secrets.sha256Hex(secret), email, clock.instant().plus(ttl));
        return baseUrl + "/auth/link/" + secret;
    }

    /** See RunguAuth#createToken. */
    public IssuedToken createToken(Actor actor, String name, TokenScope scope, Duration expiresIn) {
        Instant expiresAt = expiry(expiresIn);
        String secret = TOKEN_PREFIX + secrets.random(32);
        ApiToken token = accounts.createToken(actor, name, scope, prefixOf(secret), Secrets.sha256Hex(secret), expiresAt);
        return new IssuedToken(token, secret);
    }

    /** See RunguAuth#createTokenFor. */
    public IssuedToken createTokenFor(String email, String name, TokenScope scope, Duration expiresIn) {
        Instant expiresAt = expiry(expiresIn);
        User user = accounts.ensureUser(email, "", Role.MEMBER);
        String secret = TOKEN_PREFIX + secrets.random(32);
        ApiToken token = accounts.createTokenFor(user.id(), name, scope, prefixOf(secret), Secrets.sha256Hex(secret),
                expiresAt);
        return new IssuedToken(token, secret);
    }

    private Instant expiry(Duration expiresIn) {
        if (expiresIn == null) {
            return null;
        }
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw RunguException.invalid("expires_in", "A token's lifetime must be positive, e.g. 90 days");
        }
        try {
            return clock.instant().plus(expiresIn);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw RunguException.invalid("expires_in", "A token's lifetime is too long");
        }
    }

    private static String prefixOf(String secret) {
        return secret.substring(0, TOKEN_PREFIX.length() + 4);
    }

    /** The enabled providers in configuration order. */
    public List<ProviderInfo> providers() {
        List<ProviderInfo> list = new ArrayList<>();
        for (Provider p : providers.values()) {
            list.add(new ProviderInfo(p.name(), p.label(), baseUrl + "/auth/" + p.name() + "/login"));
        }
        return list;
    }

    /** Where a browser goes after a failed sign-in. */
    String failurePage(String code) {
        return basePath + "/login?error=" + code;
    }

    /** A {@code redirect} target, which is a path within the board (as the web app names its pages), under the base path. */
    String underBase(String appPath) {
        return basePath + appPath;
    }

    /** Where a browser goes after sign-in when no redirect was asked for. */
    String home() {
        return basePath + "/";
    }
}
