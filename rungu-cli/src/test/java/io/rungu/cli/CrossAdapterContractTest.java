package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule book: the same operations run through REST (the real server on a free port, a real HTTP client), MCP
 * (the official MCP Java SDK client over Streamable HTTP) and the CLI where it has the command (posts, comments, votes, boards, roles; the CLI acting as the same users with `--as`), and each adapter
 * must give the same outcome, the same error code and the same message. One server and fixture for the class.
 */
class CrossAdapterContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOARD = "contract";
    private static final Pattern TOOL_ERROR = Pattern.compile("(?s)(.*) \\(([a-z_]+)\\)(\\. .*)?");

    @TempDir
    static Path home;
    static Map<String, String> env;
    static RunguServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<McpSyncClient> CLIENTS = new ArrayList<>();
    static final AtomicInteger SEQ = new AtomicInteger();

    /** The callers: each a token for REST and an SDK client over MCP with the same token. */
    static Caller admin;
    static Caller member;
    static Caller other;
    static Caller reader;

    record Caller(String token, McpSyncClient mcp) {}

    /** What an adapter answered: {@code ok} with a summary of the result, or an error code with its message. */
    record Outcome(String code, String message) {
        static Outcome ok(String summary) {
            return new Outcome("ok", summary);
        }

        static Outcome error(ErrorCode code, String message) {
            return new Outcome(code.wire(), message);
        }

        /** How the CLI says the same: its exit code for the error code, and the message. */
        Outcome asCli() {
            int exit = code.equals("ok") ? ExitCode.OK : ExitCode.of(ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)));
            return new Outcome("exit " + exit, code.equals("ok") ? "ok" : message);
        }
    }

    @FunctionalInterface
    interface Call {
        Outcome run() throws Exception;
    }

    /** One operation of the table: what every adapter must answer, and how each adapter performs it. */
    record Case(String name, Outcome expected, Call rest, Call mcp, Call cli) {}

    @BeforeAll
    static void start() throws Exception {
        env = Map.of("RUNGU_DATA_DIR", home.toString(), "RUNGU_SECRET", "contract-test-secret-0123456789abcdefghij",
                "RUNGU_RATE_LIMITS", "false", "RUNGU_CACHE_TTL", "0s", "RUNGU_SECURE_COOKIES", "false");
        cli("login-link", "admin@example.com", "--admin", "--name", "Ada Admin");
        String adminToken = token("admin@example.com", "write");
        String memberToken = token("member@example.com", "write");
        String otherToken = token("other@example.com", "write");
        String readerToken = token("member@example.com", "read");

        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        server = RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", "", "http://localhost:3000"));
        base = "http://127.0.0.1:" + server.port();

        admin = new Caller(adminToken, mcp(adminToken));
        member = new Caller(memberToken, mcp(memberToken));
        other = new Caller(otherToken, mcp(otherToken));
        reader = new Caller(readerToken, mcp(readerToken));
        assertThat(rest(admin, "POST", "/api/projects", "{\"name\":\"Contract\",\"slug\":\"" + BOARD + "\"}", d -> "").code())
                .isEqualTo("ok");
    }

    @AfterAll
    static void stop() {
        CLIENTS.forEach(McpSyncClient::close);
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicContainer> every_adapter_meets_the_same_rule_with_the_same_code_and_message() {
        Outcome notFound = Outcome.error(ErrorCode.NOT_FOUND, "Post not found");
        Outcome statusRule = Outcome.error(ErrorCode.FORBIDDEN, "Only admins can change a post's status");
        Outcome trendingWindow = Outcome.error(ErrorCode.INVALID, "days must be between 1 and 365");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("create a post", Outcome.ok("open: Contract post"),
                        () -> rest(member, "POST", "/api/projects/" + BOARD + "/posts", "{\"title\":\"Contract post\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "create_post", Map.of("slug", BOARD, "title", "Contract post"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "create", BOARD, "--title", "Contract post", "--as", "member@example.com")),
                new Case("create a post with an unknown field",
                        Outcome.error(ErrorCode.INVALID, "Unknown field 'status'; allowed: category, description, title"),
                        () -> rest(member, "POST", "/api/projects/" + BOARD + "/posts",
                                "{\"title\":\"Sneaky\",\"status\":\"done\"}", CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "create_post", Map.of("slug", BOARD, "title", "Sneaky", "status", "done"),
                                d -> postSummary(d.get("post"))),
                        null),
                new Case("edit a post by its author", Outcome.ok("open: Edited"),
                        () -> rest(member, "PATCH", "/api/posts/" + post(member), "{\"title\":\"Edited\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "update_post", Map.of("id", post(member), "title", "Edited"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "edit", post(member), "--title", "Edited", "--as", "member@example.com")),
                new Case("edit someone else's post", Outcome.error(ErrorCode.FORBIDDEN, "You can only edit your own posts"),
                        () -> rest(other, "PATCH", "/api/posts/" + post(member), "{\"title\":\"Mine now\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(other, "update_post", Map.of("id", post(member), "title", "Mine now"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "edit", post(member), "--title", "Mine now", "--as", "other@example.com")),
                new Case("status change by the author", statusRule,
                        () -> rest(member, "PATCH", "/api/posts/" + post(member), "{\"status\":\"planned\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "update_post_status", Map.of("id", post(member), "status", "planned"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "status", post(member), "planned", "--as", "member@example.com")),
                new Case("status change by another member", statusRule,
                        () -> rest(other, "PATCH", "/api/posts/" + post(member), "{\"status\":\"planned\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(other, "update_post_status", Map.of("id", post(member), "status", "planned"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "status", post(member), "planned", "--as", "other@example.com")),
                new Case("status change by an admin", Outcome.ok("planned: Contract fixture"),
                        () -> rest(admin, "PATCH", "/api/posts/" + post(member), "{\"status\":\"planned\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(admin, "update_post_status", Map.of("id", post(member), "status", "planned"),
                                d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "status", post(member), "planned", "--as", "admin@example.com")),
                new Case("an official response by the author",
                        Outcome.error(ErrorCode.FORBIDDEN, "Only admins can give an official response"),
                        () -> rest(member, "PATCH", "/api/posts/" + post(member),
                                "{\"status\":\"open\",\"response\":\"Done it myself\"}", CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "update_post_status", Map.of("id", post(member), "status", "open",
                                "response", "Done it myself"), d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "status", post(member), "open", "--response", "Done it myself",
                                "--as", "member@example.com")),
                new Case("status change with an official response by an admin", Outcome.ok("done: Shipped in 2.3"),
                        () -> rest(admin, "PATCH", "/api/posts/" + post(member),
                                "{\"status\":\"done\",\"response\":\"Shipped in 2.3\"}", d -> responseSummary(d)),
                        () -> mcp(admin, "update_post_status", Map.of("id", post(member), "status", "done",
                                "response", "Shipped in 2.3"), d -> responseSummary(d.get("post"))),
                        null),
                new Case("a timeline page size out of range",
                        Outcome.error(ErrorCode.INVALID, "per_page must be between 1 and 100"),
                        () -> rest(member, "GET", "/api/posts/" + post(member) + "/timeline?per_page=0", null, d -> "listed"),
                        () -> mcp(member, "get_post_timeline", Map.of("id", post(member), "per_page", 0), d -> "listed"),
                        null),
                new Case("vote", Outcome.ok("voted, 1 vote"),
                        () -> rest(other, "POST", "/api/posts/" + post(member) + "/vote", null,
                                d -> voteSummary(d.get("voted").asBoolean(), d.get("vote_count").asInt())),
                        () -> mcp(other, "vote_post", Map.of("id", post(member)),
                                d -> voteSummary(d.get("voted").asBoolean(), d.get("vote_count").asInt())),
                        () -> cliOutcome("post", "vote", post(member), "--as", "other@example.com")),
                new Case("comment", Outcome.ok("Me too"),
                        () -> rest(other, "POST", "/api/posts/" + post(member) + "/comments", "{\"content\":\"Me too\"}",
                                d -> d.get("content").asText()),
                        () -> mcp(other, "add_comment", Map.of("post_id", post(member), "content", "Me too"),
                                d -> d.get("comment").get("content").asText()),
                        () -> cliOutcome("comment", "add", post(member), "Me too", "--as", "other@example.com")),
                new Case("delete a post by its author", Outcome.ok("deleted"),
                        () -> rest(member, "DELETE", "/api/posts/" + post(member), null, d -> "deleted"),
                        () -> mcp(member, "delete_post", Map.of("id", post(member)), d -> "deleted"),
                        () -> cliOutcome("post", "delete", post(member), "--as", "member@example.com")),
                new Case("get a missing post", notFound,
                        () -> rest(member, "GET", "/api/posts/no-such-post", null, CrossAdapterContractTest::postSummary),
                        () -> mcp(member, "get_post", Map.of("id", "no-such-post"), d -> postSummary(d.get("post"))),
                        () -> cliOutcome("post", "show", "no-such-post")),
                new Case("delete a missing post", notFound,
                        () -> rest(member, "DELETE", "/api/posts/no-such-post", null, d -> "deleted"),
                        () -> mcp(member, "delete_post", Map.of("id", "no-such-post"), d -> "deleted"),
                        () -> cliOutcome("post", "delete", "no-such-post", "--as", "member@example.com")),
                new Case("write with a read-only token", Outcome.error(ErrorCode.FORBIDDEN, RunguException.READ_ONLY_MESSAGE),
                        () -> rest(reader, "POST", "/api/projects/" + BOARD + "/posts", "{\"title\":\"Read only\"}",
                                CrossAdapterContractTest::postSummary),
                        () -> mcp(reader, "create_post", Map.of("slug", BOARD, "title", "Read only"),
                                d -> postSummary(d.get("post"))),
                        null),
                new Case("a page size out of range", Outcome.error(ErrorCode.INVALID, "per_page must be between 1 and 100"),
                        () -> rest(member, "GET", "/api/projects/" + BOARD + "/posts?per_page=500", null, d -> "listed"),
                        () -> mcp(member, "list_posts", Map.of("slug", BOARD, "per_page", 500), d -> "listed"),
                        () -> cliOutcome("post", "list", BOARD, "--per-page", "500")),
                new Case("a bad changelog since",
                        Outcome.error(ErrorCode.INVALID, "Invalid `since` timestamp; expected RFC 3339, e.g. 2026-01-31T00:00:00Z"),
                        () -> rest(member, "GET", "/api/projects/" + BOARD + "/changelog?since=yesterday", null, d -> "listed"),
                        () -> mcp(member, "get_changelog", Map.of("slug", BOARD, "since", "yesterday"), d -> "listed"),
                        null),
                new Case("create a board", Outcome.ok("created"),
                        () -> rest(admin, "POST", "/api/projects", "{\"name\":\"Board " + SEQ.incrementAndGet() + "\"}",
                                d -> "created"),
                        () -> mcp(admin, "create_project", Map.of("name", "Board " + SEQ.incrementAndGet()), d -> "created"),
                        () -> cliOutcome("project", "add", "Board " + SEQ.incrementAndGet())),
                new Case("create a board with a taken slug",
                        Outcome.error(ErrorCode.CONFLICT, "A board with slug '" + BOARD + "' already exists"),
                        () -> rest(admin, "POST", "/api/projects", "{\"name\":\"Again\",\"slug\":\"" + BOARD + "\"}",
                                d -> "created"),
                        () -> mcp(admin, "create_project", Map.of("name", "Again", "slug", BOARD), d -> "created"),
                        () -> cliOutcome("project", "add", "Again", "--slug", BOARD)),
                new Case("delete a board", Outcome.ok("deleted"),
                        () -> rest(admin, "DELETE", "/api/projects/" + board(), null, d -> "deleted"),
                        () -> mcp(admin, "delete_project", Map.of("slug", board()), d -> "deleted"),
                        () -> cliOutcome("project", "delete", board(), "--yes")),
                new Case("delete a missing board", Outcome.error(ErrorCode.NOT_FOUND, "Project not found"),
                        () -> rest(admin, "DELETE", "/api/projects/no-such-board", null, d -> "deleted"),
                        () -> mcp(admin, "delete_project", Map.of("slug", "no-such-board"), d -> "deleted"),
                        () -> cliOutcome("project", "delete", "no-such-board", "--yes")),
                new Case("erase someone else's account as a member", Outcome.error(ErrorCode.FORBIDDEN, "Admin access required"),
                        () -> rest(member, "DELETE", "/api/users/" + userId("admin@example.com"), null, d -> "erased"),
                        () -> mcp(member, "delete_user", Map.of("user_id", userId("admin@example.com")), d -> "erased"),
                        null),
                new Case("erase a missing account", Outcome.error(ErrorCode.NOT_FOUND, "User not found"),
                        () -> rest(admin, "DELETE", "/api/users/no-such-user", null, d -> "erased"),
                        () -> mcp(admin, "delete_user", Map.of("user_id", "no-such-user"), d -> "erased"),
                        null),
                new Case("set a bad role", Outcome.error(ErrorCode.INVALID, "Invalid role 'owner'; expected one of: member, admin"),
                        () -> rest(admin, "PATCH", "/api/users/" + userId("member@example.com"), "{\"role\":\"owner\"}",
                                d -> d.get("role").asText()),
                        null,
                        () -> cliOutcome("user", "role", "member@example.com", "owner"))));
        for (Object days : List.of(0, 1000, "abc")) {
            cases.add(new Case("trending with days=" + days, trendingWindow,
                    () -> rest(member, "GET", "/api/projects/" + BOARD + "/trending?days=" + days, null, d -> "listed"),
                    () -> mcp(member, "get_trending", Map.of("slug", BOARD, "days", days), d -> "listed"),
                    null));
        }
        return cases.stream().map(c -> DynamicContainer.dynamicContainer(c.name(), Stream.of(
                DynamicTest.dynamicTest("REST", () -> assertThat(c.rest().run()).isEqualTo(c.expected())),
                c.mcp() == null ? null
                        : DynamicTest.dynamicTest("MCP", () -> assertThat(c.mcp().run()).isEqualTo(c.expected())),
                c.cli() == null ? null
                        : DynamicTest.dynamicTest("CLI", () -> assertThat(c.cli().run()).isEqualTo(c.expected().asCli())))
                .filter(java.util.Objects::nonNull)));
    }

    // --- the adapters ---

    static Outcome rest(Caller as, String method, String path, String json, Function<JsonNode, String> summary)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + as.token())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 204) {
            return Outcome.ok(summary.apply(null));
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() < 300) {
            return Outcome.ok(summary.apply(body.get("data")));
        }
        assertThat(response.statusCode()).as(response.body())
                .isEqualTo(ErrorCode.valueOf(body.get("code").asText().toUpperCase(Locale.ROOT)).httpStatus());
        return new Outcome(body.get("code").asText(), body.get("error").asText());
    }

    static Outcome mcp(Caller as, String tool, Map<String, Object> args, Function<JsonNode, String> summary) {
        McpSchema.CallToolResult result = as.mcp().callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(new LinkedHashMap<>(args)).build());
        if (!Boolean.TRUE.equals(result.isError())) {
            return Outcome.ok(summary.apply(JSON.valueToTree(result.structuredContent())));
        }
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        Matcher m = TOOL_ERROR.matcher(text);
        assertThat(m.matches()).as("a tool error is '<message> (<code>)': " + text).isTrue();
        return new Outcome(m.group(2), m.group(1));
    }

    /** Runs a CLI command in-process on the server's database; success is exit 0, a failure one line on stderr. */
    static Outcome cliOutcome(String... args) {
        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        CliRun.Result r = run.run(args);
        if (r.exitCode() == ExitCode.OK) {
            return new Outcome("exit 0", "ok");
        }
        assertThat(r.err()).as(r.toString()).startsWith("rungu: ").endsWith("\n").hasLineCount(1);
        return new Outcome("exit " + r.exitCode(), r.err().substring("rungu: ".length()).strip());
    }

    // --- fixtures ---

    private static McpSyncClient mcp(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        CLIENTS.add(client);
        client.initialize();
        return client;
    }

    private static void cli(String... args) {
        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        CliRun.Result r = run.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private static String token(String email, String scope) {
        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        CliRun.Result r = run.run("token", "create", "--user", email, "--name", scope + " " + SEQ.incrementAndGet(),
                "--scope", scope);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out().strip();
    }

    /** A fresh post by {@code author} on the contract board. */
    private static String post(Caller author) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/projects/" + BOARD + "/posts"))
                .header("Authorization", "Bearer " + author.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Contract fixture\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("data").get("id").asText();
    }

    /** A fresh board to delete. */
    private static String board() throws Exception {
        String slug = "gone-" + SEQ.incrementAndGet();
        assertThat(rest(admin, "POST", "/api/projects", "{\"name\":\"Gone\",\"slug\":\"" + slug + "\"}", d -> "").code())
                .isEqualTo("ok");
        return slug;
    }

    private static String userId(String email) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/users?per_page=100"))
                .header("Authorization", "Bearer " + admin.token()).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode u : JSON.readTree(r.body()).get("data")) {
            if (u.get("email").asText().equals(email)) {
                return u.get("id").asText();
            }
        }
        throw new AssertionError("no user " + email + " in " + r.body());
    }

    private static String postSummary(JsonNode post) {
        return post.get("status").asText() + ": " + post.get("title").asText();
    }

    private static String responseSummary(JsonNode post) {
        return post.get("status").asText() + ": " + post.get("response").get("text").asText();
    }

    private static String voteSummary(boolean voted, int count) {
        return (voted ? "voted, " : "not voted, ") + count + (count == 1 ? " vote" : " votes");
    }
}
