package io.rungu.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.Board;
import io.rungu.store.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The real plugin on a real Javalin server on port 0, with a header-driven actor resolver standing in for a
 * host's login: {@code X-Test-Actor: <userId> <role> <channel> <scope>}.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final TestStores stores;
    final Javalin app;
    final String base;
    final RunguAuth auth;
    final HttpClient client = HttpClient.newHttpClient();

    private TestServer(TestStores stores, Javalin app, String base, RunguAuth auth) {
        this.stores = stores;
        this.app = app;
        this.base = base;
        this.auth = auth;
    }

    /** The plugin with Rungu's own sign-in (sessions, sign-in links, API tokens). */
    static TestServer startWithAuth(Path dir, Consumer<HttpConfig> http) {
        TestStores stores = TestStores.open(dir);
        HttpConfig probe = new HttpConfig();
        http.accept(probe);
        String basePath = HttpConfig.normalise(probe.basePath);
        RunguAuth auth = RunguAuth.create(stores.store(), a -> {
            a.secret = "0123456789abcdef0123456789abcdef-test-secret";
            a.baseUrl = "http://localhost" + basePath;
            a.secureCookies = false;
        });
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new RunguPlugin(stores.store(), auth, http));
        }).start("127.0.0.1", 0);
        return new TestServer(stores, app, "http://127.0.0.1:" + app.port() + basePath, auth);
    }

    /** Signs in through a one-time link and returns the session cookie ("name=value"). */
    String signIn(String email, Role role) {
        String link = auth.createSignInLink(email, role, java.time.Duration.ofMinutes(5));
        String path = link.substring(link.indexOf("/auth/link/"));
        Res r = req("GET", path).send();
        String setCookie = r.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r + " " + r.raw().headers()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static TestServer start(Path dir) {
        return start(dir, http -> {}, config -> {});
    }

    static TestServer start(Path dir, Consumer<HttpConfig> http, Consumer<JavalinConfig> host) {
        return start(dir, store -> {}, http, host);
    }

    /** As above, with store settings (quotas, caches) applied after the URL and clock. */
    static TestServer start(Path dir, Consumer<io.rungu.store.StoreConfig> store, Consumer<HttpConfig> http,
                            Consumer<JavalinConfig> host) {
        return startOn(io.rungu.store.TestDatabase.SQLITE, dir, store, http, host);
    }

    /** The server over a store on the given database (SQLite file or a fresh PostgreSQL database). */
    static TestServer startOn(io.rungu.store.TestDatabase database, Path dir) {
        return startOn(database, dir, store -> {}, http -> {}, config -> {});
    }

    static TestServer startOn(io.rungu.store.TestDatabase database, Path dir,
                                      Consumer<io.rungu.store.StoreConfig> store, Consumer<HttpConfig> http,
                                      Consumer<JavalinConfig> host) {
        TestStores stores = TestStores.open(database, dir, store);
        HttpConfig probe = new HttpConfig();
        http.accept(probe);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            host.accept(config);
            config.registerPlugin(new RunguPlugin(stores.store(), TestServer::resolve, http));
        }).start("127.0.0.1", 0);
        return new TestServer(stores, app, "http://127.0.0.1:" + app.port() + HttpConfig.normalise(probe.basePath), null);
    }

    static Actor resolve(io.javalin.http.Context ctx) {
        String h = ctx.header("X-Test-Actor");
        if (h == null) {
            return Actor.anonymous();
        }
        String[] p = h.split(" ");
        if (p[0].equals("invalid")) {
            throw RunguException.unauthenticated();
        }
        return new Actor.Account(p[0], Role.parse(p[1]), Actor.Channel.valueOf(p[2]), TokenScope.parse(p[3]));
    }

    /** The header value that makes the resolver return this account. */
    static String header(Actor actor) {
        if (!(actor instanceof Actor.Account a)) {
            return null;
        }
        return a.userId() + " " + a.role().wire() + " " + a.channel().name() + " " + a.scope().wire();
    }

    Board board() {
        return stores.board();
    }

    Actor.Account admin() {
        return stores.admin("Ada Admin");
    }

    Actor.Account member(String name) {
        return stores.member(name);
    }

    /** A request builder for a path under the base (e.g. "/api/projects"). */
    Req req(String method, String path) {
        return new Req(method, path);
    }

    Res get(String path) {
        return req("GET", path).send();
    }

    Res get(String path, Actor as) {
        return req("GET", path).as(as).send();
    }

    Res json(String method, String path, Actor as, String body) {
        return req(method, path).as(as).json(body).send();
    }

    @Override
    public void close() {
        app.stop();
        stores.close();
    }

    final class Req {
        private final HttpRequest.Builder b;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Req(String method, String path) {
            this.method = method;
            this.b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
        }

        Req as(Actor actor) {
            String h = TestServer.header(actor);
            if (h != null) {
                b.header("X-Test-Actor", h);
            }
            return this;
        }

        Req header(String name, String value) {
            b.header(name, value);
            return this;
        }

        Req json(String json) {
            b.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json);
            return this;
        }

        Req body(String contentType, byte[] bytes) {
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        Res send() {
            HttpRequest request = b.method(method, body).build();
            try {
                return new Res(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                // After refusing an oversized body the server closes that connection; the client may already have
                // pooled it and then fails the next request on it without sending anything. One fresh try is safe.
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw new UncheckedIOException(e);
                }
                return retryOnFreshConnection(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Up to three fresh connections: under a loaded machine the reset of the connection the server closed after
         * an oversized body can still overtake a fresh one's answer. A route that never answers fails, named.
         */
        private Res retryOnFreshConnection(HttpRequest request) {
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    return new Res(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()));
                } catch (IOException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": no answer on 3 fresh connections",
                    last);
        }
    }

    record Res(HttpResponse<byte[]> raw) {
        int status() {
            return raw.statusCode();
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + raw.statusCode() + "): " + text(), e);
            }
        }

        JsonNode data() {
            return json().get("data");
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + text();
        }
    }
}
