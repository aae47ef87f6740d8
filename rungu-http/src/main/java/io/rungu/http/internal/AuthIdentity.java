package io.rungu.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Doc;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.Actor;
import io.rungu.oauth.AuthRoute;
import io.rungu.oauth.RunguAuth;
import java.util.List;
import java.util.Map;

/** Rungu's own sign-in: sessions, bearer tokens and the /auth and /api/tokens routes of RunguAuth. */
public final class AuthIdentity implements Identity {
    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("GET /auth/providers", "Enabled sign-in providers"),
            Map.entry("GET /auth/{provider}/login", "Start signing in with a provider (redirect)"),
            Map.entry("GET /auth/{provider}/callback", "Finish signing in (provider redirect target)"),
            Map.entry("GET /auth/link/{secret}", "Sign in with a one-time link (redirect)"),
            Map.entry("POST /auth/email", "Mail a one-time sign-in link to {\"email\"} (202 whatever the address)"),
            Map.entry("GET /auth/me", "The signed-in user"),
            Map.entry("GET /auth/session", "Who is signed in: {\"user\": null} when nobody is (never 401)"),
            Map.entry("POST /auth/logout", "End this session"),
            Map.entry("POST /auth/logout-everywhere", "End every session of this user"),
            Map.entry("GET /api/tokens", "The caller's API tokens"),
            Map.entry("POST /api/tokens", "Create an API token (the secret is shown once)"),
            Map.entry("DELETE /api/tokens/{id}", "Revoke an API token"));
    /** The wire record each JSON route answers with, and how it is wrapped (bare unless listed). */
    private static final Map<String, String> SCHEMAS = Map.of("GET /auth/providers", "Providers", "GET /auth/me", "Me",
            "GET /auth/session", "Session", "POST /auth/logout", "Ok", "POST /auth/logout-everywhere",
            "SignedOutEverywhere", "GET /api/tokens", "ApiToken", "POST /api/tokens", "IssuedToken", "POST /auth/email",
            "EmailSignInRequested");
    private static final Map<String, Shape> SHAPES = Map.of("GET /auth/me", Shape.DATA, "GET /api/tokens", Shape.PAGE,
            "POST /api/tokens", Shape.DATA);

    private final RunguAuth auth;
    private final List<String> corsOrigins;

    public AuthIdentity(RunguAuth auth, List<String> corsOrigins) {
        this.auth = auth;
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public Actor authenticate(Context ctx) {
        return auth.authenticate(ctx);
    }

    @Override
    public void checkCrossSite(Context ctx, Actor actor) {
        String origin = ctx.header("Origin");
        if (origin != null && corsOrigins.contains(origin)) {
            return; // an origin the operator allowed to call with credentials
        }
        auth.checkCrossSite(ctx, actor);
    }

    /** A widget token for the request's session cookie (see RunguAuth#issueWidgetToken). */
    public io.rungu.oauth.WidgetToken widgetToken(Context ctx) {
        return auth.issueWidgetToken(ctx);
    }

    @Override
    public boolean bearerTokens() {
        return true;
    }

    /** Only API tokens: a browser session cookie is not meant for agents. */
    @Override
    public Actor.Account mcpCaller(Actor actor) {
        if (actor instanceof Actor.Account account && account.channel() == Actor.Channel.API_TOKEN) {
            return account;
        }
        throw new io.rungu.model.RunguException(io.rungu.model.ErrorCode.UNAUTHENTICATED,
                "The MCP endpoint needs an API token: send Authorization: Bearer rgu_...");
    }

    @Override
    public List<Route> routes() {
        return auth.routes().stream().map(AuthIdentity::route).toList();
    }

    private static Route route(AuthRoute r) {
        String key = r.method().name() + " " + r.path();
        boolean signIn = r.path().contains("/login") || r.path().contains("/callback") || r.path().startsWith("/auth/link/")
                || r.path().equals("/auth/email");
        RateLimiter.Kind kind = signIn ? RateLimiter.Kind.SIGN_IN
                : Guard.isWrite(r.method()) ? RateLimiter.Kind.WRITE : RateLimiter.Kind.READ;
        boolean signedIn = r.path().startsWith("/api/tokens") || r.path().equals("/auth/me")
                || r.path().startsWith("/auth/logout");
        boolean redirect = signIn && r.method() == HandlerType.GET;
        boolean accepted = r.path().equals("/auth/email");
        String tag = r.path().startsWith("/api/tokens") ? "tokens" : "auth";
        Doc doc = new Doc(tag, SUMMARIES.getOrDefault(key, key), signedIn ? Access.SIGNED_IN : Access.PUBLIC, List.of(),
                r.method() == HandlerType.POST && r.path().startsWith("/api/tokens") || accepted ? "application/json" : null,
                r.method() == HandlerType.POST && r.path().startsWith("/api/tokens") ? "NewToken"
                        : accepted ? "EmailAddress" : null,
                accepted ? 202 : redirect ? 302 : r.method() == HandlerType.DELETE ? 204 : r.method() == HandlerType.POST
                        && r.path().startsWith("/api/tokens") ? 201 : 200,
                redirect || r.method() == HandlerType.DELETE ? Shape.NONE : SHAPES.getOrDefault(key, Shape.JSON),
                SCHEMAS.get(key), List.of());
        return new Route(r.method(), r.path(), r.handler(), kind, false, doc, false);
    }
}
