package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One wire model: the CLI's {@code --json} is the REST API's {@code data}, record for record, field for field and in
 * the same order, for the same viewer. The real server runs on a free port over the database the CLI writes; one
 * server and fixture for the class.
 */
class CliJsonContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MEMBER = "member@example.com";

    @TempDir
    static Path home;
    static Map<String, String> env;
    static RunguServer server;
    static String base;
    static String adminToken;
    static String memberToken;
    static String votedPost;
    static String plannedPost;

    @BeforeAll
    static void start() throws Exception {
        env = Map.of("RUNGU_DATA_DIR", home.toString(), "RUNGU_SECRET", "contract-test-secret-0123456789abcdefghij",
                "RUNGU_RATE_LIMITS", "false", "RUNGU_CACHE_TTL", "0s", "RUNGU_SECURE_COOKIES", "false");
        cli("login-link", "admin@example.com", "--admin", "--name", "Ada Admin");
        adminToken = cli("token", "create", "--user", "admin@example.com", "--name", "admin", "--scope", "write").strip();
        memberToken = cli("token", "create", "--user", MEMBER, "--name", "member", "--scope", "write").strip();
        cli("user", "rename", MEMBER, "Mia \"Quote\" Member");
        cli("project", "add", "Ideas", "--slug", "ideas", "--description", "What to build");

        votedPost = id(cli("post", "create", "ideas", "--title", "Dark \"mode\"", "--description", "Line one\nünïcode 😀",
                "--category", "feature", "--as", MEMBER, "--json"));
        plannedPost = id(cli("post", "create", "ideas", "--title", "Export", "--category", "bug", "--json"));
        for (int i = 1; i <= 3; i++) {
            cli("post", "create", "ideas", "--title", "Filler " + i);
        }
        cli("post", "status", plannedPost, "planned");
        cli("post", "vote", votedPost, "--as", MEMBER);
        cli("post", "vote", votedPost, "--as", "admin@example.com");
        String first = id(cli("comment", "add", votedPost, "First", "--as", MEMBER, "--json"));
        cli("comment", "add", votedPost, "A reply", "--as", "admin@example.com", "--parent", first);

        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        server = RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", "", "http://localhost:3000"));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void post_list_json_is_the_rest_lists_data_for_an_anonymous_visitor() throws Exception {
        JsonNode cli = cliJson("post", "list", "ideas", "--json");

        assertThat(cli).hasSize(5);
        assertSame(cli, restData(null, "/api/projects/ideas/posts"));
        assertThat(cli.findValuesAsText("user_voted")).containsOnly("false");
    }

    @Test
    void post_list_json_is_the_rest_lists_data_for_the_same_user() throws Exception {
        JsonNode cli = cliJson("post", "list", "ideas", "--json", "--as", MEMBER);

        assertSame(cli, restData(memberToken, "/api/projects/ideas/posts"));
        assertThat(cli.findValuesAsText("user_voted")).as("the member's vote shows").contains("true");
    }

    @Test
    void filters_sorts_and_pages_give_the_same_records() throws Exception {
        assertSame(cliJson("post", "list", "ideas", "--json", "--sort", "most_votes", "--per-page", "2", "--page", "2"),
                restData(null, "/api/projects/ideas/posts?sort=most_votes&per_page=2&page=2"));
        assertSame(cliJson("post", "list", "ideas", "--json", "--status", "planned", "--category", "bug"),
                restData(null, "/api/projects/ideas/posts?status=planned&category=bug"));
        assertSame(cliJson("post", "list", "ideas", "--json", "--search", "mod"),
                restData(null, "/api/projects/ideas/posts?q=mod"));
    }

    @Test
    void post_list_jsonl_streams_the_same_records_as_the_whole_rest_list() throws Exception {
        ArrayNode lines = JSON.createArrayNode();
        for (String line : cli("post", "list", "ideas", "--jsonl", "--per-page", "2", "--as", MEMBER).split("\n")) {
            lines.add(JSON.readTree(line));
        }

        assertSame(lines, restData(memberToken, "/api/projects/ideas/posts?per_page=100"));
    }

    @Test
    void post_show_json_is_the_rest_posts_data_for_the_same_viewer() throws Exception {
        assertSame(cliJson("post", "show", votedPost, "--json"), restData(null, "/api/posts/" + votedPost));
        JsonNode asMember = cliJson("post", "show", votedPost, "--json", "--as", MEMBER);
        assertSame(asMember, restData(memberToken, "/api/posts/" + votedPost));
        assertThat(asMember.get("user_voted").asBoolean()).isTrue();
        assertThat(asMember.get("vote_count").asInt()).isEqualTo(2);
    }

    @Test
    void comment_list_json_is_the_rest_comments_data() throws Exception {
        JsonNode cli = cliJson("comment", "list", votedPost, "--json");

        assertThat(cli).hasSize(2);
        assertSame(cli, restData(null, "/api/posts/" + votedPost + "/comments"));
        assertSame(cliJson("comment", "list", votedPost, "--json", "--per-page", "1", "--page", "2"),
                restData(memberToken, "/api/posts/" + votedPost + "/comments?per_page=1&page=2"));
    }

    @Test
    void token_list_and_user_show_json_are_the_rest_records() throws Exception {
        JsonNode users = restData(adminToken, "/api/users?per_page=100");
        JsonNode member = null;
        for (JsonNode u : users) {
            if (u.get("email").asText().equals(MEMBER)) {
                member = u;
            }
        }
        assertThat(member).isNotNull();
        assertSame(cliJson("user", "show", MEMBER, "--json"), member);

        JsonNode tokens = cliJson("token", "list", "--user", MEMBER, "--json");
        assertThat(tokens).hasSize(1);
        assertSame(tokens, restData(adminToken, "/api/tokens?user_id=" + member.get("id").asText()));
    }

    @Test
    void post_list_csv_is_the_apis_csv() throws Exception {
        HttpResponse<String> rest = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/projects/ideas/posts.csv"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(200);

        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        CliRun.Result cli = run.env("RUNGU_BASE_URL", "http://localhost:3000") // the server's public URL
                .run("post", "list", "ideas", "--csv", "--sort", "oldest");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).isEqualTo(rest.body()).contains("\"Line one\nünïcode 😀\"");
    }

    // --- helpers ---

    /** Same records, same fields, same order: compared as compact JSON text. */
    private static void assertSame(JsonNode cli, JsonNode rest) throws Exception {
        assertThat(JSON.writeValueAsString(cli)).isEqualTo(JSON.writeValueAsString(rest));
    }

    private static JsonNode restData(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("data");
    }

    private static JsonNode cliJson(String... args) throws Exception {
        return JSON.readTree(cli(args));
    }

    private static String cli(String... args) {
        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        CliRun.Result r = run.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private static String id(String json) throws Exception {
        return JSON.readTree(json).get("id").asText();
    }
}
