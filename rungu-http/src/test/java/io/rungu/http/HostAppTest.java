package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.json.JavalinJackson;
import io.rungu.model.Actor;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.Role;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestImages;
import io.rungu.wire.RunguVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adopter's host application: a context path ({@code /app}), its own routes, JSON mapper, error handlers and
 * after-handlers, its own login (a resolver that throws Javalin's {@code UnauthorizedResponse}), a sign-in URL, and
 * Rungu in its own PostgreSQL schema beside the host's table {@code users}. Everything of Rungu works under
 * {@code /app/feedback}, and the host's own side behaves as it would without Rungu.
 */
class HostAppTest {
    record HostThing(String someField) {}

    @TempDir
    Path dir;
    TestDatabase.Fresh database;
    RunguStore store;
    Javalin app;
    String adaId;
    final List<String> afterSeen = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        database = TestDatabase.POSTGRES.create(dir);
        try (Connection c = DriverManager.getConnection(database.url()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (login TEXT PRIMARY KEY, password_hash TEXT)");
            s.execute("INSERT INTO users VALUES ('host-admin', 'x')");
        }
        store = RunguStore.open(db -> {
            db.url = database.url();
            db.schema = "rungu";
        });
        adaId = store.accounts().ensureUser("ada@example.com", "Ada", Role.ADMIN).id();
        ObjectMapper hostMapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
        app = Javalin.create(config -> {
            config.router.contextPath = "/app";
            config.jsonMapper(new JavalinJackson(hostMapper, false));
            config.routes.get("/hello", ctx -> ctx.json(new HostThing("x")));
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("host failure");
            });
            config.routes.exception(IllegalStateException.class, (e, ctx) -> ctx.status(418).result("host handled"));
            config.routes.error(404, ctx -> ctx.result("host 404 page"));
            config.routes.error(401, ctx -> ctx.result("host 401 page"));
            config.routes.after(ctx -> afterSeen.add(ctx.statusCode() + " " + ctx.path()));
            config.registerPlugin(new RunguPlugin(store, ctx -> {
                String user = ctx.header("X-Host-User");
                if (user == null) {
                    return Actor.anonymous();
                }
                return switch (user) {
                    case "expired" -> throw new UnauthorizedResponse("Your session expired");
                    case "blocked" -> throw new ForbiddenResponse();
                    default -> Actor.of(adaId, Role.ADMIN);
                };
            }, http -> {
                http.basePath = "/feedback";
                http.signInUrl = "/app/login?next={return_to}";
            }));
        }).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        store.close();
        database.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void the_web_app_and_its_assets_live_under_the_context_path() throws Exception {
        var page = get("/app/feedback/board/x");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<base href=\"/app/feedback/\"");
        Matcher script = Pattern.compile("src=\"([^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).isTrue();
        assertThat(script.group(1)).startsWith("/app/feedback/assets/");
        assertThat(get(script.group(1)).statusCode()).isEqualTo(200);
        // X-Forwarded-Prefix is not trusted unless the host says so.
        assertThat(get("/app/feedback/", "X-Forwarded-Prefix", "/evil").body()).contains("<base href=\"/app/feedback/\"");
    }

    @Test
    void javalins_refusals_from_the_resolver_keep_their_status_as_rungu_json_without_an_error_log() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        HttpResponse<String> expired;
        HttpResponse<String> blocked;
        try {
            expired = get("/app/feedback/api/projects", "X-Host-User", "expired");
            blocked = get("/app/feedback/api/projects", "X-Host-User", "blocked");
        } finally {
            System.setErr(err);
        }
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(json(expired).get("error").asText()).isEqualTo("Your session expired");
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(json(blocked).get("code").asText()).isEqualTo("forbidden");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("ERROR").doesNotContain("failed");
        assertThat(get("/app/feedback/api/projects", "X-Host-User", "ada").statusCode()).isEqualTo(200);
    }

    @Test
    void sign_in_goes_to_the_hosts_login_and_comes_back_to_the_page() throws Exception {
        JsonNode providers = json(get("/app/feedback/auth/providers")).get("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).get("name").asText()).isEqualTo("host");
        String login = providers.get(0).get("login_url").asText();
        assertThat(login).isEqualTo("/app/feedback/auth/host/login");

        var r = get(login + "?redirect=%2Fboard%2Fapp%3Fsort%3Dnew");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/app/login?next=%2Fapp%2Ffeedback%2Fboard%2Fapp%3Fsort%3Dnew");
        assertThat(get(login + "?redirect=%2F%2Fevil.example").headers().firstValue("Location"))
                .hasValue("/app/login?next=%2Fapp%2Ffeedback%2F");
    }

    @Test
    void mcp_takes_the_hosts_caller_and_reports_the_artifact_version() throws Exception {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
        var anonymous = mcp(init);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // OAuth for MCP keeps to the board's mount; the consent page signs in through the host's login.
        String origin = "http://127.0.0.1:" + app.port();
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
                + origin + "/app/feedback/.well-known/oauth-protected-resource\", scope=\"read write\"");
        JsonNode metadata = json(get("/app/feedback/.well-known/oauth-protected-resource"));
        assertThat(metadata.get("resource").asText()).isEqualTo(origin + "/app/feedback/mcp");
        assertThat(metadata.get("authorization_servers").get(0).asText()).isEqualTo(origin + "/app/feedback");
        assertThat(json(get("/app/feedback/.well-known/oauth-authorization-server")).get("token_endpoint").asText())
                .isEqualTo(origin + "/app/feedback/oauth/token");

        var r = mcp(init, "X-Host-User", "ada");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).at("/result/serverInfo/version").asText()).isEqualTo(RunguVersion.current())
                .isNotEqualTo("0.1.0").isNotEqualTo("unknown");
    }

    private HttpResponse<String> mcp(String body, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/app/feedback/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void openapi_describes_what_is_mounted_under_the_context_path() throws Exception {
        JsonNode doc = json(get("/app/feedback/api/openapi.json"));
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/app/feedback");
        assertThat(doc.at("/info/version").asText()).isEqualTo(RunguVersion.current()).isNotEqualTo("dev");
        assertThat(doc.at("/components/securitySchemes").isMissingNode()).isTrue();
        assertThat(doc.get("paths").has("/api/tokens")).isFalse();
        assertThat(doc.get("paths").has("/auth/{provider}/login")).isFalse();
        assertThat(doc.get("paths").has("/mcp")).isTrue();
        assertThat(doc.get("paths").has("/auth/host/login")).isTrue();
        assertThat(doc.toString()).doesNotContain("\"bearer\"").doesNotContain("\"session\"");

        assertThat(get("/app/feedback/api/docs").body()).contains("src=\"/app/feedback/api/docs/swagger-ui-bundle.js\"");
        assertThat(get("/app/feedback/api/docs/swagger-initializer.js").body())
                .contains("url: \"/app/feedback/api/openapi.json\"");
        assertThat(get("/app/feedback/api/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void attachment_urls_include_the_context_path() throws Exception {
        Actor admin = Actor.of(adaId, Role.ADMIN);
        store.board().createProject(admin, new NewProject("App", "app", ""));
        String postId = store.board().createPost(admin, "app", new NewPost("Logo", "", PostCategory.FEATURE)).post().id();
        store.board().addAttachment(admin, postId, new NewAttachment("logo.png", "image/png", TestImages.png()));
        String url = json(get("/app/feedback/api/posts/" + postId + "/attachments")).at("/data/0/url").asText();
        assertThat(url).startsWith("/app/feedback/api/attachments/");
        assertThat(get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void rungu_lives_in_its_schema_and_the_hosts_users_table_is_untouched() throws Exception {
        try (Connection c = DriverManager.getConnection(database.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM public.users), (SELECT count(*) FROM rungu.users)")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        assertThat(json(get("/app/feedback/auth/me", "X-Host-User", "ada")).at("/data/email").asText())
                .isEqualTo("ada@example.com");
    }

    @Test
    void session_answers_from_the_hosts_actor_and_200_with_no_user_for_an_anonymous_visitor() throws Exception {
        var anonymous = get("/app/feedback/auth/session");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous).get("user").isNull()).isTrue();
        assertThat(json(get("/app/feedback/auth/session", "X-Host-User", "ada")).at("/user/email").asText())
                .isEqualTo("ada@example.com");
    }

    @Test
    void the_hosts_routes_handlers_and_after_handlers_behave_as_before_and_see_rungus_errors() throws Exception {
        var hello = get("/app/hello");
        assertThat(json(hello).has("SomeField")).isTrue();
        var boom = get("/app/boom");
        assertThat(boom.statusCode()).isEqualTo(418);
        assertThat(boom.body()).isEqualTo("host handled");
        var hostMissing = get("/app/nothing");
        assertThat(hostMissing.statusCode()).isEqualTo(404);
        assertThat(hostMissing.body()).isEqualTo("host 404 page");

        var missing = get("/app/feedback/api/projects/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asText()).isEqualTo("not_found");
        var expired = get("/app/feedback/api/projects", "X-Host-User", "expired");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(get("/app/feedback/api/projects").statusCode()).isEqualTo(200);

        assertThat(afterSeen).contains("200 /app/hello", "404 /app/nothing", "404 /app/feedback/api/projects/missing",
                "401 /app/feedback/api/projects", "200 /app/feedback/api/projects");
    }
}
