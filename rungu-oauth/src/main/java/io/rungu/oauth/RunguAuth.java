package io.rungu.oauth;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.oauth.internal.AuthCore;
import io.rungu.oauth.internal.AuthHandlers;
import io.rungu.store.RunguStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sign-in for a Rungu installation: OAuth/OpenID Connect providers, server-side sessions in signed cookies,
 * one-time sign-in links and personal API tokens. It turns a request into an {@link Actor}; what that actor may
 * do is decided by the {@link io.rungu.store.Board}.
 *
 * <pre>{@code
 * RunguAuth auth = RunguAuth.create(store, a -> {
 *     a.secret = signingSecret;                         // >= 32 bytes, e.g. openssl rand -hex 32
 *     a.baseUrl = "https://feedback.example.com";
 *     a.github(githubClientId, githubClientSecret);
 * });
 * }</pre>
 *
 * Thread-safe; create one per store and share it.
 */
public final class RunguAuth {
    private final AuthCore core;
    private final List<AuthRoute> routes;

    private RunguAuth(AuthCore core, io.rungu.oauth.internal.EmailSignIn email) {
        this.core = core;
        this.routes = new AuthHandlers(core, email).routes();
    }

    /**
     * Configures sign-in over the store's accounts.
     *
     * @throws IllegalArgumentException listing every configuration problem and how to fix it
     */
    public static RunguAuth create(RunguStore store, Consumer<AuthConfig> configure) {
        Objects.requireNonNull(store, "store");
        AuthConfig config = new AuthConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu auth configuration:\n  - " + String.join("\n  - ", problems));
        }
        List<ProviderConfig> enabled = config.providers.stream().filter(p -> !p.unused()).toList();
        AuthCore.Settings settings = new AuthCore.Settings(config.key(), config.baseUrl, config.secureCookies,
                config.adminEmails, config.sessionTtl, config.loginTimeout, config.providerTimeout, config.cookieName,
                config.clock, config.widgetTokenTtl);
        AuthCore core = new AuthCore(store.accounts(), settings, enabled);
        io.rungu.oauth.internal.EmailSignIn email = config.emailSignIn == null ? null
                : new io.rungu.oauth.internal.EmailSignIn(core, config.emailSignIn, config.emailLinkTtl,
                        config.emailLinksPerAddressPerHour);
        return new RunguAuth(core, email);
    }

    /**
     * Who sent the request: an API token ({@code Authorization: Bearer rgu_...}), else a valid session cookie,
     * else {@link Actor#anonymous()}. A missing, malformed, expired or forged cookie means anonymous; the role comes
     * from the store's session row, so a user demoted or signed out through this store loses access on the next
     * request (through another server sharing the database: within {@code StoreConfig.cacheTtl}). The result is
     * cached on the request.
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED when a bearer token is given but unknown or revoked
     */
    public Actor authenticate(Context ctx) {
        return core.authenticate(ctx);
    }

    /**
     * Refuses (FORBIDDEN) a POST, PUT, PATCH or DELETE authenticated by the session cookie when the browser says it
     * came from another site, by the one rule of {@link io.rungu.model.CrossSite} (this site is the base URL's origin
     * or the request's {@code Host}). Requests with an API token or without an account are let through: a token
     * cannot be sent by a foreign page.
     *
     * @throws io.rungu.model.RunguException FORBIDDEN for a cross-site write
     */
    public void checkCrossSite(Context ctx, Actor actor) {
        core.checkCrossSite(ctx, actor);
    }

    /**
     * A widget token for the request's session cookie: {@code rgw_} and a signed token naming that session, valid
     * for {@link AuthConfig#widgetTokenTtl} and never past the session; it ends with the session (sign out, sign out
     * everywhere). Sent as {@code Authorization: Bearer rgw_...}, it acts as the user with
     * {@link TokenScope#WIDGET}: read, post, vote and comment, never administer (the store's rule,
     * {@link io.rungu.store.Accounts#widgetActor}). Only a session cookie can get one, not a token.
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED without an active session cookie
     */
    public WidgetToken issueWidgetToken(Context ctx) {
        return core.issueWidgetToken(ctx);
    }

    /**
     * The sign-in and token routes, paths relative to the mount's base path: {@code GET /auth/providers},
     * {@code GET /auth/{provider}/login}, {@code GET /auth/{provider}/callback}, {@code GET /auth/link/{secret}},
     * {@code GET /auth/me}, {@code POST /auth/logout}, {@code POST /auth/logout-everywhere},
     * {@code GET|POST /api/tokens}, {@code DELETE /api/tokens/{id}}.
     */
    public List<AuthRoute> routes() {
        return routes;
    }

    /**
     * Makes a one-time sign-in link: ensures a user with this email exists with at least {@code role}, and returns
     * {@code <baseUrl>/auth/link/<secret>}, which signs its first visitor in as that user until {@code ttl} passes.
     */
    public String createSignInLink(String email, Role role, Duration ttl) {
        return core.createSignInLink(email, role, ttl);
    }

    /**
     * Creates an API token for the acting account (which must be allowed to write).
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED for anonymous, FORBIDDEN for read-only credentials,
     *                                       INVALID for a bad name
     */
    public IssuedToken createToken(Actor actor, String name, TokenScope scope) {
        return core.createToken(actor, name, scope, null);
    }

    /**
     * Creates an API token for the acting account that is refused once {@code expiresIn} has passed (null: it
     * never expires).
     *
     * @throws io.rungu.model.RunguException as {@link #createToken(Actor, String, TokenScope)}, and INVALID for a
     *                                       lifetime that is not positive or longer than ten years
     */
    public IssuedToken createToken(Actor actor, String name, TokenScope scope, Duration expiresIn) {
        return core.createToken(actor, name, scope, expiresIn);
    }

    /** Creates an API token for the user with this email, creating a member account if there is none (CLI use). */
    public IssuedToken createTokenFor(String email, String name, TokenScope scope) {
        return core.createTokenFor(email, name, scope, null);
    }

    /** As {@link #createTokenFor(String, String, TokenScope)}, refused once {@code expiresIn} has passed (null: never). */
    public IssuedToken createTokenFor(String email, String name, TokenScope scope, Duration expiresIn) {
        return core.createTokenFor(email, name, scope, expiresIn);
    }

    /** The enabled providers, in configuration order. */
    public List<ProviderInfo> providers() {
        return core.providers();
    }
}
