package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.rungu.http.RunguPlugin;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stateless Rungu servers (two ports, each with its own connection pool) on one PostgreSQL database, as
 * behind a load balancer: any server answers any request, and counts stay exact under concurrent writes on both.
 */
class TwoServersOnPostgresTest {
    static final String SECRET = "shared-secret-of-both-servers-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestDatabase.Fresh db;
    final List<Server> servers = new ArrayList<>();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool;

    /** One packaged server: a HikariCP pool, the store, sign-in and the REST API on its own port. */
    record Server(RunguStore store, RunguAuth auth, Javalin app, String base) implements AutoCloseable {
        static Server start(String jdbcUrl) {
            RunguStore store = RunguStore.open(c -> {
                c.dataSource = PostgresPool.open(jdbcUrl, 8);
                c.closeDataSource = true;
            });
            RunguAuth auth = RunguAuth.create(store, a -> {
                a.secret = SECRET;
                a.baseUrl = "http://feedback.example.test";
                a.secureCookies = false;
            });
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.registerPlugin(new RunguPlugin(store, auth, http -> http.rateLimits.enabled = false));
            }).start("127.0.0.1", 0);
            return new Server(store, auth, app, "http://127.0.0.1:" + app.port());
        }

        @Override
        public void close() {
            app.stop();
            store.close();
        }
    }

    @BeforeEach
    void start() {
        db = TestDatabase.POSTGRES.create(dir);
        servers.add(Server.start(db.url()));
        servers.add(Server.start(db.url()));
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        servers.forEach(Server::close);
        db.close();
    }

    private Server a() {
        return servers.get(0);
    }

    private Server b() {
        return servers.get(1);
    }

    private HttpResponse<String> send(Server server, String method, String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode data(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.has("data") ? node.get("data") : node;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in on {@code server} through a one-time link and returns the session cookie. */
    private String signIn(Server server, String email, Role role) {
        String link = server.auth().createSignInLink(email, role, Duration.ofMinutes(5));
        HttpResponse<String> response = send(server, "GET", link.substring(link.indexOf("/auth/link/")), null);
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private String post(String title) {
        Actor.Account admin = Actor.of(a().store().accounts().ensureUser("admin@example.test", "Admin", Role.ADMIN).id(),
                Role.ADMIN);
        if (a().store().board().listProjects(admin, io.rungu.model.PageRequest.FIRST).items().isEmpty()) {
            a().store().board().createProject(admin, new NewProject("App", "app", ""));
        }
        return a().store().board().createPost(admin, "app", new NewPost(title, "", null)).post().id();
    }

    @Test
    void a_session_created_on_one_server_works_on_the_other_and_signing_out_there_ends_it_everywhere()
            throws InterruptedException {
        String cookie = signIn(a(), "ada@example.test", Role.MEMBER);
        assertThat(data(send(a(), "GET", "/auth/me", cookie)).get("email").asText()).isEqualTo("ada@example.test");

        JsonNode me = data(send(b(), "GET", "/auth/me", cookie));
        assertThat(me.get("email").asText()).isEqualTo("ada@example.test");

        long signedOut = System.nanoTime();
        assertThat(send(b(), "POST", "/auth/logout", cookie).statusCode()).isBetween(200, 399);
        assertThat(send(b(), "GET", "/auth/me", cookie).statusCode()).isEqualTo(401);
        // Server a had the session in its cache (StoreConfig.cacheTtl, 1 s): it ends there within that time (the
        // bound below leaves room for a slow machine; SessionCacheTest pins the time to live itself).
        while (send(a(), "GET", "/auth/me", cookie).statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - signedOut)).isLessThan(Duration.ofSeconds(4));
            Thread.sleep(50);
        }
    }

    @Test
    void a_vote_on_one_server_is_counted_on_the_other() {
        String postId = post("Dark mode");
        String cookie = signIn(a(), "ada@example.test", Role.MEMBER);

        JsonNode vote = data(send(a(), "POST", "/api/posts/" + postId + "/vote", cookie));
        assertThat(vote.get("voted").asBoolean()).isTrue();

        JsonNode seen = data(send(b(), "GET", "/api/posts/" + postId, cookie));
        assertThat(seen.get("vote_count").asLong()).isEqualTo(1);
        assertThat(seen.get("user_voted").asBoolean()).isTrue();
    }

    @Test
    void two_times_200_concurrent_vote_toggles_on_two_servers_leave_exact_counts() throws Exception {
        String first = post("First");
        String second = post("Second");
        int users = 50;
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            cookies.add(signIn(servers.get(i % 2), "voter" + i + "@example.test", Role.MEMBER));
        }
        // Each user toggles 8 times, alternating servers: 4 on each, so 200 per server. Odd users toggle each post
        // an odd number of times (they end up voting on both), even users an even number (no votes left).
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String cookie = cookies.get(i);
            int user = i;
            tasks.add(() -> {
                List<String> sequence = new ArrayList<>();
                int firstToggles = user % 2 == 0 ? 4 : 3;
                for (int n = 0; n < 8; n++) {
                    sequence.add(n < firstToggles ? first : second);
                }
                int[] perServer = new int[2];
                for (int n = 0; n < sequence.size(); n++) {
                    int s = (user + n) % 2;
                    perServer[s]++;
                    JsonNode vote = data(send(servers.get(s), "POST", "/api/posts/" + sequence.get(n) + "/vote", cookie));
                    assertThat(vote.get("vote_count").asLong()).isBetween(0L, (long) users);
                }
                return perServer;
            });
        }
        int[] toggles = new int[2];
        for (Future<int[]> f : pool.invokeAll(tasks)) {
            int[] perServer = f.get();
            toggles[0] += perServer[0];
            toggles[1] += perServer[1];
        }

        assertThat(toggles).containsExactly(200, 200);
        for (Server server : servers) {
            assertThat(data(send(server, "GET", "/api/posts/" + first, null)).get("vote_count").asLong()).isEqualTo(25);
            assertThat(data(send(server, "GET", "/api/posts/" + second, null)).get("vote_count").asLong()).isEqualTo(25);
        }
        assertThat(votesInDatabase(first)).isEqualTo(25);
        assertThat(votesInDatabase(second)).isEqualTo(25);
    }

    private long votesInDatabase(String postId) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(db.url());
             var s = c.prepareStatement("SELECT count(*) FROM votes WHERE post_id = ?")) {
            s.setString(1, postId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
