package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.model.RunguException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the single-page web app from {@code io/rungu/webapp/} on the classpath: hashed assets with a long cache,
 * other files at the top level, and index.html (with {@code %RUNGU_BASE%} replaced by the public base path: forwarded
 * prefix, context path and base path) for every other GET under the base path that is not /api, /auth or /health.
 */
public final class WebApp {
    static final String ROOT = "io/rungu/webapp";
    private static final String FALLBACK_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Rungu</title></head>
            <body><h1>Rungu</h1>
            <p>The web app is not on the classpath (add the io.rungu:rungu-webapp jar).
            The API is at <a href="%RUNGU_BASE%/api/docs">%RUNGU_BASE%/api/docs</a>.</p>
            </body></html>
            """;

    private final ClasspathFiles files;
    private final Precompressed precompressed;
    private final String basePath;
    private final Guard guard;
    private final String html;
    /** index.html per public base path (context path and forwarded prefix vary only by deployment). */
    private final Map<String, byte[]> indexes = new ConcurrentHashMap<>();

    public WebApp(ClasspathFiles files, String basePath, Guard guard) {
        this.files = files;
        this.precompressed = new Precompressed(files);
        this.basePath = basePath;
        this.guard = guard;
        this.html = files.read(ROOT, "index.html").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(FALLBACK_PAGE);
    }

    private byte[] index(Context ctx) {
        String base = guard.base(ctx);
        byte[] page = indexes.get(base);
        if (page == null) {
            page = html.replace("%RUNGU_BASE%", base).getBytes(StandardCharsets.UTF_8);
            if (indexes.size() < 16) {
                indexes.put(base, page);
            }
        }
        return page;
    }

    /** Adds the asset route and the single-page fallback (after every other route, by Javalin's specificity order). */
    public void register(RouteTable t) {
        t.addUndocumented(GET, "/assets/*", this::asset, RateLimiter.Kind.READ);
        t.addUndocumented(GET, "/", this::page, RateLimiter.Kind.READ);
        t.addUndocumented(GET, "/*", this::page, RateLimiter.Kind.READ);
    }

    private void asset(Context ctx) {
        String rel = relative(ctx, "/assets/");
        if (!precompressed.send(ctx, ROOT + "/assets", rel)) {
            throw RunguException.notFound("Asset not found");
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    }

    private void page(Context ctx) {
        String rel = relative(ctx, "/");
        String first = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
        if (first.equals("api") || first.equals("auth") || first.equals("health")) {
            throw RunguException.notFound("No such route: " + ctx.method() + " " + ctx.path());
        }
        boolean file = rel.contains(".") && !rel.contains("/") && !rel.equals("index.html");
        ctx.header("Cache-Control", "no-cache");
        if (!file || !precompressed.send(ctx, ROOT, rel)) {
            ctx.contentType("text/html; charset=utf-8");
            ctx.result(index(ctx));
        }
    }

    /** The request path after the host's context path, the base path and {@code prefix}. */
    private String relative(Context ctx, String prefix) {
        String base = ctx.contextPath().replaceAll("/$", "") + basePath;
        String path = ctx.path();
        String rest = path.startsWith(base) ? path.substring(base.length()) : path;
        return rest.startsWith(prefix) ? rest.substring(prefix.length()) : rest.replaceFirst("^/", "");
    }
}
