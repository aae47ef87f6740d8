package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways of embedding Rungu, exactly as docs/embedding.md shows them, compiled and run. */
class EmbeddingExamplesTest {
    @TempDir
    Path dir;

    private static String get(String url, String cookie) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void the_store_can_be_driven_directly() {
        String url = "jdbc:sqlite:" + dir.resolve("rungu.db");
        // --- docs/embedding.md: 1. The store alone ---
        try (RunguStore store = RunguStore.open(db -> db.url = url)) {
            Board board = store.board();
            User ada = store.accounts().ensureUser("ada@example.com", "Ada", Role.ADMIN);
            Actor admin = Actor.of(ada.id(), Role.ADMIN);
            Project project = board.createProject(admin, new NewProject("My App", null, "Feedback for My App"));
            // --- end ---
            assertThat(project.slug()).isEqualTo("my-app");
        }
    }

    @Test
    void the_plugin_can_bring_its_own_sign_in() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("rungu.db");
        String secret = "a-secret-of-at-least-32-bytes-0123456789";
        // --- docs/embedding.md: 2. RunguPlugin with RunguAuth ---
        RunguStore store = RunguStore.open(db -> db.url = url);
        RunguAuth auth = RunguAuth.create(store, a -> {
            a.secret = secret;                                   // at least 32 bytes: openssl rand -hex 32
            a.baseUrl = "https://example.com/feedback";          // public URL of the mount, base path included
            // a.github(clientId, clientSecret);                 // one line per provider
        });
        Javalin app = Javalin.create(config -> config.registerPlugin(
                new RunguPlugin(store, auth, http -> http.basePath = "/feedback"))).start(0);
        // --- end ---
        try {
            String base = "http://localhost:" + app.port() + "/feedback";
            assertThat(get(base + "/auth/providers", null)).isEqualTo("{\"providers\":[]}");
            assertThat(get(base + "/api/projects", null)).startsWith("{\"data\":[]");
        } finally {
            app.stop();
            store.close();
        }
    }

    /** A host application's own notion of a signed-in user. */
    record HostUser(String email, String name, boolean admin) {}

    @Test
    void the_plugin_can_trust_the_hosts_login() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("rungu.db");
        try (RunguStore store = RunguStore.open(db -> db.url = url)) {
            // --- docs/embedding.md: 3. RunguPlugin with the host's login ---
            Javalin app = Javalin.create(config -> {
                config.routes.post("/login", ctx -> {                     // the host's own sign-in
                    HostUser user = new HostUser("ada@example.com", "Ada", true);
                    User account = store.accounts().ensureUser(user.email(), user.name(),
                            user.admin() ? Role.ADMIN : Role.MEMBER);     // once per sign-in, not per request
                    ctx.sessionAttribute("rungu.user", account.id());
                    ctx.sessionAttribute("rungu.admin", user.admin());
                });
                config.registerPlugin(new RunguPlugin(store, ctx -> {
                    String id = ctx.sessionAttribute("rungu.user");
                    if (id == null) {
                        return Actor.anonymous();
                    }
                    boolean admin = Boolean.TRUE.equals(ctx.sessionAttribute("rungu.admin"));
                    return Actor.of(id, admin ? Role.ADMIN : Role.MEMBER);
                }, http -> http.basePath = "/feedback"));
            }).start(0);
            // --- end ---
            try {
                String base = "http://localhost:" + app.port();
                var client = HttpClient.newHttpClient();
                var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                var created = client.send(HttpRequest.newBuilder(URI.create(base + "/feedback/api/projects"))
                        .header("Cookie", cookie).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Host board\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);
                assertThat(get(base + "/feedback/api/projects", null)).contains("\"slug\":\"host-board\"");
            } finally {
                app.stop();
            }
        }
    }
}
