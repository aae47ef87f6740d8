package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once webhooks across a crash: the packaged server queues a post.created message, its first attempt gets a
 * 500, the server is killed with SIGKILL while the retry is pending, and the restarted server delivers the same
 * message (same webhook-id, valid signature) to the now healthy receiver.
 */
class WebhooksKillIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, String> SETTINGS = Map.of("RUNGU_WEBHOOKS_ALLOW_PRIVATE", "true",
            "RUNGU_WEBHOOK_RETRY_DELAY", "4s");

    record Received(String id, String timestamp, String signature, String body) {}

    @TempDir
    Path dir;

    @Test
    void a_pending_delivery_survives_kill_9_and_arrives_after_the_restart() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        int[] status = {500};
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        receiver.start();
        int port = PackagedServer.freePort();
        PackagedServer server = PackagedServer.start(dir, port, SETTINGS);
        try {
            server.cli(SETTINGS, "login-link", "admin@example.com", "--admin");
            String token = server.cli(SETTINGS, "token", "create", "--user", "admin@example.com", "--name", "e2e",
                    "--scope", "write");
            server.cli(SETTINGS, "project", "add", "Ideas", "--slug", "ideas");
            String secret = server.cli(SETTINGS, "webhook", "add",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/in", "--events", "post.created");
            String hookId = JSON.readTree(server.cli(SETTINGS, "webhook", "list", "--json")).get(0).get("id").asText();

            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                            URI.create(server.origin() + "/api/projects/ideas/posts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Survives a crash\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            await("the first attempt", () -> received.size() == 1);
            // The failed attempt is recorded (its retry scheduled) before the crash, as the log shows.
            PackagedServer first0 = server;
            await("the failed attempt in the log", () -> log(first0, token, hookId).size() == 1);
            assertThat(log(first0, token, hookId).get(0).get("status_code").asInt()).isEqualTo(500);

            server.kill();
            status[0] = 204;
            server = PackagedServer.start(dir, port, SETTINGS);

            await("the retry after the restart", () -> received.size() >= 2);
            Received first = received.get(0);
            Received retry = received.get(received.size() - 1);
            assertThat(retry.id()).as("the same webhook-id").isEqualTo(first.id());
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(verify(retry, secret)).as("a valid signature").isTrue();
            assertThat(JSON.readTree(retry.body()).get("data").get("post").get("title").asText())
                    .isEqualTo("Survives a crash");
            PackagedServer restarted = server;
            await("the delivery in the log", () -> log(restarted, token, hookId).get(0).get("succeeded").asBoolean());
        } finally {
            server.close();
            receiver.stop(0);
        }
    }

    private static JsonNode log(PackagedServer server, String token, String hookId) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.origin() + "/api/webhooks/"
                    + hookId + "/deliveries")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).get("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The Standard Webhooks check: HMAC-SHA256 of id.timestamp.body keyed with the base64 after whsec_. */
    private static boolean verify(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return r.signature().startsWith("v1,")
                && MessageDigest.isEqual(expected, Base64.getDecoder().decode(r.signature().substring(3)));
    }
}
