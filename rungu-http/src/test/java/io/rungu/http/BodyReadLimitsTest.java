package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies cannot exhaust the server: nobody anonymous gets a body read, no buffer is sized from a declared
 * length, and only a few bodies are read at once. Raw sockets, so a request can declare what it never sends.
 */
class BodyReadLimitsTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account member;
    String postId;
    int port;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> {
            http.rateLimits.enabled = false;
            http.maxConcurrentBodyReads = 2;
        }, host -> {});
        s.board().createProject(s.admin(), new NewProject("App", "app", ""));
        member = s.member("Mia");
        postId = s.board().createPost(member, "app", new NewPost("Screenshot", "", null)).post().id();
        port = s.app.port();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** A raw HTTP/1.1 request whose headers are sent at once and whose body is whatever {@code body} holds. */
    Socket open(String method, String path, String contentType, long declaredLength, Actor actor, byte[] body) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + declaredLength + "\r\n"
                    + (actor == null ? "" : "X-Test-Actor: " + TestServer.header(actor) + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Answer(int status, String headers, JsonNode json) {}

    static Answer answer(Socket socket) {
        try (socket) {
            return read(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer on the socket, which stays open. */
    static Answer read(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the headers: " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Answer(Integer.parseInt(headers.substring(9, 12)), headers,
                    length == 0 ? null : TestServer.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anonymous_requests_declaring_huge_bodies_are_refused_before_any_read() {
        // Just under each limit, so only who is asking can refuse them; none of them sends a byte of its body.
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sockets.add(open("POST", "/api/posts/" + postId + "/attachments", "multipart/form-data; boundary=x",
                    Limits.ATTACHMENT_MAX_BYTES, null, new byte[0]));
            sockets.add(open("POST", "/api/projects/app/posts", "application/json", 1_000_000, null, new byte[0]));
        }
        for (Socket socket : sockets) {
            Answer a = answer(socket);
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().get("code").asText()).isEqualTo("unauthenticated");
        }
        assertThat(s.get("/health").status()).isEqualTo(200);
        assertThat(s.json("POST", "/api/projects/app/posts", member, "{\"title\":\"Still here\"}").status()).isEqualTo(201);
    }

    @Test
    void a_signed_in_request_declaring_more_than_the_limit_is_413_without_reading_it() {
        Answer json = answer(open("POST", "/api/projects/app/posts", "application/json", 2_000_000_000L, member, new byte[0]));
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.json().get("code").asText()).isEqualTo("too_large");
        Answer upload = answer(open("POST", "/api/posts/" + postId + "/attachments", "multipart/form-data; boundary=x",
                2_000_000_000L, member, new byte[0]));
        assertThat(upload.status()).isEqualTo(413);
    }

    @Test
    void past_the_concurrent_body_reads_a_request_is_503_until_one_finishes() throws IOException {
        // Every request sends the start of its body and then stalls, so each one the server reads keeps its read.
        // With two reads allowed, a later one is refused (which one depends on when each is dispatched).
        byte[] start = "{\"title\":".getBytes(StandardCharsets.UTF_8);
        List<Socket> stalled = new ArrayList<>();
        Answer busy = null;
        for (int i = 0; i < 10 && busy == null; i++) {
            Socket socket = open("POST", "/api/projects/app/posts", "application/json", 1000, member, start);
            stalled.add(socket);
            socket.setSoTimeout(500);
            try {
                busy = read(socket);
            } catch (UncheckedIOException stillReading) {
                socket.setSoTimeout(20_000);
            }
        }
        assertThat(busy).as("a request past the two reads in progress").isNotNull();
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.json().get("code").asText()).isEqualTo("unavailable");
        assertThat(busy.headers()).contains("Retry-After: 1");
        assertThat(stalled.size()).as("requests sent before one was refused").isGreaterThanOrEqualTo(3);

        for (Socket socket : stalled) {
            socket.close();
        }
        waitFor(() -> s.json("POST", "/api/projects/app/posts", member, "{\"title\":\"After\"}").status(), status -> status == 201);
        assertThat(s.get("/health").status()).isEqualTo(200);
    }

    @Test
    void body_read_and_cache_settings_out_of_range_are_refused_with_the_reason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunguPlugin(null, ctx -> null, c -> {
            c.maxConcurrentBodyReads = 0;
            c.postJsonCacheMegabytes = -1;
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConcurrentBodyReads must be at least 1, got 0")
                .hasMessageContaining("postJsonCacheMegabytes must be between 0 and 4096, got -1");
    }

    static <T> T waitFor(java.util.function.Supplier<T> attempt, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = attempt.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached; last answer: " + last);
            }
            Thread.onSpinWait();
            last = attempt.get();
        }
        return last;
    }
}
