import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build tooling, not part of any artifact: writes the {@code rungu} start script beside {@code rungu.jar} and the
 * class-data archive ({@code rungu.jsa}) it starts the JVM with (docs/operations.md#memory-and-start-up).
 *
 * <p>Run by rungu-cli's package phase (exec-maven-plugin, as a single-file source program):
 * {@code java MakeLauncher.java --jar=target/rungu.jar --server-flags="-Xmx.. ..." [--archive=true|false]}.
 *
 * <p>Why a script: heap size and collector are fixed when the JVM starts, so {@code java -jar} alone cannot carry
 * them, and a jar that starts a second JVM with the flags pays a second JVM start and keeps the first one's memory
 * alive. The script {@code exec}s one JVM with the flags.
 *
 * <p>The archive (AppCDS, a static one) holds the classes a server start and its first requests load, already parsed
 * and verified: the jar is started with the server flags on a throw-away database seeded with a small board
 * ({@code -XX:DumpLoadedClassList}), asked what a first visitor asks (lists, searches, a post, a sign-in, a vote)
 * and stopped, and then {@code -Xshare:dump} archives the classes it listed. Static rather than
 * dynamic ({@code -XX:ArchiveClassesAtExit}): a dynamic archive leaves out classes older than Java 6, which are all
 * of picocli's, and the lambda forms the JDK spins at run time. It is bound to this JVM build and to the jar's path,
 * size and time; when either differs the JVM silently starts without it (just slower), which the script asks for
 * with {@code -Xlog}.
 */
public final class MakeLauncher {
    /** The JVM logs the script silences: a stale or foreign archive is not an error, only a slower start. */
    static final List<String> QUIET_ARCHIVE = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path jar = Path.of(options.get("jar")).toAbsolutePath();
        List<String> serverFlags = Arrays.stream(options.getOrDefault("server-flags", "").trim().split("\\s+"))
                .filter(f -> !f.isEmpty()).toList();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package rungu-cli first");
        }
        Path dir = jar.getParent();
        Path script = dir.resolve("rungu");
        Files.writeString(script, shellScript(serverFlags), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            script.toFile().setExecutable(true, false); // not a POSIX file system (Windows): rungu.cmd is the one used
        }
        Files.writeString(dir.resolve("rungu.cmd"), windowsScript(serverFlags), StandardCharsets.UTF_8);
        System.out.println("[launcher] " + script + " (server flags: " + String.join(" ", serverFlags) + ")");

        nativeLibrary(jar, dir.resolve("native"));

        Path archive = dir.resolve("rungu.jsa");
        Files.deleteIfExists(archive);
        if (Boolean.parseBoolean(options.getOrDefault("archive", "true"))) {
            long started = System.nanoTime();
            try {
                train(jar, archive, serverFlags);
                System.out.printf(Locale.ROOT, "[launcher] %s (%,d bytes) in %.1f s%n", archive, Files.size(archive),
                        (System.nanoTime() - started) / 1e9);
            } catch (IOException | RuntimeException e) {
                // The script works without it, only starts slower: a build must not fail for a speed-up.
                Files.deleteIfExists(archive);
                System.out.println("[launcher] WARNING: no class-data archive, the server starts without it: " + e);
            }
        }
    }

    /**
     * POSIX sh. The server flags apply to {@code serve} only: the other commands (seed, import, backup) are short
     * and some want more heap. RUNGU_JAVA_OPTS come after them, so an {@code -Xmx} there wins.
     */
    static String shellScript(List<String> serverFlags) {
        return """
                #!/bin/sh
                # Starts rungu.jar with the JVM flags the server is sized for and the class-data archive made with it.
                # Made by the build (rungu-cli/src/launcher/MakeLauncher.java); docs/operations.md#memory-and-start-up.
                #   RUNGU_HEAP         the server's heap (default %s), as -Xmx takes it: 256m, 1g
                #   RUNGU_JAVA_OPTS    more JVM flags, after the built-in ones (so they win)
                #   JAVA_HOME          the Java to use (else java on the PATH)
                set -f
                self=$(readlink -f -- "$0" 2>/dev/null) || self=$0
                dir=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd -P)
                java=java
                if [ -n "$JAVA_HOME" ]; then java=$JAVA_HOME/bin/java; fi
                command=
                skip=false
                for arg in "$@"; do
                    if $skip; then skip=false; continue; fi
                    case $arg in
                        -d|--db) skip=true ;;
                        -*) ;;
                        *) command=$arg; break ;;
                    esac
                done
                set -- -jar "$dir/rungu.jar" "$@"
                # shellcheck disable=SC2086 # one flag a word
                set -- $RUNGU_JAVA_OPTS "$@"
                if [ "$command" = serve ]; then
                    # glibc's malloc keeps up to 8 arenas a core; the heap is Java's, so 2 cost no speed.
                    MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
                    export MALLOC_ARENA_MAX
                    set -- -Xmx"${RUNGU_HEAP:-%s}" %s "$@"
                fi
                if [ -d "$dir/native" ]; then
                    set -- -Dorg.sqlite.lib.path="$dir/native" -Dorg.sqlite.lib.name=%s "$@"
                fi
                if [ -f "$dir/rungu.jsa" ]; then
                    set -- -XX:SharedArchiveFile="$dir/rungu.jsa" %s "$@"
                fi
                exec "$java" "$@"
                """.formatted(heap(serverFlags), heap(serverFlags), String.join(" ", otherFlags(serverFlags)),
                System.mapLibraryName("sqlitejdbc"), String.join(" ", QUIET_ARCHIVE));
    }

    /** cmd.exe: the same flags (no archive: it is bound to the path it was made for, which is a Linux one here). */
    static String windowsScript(List<String> serverFlags) {
        return ("@echo off\r\n"
                + "rem Starts rungu.jar with the JVM flags the server is sized for (docs/operations.md#memory-and-start-up).\r\n"
                + "setlocal\r\n"
                + "set \"java=java\"\r\n"
                + "if defined JAVA_HOME set \"java=%JAVA_HOME%\\bin\\java\"\r\n"
                + "if not defined RUNGU_HEAP set \"RUNGU_HEAP=" + heap(serverFlags) + "\"\r\n"
                + "set \"flags=\"\r\n"
                + "if \"%~1\"==\"serve\" set \"flags=-Xmx%RUNGU_HEAP% " + String.join(" ", otherFlags(serverFlags)) + "\"\r\n"
                + "\"%java%\" %flags% %RUNGU_JAVA_OPTS% -jar \"%~dp0rungu.jar\" %*\r\n");
    }

    private static String heap(List<String> serverFlags) {
        return serverFlags.stream().filter(f -> f.startsWith("-Xmx")).map(f -> f.substring(4)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--server-flags must hold -Xmx"));
    }

    private static List<String> otherFlags(List<String> serverFlags) {
        return serverFlags.stream().filter(f -> !f.startsWith("-Xmx")).toList();
    }

    /**
     * SQLite's native library for this machine, out of the jar: sqlite-jdbc otherwise copies it to a new temporary
     * file and compares it byte by byte at every start. The script points sqlite-jdbc at it; a library that does
     * not load there (the folder copied to another machine) makes sqlite-jdbc fall back to its own copy.
     */
    private static void nativeLibrary(Path jar, Path folder) throws IOException, InterruptedException {
        Process osInfo = new ProcessBuilder(java(),
                "-cp", jar.toString(), "org.sqlite.util.OSInfo").redirectErrorStream(true).start();
        String platform = new String(osInfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String name = System.mapLibraryName("sqlitejdbc");
        deleteTree(folder);
        if (osInfo.waitFor() != 0 || !platform.matches("[A-Za-z0-9_-]+/[A-Za-z0-9_-]+")) {
            System.out.println("[launcher] no SQLite library for this platform (" + platform + "): sqlite-jdbc copies its own");
            return;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("org/sqlite/native/" + platform + "/" + name);
            if (entry == null) {
                System.out.println("[launcher] rungu.jar has no SQLite library for " + platform + ": sqlite-jdbc copies its own");
                return;
            }
            Files.createDirectories(folder);
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, folder.resolve(name));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Starts the server listing the classes it loads, asks what a first visitor asks, stops it, and archives the
     * listed classes.
     */
    private static void train(Path jar, Path archive, List<String> serverFlags) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("rungu-launcher");
        try {
            Path classList = work.resolve("classes.lst");
            List<String> command = new ArrayList<>(List.of(java(), "-XX:DumpLoadedClassList=" + classList));
            command.addAll(serverFlags);
            Path natives = jar.getParent().resolve("native");
            if (Files.isDirectory(natives)) {
                command.addAll(List.of("-Dorg.sqlite.lib.path=" + natives, "-Dorg.sqlite.lib.name=" + System.mapLibraryName("sqlitejdbc")));
            }
            // The path exactly as the script gives it: the archive is only used for the jar named the same way.
            command.addAll(List.of("-jar", jar.toRealPath().toString(), "serve", "--port", "0", "--host", "127.0.0.1"));
            // A small board, so the first list, search, post and vote of a real server find their classes archived.
            run(jar, work, "seed", "--posts", "400", "--votes", "800", "--comments", "200", "--projects", "1",
                    "--users", "20");
            Matcher linkPath = Pattern.compile("/auth/link/\\S+")
                    .matcher(run(jar, work, "login-link", "--ttl", "1h", "trainer@rungu.invalid"));
            ProcessBuilder builder = new ProcessBuilder(command);
            environment(builder, work);
            builder.environment().put("RUNGU_METRICS", "true");
            Path out = work.resolve("stdout.txt");
            Process server = builder.redirectOutput(out.toFile()).redirectError(work.resolve("stderr.txt").toFile()).start();
            try {
                int port = awaitPort(server, out);
                Visitor visitor = new Visitor(port);
                for (String path : List.of("/health", "/health/ready", "/", "/api/projects/none/posts",
                        "/api/posts/none", "/metrics", "/api/openapi.json", "/widget.js")) {
                    visitor.get(path);
                }
                visitor.board(linkPath.find() ? linkPath.group() : null);
            } finally {
                server.destroy(); // SIGTERM: a normal JVM exit, which closes the class list
                if (!server.waitFor(120, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                    throw new IllegalStateException("the training server did not stop");
                }
            }
            dump(jar, archive, serverFlags, classList, work);
        } finally {
            deleteTree(work);
        }
    }

    /** What a first visitor does on the seeded board: list, search, read a post, sign in, vote. */
    private static final class Visitor {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private String cookie;

        Visitor(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        String get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session=")).findFirst()
                    .ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
            return r.body();
        }

        void board(String signInPath) throws IOException, InterruptedException {
            Matcher slug = Pattern.compile("\"slug\":\"([^\"]+)\"").matcher(get("/api/projects"));
            if (!slug.find()) {
                throw new IllegalStateException("the training server listed no board");
            }
            String posts = "/api/projects/" + slug.group(1) + "/posts";
            String list = get(posts + "?sort=most_votes");
            Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(list);
            Matcher title = Pattern.compile("\"title\":\"([A-Za-z]+) ([a-z]+)").matcher(list);
            if (!id.find() || !title.find()) {
                throw new IllegalStateException("the training board's list has no post to read: " + list);
            }
            String post = "/api/posts/" + id.group(1);
            for (int pass = 0; pass < 2; pass++) { // anonymous, then signed in
                get(posts + "?sort=newest&page=2");
                for (String sort : List.of("relevance", "newest", "most_votes")) {
                    get(posts + "?sort=" + sort + "&q=" + title.group(1));
                    String prefix = title.group(2).substring(0, Math.min(2, title.group(2).length()));
                    get(posts + "?sort=" + sort + "&q=" + title.group(1) + "+" + prefix);
                }
                get(post);
                get(post + "/comments");
                get("/api/projects/" + slug.group(1) + "/roadmap");
                if (pass == 0 && signInPath != null) {
                    get(signInPath);
                }
            }
            if (cookie != null) {
                for (int i = 0; i < 2; i++) {
                    send(HttpRequest.newBuilder(URI.create(base + post + "/vote"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                }
            }
        }
    }

    /** Runs a rungu command on the training database; its output. */
    private static String run(Path jar, Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toRealPath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder, work);
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("rungu " + args[0] + " failed on the training database: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The training server's and commands' environment: the throw-away database, nothing of the builder's. */
    private static void environment(ProcessBuilder builder, Path work) {
        builder.environment().keySet().removeIf(k -> k.startsWith("RUNGU_") || k.equals("DATABASE_URL")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("RUNGU_DATA_DIR", work.toString());
        builder.environment().put("RUNGU_DB", work.resolve("rungu.db").toString());
    }

    /**
     * Archives the listed classes. The class path must be the one the script gives ({@code -jar} with the real path),
     * and the flags the server's: the JVM refuses an archive made with another class path or object layout.
     */
    private static void dump(Path jar, Path archive, List<String> serverFlags, Path classList, Path work)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(classList)) {
            throw new IllegalStateException("the training server listed no classes; its log:\n"
                    + Files.readString(work.resolve("stderr.txt")));
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive));
        command.addAll(serverFlags);
        command.addAll(List.of("-cp", jar.toRealPath().toString()));
        Path log = work.resolve("dump.txt");
        // The dump warns of every class it skips (JFR's event classes, the few old classes linked early): not errors.
        Process dump = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!dump.waitFor(300, TimeUnit.SECONDS)) {
            dump.destroyForcibly();
            throw new IllegalStateException("the archive dump did not finish in 300 s");
        }
        if (dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no archive (exit " + dump.exitValue() + "); its log:\n"
                    + Files.readString(log));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int awaitPort(Process server, Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the training server exited with " + server.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the training server did not start in 120 s");
    }

    private MakeLauncher() {}
}
