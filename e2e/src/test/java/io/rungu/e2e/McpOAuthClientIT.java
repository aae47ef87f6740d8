package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show of issue 20: with nothing configured but the server's base URL, the official MCP TypeScript SDK
 * client ({@code @modelcontextprotocol/sdk} 1.x, e2e/mcp-oauth-client) given only {@code <base>/mcp} discovers Rungu's
 * authorization server, registers, is approved by a signed-in person on the consent API, exchanges the code with
 * PKCE and calls {@code create_post} on the packaged server; the post is in REST and in the audit log under the
 * client's name.
 */
class McpOAuthClientIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void the_typescript_sdk_client_connects_with_only_the_url_and_creates_a_post() throws Exception {
        Path client = Path.of("mcp-oauth-client").toAbsolutePath();
        npmCi(client);
        try (PackagedServer server = PackagedServer.start(dir)) {
            String cookie = cookie(server.signInLink("ada@example.com", true));
            HttpResponse<String> board = http.send(HttpRequest.newBuilder(URI.create(server.origin() + "/api/projects"))
                    .header("Cookie", cookie).header("Origin", server.origin())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ideas\",\"slug\":\"ideas\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(board.statusCode()).as(board.body()).isEqualTo(201);

            ProcessBuilder node = new ProcessBuilder("node", "client.mjs", server.origin() + "/mcp", "ideas")
                    .directory(client.toFile()).redirectErrorStream(true);
            node.environment().put("RUNGU_COOKIE", cookie);
            String out = run(node, 120);
            JsonNode result = MAPPER.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no result from the SDK client:\n" + out)));
            assertThat(result.get("registered").asBoolean()).as("dynamic client registration").isTrue();
            assertThat(result.get("isError").asBoolean()).as(out).isFalse();
            String postId = result.at("/result/post/id").asText();
            assertThat(postId).isNotEmpty();

            JsonNode post = get(server, "/api/posts/" + postId, cookie);
            assertThat(post.at("/data/title").asText()).isEqualTo("Filed through OAuth by the TypeScript SDK");
            JsonNode audit = get(server, "/api/audit?action=post.created", cookie).get("data");
            assertThat(audit.get(0).get("target").get("id").asText()).isEqualTo(postId);
            assertThat(audit.get(0).get("client").asText()).isEqualTo("TypeScript SDK e2e client");
            assertThat(audit.get(0).get("channel").asText()).isEqualTo("mcp_http");
            JsonNode apps = get(server, "/api/connected-apps", cookie).get("data");
            assertThat(apps.get(0).get("client_name").asText()).isEqualTo("TypeScript SDK e2e client");
        }
    }

    private JsonNode get(PackagedServer server, String path, String cookie) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.origin() + path))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    /** Opens a one-time sign-in link and returns its session cookie ("session=..."). */
    private String cookie(String link) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.discarding());
        String set = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie from " + link));
        return set.substring(0, set.indexOf(';'));
    }

    /** Installs the locked SDK version once (from npm's cache when it has it). */
    private static void npmCi(Path client) throws Exception {
        if (Files.isDirectory(client.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return;
        }
        run(new ProcessBuilder(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"))
                .directory(client.toFile()).redirectErrorStream(true), 300);
    }

    private static String run(ProcessBuilder builder, int seconds) throws Exception {
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("finished in time").isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", builder.command()) + ":\n" + out).isZero();
        return out;
    }
}
