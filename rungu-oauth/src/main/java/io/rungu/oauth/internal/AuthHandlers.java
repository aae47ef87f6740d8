package io.rungu.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.rungu.model.Actor;
import io.rungu.model.ApiToken;
import io.rungu.model.ErrorCode;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Range;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.oauth.AuthRoute;
import io.rungu.oauth.IssuedToken;
import io.rungu.store.Accounts;
import io.rungu.wire.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /auth and /api/tokens routes. Browser-facing routes (login, callback, link) never show an error page:
 * they redirect to {@code <base>/login?error=<code>}; the JSON routes throw RunguException for the host's mapping.
 */
public final class AuthHandlers {
    private static final List<String> TOKEN_FIELDS = List.of("expires_in", "name", "scope");

    private static final Logger LOG = LoggerFactory.getLogger(AuthHandlers.class);
    private static final String STATE_COOKIE = "rungu_oauth_state";
    private static final String STATE_COOKIE_PATH = "/auth";

    private final AuthCore core;
    private final EmailSignIn email;

    /** {@code email} is null when sign-in by email is off. */
    public AuthHandlers(AuthCore core, EmailSignIn email) {
        this.core = core;
        this.email = email;
    }

    /** Every route, paths relative to the mount. */
    public List<AuthRoute> routes() {
        List<AuthRoute> routes = new java.util.ArrayList<>(List.of(
                new AuthRoute(HandlerType.GET, "/auth/providers", this::providers),
                new AuthRoute(HandlerType.GET, "/auth/link/{secret}", this::link),
                new AuthRoute(HandlerType.GET, "/auth/me", this::me),
                new AuthRoute(HandlerType.GET, "/auth/session", this::session),
                new AuthRoute(HandlerType.POST, "/auth/logout", this::logout),
                new AuthRoute(HandlerType.POST, "/auth/logout-everywhere", this::logoutEverywhere),
                new AuthRoute(HandlerType.GET, "/auth/{provider}/login", this::login),
                new AuthRoute(HandlerType.GET, "/auth/{provider}/callback", this::callback),
                new AuthRoute(HandlerType.GET, "/api/tokens", this::listTokens),
                new AuthRoute(HandlerType.POST, "/api/tokens", this::createToken),
                new AuthRoute(HandlerType.DELETE, "/api/tokens/{id}", this::revokeToken)));
        if (email != null) {
            routes.add(1, new AuthRoute(HandlerType.POST, "/auth/email", this::emailLink));
        }
        return List.copyOf(routes);
    }

    /** 202 whatever the address, so nobody learns which addresses have accounts. */
    private void emailLink(Context ctx) {
        JsonNode input = jsonBody(ctx);
        String address = Json.text(input, "email");
        if (!EmailSignIn.plausible(address == null ? null : address.strip())) {
            throw RunguException.invalid("email", "email must be an email address");
        }
        email.request(address);
        noStore(ctx);
        Json.send(ctx, 202, new Wire.EmailSignInRequested(
                "If this address can receive email, a sign-in link is on its way; it works once, for "
                        + email.ttl().toMinutes() + " minutes."));
    }

    // --- browser flows ---

    private void login(Context ctx) {
        Provider provider = core.providers.get(ctx.pathParam("provider"));
        if (provider == null) {
            fail(ctx, "provider_unknown", "login for unknown provider " + ctx.pathParam("provider"));
            return;
        }
        String redirect = ctx.queryParam("redirect");
        if (redirect != null && !redirect.isEmpty() && !RedirectTargets.isSafe(redirect)) {
            fail(ctx, "invalid_redirect", "refused redirect target " + printable(redirect));
            return;
        }
        String state = core.secrets.random(32);
        String verifier = core.secrets.random(48);
        String nonce = core.secrets.random(32);
        String url;
        try {
            url = provider.authorizationUrl(state, verifier, provider.usesNonce() ? nonce : null);
        } catch (LoginFailure e) {
            fail(ctx, e.code(), e.getMessage());
            return;
        }
        core.accounts.saveLoginFlow(new Accounts.LoginFlow(Secrets.sha256Hex(state), provider.name(), verifier, nonce,
                redirect == null || redirect.isEmpty() ? null : redirect, core.clock.instant().plus(core.loginTimeout)));
        // The state also goes in a cookie, so a callback only completes in the browser that started it.
        core.cookies.set(ctx, STATE_COOKIE, state, core.loginTimeout, STATE_COOKIE_PATH);
        noStore(ctx);
        ctx.redirect(url, HttpStatus.FOUND);
    }

    private void callback(Context ctx) {
        core.cookies.clear(ctx, STATE_COOKIE, STATE_COOKIE_PATH);
        String providerName = ctx.pathParam("provider");
        String error = ctx.queryParam("error");
        String state = ctx.queryParam("state");
        String code = ctx.queryParam("code");
        Optional<String> cookieState = Cookies.values(ctx, STATE_COOKIE).stream()
                .filter(v -> Secrets.constantTimeEquals(v, state)).findFirst();
        Optional<Accounts.LoginFlow> flow = state == null || cookieState.isEmpty()
                ? Optional.empty() : core.accounts.takeLoginFlow(Secrets.sha256Hex(state));
        if (error != null) {
            fail(ctx, "access_denied".equals(error) ? "access_denied" : "provider_error",
                    providerName + " returned error " + printable(error));
            return;
        }
        if (state == null || code == null || cookieState.isEmpty()) {
            fail(ctx, "state_mismatch", providerName + " callback without matching state cookie");
            return;
        }
        if (flow.isEmpty() || !flow.get().provider().equals(providerName)) {
            fail(ctx, "state_mismatch", providerName + " callback for an unknown, used or expired login");
            return;
        }
        Provider provider = core.providers.get(providerName);
        if (provider == null) {
            fail(ctx, "provider_unknown", "callback for unknown provider " + printable(providerName));
            return;
        }
        User user;
        try {
            ProviderIdentity identity = provider.identity(code, flow.get().codeVerifier(),
                    provider.usesNonce() ? flow.get().nonce() : null);
            user = core.accounts.signIn(identity, core.adminEmails);
        } catch (LoginFailure e) {
            fail(ctx, e.code(), e.getMessage());
            return;
        } catch (RunguException e) {
            fail(ctx, e.code() == ErrorCode.FORBIDDEN ? "email_unverified" : "sign_in_failed",
                    providerName + " sign-in refused: " + e.getMessage());
            return;
        }
        core.startSession(ctx, user.id());
        noStore(ctx);
        ctx.redirect(flow.get().redirect() == null ? core.home() : core.underBase(flow.get().redirect()), HttpStatus.FOUND);
    }

    private void link(Context ctx) {
        String redirect = ctx.queryParam("redirect");
        if (redirect != null && !redirect.isEmpty() && !RedirectTargets.isSafe(redirect)) {
            fail(ctx, "invalid_redirect", "refused redirect target " + printable(redirect));
            return;
        }
        String secret = ctx.pathParam("secret");
        Optional<String> userId = secret.length() > 200 ? Optional.empty()
                : core.accounts.consumeSignInLink(Secrets.sha256Hex(secret));
        if (userId.isEmpty()) {
            fail(ctx, "link_invalid", "unknown, used or expired sign-in link");
            return;
        }
        core.promoteIfAdminEmail(userId.get());
        core.startSession(ctx, userId.get());
        noStore(ctx);
        ctx.redirect(redirect == null || redirect.isEmpty() ? core.home() : core.underBase(redirect), HttpStatus.FOUND);
    }

    private void fail(Context ctx, String code, String logMessage) {
        LOG.info("Sign-in failed ({}): {}", code, logMessage);
        noStore(ctx);
        ctx.redirect(core.failurePage(code), HttpStatus.FOUND);
    }

    // --- JSON routes ---

    private void providers(Context ctx) {
        List<Wire.Provider> list = new java.util.ArrayList<>(core.providers().stream()
                .map(p -> new Wire.Provider(p.name(), p.label(), p.loginUrl())).toList());
        if (email != null) {
            // Not a redirect: the web app shows an address field that POSTs to login_url.
            list.add(new Wire.Provider("email", "Email", core.baseUrl + "/auth/email"));
        }
        Json.send(ctx, 200, new Wire.Providers(list));
    }

    private void me(Context ctx) {
        Actor actor = core.authenticate(ctx);
        User user = core.accounts.findUser(actor.userId()).orElseThrow(RunguException::unauthenticated);
        noStore(ctx);
        Json.send(ctx, 200, new Wire.Data<>(Wire.me(user)));
    }

    /** Like /auth/me, but 200 with a null user for an anonymous caller, so a page load logs no failed request. */
    private void session(Context ctx) {
        Actor actor = core.authenticate(ctx);
        User user = actor.userId() == null ? null : core.accounts.findUser(actor.userId()).orElse(null);
        noStore(ctx);
        Json.send(ctx, 200, new Wire.Session(user == null ? null : Wire.me(user)));
    }

    /** The answer to a sign-out sent with an API token: it ends no session, and the token keeps working. */
    static final String LOGOUT_WITH_TOKEN = "Signing out ends a browser session; an API token stays valid until "
            + "you revoke it (DELETE /api/tokens/{id})";

    private void logout(Context ctx) {
        Actor actor = core.authenticate(ctx);
        if (actor instanceof Actor.Account account && account.channel() == Actor.Channel.API_TOKEN) {
            throw RunguException.invalid("Authorization", LOGOUT_WITH_TOKEN);
        }
        core.checkCrossSite(ctx, actor);
        core.endSession(ctx);
        Json.send(ctx, 200, new Wire.Ok(true));
    }

    private void logoutEverywhere(Context ctx) {
        Actor actor = Actor.writer(core.authenticate(ctx));
        core.checkCrossSite(ctx, actor);
        boolean revokeTokens = revokeTokensAsked(ctx);
        core.accounts.revokeAllSessions(actor.userId());
        int tokens = revokeTokens ? core.accounts.revokeAllTokens(actor.userId()) : 0;
        core.cookies.clear(ctx, core.cookieName, "");
        Json.send(ctx, 200, new Wire.SignedOutEverywhere(true, tokens));
    }

    /** {@code {"revoke_tokens": true}} in an optional JSON body also revokes every API token of the user. */
    private static boolean revokeTokensAsked(Context ctx) {
        if (ctx.body().isBlank()) {
            return false;
        }
        JsonNode flag = jsonBody(ctx).get("revoke_tokens");
        if (flag != null && !flag.isNull() && !flag.isBoolean()) {
            throw RunguException.invalid("revoke_tokens", "revoke_tokens must be true or false");
        }
        return flag != null && flag.asBoolean(false);
    }

    private void listTokens(Context ctx) {
        Actor actor = requireAccount(ctx);
        PageRequest page = PageRequest.of(Range.PAGE.parse(ctx.queryParam("page")),
                Range.PER_PAGE.parse(ctx.queryParam("per_page")));
        Page<ApiToken> tokens = core.accounts.listTokens(actor, ctx.queryParam("user_id"), page);
        noStore(ctx);
        Instant now = core.clock.instant();
        Json.send(ctx, 200, Wire.listing(tokens, t -> Wire.token(t, now)));
    }

    private void createToken(Context ctx) {
        Actor actor = requireAccount(ctx);
        core.checkCrossSite(ctx, actor);
        JsonNode input = jsonBody(ctx);
        RunguException.requireKnownFields(input::fieldNames, TOKEN_FIELDS);
        String scope = Json.text(input, "scope");
        JsonNode name = input.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw RunguException.invalid("name", "name must be a string");
        }
        IssuedToken issued = core.createToken(actor, name == null ? null : name.asText(null),
                scope == null ? null : TokenScope.parse(scope), expiresIn(input.get("expires_in")));
        noStore(ctx);
        var token = Wire.token(issued.token(), core.clock.instant());
        Json.send(ctx, 201, new Wire.Data<>(new Wire.IssuedToken(token, issued.secret())));
    }

    private void revokeToken(Context ctx) {
        Actor actor = requireAccount(ctx);
        core.checkCrossSite(ctx, actor);
        core.accounts.revokeToken(actor, ctx.pathParam("id"));
        ctx.status(204);
    }

    private Actor requireAccount(Context ctx) {
        Actor actor = core.authenticate(ctx);
        if (!(actor instanceof Actor.Account)) {
            throw RunguException.unauthenticated();
        }
        return actor;
    }

    /** {@code expires_in}: a positive whole number of seconds, or absent/null for a token that never expires. */
    private static java.time.Duration expiresIn(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= 0) {
            throw RunguException.invalid("expires_in", "expires_in must be a positive whole number of seconds, "
                    + "e.g. 7776000 for 90 days; leave it out for a token that never expires");
        }
        return java.time.Duration.ofSeconds(value.asLong());
    }

    private static JsonNode jsonBody(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new RunguException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
        }
        JsonNode node = Json.parseOrNull(ctx.body());
        if (node == null || !node.isObject()) {
            throw new RunguException(ErrorCode.INVALID, "The body must be a JSON object");
        }
        return node;
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
    }

    private static String printable(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

}
