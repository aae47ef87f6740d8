package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server sends webhooks: an endpoint registered with {@code rungu webhook add} receives a post created
 * through REST, signed as the Standard Webhooks specification says; the CLI lists, tests and deletes endpoints, and
 * refuses a loopback URL unless RUNGU_WEBHOOKS_ALLOW_PRIVATE is true.
 */
class WebhooksServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    record Received(Map<String, String> headers, String body) {}

    @Test
    void a_post_created_through_rest_reaches_a_registered_receiver_signed() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            var h = exchange.getRequestHeaders();
            Map<String, String> headers = new HashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                headers.put(name, h.getFirst(name));
            }
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/rungu";
        Map<String, String> env = new HashMap<>(Map.of("RUNGU_DATA_DIR", home.toString(),
                "RUNGU_SECRET", "webhook-test-secret-0123456789abcdefghijkl", "RUNGU_RATE_LIMITS", "false",
                "RUNGU_SECURE_COOKIES", "false"));
        try {
            CliRun.Result refused = run(env, "webhook", "add", url, "--events", "post.created");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.INVALID);
            assertThat(refused.err()).contains("private address");

            env.put("RUNGU_WEBHOOKS_ALLOW_PRIVATE", "true");
            run(env, "login-link", "admin@example.com", "--admin", "--name", "Ada");
            String token = run(env, "token", "create", "--user", "admin@example.com", "--name", "t", "--scope",
                    "write").out().strip();
            run(env, "project", "add", "Ideas", "--slug", "ideas");
            CliRun.Result added = run(env, "webhook", "add", url, "--events", "post.created,comment.created");
            assertThat(added.exitCode()).as(added.toString()).isZero();
            String secret = added.out().strip();
            assertThat(secret).startsWith("whsec_");
            JsonNode listed = JSON.readTree(run(env, "webhook", "list", "--json").out());
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).has("secret")).isFalse();
            String id = listed.get(0).get("id").asText();

            Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
            ServerSettings settings = ServerSettings.resolve(context.env, 0, "127.0.0.1", "", null);
            try (RunguServer server = RunguServer.start(context, settings)) {
                HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(server.publicUrl() + "/api/projects/ideas/posts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Dark mode\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String postId = JSON.readTree(created.body()).get("data").get("id").asText();
                long start = System.nanoTime();
                await(() -> !received.isEmpty());
                long millis = (System.nanoTime() - start) / 1_000_000;

                Received r = received.get(0);
                assertThat(verify(r, secret)).as("a valid Standard Webhooks signature").isTrue();
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("type").asText()).isEqualTo("post.created");
                assertThat(body.get("data").get("post").get("id").asText()).isEqualTo(postId);
                System.out.println("post.created reached the receiver " + millis + " ms after the REST answer");
            }
            JsonNode log = JSON.readTree(run(env, "webhook", "deliveries", id, "--json").out());
            assertThat(log.get(0).get("status_code").asInt()).isEqualTo(204);
            assertThat(run(env, "webhook", "test", id).out().strip()).startsWith("msg_");
            assertThat(run(env, "webhook", "delete", id).exitCode()).isZero();
            assertThat(run(env, "webhook", "list").out()).contains("No webhooks.");
        } finally {
            receiver.stop(0);
        }
    }

    private CliRun.Result run(Map<String, String> env, String... args) {
        CliRun run = CliRun.in(home);
        env.forEach(run::env);
        return run.run(args);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the webhook arrives").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The specification's check: HMAC-SHA256 of id.timestamp.body, keyed with the base64 after whsec_. */
    static boolean verify(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "."
                + r.body()).getBytes(StandardCharsets.UTF_8));
        String signature = r.headers().get("webhook-signature");
        return signature.startsWith("v1,")
                && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
    }
}
