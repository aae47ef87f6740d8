package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script the build writes beside rungu.jar ({@code target/rungu}, as the README starts the server) gives
 * the server its JVM flags: the heap the server reports in /metrics is the script's, RUNGU_HEAP and RUNGU_JAVA_OPTS
 * change it, and commands other than serve keep the JVM's own heap.
 */
class LauncherIT {
    private static final Pattern HEAP_MAX = Pattern.compile("(?m)^rungu_jvm_memory_max_bytes\\{area=\"heap\"} (\\d+)");
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    static Path script() {
        Path script = FatJar.jar().resolveSibling("rungu");
        assertThat(script).as("the build writes the start script beside rungu.jar").isRegularFile();
        assertThat(Files.isExecutable(script)).isTrue();
        return script;
    }

    @Test
    void the_build_writes_the_script_and_its_class_data_archive() {
        script();
        assertThat(FatJar.jar().resolveSibling("rungu.jsa")).as("made by the package phase").isRegularFile();
        assertThat(FatJar.jar().resolveSibling("rungu.cmd")).isRegularFile();
    }

    @Test
    void the_script_starts_the_jvm_on_the_archive_with_picocli_and_rungu_in_it() throws Exception {
        // -Xshare:on makes the JVM fail rather than start without the archive; class+load says where each came from.
        String loaded = versionWith("-Xshare:on -Xlog:class+load=info:stdout");
        // picocli is compiled for Java 5: a dynamic archive would leave it out, which is why the archive is static.
        assertThat(loaded).contains("picocli.CommandLine source: shared objects file")
                .contains("io.rungu.cli.Main source: shared objects file");
    }

    @Test
    void the_archive_holds_what_a_first_search_and_a_first_vote_load() throws Exception {
        // The build's training server was asked a list, searches, a post and a vote on a seeded board.
        Path out = Files.createTempFile(dir, "archive", ".txt");
        Process print = command(Map.of("RUNGU_JAVA_OPTS", "-XX:+PrintSharedArchiveAndExit -XX:+PrintSharedDictionary"),
                "serve").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(print.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String archived = Files.readString(out);
        assertThat(archived).contains("archive is valid")
                .containsPattern(" io\\.rungu\\.store\\.internal\\.board\\.PostLists\\$Filters ")
                .containsPattern(" io\\.rungu\\.store\\.internal\\.board\\.SearchTerms ")
                .containsPattern(" io\\.rungu\\.store\\.internal\\.db\\.GroupCommit ")
                .containsPattern(" io\\.rungu\\.oauth\\.internal\\.SessionTokens ");
    }

    @Test
    void serve_through_the_script_runs_with_the_servers_heap() throws Exception {
        long heap = servedHeap(Map.of());
        // The JVM reports the heap less one survivor space.
        assertThat(heap).isBetween(100 * MB, 128 * MB);
    }

    @Test
    void rungu_heap_and_rungu_java_opts_change_it() throws Exception {
        assertThat(servedHeap(Map.of("RUNGU_HEAP", "200m"))).isBetween(160 * MB, 200 * MB);
        assertThat(servedHeap(Map.of("RUNGU_JAVA_OPTS", "-Xmx64m"))).as("given last, so it wins").isBetween(40 * MB, 64 * MB);
    }

    @Test
    void other_commands_keep_the_jvms_own_heap() throws Exception {
        String flags = versionWith("-XX:+PrintFlagsFinal");
        assertThat(flags).contains("rungu ")
                .doesNotContainPattern("MaxHeapSize += \\d+ +\\{product\\} \\{command line\\}")
                .doesNotContainPattern("UseSerialGC += true +\\{product\\} \\{command line\\}");
    }

    /** What {@code rungu --version} prints through the script with these RUNGU_JAVA_OPTS; it must exit 0. */
    private String versionWith(String javaOpts) throws Exception {
        Path out = Files.createTempFile(dir, "version", ".txt");
        Path err = Files.createTempFile(dir, "version", ".err");
        Process version = command(Map.of("RUNGU_JAVA_OPTS", javaOpts), "--version")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private long servedHeap(Map<String, String> env) throws Exception {
        Path data = Files.createTempDirectory(dir, "data");
        Path stdout = data.resolve("stdout.txt");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("RUNGU_DATA_DIR", data.toString());
        all.put("RUNGU_METRICS", "true");
        Process server = command(all, "serve", "--port", "0", "--host", "127.0.0.1")
                .redirectOutput(stdout.toFile()).redirectError(data.resolve("stderr.txt").toFile()).start();
        try {
            int port = FatJar.awaitPort(server, stdout);
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            Matcher m = HEAP_MAX.matcher(metrics.body());
            assertThat(m.find()).as(metrics.body()).isTrue();
            assertThat(Files.readString(data.resolve("stderr.txt"))).contains("Heap up to");
            return Long.parseLong(m.group(1));
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The script, with the Java running the tests (JAVA_HOME) and only the given RUNGU_ variables. */
    private static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("RUNGU_") || k.equals("DATABASE_URL")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("JAVA_HOME", Path.of(FatJar.java()).getParent().getParent().toString());
        builder.environment().putAll(env);
        return builder;
    }
}
