package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.store.RunguStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server's security settings: base path redirects, the Host check and upload quotas. */
class SecuritySettingsTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Context context() {
        env.put("RUNGU_DATA_DIR", home.toString());
        return new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    private RunguServer start(String basePath, String baseUrl) {
        Context context = context();
        return RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", basePath, baseUrl));
    }

    private static String rawGet(int port, String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void after_signing_in_under_a_base_path_the_browser_stays_under_it() throws Exception {
        try (RunguServer server = start("/fb", null)) {
            String link = server.firstAdminLink();
            assertThat(link).contains("/fb/auth/link/");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + URI.create(link).getPath() + "?redirect=%2Fboard%2Fmain"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains("/fb/board/main");
        }
    }

    @Test
    void a_configured_public_url_refuses_other_hosts_and_the_default_one_does_not() throws Exception {
        env.put("RUNGU_ALLOWED_HOSTS", "rungu:3000");
        try (RunguServer server = start("", "https://feedback.example.com")) {
            assertThat(rawGet(server.port(), "/api/projects", "evil.example")).startsWith("HTTP/1.1 400");
            assertThat(rawGet(server.port(), "/api/projects", "feedback.example.com")).startsWith("HTTP/1.1 200");
            assertThat(rawGet(server.port(), "/api/projects", "rungu:3000")).startsWith("HTTP/1.1 200");
        }
        try (RunguServer server = start("", null)) {
            assertThat(rawGet(server.port(), "/api/projects", "192.168.1.20:3000")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void upload_quotas_are_read_as_sizes() {
        env.put("RUNGU_UPLOAD_QUOTA_USER", "512KiB");
        env.put("RUNGU_UPLOAD_QUOTA_TOTAL", "5GiB");
        try (RunguStore store = context().openStore()) {
            assertThat(store.config().uploadQuotaPerUser).isEqualTo(512L * 1024);
            assertThat(store.config().uploadQuotaTotal).isEqualTo(5L << 30);
        }
        env.remove("RUNGU_UPLOAD_QUOTA_USER");
        env.remove("RUNGU_UPLOAD_QUOTA_TOTAL");
        try (RunguStore store = context().openStore()) {
            assertThat(store.config().uploadQuotaPerUser).isEqualTo(200L * 1024 * 1024);
            assertThat(store.config().uploadQuotaTotal).isZero();
        }
        env.put("RUNGU_UPLOAD_QUOTA_USER", "none");
        try (RunguStore store = context().openStore()) {
            assertThat(store.config().uploadQuotaPerUser).isZero();
        }
        env.put("RUNGU_UPLOAD_QUOTA_USER", "200MB");
        assertThatThrownBy(() -> context().openStore()).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(e.getMessage()).startsWith("RUNGU_UPLOAD_QUOTA_USER: ").contains("200MiB");
        });
    }
}
