package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.RunguException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * Swagger UI from the org.webjars:swagger-ui jar (no CDN). The page and its initializer are generated here with
 * absolute URLs under the base path, so no inline script is needed and the strict CSP holds.
 */
public final class SwaggerUi {
    private static final Set<String> FILES = Set.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js",
            "swagger-ui-standalone-preset.js", "favicon-16x16.png", "favicon-32x32.png");

    private final ClasspathFiles files;
    private final Guard guard;
    private final String webjarDir;

    /** The page and its script name absolute URLs under the request's public base path (context path included). */
    public SwaggerUi(ClasspathFiles files, Guard guard) {
        this.files = files;
        this.guard = guard;
        this.webjarDir = "META-INF/resources/webjars/swagger-ui/" + webjarVersion();
    }

    private static byte[] page(String apiBase) {
        return ("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Rungu API</title>
                <link rel="stylesheet" href="%1$s/swagger-ui.css"><link rel="stylesheet" href="%1$s/index.css">
                <link rel="icon" type="image/png" href="%1$s/favicon-32x32.png"></head>
                <body><div id="swagger-ui"></div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                <script src="%1$s/swagger-initializer.js"></script>
                </body></html>
                """).formatted(apiBase + "/docs").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] initializer(String apiBase) {
        return ("""
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "%s/openapi.json",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    withCredentials: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                    layout: "StandaloneLayout"
                  });
                };
                """).formatted(apiBase).getBytes(StandardCharsets.UTF_8);
    }

    public void register(RouteTable t) {
        t.add(GET, "/api/docs", this::page).doc("meta", "Swagger UI for this API", Access.NONE)
                .reply(200, Shape.HTML, null).anonymousOnly().done();
        t.add(GET, "/api/docs/swagger-initializer.js", ctx -> {
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("text/javascript; charset=utf-8").result(initializer(guard.base(ctx) + "/api"));
        }).doc("meta", "Swagger UI start-up script", Access.NONE).reply(200, Shape.SCRIPT, null).anonymousOnly().done();
        t.addUndocumented(GET, "/api/docs/{file}", this::file, RateLimiter.Kind.READ);
    }

    private void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(page(guard.base(ctx) + "/api"));
    }

    private void file(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] bytes = FILES.contains(name) ? files.read(webjarDir, name).orElse(null) : null;
        if (bytes == null) {
            throw RunguException.notFound("No such file: " + name);
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(ClasspathFiles.contentType(name)).result(bytes);
    }

    private static String webjarVersion() {
        try (InputStream in = SwaggerUi.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
