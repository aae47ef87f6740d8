package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login-link makes links that reach the server people will open them on, and says which URL it used. */
class LoginLinkCommandTest {
    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DATA_DIR", home.resolve("data").toString());
    }

    private RunguServer serve() {
        Context context = new Context(Environment.of(Map.of("RUNGU_DATA_DIR", home.resolve("data").toString()), home),
                InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        return RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", null, null));
    }

    @Test
    void a_link_made_while_the_server_runs_points_at_its_port_and_signs_in() throws Exception {
        try (RunguServer server = serve()) {
            CliRun.Result result = cli().run("login-link", "ada@example.com", "--admin");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            String link = result.out().trim();
            assertThat(link).startsWith("http://localhost:" + server.port() + "/auth/link/");
            assertThat(result.err()).contains("The link uses http://localhost:" + server.port()
                    + " (from the server running as process " + ProcessHandle.current().pid());

            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String path = URI.create(link).getPath();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/auth/me")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("ada@example.com");
        }
    }

    @Test
    void the_first_admin_link_of_a_server_on_port_0_names_the_port_it_got() {
        try (RunguServer server = serve()) {
            assertThat(server.firstAdminLink()).startsWith("http://localhost:" + server.port() + "/auth/link/");
            assertThat(server.publicUrl()).isEqualTo("http://localhost:" + server.port());
        }
    }

    @Test
    void once_the_server_stopped_the_link_uses_the_default_and_says_so() {
        serve().close();

        CliRun.Result result = cli().run("login-link", "ada@example.com");

        assertThat(result.out()).startsWith("http://localhost:3000/auth/link/");
        assertThat(result.err()).contains("The link uses http://localhost:3000 (from the default: RUNGU_BASE_URL is not "
                + "set and no server is running on this database).");
        assertThat(home.resolve("data/" + RunningServer.FILE_NAME)).doesNotExist();
    }

    @Test
    void a_configured_public_url_wins_over_the_running_server() {
        try (RunguServer server = serve()) {
            CliRun.Result result = cli().env("RUNGU_BASE_URL", "https://feedback.example.com/")
                    .run("login-link", "ada@example.com");

            assertThat(result.out()).startsWith("https://feedback.example.com/auth/link/");
            assertThat(result.err()).contains("The link uses https://feedback.example.com (from RUNGU_BASE_URL).");
        }
    }

    @Test
    void a_file_left_by_a_killed_server_is_ignored() throws Exception {
        java.nio.file.Files.createDirectories(home.resolve("data"));
        long deadPid = new ProcessBuilder("true").start().onExit().get().pid();
        new RunningServer("http://localhost:4444", deadPid, home.resolve("data/rungu.db").toString())
                .write(home.resolve("data"));

        CliRun.Result result = cli().run("login-link", "ada@example.com");

        assertThat(result.out()).startsWith("http://localhost:3000/auth/link/");
    }

    @Test
    void the_address_is_trimmed_and_normalised_like_the_account() {
        CliRun.Result result = cli().run("login-link", "  Mixed@Example.COM  ");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("Signs in mixed@example.com once,");
        assertThat(cli().run("user", "list").out()).contains("mixed@example.com  member");
    }
}
