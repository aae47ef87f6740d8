package io.rungu.http;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import io.rungu.http.internal.ApiRoutes;
import io.rungu.http.internal.AuthIdentity;
import io.rungu.http.internal.ClasspathFiles;
import io.rungu.http.internal.CsvRoutes;
import io.rungu.http.internal.Feeds;
import io.rungu.http.internal.Guard;
import io.rungu.http.internal.HostIdentity;
import io.rungu.http.internal.HostSignIn;
import io.rungu.http.internal.Identity;
import io.rungu.http.internal.Json;
import io.rungu.http.internal.LiveEvents;
import io.rungu.http.internal.McpEndpoint;
import io.rungu.http.internal.MetaRoutes;
import io.rungu.http.internal.Metrics;
import io.rungu.http.internal.MetricsEndpoint;
import io.rungu.http.internal.OpenApi;
import io.rungu.http.internal.RateLimiter;
import io.rungu.http.internal.Requests;
import io.rungu.http.internal.Route;
import io.rungu.http.internal.RouteTable;
import io.rungu.http.internal.SwaggerUi;
import io.rungu.http.internal.UnsubscribePage;
import io.rungu.http.internal.WebApp;
import io.rungu.mcp.RunguMcpServer;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import io.rungu.wire.RunguVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A Rungu board as one Javalin plugin: the REST API, its OpenAPI document and Swagger UI, health checks, and the
 * web app, all under {@link HttpConfig#basePath}.
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(
 *         new RunguPlugin(store, ctx -> hostActor(ctx), http -> http.basePath = "/feedback")));
 * }</pre>
 *
 * With Rungu's own sign-in: {@code new RunguPlugin(store, RunguAuth.create(store, a -> ...), http -> ...)}.
 *
 * <p>The plugin registers routes only under its base path and changes no host-wide setting: no JSON mapper, no
 * before/after handlers, no exception handlers. It renders JSON with its own mapper and maps its own errors.
 */
public final class RunguPlugin extends Plugin<HttpConfig> {
    private final String basePath;
    private final RunguStore store;

    /** The store's pools, writer queue, kept reads and outbox, from its public stats. */
    private static void storeMetrics(Metrics metrics, RunguStore store) {
        metrics.addLabelled("rungu_db_connections", "gauge", "Connections each pool of the store holds at most.", "pool",
                () -> pools(store, io.rungu.store.StoreStats.Pool::size));
        metrics.addLabelled("rungu_db_connections_in_use", "gauge", "Connections of each pool handed out now.", "pool",
                () -> pools(store, io.rungu.store.StoreStats.Pool::inUse));
        metrics.addLabelled("rungu_db_connections_waiting", "gauge",
                "Callers waiting for a connection now; pool=\"write\" (SQLite) is the queue of writes.", "pool",
                () -> pools(store, io.rungu.store.StoreStats.Pool::waiting));
        metrics.add("rungu_store_cache_hits_total", "counter", "List pages and posts served from what the store kept.",
                () -> store.stats().keptReadHits());
        metrics.add("rungu_store_cache_misses_total", "counter", "List pages and posts the store had to read.",
                () -> store.stats().keptReadMisses());
        metrics.add("rungu_outbox_backlog", "gauge", "Events the slowest event consumer has not handled yet.",
                store::outboxBacklog);
    }

    private static java.util.Map<String, Long> pools(RunguStore store,
            java.util.function.ToIntFunction<io.rungu.store.StoreStats.Pool> value) {
        java.util.Map<String, Long> series = new java.util.TreeMap<>();
        store.stats().pools().forEach(p -> series.put(p.name(), (long) value.applyAsInt(p)));
        return series;
    }
    private final HttpConfig config;
    private final Identity identity;

    /**
     * A board whose requests are identified by the host application.
     *
     * @param store     the open store; the caller keeps owning it and closes it
     * @param resolver  who is asking, from the host's own login
     * @param configure changes to the default {@link HttpConfig}
     * @throws IllegalArgumentException listing every configuration problem
     */
    public RunguPlugin(RunguStore store, ActorResolver resolver, Consumer<HttpConfig> configure) {
        this(store, configured(configure), resolver);
    }

    /**
     * A board with Rungu's own sign-in: sessions, OAuth providers, sign-in links and API tokens, whose routes are
     * mounted under the same base path ({@code <base>/auth/...}, {@code <base>/api/tokens}).
     *
     * @param store     the open store; the caller keeps owning it and closes it
     * @param auth      sign-in created over the same store
     * @param configure changes to the default {@link HttpConfig}
     * @throws IllegalArgumentException listing every configuration problem
     */
    public RunguPlugin(RunguStore store, RunguAuth auth, Consumer<HttpConfig> configure) {
        this(store, configured(configure), auth);
    }

    private RunguPlugin(RunguStore store, HttpConfig config, RunguAuth auth) {
        this(store, config, new AuthIdentity(Objects.requireNonNull(auth, "auth"), config.corsOrigins));
        if (config.signInUrl != null) {
            throw new IllegalArgumentException("Invalid Rungu HTTP configuration:\n  - signInUrl is for a host's own login "
                    + "(an ActorResolver); with RunguAuth the sign-in providers are Rungu's own. Remove signInUrl");
        }
    }

    private RunguPlugin(RunguStore store, HttpConfig config, ActorResolver resolver) {
        this(store, config, new HostIdentity(resolver, config.corsOrigins));
    }

    private RunguPlugin(RunguStore store, HttpConfig config, Identity identity) {
        super(c -> {}, config);
        this.store = Objects.requireNonNull(store, "store");
        this.basePath = config.basePath;
        this.config = config;
        this.identity = identity;
    }

    private static HttpConfig configured(Consumer<HttpConfig> configure) {
        HttpConfig config = new HttpConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu HTTP configuration:\n  - " + String.join("\n  - ", problems));
        }
        config.basePath = HttpConfig.normalise(config.basePath);
        config.corsOrigins = List.copyOf(config.corsOrigins);
        config.widgetOrigins = List.copyOf(config.widgetOrigins);
        config.trustedProxies = List.copyOf(config.trustedProxies);
        return config;
    }

    /** The routes, once the host's context path is known (it prefixes MCP's attachment URLs). */
    private static List<Route> buildRoutes(RunguStore store, HttpConfig config, Identity identity, String contextPath,
            io.javalin.compression.CompressionStrategy compression, Consumer<LiveEvents> lives) {
        long keptBytes = config.postJsonCacheMegabytes * 1024L * 1024L / 2; // half post texts, half whole answers
        Json json = new Json(keptBytes);
        boolean bearer = identity.bearerTokens();
        boolean hostLogin = identity instanceof HostIdentity;
        AuthIdentity authIdentity = identity instanceof AuthIdentity auth ? auth : null;
        Metrics metrics = config.metrics ? new Metrics() : null;
        if (config.mcpEnabled && config.oauthServer) {
            identity = new io.rungu.http.internal.OAuthBearer(identity, store.oauth(),
                    ctx -> Guard.publicUrl(config, ctx));
        }
        Guard guard = new Guard(config, json, identity, new RateLimiter(config.rateLimits, config.clock), metrics,
                compression, keptBytes);
        ClasspathFiles files = new ClasspathFiles(RunguPlugin.class.getClassLoader());
        RouteTable table = new RouteTable();
        Requests requests = new Requests(json, config.maxJsonBytes, config.maxConcurrentBodyReads);
        ApiRoutes api = new ApiRoutes(store.board(), requests, guard, config.maxUploadBytes);
        api.register(table);
        new io.rungu.http.internal.DefinitionRoutes(store.board(), requests, guard).register(table);
        new io.rungu.http.internal.WebhookRoutes(store.board(), requests, guard).register(table);
        new UnsubscribePage(store.board()).register(table);
        new CsvRoutes(store.board(), config.basePath, config.baseUrl).register(table);
        new io.rungu.http.internal.ExportRoutes(store.board()).register(table);
        io.rungu.http.internal.WidgetRoutes widget = new io.rungu.http.internal.WidgetRoutes(files, config.widgetOrigins, guard,
                requests);
        if (config.serveWebApp) {
            widget.registerScript(table);
        }
        if (authIdentity != null) {
            widget.registerSignIn(table, authIdentity);
        }
        if (config.live.enabled) {
            LiveEvents live = new LiveEvents(store.board(), store.events(), json, guard, config.live);
            live.register(table);
            lives.accept(live);
            if (metrics != null) {
                metrics.add("rungu_live_streams", "gauge", "Live event streams open now.", live::openStreams);
                metrics.add("rungu_live_streams_dropped_total", "counter",
                        "Live event streams ended because their client fell too far behind.", live::droppedStreams);
            }
        }
        if (hostLogin) {
            api.registerHostSignInInfo(table);
            new HostSignIn(config, guard).register(table);
        }
        identity.routes().forEach(table::add);
        if (config.mcpEnabled) {
            AtomicInteger maxMessageBytes = new AtomicInteger();
            RunguMcpServer mcp = RunguMcpServer.create(store.board(), m -> {
                // The server's own pages (its base URL's origin) may call /mcp as well as the CORS origins.
                Set<String> origins = new java.util.HashSet<>(config.corsOrigins);
                if (config.baseUrl != null) {
                    java.net.URI base = java.net.URI.create(config.baseUrl);
                    origins.add(base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()));
                }
                m.allowedOrigins = Set.copyOf(origins);
                m.basePath = contextPath + config.basePath;
                config.mcp.accept(m);
                maxMessageBytes.set(m.maxMessageBytes);
            });
            new McpEndpoint(mcp, requests, maxMessageBytes.get(), guard, identity).register(table);
            if (config.oauthServer) {
                var metadata = new io.rungu.http.internal.ClientMetadata(store.oauth(),
                        new io.rungu.model.OutboundAddresses(config.oauthClientResolver, config.oauthAllowPrivateClients),
                        config.oauthClientTls, config.clock);
                new io.rungu.http.internal.OAuthEndpoints(store.oauth(), metadata, requests, guard,
                        contextPath.isEmpty() && config.basePath.isEmpty()).register(table);
            }
        }
        new Feeds(store.board(), config.basePath,
                config.baseUrl == null ? null : config.baseUrl.replaceAll("/+$", "")).register(table);
        MetaRoutes meta = new MetaRoutes(store, guard, config.basePath, config.corsOrigins, config.widgetOrigins);
        meta.registerHealth(table);
        if (metrics != null) {
            metrics.add("rungu_post_json_cache_hits_total", "counter", "Posts written from kept JSON.",
                    () -> json.postCacheStats()[0]);
            metrics.add("rungu_post_json_cache_misses_total", "counter", "Posts rendered to JSON anew.",
                    () -> json.postCacheStats()[1]);
            metrics.add("rungu_post_json_cache_entries", "gauge", "Rendered posts kept now.", () -> json.postCacheStats()[2]);
            metrics.add("rungu_kept_answer_hits_total", "counter", "List pages and posts answered from kept bytes.",
                    () -> guard.keptAnswerStats()[0]);
            metrics.add("rungu_kept_answer_misses_total", "counter", "List pages and posts rendered anew.",
                    () -> guard.keptAnswerStats()[1]);
            metrics.add("rungu_kept_answer_entries", "gauge", "List pages and posts kept now.",
                    () -> guard.keptAnswerStats()[2]);
            storeMetrics(metrics, store);
            new MetricsEndpoint(metrics, config.metricsToken).register(table);
        }
        if (config.apiDocs) {
            new SwaggerUi(files, guard).register(table);
        }
        AtomicReference<Map<String, Object>> document = new AtomicReference<>();
        Map<String, byte[]> rendered = new ConcurrentHashMap<>();
        meta.registerOpenApi(table, base -> {
            byte[] bytes = rendered.get(base);
            if (bytes == null) {
                bytes = json.write(OpenApi.withServer(document.get(), base));
                if (rendered.size() < 16) { // one per public base path; a forwarded prefix could vary without end
                    rendered.put(base, bytes);
                }
            }
            return bytes;
        });
        AtomicReference<List<Route>> known = new AtomicReference<>();
        meta.registerCatchAlls(table, known::get);
        if (config.serveWebApp) {
            new WebApp(files, config.basePath, guard).register(table);
        }
        List<Route> all = table.routes();
        known.set(all);
        document.set(OpenApi.document(all, config.basePath, RunguVersion.current(), bearer));
        return all.stream().map(r -> r.withHandler(guard.wrap(r)))
                .toList();
    }

    /** Every route with its guarded handler, relative to the base path, for a host at {@code contextPath}. */
    List<Route> routes(String contextPath) {
        return buildRoutes(store, config, identity, contextPath, null, live -> {});
    }

    @Override
    public void onStart(JavalinState state) {
        String contextPath = state.router.contextPath == null ? "" : state.router.contextPath.replaceAll("/+$", "");
        List<LiveEvents> lives = new java.util.ArrayList<>();
        List<Route> routes = buildRoutes(store, config, identity, contextPath, state.http.compressionStrategy, lives::add);
        // The streams are asynchronous requests: end them, and stop their threads, when the server stops.
        lives.forEach(live -> state.events.serverStopping(live::close));
        for (Route r : routes) {
            String path = r.path().equals("/") ? (basePath.isEmpty() ? "/" : basePath) : basePath + r.path();
            state.routes.addHttpHandler(r.method(), path, r.handler());
        }
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public String name() {
        return "rungu" + basePath;
    }

    /** The normalised base path this plugin is mounted at ("" for the root). */
    public String basePath() {
        return basePath;
    }
}
