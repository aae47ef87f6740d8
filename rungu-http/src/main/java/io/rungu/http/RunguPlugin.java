package io.rungu.http;

import io.javalin.config.JavalinState;
import io.javalin.plugin.Plugin;
import io.rungu.http.internal.ApiRoutes;
import io.rungu.http.internal.AuthIdentity;
import io.rungu.http.internal.ClasspathFiles;
import io.rungu.http.internal.Guard;
import io.rungu.http.internal.HostIdentity;
import io.rungu.http.internal.Identity;
import io.rungu.http.internal.Json;
import io.rungu.http.internal.McpEndpoint;
import io.rungu.http.internal.MetaRoutes;
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
import java.util.List;
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
    private final List<Route> routes;

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
    }

    private RunguPlugin(RunguStore store, HttpConfig config, ActorResolver resolver) {
        this(store, config, new HostIdentity(resolver, config.corsOrigins));
    }

    private RunguPlugin(RunguStore store, HttpConfig config, Identity identity) {
        super(c -> {}, config);
        Objects.requireNonNull(store, "store");
        this.basePath = config.basePath;
        this.routes = buildRoutes(store, config, identity);
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
        return config;
    }

    private static List<Route> buildRoutes(RunguStore store, HttpConfig config, Identity identity) {
        Json json = new Json();
        Guard guard = new Guard(config, json, identity, new RateLimiter(config.rateLimits, config.clock));
        ClasspathFiles files = new ClasspathFiles(RunguPlugin.class.getClassLoader());
        String apiBase = config.basePath + "/api";
        RouteTable table = new RouteTable();
        ApiRoutes api = new ApiRoutes(store.board(), new Requests(json, config.maxJsonBytes), guard, apiBase,
                config.maxUploadBytes);
        api.register(table);
        new UnsubscribePage(store.board()).register(table);
        if (identity instanceof HostIdentity) {
            api.registerHostSignInInfo(table);
        }
        identity.routes().forEach(table::add);
        if (config.mcpEnabled) {
            AtomicInteger maxMessageBytes = new AtomicInteger();
            RunguMcpServer mcp = RunguMcpServer.create(store.board(), m -> {
                m.allowedOrigins = Set.copyOf(config.corsOrigins);
                config.mcp.accept(m);
                maxMessageBytes.set(m.maxMessageBytes);
            });
            new McpEndpoint(mcp, maxMessageBytes.get()).register(table);
        }
        MetaRoutes meta = new MetaRoutes(store, guard, config.basePath, config.corsOrigins);
        meta.registerHealth(table);
        new SwaggerUi(files, apiBase).register(table);
        AtomicReference<byte[]> document = new AtomicReference<>();
        meta.registerOpenApi(table, document::get);
        AtomicReference<List<Route>> known = new AtomicReference<>();
        meta.registerCatchAlls(table, known::get);
        if (config.serveWebApp) {
            new WebApp(files, config.basePath).register(table);
        }
        List<Route> all = table.routes();
        known.set(all);
        document.set(json.write(OpenApi.document(all, config.basePath, version())));
        return all.stream().map(r -> r.withHandler(guard.wrap(r)))
                .toList();
    }

    private static String version() {
        String v = RunguPlugin.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void onStart(JavalinState state) {
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
