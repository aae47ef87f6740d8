package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunguServerTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private RunguServer start(String basePath) {
        env.put("RUNGU_DATA_DIR", home.toString());
        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        ServerSettings settings = ServerSettings.resolve(context.env, 0, "127.0.0.1", basePath, "http://localhost:3000" + basePath);
        return RunguServer.start(context, settings);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_server_answers_the_api_and_offers_a_first_admin_link_that_signs_in_an_admin() throws Exception {
        try (RunguServer server = start("")) {
            String base = "http://127.0.0.1:" + server.port();

            assertThat(get(base + "/api/projects").statusCode()).isEqualTo(200);
            assertThat(server.firstAdminLink()).startsWith("http://localhost:3000/auth/link/");

            String linkPath = URI.create(server.firstAdminLink()).getPath();
            HttpResponse<String> signIn = get(base + linkPath);
            assertThat(signIn.statusCode()).as(signIn.body()).isBetween(300, 399);
            HttpResponse<String> me = get(base + "/auth/me");
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("admin");
        }
    }

    @Test
    void json_is_gzipped_for_a_client_that_asks_and_plain_for_one_that_does_not() throws Exception {
        try (RunguServer server = start("")) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/openapi.json");
            HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            String json;
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            HttpResponse<String> plain = get(uri.toString());
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json).isEqualTo(plain.body()).startsWith("{");
        }
    }

    @Test
    void the_feeds_link_under_the_configured_public_url() throws Exception {
        try (RunguServer server = start("/feedback")) {
            String base = "http://127.0.0.1:" + server.port() + "/feedback";
            get(base + URI.create(server.firstAdminLink()).getPath().substring("/feedback".length()));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/projects"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"App\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            HttpResponse<String> feed = get(base + "/feeds/app/posts.atom");

            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/atom+xml"));
            assertThat(feed.body()).contains("href=\"http://localhost:3000/feedback/feeds/app/posts.atom\"");
        }
    }

    @Test
    void once_an_admin_exists_no_link_is_offered() {
        try (RunguServer first = start("")) {
            assertThat(first.firstAdminLink()).isNotNull();
        }
        try (RunguServer second = start("")) {
            assertThat(second.firstAdminLink()).isNull();
        }
    }

    @Test
    void a_base_path_moves_everything_under_it() throws Exception {
        try (RunguServer server = start("/feedback")) {
            String base = "http://127.0.0.1:" + server.port();

            assertThat(get(base + "/feedback/api/projects").statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/projects").statusCode()).isEqualTo(404);
            assertThat(server.firstAdminLink()).startsWith("http://localhost:3000/feedback/auth/link/");
        }
    }

    @Test
    void a_port_in_use_is_a_one_line_failure_and_releases_the_database() throws Exception {
        try (RunguServer server = start("")) {
            env.put("RUNGU_PORT", String.valueOf(server.port()));
            Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
            ServerSettings settings = ServerSettings.resolve(context.env, null, "127.0.0.1", null, null);

            assertThatThrownBy(() -> RunguServer.start(context, settings))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
                        assertThat(e.getMessage()).startsWith("cannot listen on 127.0.0.1:" + server.port());
                    });
        }
    }

    @Test
    void rungu_mcp_read_only_lists_and_allows_only_read_tools_over_http() throws Exception {
        env.put("RUNGU_MCP_READ_ONLY", "true");
        try (RunguServer server = start("")) {
            CliRun cli = CliRun.in(home).env("RUNGU_DATA_DIR", home.toString());
            CliRun.Result link = cli.run("login-link", "ada@example.com", "--admin");
            assertThat(link.exitCode()).as(link.toString()).isZero();
            CliRun.Result created = cli.run("token", "create", "--user", "ada@example.com", "--name", "agent", "--scope", "write");
            assertThat(created.out()).as(created.toString()).startsWith("rgu_");
            String token = created.out().trim();
            String mcp = "http://127.0.0.1:" + server.port() + "/mcp";

            HttpResponse<String> init = mcp(mcp, token, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                    "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            String tools = mcp(mcp, token, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body();
            String call = mcp(mcp, token, session, """
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"create_project",
                    "arguments":{"name":"Nope"}}}""").body();

            assertThat(tools).contains("\"list_posts\"").doesNotContain("\"create_project\"");
            assertThat(call).contains("\"isError\":true", "This MCP server is read-only");
            assertThat(get("http://127.0.0.1:" + server.port() + "/api/projects").body()).doesNotContain("Nope");
        }
    }

    @Test
    void a_malformed_rungu_mcp_read_only_stops_the_server_with_the_reason() {
        env.put("RUNGU_MCP_READ_ONLY", "sometimes");
        assertThatThrownBy(() -> start("")).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(e.getMessage()).contains("RUNGU_MCP_READ_ONLY must be true or false");
        });
    }

    private HttpResponse<String> mcp(String url, String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @Test
    void a_configured_provider_means_no_first_admin_link() {
        env.put("RUNGU_GITHUB_CLIENT_ID", "id");
        env.put("RUNGU_GITHUB_CLIENT_SECRET", "secret");

        try (RunguServer server = start("")) {
            assertThat(server.firstAdminLink()).isNull();
        }
    }

    @Test
    void the_access_log_never_holds_a_sign_in_link_secret() {
        assertThat(RunguServer.loggablePath("/feedback/auth/link/abc123secret")).isEqualTo("/feedback/auth/link/…");
        assertThat(RunguServer.loggablePath("/api/projects")).isEqualTo("/api/projects");
    }
}
