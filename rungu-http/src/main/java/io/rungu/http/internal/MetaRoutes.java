package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health checks, the OpenAPI document, and the JSON 404/405 answers for unknown API paths. */
public final class MetaRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("io.rungu.http");
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private final RunguStore store;
    private final Guard guard;
    private final String basePath;
    private final List<String> corsOrigins;
    private final List<String> widgetOrigins;

    public MetaRoutes(RunguStore store, Guard guard, String basePath, List<String> corsOrigins,
            List<String> widgetOrigins) {
        this.store = store;
        this.guard = guard;
        this.basePath = basePath;
        this.corsOrigins = corsOrigins;
        this.widgetOrigins = widgetOrigins;
    }

    public void registerHealth(RouteTable t) {
        t.add(GET, "/health", ctx -> ctx.contentType("text/plain; charset=utf-8").result("OK"))
                .doc("health", "Liveness: the process answers", Access.NONE).reply(200, Shape.TEXT, null)
                .kind(RateLimiter.Kind.UNLIMITED).anonymousOnly().done();
        t.add(GET, "/health/ready", this::ready).doc("health", "Readiness: the database answers", Access.NONE)
                .reply(200, Shape.JSON, "Ready").also(503, "The database does not answer", "Error").kind(RateLimiter.Kind.UNLIMITED).anonymousOnly().done();
    }

    /**
     * The document route; the function gives the document for a public base path and is called once the whole
     * table is known.
     */
    public void registerOpenApi(RouteTable t, java.util.function.Function<String, byte[]> document) {
        t.add(GET, "/api/openapi.json", ctx -> {
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("application/json; charset=utf-8").result(document.apply(guard.base(ctx)));
        }).doc("meta", "This OpenAPI 3.1 document", Access.NONE).reply(200, Shape.JSON, "OpenApiDocument").anonymousOnly().done();
    }

    /** JSON 404 (or 405 when another method matches) for every unknown path under /api, /auth and /health. */
    public void registerCatchAlls(RouteTable t, Supplier<List<Route>> known) {
        for (String prefix : List.of("/api", "/auth", "/health")) {
            for (HandlerType m : METHODS) {
                t.addCatchAll(m, prefix + "/*", ctx -> unknown(ctx, known.get()));
                if (!prefix.equals("/health") || m != HandlerType.GET) {
                    t.addCatchAll(m, prefix, ctx -> unknown(ctx, known.get()));
                }
            }
        }
    }

    private void unknown(Context ctx, List<Route> routes) {
        String rel = relative(ctx);
        List<String> allowed = routes.stream().filter(r -> !r.catchAll() && !r.path().endsWith("*") && r.matches(rel))
                .map(r -> r.method().name()).distinct().collect(Collectors.toList());
        if (ctx.method() == HandlerType.OPTIONS) {
            preflight(ctx, allowed);
            return;
        }
        if (allowed.isEmpty()) {
            throw RunguException.notFound("No such route: " + ctx.method() + " " + ctx.path());
        }
        ctx.header("Allow", String.join(", ", allowed));
        throw new RunguException(ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + ctx.method() + " is not allowed here; use " + String.join(", ", allowed));
    }

    private void preflight(Context ctx, List<String> allowed) {
        String origin = ctx.header("Origin");
        if (allowed.isEmpty()) {
            throw RunguException.notFound("No such route: " + ctx.path());
        }
        ctx.header("Allow", String.join(", ", allowed) + ", OPTIONS");
        if (origin != null && corsOrigins.contains(origin)) {
            ctx.header("Access-Control-Allow-Methods", String.join(", ", allowed));
            ctx.header("Access-Control-Allow-Headers",
                    "Content-Type, Authorization, X-Requested-With, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
            ctx.header("Access-Control-Max-Age", "600");
        } else if (origin != null && widgetOrigins.contains(origin) && Guard.isWidgetPath(relative(ctx))) {
            // The widget's calls: a bearer token and JSON, never credentials (no Allow-Credentials).
            ctx.header("Access-Control-Allow-Methods", String.join(", ", allowed));
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }

    private String relative(Context ctx) {
        String base = ctx.contextPath().replaceAll("/$", "") + basePath;
        String path = ctx.path();
        return path.startsWith(base) ? path.substring(base.length()) : path;
    }

    private void ready(Context ctx) {
        try {
            store.checkHealth();
        } catch (RuntimeException e) {
            LOG.warn("Readiness check failed: {}", e.toString());
            throw new RunguException(ErrorCode.UNAVAILABLE, "Database unavailable");
        }
        guard.send(ctx, 200, new Wire.Ready("ready"));
    }
}
