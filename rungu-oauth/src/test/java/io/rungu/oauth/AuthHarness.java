package io.rungu.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.model.ErrorBody;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.store.RunguStore;
import io.rungu.store.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real store in a temporary directory, RunguAuth, and a real Javalin on a free port with RunguAuthPlugin,
 * plus an HTTP client that follows no redirects and keeps cookies in a plain map.
 */
final class AuthHarness implements AutoCloseable {
    static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dbFile;
    final TestClock clock = TestClock.fixed(Instant.now());
    final RunguStore store;
    final RunguAuth auth;
    final Javalin app;
    final String origin;
    final String basePath;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, String> setCookieLines = new LinkedHashMap<>();

    private AuthHarness(Path dir, String basePath, Consumer<AuthConfig> configure) {
        this.dbFile = dir.resolve("rungu.db");
        this.basePath = basePath;
        int port = freePort();
        this.origin = "http://localhost:" + port;
        this.store = RunguStore.open(c -> {
            c.url = "jdbc:sqlite:" + dbFile;
            c.clock = clock;
        });
        this.auth = RunguAuth.create(store, a -> {
            a.secret = SECRET;
            a.baseUrl = origin + basePath;
            a.secureCookies = false;
            a.clock = clock;
            configure.accept(a);
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new RunguAuthPlugin(auth, p -> p.basePath = basePath));
            // A stand-in for a board route: who is asking, and may they write from here?
            config.routes.get(basePath + "/whoami", ctx -> {
                try {
                    Actor actor = auth.authenticate(ctx);
                    ctx.json(describe(actor));
                } catch (RunguException e) {
                    ctx.status(e.code().httpStatus()).contentType("application/json").result(ErrorBody.of(e).toJson());
                }
            });
            // A real board write, so scope and role checks are the Board's own.
            config.routes.post(basePath + "/projects", ctx -> {
                ctx.body(); // read whatever the answer: see the note on /write
                try {
                    Actor actor = auth.authenticate(ctx);
                    auth.checkCrossSite(ctx, actor);
                    var project = store.board().createProject(actor, new NewProject("Ideas " + ctx.queryParam("n"), null, ""));
                    ctx.status(201).json(Map.of("slug", project.slug()));
                } catch (RunguException e) {
                    ctx.status(e.code().httpStatus()).contentType("application/json").result(ErrorBody.of(e).toJson());
                }
            });
            config.routes.post(basePath + "/write", ctx -> {
                // The body is read before any refusal, as the board's Guard drains it after one: an answer given with
                // the body unread makes Jetty close the connection, and the client may reuse it before it sees that.
                ctx.body();
                try {
                    Actor actor = auth.authenticate(ctx);
                    auth.checkCrossSite(ctx, actor);
                    ctx.json(describe(actor));
                } catch (RunguException e) {
                    ctx.status(e.code().httpStatus()).contentType("application/json").result(ErrorBody.of(e).toJson());
                }
            });
        }).start("127.0.0.1", port);
    }

    static AuthHarness start(Path dir) {
        return new AuthHarness(dir, "", a -> { });
    }

    static AuthHarness start(Path dir, String basePath, Consumer<AuthConfig> configure) {
        return new AuthHarness(dir, basePath, configure);
    }

    private static Map<String, Object> describe(Actor actor) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (actor instanceof Actor.Account a) {
            m.put("user_id", a.userId());
            m.put("role", a.role().wire());
            m.put("channel", a.channel().name());
            m.put("scope", a.scope().wire());
        } else {
            m.put("anonymous", true);
        }
        return m;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URL on this server: absolute URLs pass through, paths are put under the base path. */
    String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : origin + (pathOrUrl.startsWith(basePath) ? "" : basePath) + pathOrUrl;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b, headers);
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE(), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (!cookies.isEmpty() && !containsCookieHeader(headers)) {
            builder.header("Cookie", cookieHeader());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (String line : response.headers().allValues("Set-Cookie")) {
                String pair = line.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                setCookieLines.put(name, line);
                if (value.isEmpty() || line.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean containsCookieHeader(String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Cookie")) {
                return true;
            }
        }
        return false;
    }

    String cookieHeader() {
        StringBuilder b = new StringBuilder();
        cookies.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    /** Signs in through a fresh sign-in link and returns the user id. */
    String signInWithLink(String email, Role role) {
        String link = auth.createSignInLink(email, role, Duration.ofMinutes(15));
        HttpResponse<String> r = get(link);
        if (r.statusCode() != 302 || !cookies.containsKey("session")) {
            throw new IllegalStateException("Link sign-in failed: " + r.statusCode() + " " + location(r));
        }
        return json(get("/whoami")).get("user_id").asText();
    }

    /** Changes a role the way an admin does, through Board.setRole (a second admin keeps the last-admin rule met). */
    void setRole(String userId, Role role) {
        var admin = store.accounts().ensureUser("harness-admin@example.test", "Harness admin", Role.ADMIN);
        store.board().setRole(io.rungu.model.Actor.of(admin.id(), Role.ADMIN), userId, role);
    }

    @Override
    public void close() {
        app.stop();
        store.close();
    }
}
