package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUNGU_METRICS, RUNGU_METRICS_TOKEN, RUNGU_LOG_FORMAT and RUNGU_API_DOCS on the packaged server. */
class OperationsSettingsTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    private RunguServer start() {
        env.put("RUNGU_DATA_DIR", home.toString());
        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        ServerSettings settings = ServerSettings.resolve(context.env, 0, "127.0.0.1", "", "http://localhost:3000");
        return RunguServer.start(context, settings);
    }

    private HttpResponse<String> get(RunguServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_are_off_unless_asked_for() throws Exception {
        try (RunguServer server = start()) {
            HttpResponse<String> r = get(server, "/metrics");
            assertThat(r.headers().firstValue("Content-Type").orElse("")).doesNotContain("version=0.0.4");
            assertThat(r.body()).doesNotContain("rungu_http_requests_total");
        }
    }

    @Test
    void metrics_with_a_token_count_the_traffic() throws Exception {
        env.put("RUNGU_METRICS", "true");
        env.put("RUNGU_METRICS_TOKEN", "scrape-token-0123456789");
        try (RunguServer server = start()) {
            get(server, "/api/projects");
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = get(server, "/metrics", "Authorization", "Bearer scrape-token-0123456789");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("rungu_http_requests_total{route=\"/api/projects\",method=\"GET\",status=\"200\"} 1\n");
        }
    }

    @Test
    void api_docs_can_be_turned_off() throws Exception {
        try (RunguServer server = start()) {
            assertThat(get(server, "/api/docs").statusCode()).isEqualTo(200);
        }
        env.put("RUNGU_API_DOCS", "false");
        try (RunguServer server = start()) {
            assertThat(get(server, "/api/docs").statusCode()).isEqualTo(404);
            assertThat(get(server, "/api/openapi.json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_token_without_metrics_or_an_unknown_log_format_stops_the_server() {
        env.put("RUNGU_METRICS_TOKEN", "scrape-token-0123456789");
        assertThatThrownBy(this::start).isInstanceOf(CliException.class).hasMessageContaining("RUNGU_METRICS=true");
        env.remove("RUNGU_METRICS_TOKEN");
        env.put("RUNGU_LOG_FORMAT", "xml");
        assertThatThrownBy(this::start).isInstanceOf(CliException.class).hasMessageContaining("RUNGU_LOG_FORMAT must be text, json or none");
    }

    @Test
    void live_stream_settings_apply_and_bad_ones_stop_the_server() throws Exception {
        env.put("RUNGU_LIVE_STREAMS_PER_IP", "1");
        env.put("RUNGU_LIVE_HEARTBEAT", "1s");
        try (RunguServer server = start()) {
            String board = "/api/projects/no-such-board/events";
            assertThat(get(server, board).statusCode()).isEqualTo(404);
        }
        env.put("RUNGU_LIVE", "false");
        try (RunguServer server = start()) {
            assertThat(get(server, "/api/openapi.json").body()).doesNotContain("/events");
        }
        env.put("RUNGU_LIVE_STREAMS_PER_IP", "many");
        assertThatThrownBy(this::start).isInstanceOf(CliException.class)
                .hasMessageContaining("RUNGU_LIVE_STREAMS_PER_IP must be a whole number");
        env.put("RUNGU_LIVE_STREAMS_PER_IP", "0");
        assertThatThrownBy(this::start).isInstanceOf(CliException.class)
                .hasMessageContaining("live.streamsPerIp must be between 1 and 10000");
    }

    @Test
    void json_access_logs_are_bare_json_lines_on_stdout() throws Exception {
        env.put("RUNGU_LOG_FORMAT", "JSON");
        try (RunguServer server = start()) {
            HttpResponse<String> r = get(server, "/api/posts/a-post-slug", "X-Request-Id", "edge-1");
            assertThat(r.headers().firstValue("X-Request-Id")).hasValue("edge-1");
        }
        List<String> lines = Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> l.startsWith("{")).toList();
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("request_id").asText()).isEqualTo("edge-1");
        assertThat(line.path("route").asText()).isEqualTo("/api/posts/{id}");
        assertThat(line.path("status").asInt()).isEqualTo(404);
        assertThat(line.path("client_ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void healthcheck_url_is_healthy_only_on_a_200() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (RunguServer server = start()) {
            String base = "http://127.0.0.1:" + server.port();
            CliRun.Result ok = CliRun.in(home).run("healthcheck", "--url", base + "/health");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.out()).isEqualTo("OK" + System.lineSeparator());

            CliRun.Result missing = CliRun.in(home).run("healthcheck", "--url", base + "/health/nothing");
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCode.FAILURE);
            assertThat(missing.err()).contains("answered 404");
        }
        CliRun.Result down = CliRun.in(home).run("healthcheck", "--url", "http://127.0.0.1:" + closedPort + "/health");
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(down.err()).contains("cannot reach");

        CliRun.Result wrong = CliRun.in(home).run("healthcheck", "--url", "ftp://127.0.0.1/health");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.USAGE);
    }
}
