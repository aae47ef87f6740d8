package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback widget's server side: CORS for the allowed widget origins only and never with credentials, widget
 * tokens handed only to those origins, what a widget token may do (read, post, vote, comment; nothing an admin or
 * an account owner does), and its end (expiry, sign-out everywhere).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetTest {
    static final String SITE = "http://localhost:5173";
    static final String OTHER = "https://evil.example";

    TestStores stores;
    RunguAuth auth;
    Javalin app;
    String base;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) {
        stores = TestStores.open(dir);
        auth = RunguAuth.create(stores.store(), a -> {
            a.secret = "0123456789abcdef0123456789abcdef-test-secret";
            a.baseUrl = "http://localhost";
            a.secureCookies = false;
            a.clock = stores.clock();
        });
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new RunguPlugin(stores.store(), auth, http -> {
                http.widgetOrigins = List.of(SITE);
                http.rateLimits.enabled = false;
            }));
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        stores.board().createProject(stores.admin("Ada Admin"), new NewProject("Widget board", "wb", "for the widget"));
    }

    @AfterAll
    void stop() {
        app.stop();
        stores.close();
    }

    @Test
    void cors_answers_listed_widget_origins_without_credentials_and_nobody_else() {
        var listed = send("GET", "/api/projects/wb/posts", null, Map.of("Origin", SITE));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(header(listed, "Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(header(listed, "Access-Control-Allow-Credentials")).isNull();
        assertThat(header(listed, "Vary")).contains("Origin");

        var other = send("GET", "/api/projects/wb/posts", null, Map.of("Origin", OTHER));
        assertThat(header(other, "Access-Control-Allow-Origin")).isNull();
        assertThat(header(other, "Vary")).contains("Origin");

        var preflight = send("OPTIONS", "/api/projects/wb/posts", null, Map.of("Origin", SITE,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(preflight, "Access-Control-Allow-Headers")).contains("Authorization").contains("Content-Type");
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isNull();

        var refusedPreflight = send("OPTIONS", "/api/projects/wb/posts", null, Map.of("Origin", OTHER,
                "Access-Control-Request-Method", "POST"));
        assertThat(header(refusedPreflight, "Access-Control-Allow-Origin")).isNull();
        assertThat(header(refusedPreflight, "Access-Control-Allow-Methods")).isNull();

        // Not every path: the API tokens and the sign-in routes stay same-origin.
        assertThat(header(send("GET", "/api/tokens", null, Map.of("Origin", SITE)), "Access-Control-Allow-Origin")).isNull();
        assertThat(header(send("GET", "/auth/me", null, Map.of("Origin", SITE)), "Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void the_script_is_served_at_the_base() {
        var script = send("GET", "/widget.js", null, Map.of());
        // The web app jar is on this module's test classpath only once it is built; both answers are deliberate.
        if (script.statusCode() == 200) {
            assertThat(header(script, "Content-Type")).startsWith("text/javascript");
            assertThat(script.body()).contains("rungu-feedback");
        } else {
            assertThat(script.statusCode()).isEqualTo(404);
            assertThat(script.body()).contains("widget is not built");
        }
    }

    @Test
    void a_widget_token_is_handed_only_to_a_listed_origin_and_only_for_a_session() {
        String cookie = signIn("wanda@example.com", Role.MEMBER);

        var issued = tokenFor(cookie, SITE);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(json(issued).get("data").get("token").asText()).startsWith("rgw_");
        assertThat(json(issued).get("data").get("origin").asText()).isEqualTo(SITE);
        assertThat(header(issued, "Cache-Control")).isEqualTo("no-store");

        var unlisted = tokenFor(cookie, OTHER);
        assertThat(unlisted.statusCode()).isEqualTo(403);
        assertThat(unlisted.body()).contains("RUNGU_WIDGET_ORIGINS");

        var anonymous = send("POST", "/auth/widget-token", "{\"origin\":\"" + SITE + "\"}", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        // Another site cannot mint one with the visitor's cookie.
        var crossSite = send("POST", "/auth/widget-token", "{\"origin\":\"" + SITE + "\"}",
                Map.of("Cookie", cookie, "Origin", SITE, "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.statusCode()).isEqualTo(403);
    }

    @Test
    void a_widget_token_reads_posts_votes_and_comments_but_does_nothing_else_even_for_an_admin() {
        String token = widgetToken(signIn("root@example.com", Role.ADMIN));
        Map<String, String> widget = Map.of("Authorization", "Bearer " + token, "Origin", SITE,
                "Sec-Fetch-Site", "cross-site");

        var created = send("POST", "/api/projects/wb/posts", "{\"title\":\"From the widget\"}", widget);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(header(created, "Access-Control-Allow-Origin")).isEqualTo(SITE);
        String postId = json(created).get("data").get("id").asText();
        var vote = send("PUT", "/api/posts/" + postId + "/vote", "{\"voted\":true}", widget);
        assertThat(vote.statusCode()).as(vote.body()).isEqualTo(200);
        assertThat(json(vote).get("data").get("vote_count").asInt()).isEqualTo(1);
        var comment = send("POST", "/api/posts/" + postId + "/comments", "{\"content\":\"me too\"}", widget);
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(send("GET", "/api/projects/wb/posts", null, widget).statusCode()).isEqualTo(200);

        // The admin's rights stay on the board: through the widget the same person is a member, and no more.
        for (var refused : List.of(
                send("POST", "/api/projects", "{\"name\":\"New\",\"slug\":\"new-board\"}", widget),
                send("PATCH", "/api/posts/" + postId, "{\"pinned\":true}", widget),
                send("PATCH", "/api/posts/" + postId, "{\"title\":\"Edited\"}", widget),
                send("DELETE", "/api/posts/" + postId, null, widget),
                send("POST", "/api/tokens", "{\"name\":\"t\",\"scope\":\"write\"}", widget),
                send("GET", "/api/tokens", null, widget),
                send("GET", "/api/audit", null, widget),
                send("GET", "/api/me/export", null, widget),
                send("POST", "/auth/logout-everywhere", null, widget))) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        }
        var hiddenFromWidget = send("GET", "/api/users", null, widget);
        assertThat(hiddenFromWidget.statusCode()).isEqualTo(403);
        // An API token cannot be given the widget scope either.
        String cookie = signIn("root@example.com", Role.ADMIN);
        var widgetScoped = send("POST", "/api/tokens", "{\"name\":\"w\",\"scope\":\"widget\"}", Map.of("Cookie", cookie));
        assertThat(widgetScoped.statusCode()).isEqualTo(400);
    }

    @Test
    void cookie_writes_from_a_widget_origin_are_still_refused() {
        String cookie = signIn("carl@example.com", Role.MEMBER);
        var write = send("POST", "/api/projects/wb/posts", "{\"title\":\"With the cookie\"}",
                Map.of("Cookie", cookie, "Origin", SITE, "Sec-Fetch-Site", "cross-site"));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("Cross-site request refused");
    }

    @Test
    void a_widget_token_expires_after_an_hour_and_ends_with_the_session() {
        String cookie = signIn("eve@example.com", Role.MEMBER);
        String token = widgetToken(cookie);
        Map<String, String> widget = Map.of("Authorization", "Bearer " + token);
        assertThat(send("POST", "/api/projects/wb/posts", "{\"title\":\"Before the hour\"}", widget).statusCode())
                .isEqualTo(201);

        stores.clock().advance(Duration.ofMinutes(61));
        var late = send("POST", "/api/projects/wb/posts", "{\"title\":\"After the hour\"}", widget);
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.body()).contains("widget token has expired");

        String fresh = widgetToken(cookie);
        assertThat(send("GET", "/api/projects/wb/posts", null, Map.of("Authorization", "Bearer " + fresh))
                .statusCode()).isEqualTo(200);
        var everywhere = send("POST", "/auth/logout-everywhere", null, Map.of("Cookie", cookie));
        assertThat(everywhere.statusCode()).as(everywhere.body()).isEqualTo(200);
        stores.clock().advance(Duration.ofSeconds(5)); // past the store's kept sessions
        var revoked = send("GET", "/api/projects/wb/posts", null, Map.of("Authorization", "Bearer " + fresh));
        assertThat(revoked.statusCode()).isEqualTo(401);
    }

    @Test
    void a_session_cookie_is_no_widget_token_and_a_widget_token_is_no_cookie() {
        String cookie = signIn("sam@example.com", Role.MEMBER);
        String jwt = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(send("GET", "/api/projects/wb/posts", null, Map.of("Authorization", "Bearer rgw_" + jwt))
                .statusCode()).isEqualTo(401);
        String token = widgetToken(cookie);
        var asCookie = send("GET", "/auth/me", null, Map.of("Cookie", "session=" + token.substring(4)));
        assertThat(asCookie.statusCode()).isEqualTo(401);
    }

    // --- helpers ---

    private String signIn(String email, Role role) {
        String link = auth.createSignInLink(email, role, Duration.ofMinutes(5));
        var r = send("GET", link.substring(link.indexOf("/auth/link/")), null, Map.of());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.statusCode()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> tokenFor(String cookie, String origin) {
        return send("POST", "/auth/widget-token", "{\"origin\":\"" + origin + "\"}",
                Map.of("Cookie", cookie, "Origin", "http://localhost", "Sec-Fetch-Site", "same-origin"));
    }

    private String widgetToken(String cookie) {
        var r = tokenFor(cookie, SITE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("data").get("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) {
        try {
            return TestServer.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }
}
