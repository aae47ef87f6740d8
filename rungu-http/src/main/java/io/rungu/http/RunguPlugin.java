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
        config.trustedProxies = List.copyOf(config.trustedProxies);
        return config;
    }

    /** The routes, once the host's context path is known (it prefixes MCP's attachment URLs). */
    private static List<Route> buildRoutes(RunguStore store, HttpConfig config, Identity identity, String contextPath) {
        Json json = new Json(config.postJsonCacheMegabytes * 1024L * 1024L);
        boolean bearer = identity.bearerTokens();
        boolean hostLogin = identity instanceof HostIdentity;
        Metrics metrics = config.metrics ? new Metrics() : null;
        if (config.mcpEnabled && config.oauthServer) {
            identity = new io.rungu.http.internal.OAuthBearer(identity, store.oauth(),
                    ctx -> Guard.publicUrl(config, ctx));
        }
        Guard guard = new Guard(config, json, identity, new RateLimiter(config.rateLimits, config.clock), metrics);
        ClasspathFiles files = new ClasspathFiles(RunguPlugin.class.getClassLoader());
        RouteTable table = new RouteTable();
        Requests requests = new Requests(json, config.maxJsonBytes, config.maxConcurrentBodyReads);
        ApiRoutes api = new ApiRoutes(store.board(), requests, guard, config.maxUploadBytes);
        api.register(table);
        new io.rungu.http.internal.DefinitionRoutes(store.board(), requests, guard).register(table);
        new UnsubscribePage(store.board()).register(table);
        new CsvRoutes(store.board(), config.basePath, config.baseUrl).register(table);
        new io.rungu.http.internal.ExportRoutes(store.board()).register(table);
        if (hostLogin) {
            api.registerHostSignInInfo(table);
            new HostSignIn(config, guard).register(table);
        }
        identity.routes().forEach(table::add);
        if (config.mcpEnabled) {
            AtomicInteger maxMessageBytes = new AtomicInteger();
            RunguMcpServer mcp = RunguMcpServer.create(store.board(), m -> {
                m.allowedOrigins = Set.copyOf(config.corsOrigins);
                m.basePath = contextPath + config.basePath;
                config.mcp.accept(m);
                maxMessageBytes.set(m.maxMessageBytes);
            });
            new McpEndpoint(mcp, requests, maxMessageBytes.get(), guard, identity).register(table);
            if (config.oauthServer) {
                var metadata = new io.rungu.http.internal.ClientMetadata(store.oauth(),
                        new io.rungu.model.OutboundAddresses(config.oauthClientResolver, config.oauthAllowPrivateClients),
                        config.clock);
                new io.rungu.http.internal.OAuthEndpoints(store.oauth(), metadata, requests, guard,
                        contextPath.isEmpty() && config.basePath.isEmpty()).register(table);
            }
        }
        new Feeds(store.board(), config.basePath,
                config.baseUrl == null ? null : config.baseUrl.replaceAll("/+$", "")).register(table);
        MetaRoutes meta = new MetaRoutes(store, guard, config.basePath, config.corsOrigins);
        meta.registerHealth(table);
        if (metrics != null) {
            metrics.add("rungu_post_json_cache_hits_total", "counter", "Posts written from kept JSON.",
                    () -> json.postCacheStats()[0]);
            metrics.add("rungu_post_json_cache_misses_total", "counter", "Posts rendered to JSON anew.",
                    () -> json.postCacheStats()[1]);
            metrics.add("rungu_post_json_cache_entries", "gauge", "Rendered posts kept now.", () -> json.postCacheStats()[2]);
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
        return buildRoutes(store, config, identity, contextPath);
    }

    @Override
    public void onStart(JavalinState state) {
        String contextPath = state.router.contextPath == null ? "" : state.router.contextPath.replaceAll("/+$", "");
        for (Route r : routes(contextPath)) {
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
