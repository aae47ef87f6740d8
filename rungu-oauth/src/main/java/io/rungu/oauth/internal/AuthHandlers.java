package io.rungu.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.rungu.oauth.ProviderInfo;
import io.rungu.store.Accounts;
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
        Json.send(ctx, 202, Json.object().put("message",
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
        ctx.redirect(flow.get().redirect() == null ? core.home() : flow.get().redirect(), HttpStatus.FOUND);
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
        ctx.redirect(redirect == null || redirect.isEmpty() ? core.home() : redirect, HttpStatus.FOUND);
    }

    private void fail(Context ctx, String code, String logMessage) {
        LOG.info("Sign-in failed ({}): {}", code, logMessage);
        noStore(ctx);
        ctx.redirect(core.failurePage(code), HttpStatus.FOUND);
    }

    // --- JSON routes ---

    private void providers(Context ctx) {
        ArrayNode list = Json.object().arrayNode();
        for (ProviderInfo p : core.providers()) {
            list.add(Json.object().put("name", p.name()).put("label", p.label()).put("login_url", p.loginUrl()));
        }
        if (email != null) {
            // Not a redirect: the web app shows an address field that POSTs to login_url.
            list.add(Json.object().put("name", "email").put("label", "Email").put("login_url",
                    core.baseUrl + "/auth/email"));
        }
        ObjectNode body = Json.object();
        body.set("providers", list);
        Json.send(ctx, 200, body);
    }

    private void me(Context ctx) {
        Actor actor = core.authenticate(ctx);
        User user = core.accounts.findUser(actor.userId()).orElseThrow(RunguException::unauthenticated);
        ObjectNode data = Json.object().put("id", user.id()).put("email", user.email()).put("name", user.name())
                .put("avatar_url", user.avatarUrl()).put("role", user.role().wire());
        ObjectNode body = Json.object();
        body.set("data", data);
        noStore(ctx);
        Json.send(ctx, 200, body);
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
        Json.send(ctx, 200, Json.object().put("ok", true));
    }

    private void logoutEverywhere(Context ctx) {
        Actor actor = Actor.writer(core.authenticate(ctx));
        core.checkCrossSite(ctx, actor);
        core.accounts.revokeAllSessions(actor.userId());
        core.cookies.clear(ctx, core.cookieName, "");
        Json.send(ctx, 200, Json.object().put("ok", true));
    }

    private void listTokens(Context ctx) {
        Actor actor = requireAccount(ctx);
        PageRequest page = PageRequest.of(Range.PAGE.parse(ctx.queryParam("page")),
                Range.PER_PAGE.parse(ctx.queryParam("per_page")));
        Page<ApiToken> tokens = core.accounts.listTokens(actor, ctx.queryParam("user_id"), page);
        ArrayNode items = Json.object().arrayNode();
        tokens.items().forEach(t -> items.add(token(t)));
        ObjectNode body = Json.object();
        body.set("data", items);
        body.set("pagination", Json.object().put("page", tokens.page()).put("per_page", tokens.perPage())
                .put("total", tokens.total()).put("total_pages", tokens.totalPages()));
        noStore(ctx);
        Json.send(ctx, 200, body);
    }

    private void createToken(Context ctx) {
        Actor actor = requireAccount(ctx);
        core.checkCrossSite(ctx, actor);
        JsonNode input = jsonBody(ctx);
        String scope = Json.text(input, "scope");
        JsonNode name = input.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw RunguException.invalid("name", "name must be a string");
        }
        IssuedToken issued = core.createToken(actor, name == null ? null : name.asText(null),
                scope == null ? null : TokenScope.parse(scope));
        ObjectNode data = Json.object();
        data.set("token", token(issued.token()));
        data.put("secret", issued.secret());
        ObjectNode body = Json.object();
        body.set("data", data);
        noStore(ctx);
        Json.send(ctx, 201, body);
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

    private static ObjectNode token(ApiToken t) {
        return Json.object().put("id", t.id()).put("name", t.name()).put("prefix", t.prefix())
                .put("scope", t.scope().wire()).put("created_at", time(t.createdAt()))
                .put("last_used_at", time(t.lastUsedAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
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
