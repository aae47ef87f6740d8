package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server starts, serves, logs each request on stderr and stops cleanly on SIGTERM with exit 0. */
class ServeIT {
    @TempDir
    Path dir;

    @Test
    void serve_answers_requests_logs_them_and_stops_on_sigterm() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        // Files, not pipes: reading a pipe while the process exits can fail with "Stream closed".
        Process process = FatJar.command(Map.of("RUNGU_DATA_DIR", data.toString()),
                        "serve", "--port", "0", "--host", "127.0.0.1", "--base-url", "http://rungu.test")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            int port = FatJar.awaitPort(process, stdout);

            HttpResponse<String> projects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/projects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(projects.statusCode()).isEqualTo(200);
            assertThat(Files.readString(data.resolve(RunningServer.FILE_NAME))).contains("url=http://rungu.test");

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(process.exitValue()).as("a clean shutdown is a success").isZero();
            assertThat(data.resolve(RunningServer.FILE_NAME)).as("removed on a clean shutdown").doesNotExist();
            assertThat(Files.readString(stdout)).contains("first admin", "http://rungu.test/auth/link/");
            assertThat(Files.readString(stderr)).contains("GET /api/projects 200", "Rungu stopped");
            assertThat(data.resolve("secret")).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void login_link_in_another_process_points_at_the_running_server() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path stdout = dir.resolve("stdout.txt");
        Map<String, String> env = Map.of("RUNGU_DATA_DIR", data.toString());
        Process process = FatJar.command(env, "serve", "--port", "0", "--host", "127.0.0.1")
                .redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            int port = FatJar.awaitPort(process, stdout);

            CliRun.Result link = FatJar.run(env, "login-link", "ada@example.com", "--admin");

            assertThat(link.exitCode()).as(link.toString()).isZero();
            assertThat(link.out().trim()).startsWith("http://localhost:" + port + "/auth/link/");
            assertThat(link.err()).contains("from the server running as process " + process.pid());
            HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + URI.create(link.out().trim()).getPath())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as("the link is alive").isBetween(300, 399);

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
