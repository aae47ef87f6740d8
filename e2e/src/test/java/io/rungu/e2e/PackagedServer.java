package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server, {@code java -jar rungu.jar serve}, as a child process on a free port and its own database. */
final class PackagedServer implements AutoCloseable {
    /** At least 32 bytes, as the server requires. */
    private static final String SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";
    private static final List<String> FOREIGN_SETTINGS = List.of(
            "RUNGU_", "APP_", "ADMIN_EMAILS", "DATABASE_URL", "GITHUB_", "GOOGLE_", "KEYCLOAK_");

    private final Path jar;
    private final Path db;
    private final Path log;
    private final String origin;
    private final Process process;

    private PackagedServer(Path jar, Path db, Path log, String origin, Process process) {
        this.jar = jar;
        this.db = db;
        this.log = log;
        this.origin = origin;
        this.process = process;
    }

    /** Starts the server with a new database under {@code dir} and waits until {@code /health/ready} answers. */
    static PackagedServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, freePort(), Map.of());
    }

    /** As {@link #start(Path)}, with further environment variables (e.g. {@code RUNGU_WIDGET_ORIGINS}). */
    static PackagedServer start(Path dir, Map<String, String> settings) throws IOException, InterruptedException {
        return start(dir, freePort(), settings);
    }

    /**
     * Starts the server on the database under {@code dir} (new, or the one a previous server there used) on
     * {@code port}, with these settings added, and waits until it is ready.
     */
    static PackagedServer start(Path dir, int port, Map<String, String> settings) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rungu.jar", "../rungu-cli/target/rungu.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged server (built by rungu-cli's package phase)").isRegularFile();
        String origin = "http://127.0.0.1:" + port;
        Path db = dir.resolve("rungu.db");
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar.toString(),
                "serve", "--port", Integer.toString(port), "--host", "127.0.0.1", "--db", db.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment(builder.environment(), origin);
        builder.environment().putAll(settings);
        Process process = builder.start();
        // Stops the server even when the test JVM ends without running @AfterAll (a killed or crashed fork).
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-rungu-serve"));
        PackagedServer server = new PackagedServer(jar, db, log, origin, process);
        server.awaitReady();
        return server;
    }

    String origin() {
        return origin;
    }

    /** {@code rungu login-link EMAIL [--admin]} against the same database: a one-time sign-in URL. */
    String signInLink(String email, boolean admin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "login-link", email, "--db", db.toString()));
        if (admin) {
            command.add("--admin");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        environment(builder.environment(), origin);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("login-link exit code, output: %s", out).isZero();
        String[] lines = out.split("\\R");
        String link = lines[lines.length - 1].strip();
        assertThat(link).startsWith(origin + "/auth/link/");
        return link;
    }

    /** Runs {@code rungu ARGS --db <this database>} and returns the last line it printed. */
    String cli(String... args) throws IOException, InterruptedException {
        String[] lines = cli(Map.of(), args).split("\\R");
        return lines[lines.length - 1].strip();
    }

    /** Runs {@code rungu ARGS --db <this database>} with these settings; its standard output. */
    String cli(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", db.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        environment(builder.environment(), origin);
        builder.environment().putAll(settings);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rungu %s exit code, output: %s", List.of(args), out).isZero();
        return out;
    }

    /** Kills the server at once (SIGKILL, as {@code kill -9}): no shutdown hook, nothing flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(origin + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("rungu serve exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("ready")) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting up
            }
            Thread.sleep(150);
        }
        close();
        throw new AssertionError("rungu serve was not ready within 60 s:\n" + log());
    }

    /** Stops the server and keeps its console output (one access-log line per request) as target/packaged-server.log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Path kept = Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolveSibling("packaged-server.log");
        try {
            Files.createDirectories(kept.getParent());
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("could not keep the server log " + log + ": " + e);
        }
    }

    /** Only the settings of this test: nothing inherited (no providers, no other database), local cookies. */
    private static void environment(Map<String, String> env, String origin) {
        env.keySet().removeIf(k -> FOREIGN_SETTINGS.stream().anyMatch(k::startsWith));
        env.put("RUNGU_SECRET", SECRET);
        env.put("RUNGU_SECURE_COOKIES", "false");
        env.put("RUNGU_BASE_URL", origin);
        env.put("RUNGU_LOG_LEVEL", "info");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
