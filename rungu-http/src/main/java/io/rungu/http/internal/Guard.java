package io.rungu.http.internal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.rungu.http.HttpConfig;
import io.rungu.model.Actor;
import io.rungu.model.ErrorBody;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import io.rungu.wire.Wire;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one wrapper around every handler the plugin registers: request limits, security and CORS headers, rate
 * limits, the actor, the cross-site check for writes, and the mapping of every failure to the error JSON. Nothing
 * here is installed host-wide, so the host's exception handlers and mapper never see Rungu's requests.
 */
public final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger("io.rungu.http");
    private static final String ACTOR = "rungu.actor";
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; frame-ancestors 'self'";

    private static final List<String> METHOD_OVERRIDES =
            List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    private final HttpConfig config;
    private final Json json;
    private final Identity identity;
    private final RateLimiter limiter;
    private final HostCheck hostCheck;
    private final ClientAddress clientAddress;
    private final Observer observer;
    private final KeptAnswers kept;

    /** @param metrics where requests are counted; null when metrics are off */
    public Guard(HttpConfig config, Json json, Identity identity, RateLimiter limiter, Metrics metrics) {
        this(config, json, identity, limiter, metrics, null, 0);
    }

    /**
     * @param metrics         where requests are counted; null when metrics are off
     * @param compression     the server's compression, which kept answers are compressed with (null: answers are
     *                        kept plain and Javalin compresses them per request)
     * @param keptAnswerBytes heap for the kept answers of {@link #sendKept}; 0 keeps none
     */
    public Guard(HttpConfig config, Json json, Identity identity, RateLimiter limiter, Metrics metrics,
                 io.javalin.compression.CompressionStrategy compression, long keptAnswerBytes) {
        this.kept = keptAnswerBytes > 0 ? new KeptAnswers(compression, keptAnswerBytes) : null;
        this.config = config;
        this.json = json;
        this.identity = identity;
        this.limiter = limiter;
        this.hostCheck = HostCheck.of(config.baseUrl, config.allowedHosts);
        this.clientAddress = new ClientAddress(config.trustForwardedFor, config.trustedProxies);
        this.observer = new Observer(config, metrics, this::clientIp);
    }

    /** The actor the guard resolved for this request (anonymous for routes that do not authenticate). */
    public static Actor actor(Context ctx) {
        Actor a = ctx.attribute(ACTOR);
        return a == null ? Actor.anonymous() : a;
    }

    /** The matched route's path template, relative to the base path (e.g. {@code /mcp}), set before authenticating. */
    public static final String ROUTE = "rungu.route";

    /** The route template a request matched, for an identity that accepts credentials on one route only. */
    public static String route(Context ctx) {
        return ctx.attribute(ROUTE);
    }

    public Handler wrap(Route route) {
        Handler inner = route.handler();
        return ctx -> {
            long start = System.nanoTime();
            String requestId = observer.begin(ctx);
            try {
                headers(ctx, route);
                if (isPrivate(route)) {
                    ctx.header("Cache-Control", "no-store");
                }
                if (hostCheck != null && !route.path().startsWith("/health") && !route.path().equals("/metrics")) {
                    hostCheck.check(ctx);
                }
                checkShape(ctx);
                refuseMethodOverride(ctx, route);
                Actor actor = Actor.anonymous();
                if (route.authenticate()) {
                    ctx.attribute(ROUTE, route.path());
                    actor = identity.authenticate(ctx);
                    ctx.attribute(ACTOR, actor);
                }
                charge(route.kind(), ctx, actor);
                if (route.authenticate() && isWrite(ctx.method())) {
                    identity.checkCrossSite(ctx, actor);
                }
                refuseAnonymousBody(ctx, route, actor);
                inner.handle(ctx);
            } catch (RunguException e) {
                if (e.code() == ErrorCode.UNAUTHENTICATED && route.doc() != null
                        && route.doc().access() == Route.Access.API_TOKEN) {
                    String challenge = bearerChallenge(ctx, route.path().equals("/mcp"));
                    if (challenge != null) {
                        ctx.header("WWW-Authenticate", challenge);
                    }
                }
                error(ctx, e);
            } catch (HttpResponseException e) {
                // Javalin's idiomatic refusals (UnauthorizedResponse, ForbiddenResponse, ...), typically thrown by a
                // host's ActorResolver: their status, in Rungu's error JSON.
                hostResponse(ctx, e);
            } catch (Exception e) {
                LOG.error("Request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
                send(ctx, 500, Wire.internal(requestId));
            }
            if (ctx.statusCode() >= 400) {
                if (actor(ctx) instanceof Actor.Account && ctx.statusCode() != 429 && ctx.statusCode() != 503) {
                    Requests.discardUnreadBody(ctx);
                }
                ErrorResponses.keep(ctx);
            }
            observer.end(ctx, route, requestId, start);
        };
    }

    private void hostResponse(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        if (status < 400) {
            ctx.status(status); // a RedirectResponse: its Location header is already set
            return;
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status < 500 ? ErrorCode.INVALID : status == 500 ? ErrorCode.INTERNAL : ErrorCode.UNAVAILABLE;
        };
        String message = e.getMessage() == null || e.getMessage().isBlank() ? code.name() : e.getMessage();
        send(ctx, status, Wire.error(ErrorBody.of(code, message)));
    }

    /**
     * The public path of the board for this request: the proxy's {@code X-Forwarded-Prefix} (only when
     * {@link HttpConfig#trustForwardedPrefix}), the host's context path and the base path; "" at the root.
     */
    public String base(Context ctx) {
        return base(config, ctx);
    }

    /** {@link #base(Context)} for a configuration, before a Guard exists. */
    public static String base(HttpConfig config, Context ctx) {
        String prefix = "";
        if (config.trustForwardedPrefix) {
            String forwarded = ctx.header("X-Forwarded-Prefix");
            if (forwarded != null) {
                String f = forwarded.split(",", 2)[0].trim().replaceAll("/+$", "");
                if (f.matches("(/[A-Za-z0-9._~-]+)*")) {
                    prefix = f;
                }
            }
        }
        return prefix + ctx.contextPath().replaceAll("/+$", "") + config.basePath;
    }

    /**
     * This board's public URL without a trailing slash: {@link HttpConfig#baseUrl} when set, else the request's
     * scheme and {@code Host} with {@link #base(Context)}. It names the OAuth issuer and the MCP resource.
     */
    public String publicUrl(Context ctx) {
        return publicUrl(config, ctx);
    }

    /** {@link #publicUrl(Context)} for a configuration, before a Guard exists. */
    public static String publicUrl(HttpConfig config, Context ctx) {
        if (config.baseUrl != null) {
            return config.baseUrl.replaceAll("/+$", "");
        }
        return ctx.scheme() + "://" + ctx.host() + base(config, ctx);
    }

    /**
     * The {@code WWW-Authenticate} value of a 401 from a bearer-token route, or null when none applies: for
     * {@code /mcp} with the OAuth server on, the RFC 9728 pointer to the protected resource metadata and the scopes
     * (with {@code error="invalid_token"} when a token was sent); else Rungu's realm when it takes API tokens.
     */
    public String bearerChallenge(Context ctx, boolean mcp) {
        if (mcp && config.oauthServer) {
            String authorization = ctx.header("Authorization");
            boolean tokenSent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            return "Bearer resource_metadata=\"" + publicUrl(ctx) + "/.well-known/oauth-protected-resource\", scope=\""
                    + String.join(" ", io.rungu.store.OAuthGrants.SCOPES) + "\""
                    + (tokenSent ? ", error=\"invalid_token\"" : "");
        }
        return identity.bearerTokens() ? "Bearer realm=\"rungu\"" : null;
    }

    /**
     * Counts one request of this kind against the caller's limits.
     *
     * @throws RunguException RATE_LIMITED (with a Retry-After header) past a limit
     */
    private void charge(RateLimiter.Kind kind, Context ctx, Actor actor) {
        long wait = limiter.acquire(kind, clientIp(ctx), actor.userId());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new RunguException(ErrorCode.RATE_LIMITED, "Too many requests; retry in " + wait + " s");
        }
    }

    /** Counts a write made inside another request (an MCP tool call) against the caller's write limits. */
    public void chargeWrite(Context ctx, Actor actor) {
        charge(RateLimiter.Kind.WRITE, ctx, actor);
    }

    /** Writes the error JSON for a domain failure. */
    public void error(Context ctx, RunguException e) {
        ErrorBody body = ErrorBody.of(e);
        send(ctx, body.status(), Wire.error(body));
    }

    /** Writes a JSON response. */
    public void send(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType(KeptAnswers.JSON);
        ctx.result(json.write(body));
    }

    /**
     * {@link #send} with status 200 for the answers read most (list pages, a post): the same answer value again is
     * written from its kept bytes, plain or compressed ({@link KeptAnswers}).
     */
    public void sendKept(Context ctx, Object body) {
        if (kept == null) {
            send(ctx, 200, body);
        } else {
            kept.send(ctx, body, json::write);
        }
    }

    /** Answers written from kept bytes, answers rendered anew, answers kept now: for metrics. */
    public long[] keptAnswerStats() {
        return kept == null ? new long[3] : new long[] {kept.hits(), kept.misses(), kept.size()};
    }

    /**
     * Paths the widget's cross-origin calls may reach (the API, less the API-token routes and the admin's
     * exports): a widget origin gets CORS headers only there.
     */
    static boolean isWidgetPath(String path) {
        return path.startsWith("/api/") && !path.startsWith("/api/tokens") && !path.startsWith("/api/export")
                && !path.startsWith("/api/me/export");
    }

    private void headers(Context ctx, Route route) {
        if (config.securityHeaders) {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        }
        String origin = ctx.header("Origin");
        if (origin != null && config.corsOrigins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Access-Control-Expose-Headers", "Retry-After, Mcp-Session-Id, WWW-Authenticate, X-Request-Id");
        } else if (origin != null && config.widgetOrigins.contains(origin) && isWidgetPath(route.path())) {
            // The widget: its bearer token only, so no Allow-Credentials and a browser never sends the cookie.
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
        }
        if (!config.corsOrigins.isEmpty() || !config.widgetOrigins.isEmpty()) {
            ctx.header("Vary", "Origin");
        }
    }

    private void checkShape(Context ctx) {
        String query = ctx.queryString();
        if (query != null && query.length() > config.maxQueryLength) {
            throw RunguException.tooLarge("query", "Query string is longer than " + config.maxQueryLength + " characters");
        }
        int count = 0;
        long bytes = 0;
        Enumeration<String> names = ctx.req().getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = ctx.req().getHeaders(name);
            while (values.hasMoreElements()) {
                count++;
                bytes += name.length() + values.nextElement().length() + 4;
            }
        }
        if (count > config.maxHeaderCount || bytes > config.maxHeaderBytes) {
            throw RunguException.tooLarge("headers", "Too many or too large request headers");
        }
    }

    /**
     * A route that takes a body and serves only accounts answers an anonymous caller before reading a byte of it, so
     * nobody can make the server receive a body without signing in. The Board would refuse the call with the same
     * answer; this only moves the refusal ahead of the upload. The body is left unread and the connection closed
     * after the answer. (The MCP endpoint checks its API token itself, also before reading.)
     */
    private static void refuseAnonymousBody(Context ctx, Route route, Actor actor) {
        Route.Doc doc = route.doc();
        if (!route.authenticate() || doc == null || doc.bodyMediaType() == null || actor instanceof Actor.Account) {
            return;
        }
        if (doc.access() == Route.Access.SIGNED_IN || doc.access() == Route.Access.ADMIN) {
            if (ctx.req().getContentLengthLong() != 0) {
                ctx.header("Connection", "close");
            }
            throw RunguException.unauthenticated();
        }
    }

    /**
     * A method-override header would let a request pass the guard as one method (a GET, a POST with a simple
     * content type) and be treated as another by a proxy or framework that honours it; Rungu honours none.
     */
    private static void refuseMethodOverride(Context ctx, Route route) {
        if (!route.path().startsWith("/api") && !route.path().startsWith("/auth") && !route.path().startsWith("/mcp")) {
            return;
        }
        for (String name : METHOD_OVERRIDES) {
            if (ctx.header(name) != null) {
                throw new RunguException(ErrorCode.INVALID, name + " is not supported; send the request with its real method");
            }
        }
    }

    /** The client's address for rate limits (see {@link ClientAddress}). */
    public String clientIp(Context ctx) {
        return clientAddress.of(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** Answers about a user, a token or an admin view: never kept by a browser or a shared cache. */
    private static boolean isPrivate(Route route) {
        String p = route.path();
        return p.startsWith("/api/me") || p.startsWith("/api/users") || p.startsWith("/api/tokens")
                || p.startsWith("/auth/") || route.doc() != null && route.doc().access() == Route.Access.ADMIN;
    }

    static boolean isWrite(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }
}
