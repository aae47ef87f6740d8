package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boards named in other scripts get readable slugs that work, percent-encoded, in API and web-app URLs. */
class UnicodeSlugTest {
    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DATA_DIR", home.toString());
    }

    @Test
    void the_cli_transliterates_latin_accents_and_keeps_other_letters() {
        assertThat(cli().run("project", "add", "Café Résumé").out()).contains("Created project: Café Résumé (cafe-resume)");
        assertThat(cli().run("project", "add", "日本語ボード").out()).contains("Created project: 日本語ボード (日本語ボード)");
        assertThat(cli().run("project", "add", "My App").out()).contains("(my-app)");
    }

    @Test
    void a_board_with_a_unicode_slug_is_created_and_read_through_the_real_server() throws Exception {
        assertThat(cli().run("login-link", "admin@example.com", "--admin").exitCode()).isZero();
        String token = cli().run("token", "create", "--user", "admin@example.com", "--name", "t", "--scope", "write")
                .out().trim();
        Context context = new Context(Environment.of(Map.of("RUNGU_DATA_DIR", home.toString()), home),
                InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        try (RunguServer server = RunguServer.start(context,
                ServerSettings.resolve(context.env, 0, "127.0.0.1", null, null))) {
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/projects"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Доска идей\"}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String slug = json.readTree(created.body()).path("data").path("slug").asText();
            assertThat(slug).isEqualTo("доска-идей");

            String encoded = URLEncoder.encode(slug, StandardCharsets.UTF_8);
            HttpResponse<String> project = send(HttpRequest.newBuilder(URI.create(base + "/api/projects/" + encoded)));
            assertThat(project.statusCode()).as(project.body()).isEqualTo(200);
            assertThat(json.readTree(project.body()).path("data").path("name").asText()).isEqualTo("Доска идей");

            HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/api/projects/" + encoded + "/posts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Тёмная тема\"}")));
            assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
            JsonNode posts = json.readTree(send(HttpRequest.newBuilder(
                    URI.create(base + "/api/projects/" + encoded + "/posts"))).body());
            assertThat(posts.path("data").get(0).path("title").asText()).isEqualTo("Тёмная тема");

            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/board/" + encoded)));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");

            HttpResponse<String> japanese = send(HttpRequest.newBuilder(URI.create(base + "/api/projects"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Board\", \"slug\": \"日本語ボード\"}")));
            assertThat(japanese.statusCode()).as(japanese.body()).isEqualTo(201);
            HttpResponse<String> byJapaneseSlug = send(HttpRequest.newBuilder(
                    URI.create(base + "/api/projects/" + URLEncoder.encode("日本語ボード", StandardCharsets.UTF_8))));
            assertThat(byJapaneseSlug.statusCode()).as(byJapaneseSlug.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
