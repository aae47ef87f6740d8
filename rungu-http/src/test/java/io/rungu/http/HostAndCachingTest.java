package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Host check when a public URL is configured, and no-store on answers about users, tokens and admins. */
class HostAndCachingTest {
    @TempDir
    Path dir;

    /** A raw HTTP/1.1 GET with a chosen Host header (java.net.http does not let a caller set Host). */
    private static String rawGet(TestServer s, String path, String host, String... headers) throws IOException {
        URI base = URI.create(s.base);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            StringBuilder request = new StringBuilder("GET " + base.getPath() + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void with_a_public_url_another_host_gets_a_json_400_and_the_own_host_and_loopback_pass() throws Exception {
        try (TestServer s = TestServer.start(dir, http -> {
            http.baseUrl = "https://feedback.example.com/";
            http.allowedHosts = List.of("rungu:3000");
        }, host -> {})) {
            String evil = rawGet(s, "/api/projects", "evil.example");
            assertThat(status(evil)).isEqualTo(400);
            assertThat(evil).contains("application/json").contains("\"code\":\"invalid\"").contains("evil.example");
            assertThat(status(rawGet(s, "/", "evil.example"))).as("the web app too").isEqualTo(400);
            assertThat(status(rawGet(s, "/api/projects", "feedback.example.com:8443"))).isEqualTo(400);

            assertThat(status(rawGet(s, "/api/projects", "feedback.example.com"))).isEqualTo(200);
            assertThat(status(rawGet(s, "/api/projects", "FEEDBACK.example.com:443"))).isEqualTo(200);
            assertThat(status(rawGet(s, "/api/projects", "rungu:3000"))).isEqualTo(200);
            assertThat(status(rawGet(s, "/api/projects", "127.0.0.1:1234"))).isEqualTo(200);
            assertThat(status(rawGet(s, "/api/projects", "localhost"))).isEqualTo(200);
            assertThat(status(rawGet(s, "/health", "10.0.0.7:3000"))).as("probes by IP").isEqualTo(200);
        }
    }

    @Test
    void without_a_public_url_any_host_is_served() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            assertThat(status(rawGet(s, "/api/projects", "evil.example"))).isEqualTo(200);
        }
    }

    @Test
    void a_bad_public_url_is_a_configuration_problem() {
        HttpConfig config = new HttpConfig();
        config.baseUrl = "feedback.example.com";
        assertThat(config.problems()).anyMatch(p -> p.startsWith("baseUrl"));
    }

    @Test
    void answers_about_users_tokens_and_admin_views_are_never_stored() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            Actor admin = s.admin();
            Actor member = s.member("Member");
            assertThat(s.get("/api/users", admin).header("Cache-Control")).isEqualTo("no-store");
            var me = s.json("PATCH", "/api/me", member, "{\"name\":\"New name\"}");
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.header("Cache-Control")).isEqualTo("no-store");
            assertThat(s.get("/auth/me", member).header("Cache-Control")).isEqualTo("no-store");
            assertThat(s.json("POST", "/api/projects", admin, "{\"name\":\"Ideas\"}").header("Cache-Control"))
                    .isEqualTo("no-store");
            assertThat(s.get("/api/projects").header("Cache-Control")).isNotEqualTo("no-store");
        }
    }
}
