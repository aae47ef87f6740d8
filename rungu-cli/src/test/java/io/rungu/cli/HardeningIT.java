package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack cases of the security review (issue #17), replayed against the packaged jar: one {@code rungu serve}
 * process with a small heap behind a trusted proxy setting, a real SMTP server for email sign-in, and plain HTTP
 * clients and raw sockets as the attacker. Each test names the review item it replays.
 */
class HardeningIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static GreenMail mail;
    private static Process server;
    private static Path stderr;
    private static Map<String, String> env;
    private static String base;
    private static String project;
    /** An admin's write token, for the cases where who writes does not matter. */
    private static String admin;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Path data = Files.createDirectory(dir.resolve("data"));
        env = new HashMap<>();
        env.put("RUNGU_DATA_DIR", data.toString());
        env.put("RUNGU_SMTP_URL", "smtp://127.0.0.1:" + mail.getSmtp().getPort());
        env.put("RUNGU_MAIL_FROM", "Feedback <feedback@example.test>");
        env.put("RUNGU_TRUST_FORWARDED_FOR", "true");
        env.put("RUNGU_UPLOAD_QUOTA_USER", "64KiB");
        Map<String, String> serverEnv = new HashMap<>(env);
        serverEnv.put("JAVA_TOOL_OPTIONS", "-Xmx160m");
        Path stdout = dir.resolve("stdout.txt");
        stderr = dir.resolve("stderr.txt");
        server = FatJar.command(serverEnv, "serve", "--port", "0", "--host", "127.0.0.1")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        base = "http://127.0.0.1:" + FatJar.awaitPort(server, stdout);
        project = "attacks";
        admin = token("admin@example.test", "write", null, "--admin");
        HttpResponse<String> created = send(post("/api/projects", admin, "{\"name\":\"Attacks\",\"slug\":\"attacks\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** A token for a user (made an admin first when asked, through a sign-in link of the CLI). */
    private static String token(String email, String scope, String expires, String... linkFlags) throws Exception {
        if (linkFlags.length > 0) {
            List<String> args = new ArrayList<>(List.of("login-link", email));
            args.addAll(List.of(linkFlags));
            CliRun.Result link = FatJar.run(env, args.toArray(String[]::new));
            assertThat(link.exitCode()).as(link.toString()).isZero();
        }
        List<String> args = new ArrayList<>(List.of("token", "create", "--user", email, "--name", "it", "--scope", scope));
        if (expires != null) {
            args.addAll(List.of("--expires", expires));
        }
        CliRun.Result result = FatJar.run(env, args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().trim();
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest post(String path, String token, String json) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String newPost(String token, String title) throws Exception {
        HttpResponse<String> r = send(post("/api/projects/" + project + "/posts", token,
                "{\"title\":\"" + title + "\",\"description\":\"d\"}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("data").path("id").asText();
    }

    private static long stackTraceLines() throws IOException {
        try (Stream<String> lines = Files.lines(stderr)) {
            return lines.filter(line -> line.startsWith("\tat ") || line.contains("Exception:")).count();
        }
    }

    @Test
    void item1_a_kelvin_sign_email_gets_no_sign_in_link() throws Exception {
        CliRun.Result victim = FatJar.run(env, "login-link", "victim.kim@example.test");
        assertThat(victim.exitCode()).as(victim.toString()).isZero();

        HttpResponse<String> kelvin = send(post("/auth/email", null, "{\"email\":\"victim.\\u212Aim@example.test\"}"));
        HttpResponse<String> control = send(post("/auth/email", null, "{\"email\":\"control@example.test\"}"));

        // The look-alike is refused as input (whether or not an account exists), so no link reaches victim.kim's
        // mailbox; the control address gets the usual answer and its link.
        assertThat(kelvin.statusCode()).as(kelvin.body()).isEqualTo(400);
        assertThat(kelvin.body()).contains("change under Unicode case mapping");
        assertThat(control.statusCode()).isEqualTo(202);
        assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("control@example.test");
    }

    @Test
    void item2_anonymous_slow_uploads_are_refused_before_their_bodies_are_read() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket socket = new Socket("127.0.0.1", URI.create(base).getPort());
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/projects/" + project + "/posts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{\"title\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                String status = statusLine(socket.getInputStream());
                // 401 (no credentials), 413, 503 (too many bodies at once) or 429 (this address's write limit, which
                // earlier tests of the class may have used up): each is an answer before any body byte is read.
                assertThat(status).as("answered without waiting for 100 MiB").matches("HTTP/1\\.1 (401|413|429|503) .*");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(send(request("/health", null).build()).statusCode()).isEqualTo(200);
        assertThat(Files.readString(stderr)).doesNotContain("OutOfMemoryError");
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
    }

    @Test
    void item4_rotating_the_client_controlled_forwarded_for_does_not_escape_the_sign_in_limit() throws Exception {
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = send(request("/auth/link/not-a-link-" + i, null)
                    .header("X-Forwarded-For", "10.9." + i + ".1, 203.0.113.9").build());
            if (r.statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("the client is the rightmost address, so 30 sign-ins meet the limit of 20").isGreaterThan(0);
    }

    @Test
    void item5_mcp_tool_calls_that_write_are_charged_to_the_write_limit() throws Exception {
        String token = token("agent.burst@example.test", "write", null);
        String postId = newPost(token, "Burst target");
        HttpResponse<String> init = send(request("/mcp", token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"burst\",\"version\":\"1\"}}}")).build());
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        int accepted = 0;
        int refused = 0;
        String lastRefusal = "";
        long started = System.nanoTime();
        for (int i = 0; i < 80; i++) {
            HttpResponse<String> r = send(request("/mcp", token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-11-25")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 2)
                            + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add_comment\",\"arguments\":"
                            + "{\"post_id\":\"" + postId + "\",\"content\":\"burst " + i + "\"}}}")).build());
            if (r.statusCode() == 429 || r.body().contains("Too many requests")) {
                refused++;
                lastRefusal = r.body();
            } else if (r.statusCode() == 200 && !r.body().contains("\"isError\":true")) {
                accepted++;
            }
        }
        assertThat(refused).as("past the write limit the calls are refused").isPositive();
        assertThat(lastRefusal).contains("retry in");
        // The write bucket holds 60 and refills one a second: the REST post and the burst share it.
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
        assertThat(accepted).as("writes accepted in %d s", seconds).isLessThanOrEqualTo((int) (59 + seconds));
    }

    @Test
    void item6_a_read_only_token_cannot_sign_its_owner_out_and_logout_with_a_token_says_what_it_does() throws Exception {
        String read = token("reader@example.test", "read", null);

        HttpResponse<String> everywhere = send(post("/auth/logout-everywhere", read, "{}"));
        HttpResponse<String> logout = send(post("/auth/logout", read, ""));

        assertThat(everywhere.statusCode()).isEqualTo(403);
        assertThat(logout.statusCode()).isEqualTo(400);
        assertThat(logout.body()).contains("an API token stays valid until you revoke it");
        assertThat(send(request("/auth/me", read).build()).statusCode()).as("the token still works").isEqualTo(200);
    }

    @Test
    void item7_deep_json_and_huge_numbers_are_a_400_without_a_stack_trace() throws Exception {
        String token = admin;
        long before = stackTraceLines();

        HttpResponse<String> deep = send(post("/api/projects/" + project + "/posts", token, "[".repeat(200_000)));
        HttpResponse<String> number = send(post("/api/projects/" + project + "/posts", token,
                "{\"title\":" + "9".repeat(2_000_000) + "}"));

        for (HttpResponse<String> r : List.of(deep, number)) {
            assertThat(r.statusCode()).as(r.body()).isIn(400, 413);
            assertThat(r.body()).containsAnyOf("\"invalid\"", "\"too_large\"");
        }
        assertThat(stackTraceLines()).as("no stack trace in the log").isEqualTo(before);
    }

    @Test
    void item8_a_token_with_an_expiry_stops_working_after_it() throws Exception {
        String token = token("short@example.test", "read", "1s");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int status;
        do {
            status = send(request("/auth/me", token).build()).statusCode();
            if (status == 401) {
                break;
            }
            Thread.sleep(100); // waiting for the clock, not for the server: the expiry is a point in time
        } while (System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
    }

    @Test
    void item9_a_fake_png_is_refused_and_the_user_quota_holds() throws Exception {
        String token = token("uploader@example.test", "write", null);
        String postId = newPost(token, "Pictures");

        byte[] polyglot = ("\u0089PNG\r\n\u001a\n<html><script>alert(1)</script></html>").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> fake = upload(token, postId, polyglot);
        HttpResponse<String> overQuota = upload(token, postId, noisePng(256, 256));

        assertThat(fake.statusCode()).as(fake.body()).isEqualTo(400);
        assertThat(overQuota.statusCode()).as(overQuota.body()).isEqualTo(409);
        assertThat(overQuota.body()).contains("64 KiB");
    }

    private static byte[] noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(17);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static HttpResponse<String> upload(String token, String postId, byte[] png) throws Exception {
        String boundary = "----rungu-it";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(request("/api/posts/" + postId + "/attachments", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    @Test
    void hardening_method_override_cache_control_file_modes_and_health_methods() throws Exception {
        String token = admin;

        HttpResponse<String> override = send(request("/api/projects", token)
                .header("X-HTTP-Method-Override", "DELETE").GET().build());
        HttpResponse<String> me = send(request("/auth/me", token).build());
        HttpResponse<String> tokens = send(request("/api/tokens", token).build());
        HttpResponse<String> healthPost = send(request("/health", null).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(override.statusCode()).isEqualTo(400);
        assertThat(me.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(tokens.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(healthPost.statusCode()).isEqualTo(405);
        assertThat(healthPost.body()).contains("\"method_not_allowed\"");
        Path data = Path.of(env.get("RUNGU_DATA_DIR"));
        for (String file : List.of("rungu.db", "secret")) {
            assertThat(Files.getPosixFilePermissions(data.resolve(file)))
                    .as(file + " is readable by its owner only")
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }
}
