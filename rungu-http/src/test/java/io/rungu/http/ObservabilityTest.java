package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.store.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, X-Request-Id and the access log, through the real server. */
class ObservabilityTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** The plugin with a resolver that fails like a bug when asked to (X-Boom), on a server of its own. */
    private record Server(TestStores stores, Javalin app, String base) implements AutoCloseable {
        static Server start(Path dir, Consumer<HttpConfig> http) {
            TestStores stores = TestStores.open(dir);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.registerPlugin(new RunguPlugin(stores.store(), ctx -> {
                    if (ctx.header("X-Boom") != null) {
                        throw new IllegalStateException("a bug with a secret path /etc/x");
                    }
                    return TestServer.resolve(ctx);
                }, http));
            }).start("127.0.0.1", 0);
            HttpConfig probe = new HttpConfig();
            http.accept(probe);
            return new Server(stores, app, "http://127.0.0.1:" + app.port() + HttpConfig.normalise(probe.basePath));
        }

        HttpResponse<String> get(String path, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (headers.length > 0) {
                b.headers(headers);
            }
            try {
                return CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            app.stop();
            stores.close();
        }
    }

    @Test
    void metricsAreOffByDefaultAndTheRouteDoesNotExist() {
        try (Server s = Server.start(dir, http -> http.serveWebApp = false)) {
            HttpResponse<String> r = s.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("rungu_");
        }
    }

    @Test
    void countersMoveWithTrafficAndEveryLineIsValidExpositionFormat() throws Exception {
        try (Server s = Server.start(dir, http -> {
            http.metrics = true;
            http.basePath = "/feedback";
        })) {
            Actor.Account admin = s.stores().admin("Ada");
            s.stores().board().createProject(admin, new io.rungu.model.NewProject("App", "app", ""));
            String postId = s.stores().board().createPost(admin, "app", new io.rungu.model.NewPost("A post", "", null)).post().id();
            Map<String, Double> before = samples(scrape(s));
            s.get("/api/posts/" + postId);
            s.get("/api/posts/" + postId);
            s.get("/api/projects");
            s.get("/api/projects");
            s.get("/api/posts/no-such-post");
            s.get("/api/posts/another-one");
            String text = scrape(s);
            Map<String, Double> after = samples(text);

            String ok = "rungu_http_requests_total{route=\"/feedback/api/projects\",method=\"GET\",status=\"200\"}";
            assertThat(after.get(ok)).isEqualTo(before.getOrDefault(ok, 0.0) + 2);
            String missing = "rungu_http_requests_total{route=\"/feedback/api/posts/{id}\",method=\"GET\",status=\"404\"}";
            assertThat(after.get(missing)).isEqualTo(2.0);
            assertThat(after.get("rungu_http_requests_total{route=\"/feedback/api/posts/{id}\",method=\"GET\",status=\"200\"}"))
                    .isEqualTo(2.0);
            assertThat(text).doesNotContain(postId);
            // The first answer renders the post (through the kept post JSON); the second is the kept answer's bytes.
            assertThat(after.get("rungu_kept_answer_misses_total")).isEqualTo(before.get("rungu_kept_answer_misses_total") + 1);
            assertThat(after.get("rungu_kept_answer_hits_total")).isEqualTo(before.get("rungu_kept_answer_hits_total") + 1);
            assertThat(after.get("rungu_post_json_cache_misses_total") + after.get("rungu_post_json_cache_hits_total"))
                    .isEqualTo(before.get("rungu_post_json_cache_misses_total") + before.get("rungu_post_json_cache_hits_total") + 1);
            assertThat(text).doesNotContain("no-such-post").doesNotContain("another-one");
            String count = "rungu_http_request_duration_seconds_count{route=\"/feedback/api/projects\",method=\"GET\"}";
            assertThat(after.get(count)).isEqualTo(before.getOrDefault(count, 0.0) + 2);
            assertThat(after.get("rungu_http_request_duration_seconds_bucket{route=\"/feedback/api/projects\",method=\"GET\",le=\"+Inf\"}"))
                    .isEqualTo(after.get(count));
            assertThat(after.get("rungu_jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
            assertThat(after.get("rungu_process_uptime_seconds")).isPositive();
            assertThat(after.keySet()).anyMatch(k -> k.startsWith("rungu_jvm_gc_collections_total{gc="));
            assertThat(after.get("rungu_jvm_threads{state=\"live\"}")).isPositive();
            // The store's own numbers (RunguStore.stats, outboxBacklog): SQLite's pools, idle between requests.
            assertThat(after.get("rungu_db_connections{pool=\"write\"}")).isEqualTo(1.0);
            assertThat(after.get("rungu_db_connections{pool=\"read\"}")).isPositive();
            assertThat(after.get("rungu_db_connections_in_use{pool=\"write\"}")).isZero();
            assertThat(after.get("rungu_db_connections_waiting{pool=\"write\"}")).isZero();
            assertThat(after.get("rungu_outbox_backlog")).isZero();
            s.get("/api/projects/app/posts");
            s.get("/api/projects/app/posts");
            Map<String, Double> later = samples(scrape(s));
            assertThat(later.get("rungu_store_cache_hits_total") + later.get("rungu_store_cache_misses_total"))
                    .isGreaterThan(after.get("rungu_store_cache_hits_total") + after.get("rungu_store_cache_misses_total"));
        }
    }

    private static String scrape(Server s) {
        HttpResponse<String> r = s.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return r.body();
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=(" + LABEL_VALUE + ")");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE
            + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE + ")*)?\\})? (-?[0-9.eE+-]+|[+-]Inf|NaN)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") [^\\n]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    /**
     * Checks every line against the text format 0.0.4 (HELP and TYPE before a family's samples, each family once,
     * histogram series complete and cumulative) and returns the samples by series.
     */
    static Map<String, Double> samples(String text) {
        assertThat(text).endsWith("\n");
        Map<String, Double> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        String family = null;
        Map<String, List<Double>> buckets = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                assertThat(helped.add(m.group(1))).as("one HELP per family: %s", line).isTrue();
                family = m.group(1);
            } else if ((m = TYPE.matcher(line)).matches()) {
                assertThat(m.group(1)).as("TYPE follows its HELP").isEqualTo(family);
                assertThat(types.put(m.group(1), m.group(2))).as("one TYPE per family").isNull();
            } else {
                m = SAMPLE.matcher(line);
                assertThat(m.matches()).as("a sample line: %s", line).isTrue();
                String name = m.group(1);
                assertThat(name).startsWith("rungu_");
                String type = types.get(family);
                String base = name.replaceAll("_(bucket|sum|count)$", "");
                assertThat(type.equals("histogram") ? base : name).as("sample of the current family: %s", line).isEqualTo(family);
                if (type.equals("counter")) {
                    assertThat(name).endsWith("_total");
                }
                String labels = m.group(2) == null ? "" : m.group(2);
                Matcher lm = LABEL.matcher(labels);
                Set<String> labelNames = new HashSet<>();
                while (lm.find()) {
                    assertThat(labelNames.add(lm.group(1))).as("labels unique: %s", line).isTrue();
                }
                double value = Double.parseDouble(m.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
                assertThat(samples.put(name + labels, value)).as("series once: %s", line).isNull();
                if (name.endsWith("_bucket")) {
                    assertThat(labelNames).contains("le");
                    String series = labels.replaceAll(",?le=\"[^\"]*\"", "");
                    buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(value);
                    if (labels.contains("le=\"+Inf\"")) {
                        List<Double> b = buckets.get(series);
                        for (int i = 1; i < b.size(); i++) {
                            assertThat(b.get(i)).as("buckets cumulative: %s", series).isGreaterThanOrEqualTo(b.get(i - 1));
                        }
                        String countKey = base + "_count" + series;
                        assertThat(text).contains(countKey + " " + (long) value);
                    }
                }
            }
        }
        assertThat(types.keySet()).isEqualTo(helped);
        return samples;
    }

    @Test
    void aMetricsTokenIsRequiredAsABearerToken() {
        String token = "0123456789abcdef-scrape";
        try (Server s = Server.start(dir, http -> {
            http.metrics = true;
            http.metricsToken = token;
        })) {
            assertThat(s.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(s.get("/metrics", "Authorization", "Bearer wrong-token-wrong-token").statusCode()).isEqualTo(401);
            assertThat(s.get("/metrics", "Authorization", "Bearer " + token.substring(1)).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = s.get("/metrics", "Authorization", "Bearer " + token);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("rungu_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"401\"} 3");
        }
    }

    @Test
    void aTokenWithoutMetricsIsAConfigurationProblem() {
        HttpConfig c = new HttpConfig();
        c.metricsToken = "0123456789abcdef-scrape";
        assertThat(c.problems()).anyMatch(p -> p.contains("metricsToken is set but metrics is off"));
        c.metrics = true;
        c.metricsToken = "short";
        assertThat(c.problems()).anyMatch(p -> p.contains("at least 16"));
    }

    @Test
    void everyResponseCarriesARequestIdAndA500NamesTheSameOne() throws Exception {
        try (Server s = Server.start(dir, http -> {})) {
            HttpResponse<String> generated = s.get("/api/projects");
            String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches("[A-Za-z0-9._-]{1,64}");
            assertThat(s.get("/api/projects").headers().firstValue("X-Request-Id")).isPresent().isNotEqualTo(java.util.Optional.of(id));
            assertThat(s.get("/api/nothing-here").headers().firstValue("X-Request-Id")).isPresent();

            assertThat(s.get("/api/projects", "X-Request-Id", "lb-42.abc_DEF").headers().firstValue("X-Request-Id"))
                    .hasValue("lb-42.abc_DEF");
            for (String unsafe : List.of("has space", "x".repeat(65), "quote\"", "semi;colon")) {
                String answered = s.get("/api/projects", "X-Request-Id", unsafe).headers().firstValue("X-Request-Id").orElseThrow();
                assertThat(answered).isNotEqualTo(unsafe).matches("[A-Za-z0-9._-]{1,64}");
            }

            HttpResponse<String> boom = s.get("/api/projects", "X-Boom", "1", "X-Request-Id", "trace-777");
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.headers().firstValue("X-Request-Id")).hasValue("trace-777");
            JsonNode body = TestServer.MAPPER.readTree(boom.body());
            assertThat(body.path("request_id").asText()).isEqualTo("trace-777");
            assertThat(boom.body()).doesNotContain("/etc/x");

            HttpResponse<String> boomGenerated = s.get("/api/projects", "X-Boom", "1");
            assertThat(TestServer.MAPPER.readTree(boomGenerated.body()).path("request_id").asText())
                    .isEqualTo(boomGenerated.headers().firstValue("X-Request-Id").orElseThrow());
        }
    }

    @Test
    void jsonAccessLogHasOneLinePerRequestWithTheRouteTemplateAndNoEmail() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Server s = Server.start(dir, http -> {
            http.accessLog = HttpConfig.AccessLog.JSON;
            http.accessLogSink = lines::add;
        })) {
            Actor.Account member = s.stores().member("Mia Member");
            s.get("/api/posts/some-secret-slug", "X-Request-Id", "req-1");
            s.get("/api/projects", "X-Test-Actor", TestServer.header(member), "X-Request-Id", "req-2");
            assertThat(lines).hasSize(2);
            JsonNode first = TestServer.MAPPER.readTree(lines.get(0));
            assertThat(fieldNames(first)).containsExactly("time", "request_id", "method", "route", "status", "duration_ms",
                    "user_id", "client_ip");
            assertThat(first.path("request_id").asText()).isEqualTo("req-1");
            assertThat(first.path("route").asText()).isEqualTo("/api/posts/{id}");
            assertThat(first.path("status").asInt()).isEqualTo(404);
            assertThat(first.path("user_id").isNull()).isTrue();
            assertThat(first.path("client_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(first.path("duration_ms").isNumber()).isTrue();
            assertThat(java.time.Instant.parse(first.path("time").asText())).isNotNull();
            assertThat(lines.get(0)).doesNotContain("some-secret-slug");

            JsonNode second = TestServer.MAPPER.readTree(lines.get(1));
            assertThat(second.path("route").asText()).isEqualTo("/api/projects");
            assertThat(second.path("status").asInt()).isEqualTo(200);
            assertThat(second.path("user_id").asText()).isEqualTo(member.userId());
            assertThat(lines.get(1)).doesNotContain("@");
        }
    }

    @Test
    void noAccessLogByDefaultAndTextWhenAsked() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Server s = Server.start(dir, http -> http.accessLogSink = lines::add)) {
            s.get("/api/projects");
            assertThat(lines).isEmpty();
        }
        try (Server s = Server.start(dir.resolve("text"), http -> {
            http.accessLog = HttpConfig.AccessLog.TEXT;
            http.accessLogSink = lines::add;
        })) {
            s.get("/api/posts/x1", "X-Request-Id", "r-9");
            assertThat(lines).singleElement().asString().matches("GET /api/posts/\\{id\\} 404 [0-9.]+ms r-9");
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
