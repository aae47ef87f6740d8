package io.rungu.cli.bench;

import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP benchmark (docs/performance.md): the packaged server ({@code rungu.jar serve}, its own process, on a
 * database made by {@code rungu seed}) loaded by wrk, and in the same run a bare Javalin route ({@link BareServer},
 * its own process) answering the very bytes Rungu answered, loaded by the same wrk with the same requests. Prints one
 * table: requests/s, wrk's p50/p99, server CPU per request, Rungu as a share of the bare route; then vote toggles
 * (counts checked in the database after the run), start-up to the first answered {@code /health}, and the server's
 * RSS after the run. Not a test: run by {@code -Pbench} in rungu-cli (never by {@code verify}).
 *
 * <p>Properties ({@code -Dbench.<name>}): {@code posts} (100000; votes 5×, comments ½×, 10 boards, 10,000 users, as
 * the 1M seed), {@code dataRoot} (the seeded file is kept in {@code <dataRoot>/data-bench-<posts>/rungu.db}
 * and reused), {@code seconds} (10 per run), {@code warmup} (3 per scenario and server), {@code voteWarmup} (20 per
 * server, the vote path's own), {@code connections} (64), {@code threads} (wrk threads, 2), {@code startups} (5),
 * {@code only} (comma-separated scenario names, e.g. {@code list,post}), {@code rounds} (1: how many times each read
 * row is measured on both servers, alternately; the row shows the round with the median ratio, and the ratios of
 * all rounds follow it), {@code serverCpus} / {@code wrkCpus}
 * (taskset CPU lists, e.g. {@code 0} and {@code 1}; empty: not pinned), {@code jvmArgs} (extra flags for the server's
 * JVM, e.g. a JFR recording; empty by default, so the server starts as the README starts it), {@code database} (a
 * JDBC URL, e.g. PostgreSQL's, that the servers use instead of the SQLite file; seeded with the same command when it
 * holds no post), {@code voteServers} (1: how many servers on the one database share the vote row, each with its own
 * wrk, its share of the connections and of the request lines, all at once).
 */
public final class WrkBenchmark {
    private static final String SECRET = "benchmark-secret-0123456789abcdef0123456789";
    private static final int MEMBERS = 100;
    private static final Pattern BENCH_LINE = Pattern.compile(
            "BENCH requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) non2xx=(\\d+) connect=(\\d+) read=(\\d+) "
                    + "write=(\\d+) timeout=(\\d+) sent=(\\d+) lines=(\\d+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    private final int posts = Integer.getInteger("bench.posts", 100_000);
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int warmup = Integer.getInteger("bench.warmup", 3);
    private final int voteWarmup = Integer.getInteger("bench.voteWarmup", 20);
    private final int connections = Integer.getInteger("bench.connections", 64);
    private final int wrkThreads = Integer.getInteger("bench.threads", 2);
    private final int startups = Integer.getInteger("bench.startups", 5);
    private final int rounds = Math.max(1, Integer.getInteger("bench.rounds", 1));
    private final String serverCpus = System.getProperty("bench.serverCpus", "");
    private final String wrkCpus = System.getProperty("bench.wrkCpus", "");
    private final String jvmArgs = System.getProperty("bench.jvmArgs", "");
    private final int voteServers = Math.max(1, Integer.getInteger("bench.voteServers", 1));
    private final Set<String> only = new HashSet<>(Arrays.asList(System.getProperty("bench.only", "").split(",")));
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/rungu.jar")).toAbsolutePath();
    private final Path dir = Path.of(System.getProperty("bench.dataRoot", System.getProperty("java.io.tmpdir")))
            .toAbsolutePath().resolve("data-bench-" + posts);
    private final Path db = dir.resolve("rungu.db");
    /** What the servers are started on and the checks read: the seeded SQLite file unless {@code bench.database}. */
    private final String database = System.getProperty("bench.database", "").isBlank() ? "jdbc:sqlite:" + db
            : System.getProperty("bench.database").trim();
    private final Path work = dir.resolve("run");
    private final Path script = work.resolve("requests.lua");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> lines = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new WrkBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        try (InputStream in = WrkBenchmark.class.getResourceAsStream("/bench/requests.lua")) {
            Files.write(script, in.readAllBytes());
        }
        seedIfMissing();
        Board board = Board.read(database);
        out("database %s; board '%s' (%,d posts of %,d), %d members signing in, JDK %s, wrk %s: %d threads, "
                        + "%d connections, %d s per run after %d s warm-up; server CPUs %s, wrk CPUs %s",
                redacted(database), board.slug, board.postCount, posts, board.links.size(), System.getProperty("java.version"),
                command("wrk", "--version").lines().findFirst().orElse("?").trim(), wrkThreads, connections, seconds,
                warmup, serverCpus.isEmpty() ? "any" : serverCpus, wrkCpus.isEmpty() ? "any" : wrkCpus);
        String loadBefore = loadAverage();

        List<Long> startupMillis = new ArrayList<>();
        for (int i = 0; i < startups; i++) {
            try (Server s = Server.start(this, freePort())) {
                startupMillis.add(s.startupMillis);
            }
        }

        try (Server rungu = Server.start(this, freePort())) {
            List<String> cookies = signIn(rungu.port, board.links);
            Map<String, Scenario> scenarios = scenarios(board, cookies);
            Path bareDir = work.resolve("bare");
            capture(rungu.port, scenarios.values(), bareDir);
            try (Bare bare = Bare.start(this, freePort(), bareDir)) {
                out("");
                out("%-44s %10s %8s %8s %8s | %10s %8s %8s %8s | %6s | %s", "scenario", "rungu r/s", "p50 ms", "p99 ms",
                        "cpu µs", "bare r/s", "p50 ms", "p99 ms", "cpu µs", "ratio", "wrk cpu");
                // Every read scenario once on both servers before anything is measured, so neither JVM's JIT
                // warm-up is billed to the first rows.
                for (Scenario s : scenarios.values()) {
                    Path requests = work.resolve(s.key + ".tsv");
                    Files.write(requests, s.lines);
                    if (selected(s.group) && !s.votes) {
                        wrk(rungu.port, rungu.pid, requests, s.gzip, warmup);
                        wrk(bare.port, bare.pid, requests, s.gzip, warmup);
                    }
                }
                for (Scenario s : scenarios.values()) {
                    if (!selected(s.group)) {
                        continue;
                    }
                    Path requests = work.resolve(s.key + ".tsv");
                    if (s.votes) {
                        voteRow(s, requests, rungu, bare, board);
                    } else {
                        readRow(s, requests, rungu, bare);
                    }
                }
            }
            String[] memory = memory(rungu.pid);
            out("");
            startupMillis.sort(null);
            out("start-up to the first answered /health (target/rungu serve, the start script, %d runs): median %d ms (all: %s)",
                    startupMillis.size(), startupMillis.isEmpty() ? -1 : startupMillis.get(startupMillis.size() / 2),
                    startupMillis);
            out("server memory after the run: VmRSS %s, VmHWM (peak RSS) %s", memory[0], memory[1]);
        }
        if (selected("search")) {
            // A new server, which kept nothing from the search row above (a search is kept until the index changes),
            // its JIT warmed by the list scenario, so the first pass is what a query asked for the first time costs.
            try (Server fresh = Server.start(this, freePort())) {
                wrk(fresh.port, fresh.pid, work.resolve("list-anon-plain.tsv"), false, warmup);
                searchChecks(board, fresh);
            }
        }
        out("load average before the runs: %s; after: %s", loadBefore, loadAverage());
    }

    // -------------------------------------------------------------------------------- scenarios

    private record Scenario(String key, String group, String name, boolean gzip, boolean votes, List<String> lines) {}

    private Map<String, Scenario> scenarios(Board board, List<String> cookies) {
        Map<String, Scenario> out = new LinkedHashMap<>();
        String list = "/api/projects/" + board.slug + "/posts?sort=most_votes&per_page=20&page=";
        for (boolean signedIn : List.of(true, false)) {
            List<String> l = new ArrayList<>();
            List<String> p = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String cookie = signedIn ? cookies.get(i % cookies.size()) : "-";
                l.add("GET\t" + list + (1 + i % 5) + "\t" + cookie);
                p.add("GET\t/api/posts/" + board.postIds.get(i % board.postIds.size()) + "\t" + cookie);
            }
            String who = signedIn ? "signed in" : "anonymous";
            for (boolean gzip : List.of(false, true)) {
                String enc = gzip ? "gzip" : "plain";
                out.put("list-" + who + "-" + enc, new Scenario("list-" + (signedIn ? "in" : "anon") + "-" + enc, "list",
                        "board list, most_votes p1-5, " + who + ", " + enc, gzip, false, l));
                out.put("post-" + who + "-" + enc, new Scenario("post-" + (signedIn ? "in" : "anon") + "-" + enc, "post",
                        "post detail, " + who + ", " + enc, gzip, false, p));
            }
        }
        List<String> s = new ArrayList<>();
        String[] sorts = {"relevance", "newest", "oldest", "most_votes"};
        for (int i = 0; i < board.queries.size() * sorts.length; i++) {
            String q = board.queries.get(i % board.queries.size());
            s.add("GET\t/api/projects/" + board.slug + "/posts?per_page=20&sort=" + sorts[(i / board.queries.size()) % 4]
                    + "&q=" + q.replace(" ", "+") + "\t" + cookies.get(i % cookies.size()));
        }
        out.put("search", new Scenario("search", "search",
                "search, " + board.queries.size() + " queries x 4 sorts, signed in", false, false, s));
        // Every (member, post) pair once at most: more lines than a run can send, so a toggle is never undone.
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            v.add("POST\t/api/posts/" + board.votePostIds.get((i / cookies.size()) % board.votePostIds.size()) + "/vote\t"
                    + cookies.get(i % cookies.size()));
        }
        out.put("vote", new Scenario("vote", "vote", "vote toggle, " + cookies.size() + " members", false, true, v));
        return out;
    }

    private boolean selected(String group) {
        return only.equals(Set.of("")) || only.contains(group);
    }

    private void row(String name, Result r, Result b) {
        out("%-44s %10.0f %8.2f %8.2f %8.0f | %10.0f %8.2f %8.2f %8.0f | %5.0f%% | %3.0f%%/%3.0f%%%s", name, r.rps(),
                r.p50ms, r.p99ms, r.cpuMicros, b.rps(), b.p50ms, b.p99ms, b.cpuMicros, 100 * r.rps() / b.rps(),
                r.wrkCpuShare * 100, b.wrkCpuShare * 100,
                r.errors + b.errors > 0 ? "  (errors: " + r.errors + " / " + b.errors + ")" : "");
    }

    /**
     * A read scenario measured {@link #rounds} times, Rungu then the bare route each time, so both meet the same
     * moments of a noisy machine; the row is the round whose ratio is the median (of an even number, the higher of
     * the middle two).
     */
    private void readRow(Scenario s, Path requests, Server rungu, Bare bare) throws Exception {
        List<Result[]> pairs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            wrk(rungu.port, rungu.pid, requests, s.gzip, warmup);
            wrk(bare.port, bare.pid, requests, s.gzip, warmup);
            Result r = wrk(rungu.port, rungu.pid, requests, s.gzip, seconds);
            Result b = wrk(bare.port, bare.pid, requests, s.gzip, seconds);
            pairs.add(new Result[] {r, b});
        }
        pairs.sort(java.util.Comparator.comparingDouble(pair -> pair[0].rps() / pair[1].rps()));
        Result[] median = pairs.get(pairs.size() / 2);
        row(s.name, median[0], median[1]);
        if (rounds > 1) {
            out("  ratios of the %d rounds, lowest first: %s", rounds, pairs.stream()
                    .map(pair -> String.format(Locale.ROOT, "%.0f%%", 100 * pair[0].rps() / pair[1].rps())).toList());
        }
    }

    /**
     * Vote toggles: each request toggles a (member, post) pair no other request touches; checked in the database. With
     * {@link #voteServers} above 1, that many servers on the one database share the row, each loaded by its own wrk
     * with its share of the connections and of the request lines (so no pair is toggled by two), all at once.
     */
    private void voteRow(Scenario s, Path requests, Server rungu, Bare bare, Board board) throws Exception {
        List<Server> servers = new ArrayList<>(List.of(rungu));
        try {
            for (int i = 1; i < voteServers; i++) {
                servers.add(Server.start(this, freePort()));
            }
            List<Path> shares = shares(requests, servers.size());
            // No read scenario ran the vote path, and the start script's JVM compiles it with C2 late (its thresholds
            // are ten times the default, for start-up), so it gets a warm-up of its own: at 100k posts toggles ran
            // about 20 % faster after 40 s than after 6 s. The measured run toggles each pair at most once more (wrk
            // starts the list again), so the check below still holds.
            together(servers, shares, voteWarmup);
            wrk(bare.port, bare.pid, requests, false, voteWarmup);
            Set<String> before = votes(board);
            long countsBefore = countMismatches(board);
            long databaseCpu0 = databaseCpuTicks();
            Result r = together(servers, shares, seconds);
            long databaseCpu1 = databaseCpuTicks();
            Result b = wrk(bare.port, bare.pid, requests, false, seconds);
            row(s.name + (servers.size() > 1 ? ", " + servers.size() + " servers" : ""), r, b);
            Set<String> after = votes(board);
            Set<String> changed = new HashSet<>(before);
            changed.addAll(after);
            Set<String> both = new HashSet<>(before);
            both.retainAll(after);
            changed.removeAll(both);
            long mismatches = countMismatches(board);
            boolean exact = mismatches == 0 && changed.size() >= r.ok && changed.size() <= r.sent && r.sent <= r.lines;
            out("  vote toggles: %,d answered 2xx, %,d sent, %,d (member, post) pairs changed in the database, posts "
                            + "whose vote_count differs from their votes: %d (before: %d) -> counts %s",
                    r.ok, r.sent, changed.size(), mismatches, countsBefore, exact ? "exact" : "NOT EXACT");
            if (database.startsWith("jdbc:postgresql:")) {
                out("  PostgreSQL's processes (not in the cpu column): %.0f µs of CPU per toggle",
                        (databaseCpu1 - databaseCpu0) * 1e6 / 100 / Math.max(1, r.requests));
            }
        } finally {
            for (Server extra : servers.subList(1, servers.size())) {
                extra.close();
            }
        }
    }

    /** Every {@code n}-th line of {@code requests}, one file for each of {@code n} servers. */
    private List<Path> shares(Path requests, int n) throws IOException {
        if (n == 1) {
            return List.of(requests);
        }
        List<String> all = Files.readAllLines(requests);
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            List<String> share = new ArrayList<>();
            for (int i = k; i < all.size(); i += n) {
                share.add(all.get(i));
            }
            Path file = work.resolve(requests.getFileName() + "." + k);
            Files.write(file, share);
            out.add(file);
        }
        return out;
    }

    /**
     * One wrk per server, all at once, each with its share of the connections and its own request lines: requests,
     * answers and lines add up, the run takes the longest of the runs, latency is the slower server's, and the CPU
     * per request is all the servers' CPU over all their requests.
     */
    private Result together(List<Server> servers, List<Path> shares, int runSeconds) throws Exception {
        if (servers.size() == 1) {
            return wrk(servers.get(0).port, servers.get(0).pid, shares.get(0), false, runSeconds);
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                Server server = servers.get(i);
                Path share = shares.get(i);
                runs.add(pool.submit(() -> wrk(server.port, server.pid, share, false, runSeconds,
                        Math.max(1, connections / servers.size()))));
            }
            long requests = 0, errors = 0, ok = 0, sent = 0, lines = 0;
            double secs = 0, p50 = 0, p99 = 0, cpu = 0, wrkCpu = 0;
            for (var run : runs) {
                Result part = run.get();
                requests += part.requests;
                errors += part.errors;
                ok += part.ok;
                sent += part.sent;
                lines += part.lines;
                secs = Math.max(secs, part.seconds);
                p50 = Math.max(p50, part.p50ms);
                p99 = Math.max(p99, part.p99ms);
                cpu += part.cpuMicros * part.requests;
                wrkCpu += part.wrkCpuShare;
            }
            return new Result(requests, secs, p50, p99, errors, ok, sent, lines, cpu / Math.max(1, requests), wrkCpu);
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> votes(Board board) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement st = c.prepareStatement("SELECT v.user_id, v.post_id FROM votes v JOIN posts p ON p.id = v.post_id "
                     + "WHERE p.project_id = ?")) {
            st.setString(1, board.projectId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    private long countMismatches(Board board) throws Exception {
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM posts p WHERE p.project_id = ? AND p.vote_count <> "
                     + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")) {
            st.setString(1, board.projectId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /**
     * Search: the wrk row above measures throughput over the mixed query list; {@link SearchBenchmark} adds one-client
     * latency (p50/p99 per class of words) and checks every single-word total against the data, on the same seeded
     * database and running server.
     */
    private void searchChecks(Board board, Server rungu) throws Exception {
        if (!selected("search")) {
            return;
        }
        SearchBenchmark.Options defaults = SearchBenchmark.Options.defaults();
        SearchBenchmark.Figures figures = SearchBenchmark.run(URI.create("http://127.0.0.1:" + rungu.port),
                board.slug, database, new SearchBenchmark.Options(defaults.wordsPerClass(),
                        defaults.rounds(), defaults.seed(), rungu.pid));
        out("");
        out("search, one client, mixed query set (every sort), totals checked against the data:");
        out("%s", figures.toString().stripTrailing());
        out("search totals: %s", figures.totalsOk() ? "every single-word total passed its check" : "SOME TOTALS WRONG");
    }

    // -------------------------------------------------------------------------------- wrk

    private record Result(long requests, double seconds, double p50ms, double p99ms, long errors, long ok, long sent,
                          long lines, double cpuMicros, double wrkCpuShare) {
        double rps() {
            return requests / seconds;
        }
    }

    private Result wrk(int port, long serverPid, Path requests, boolean gzip, int runSeconds) throws Exception {
        return wrk(port, serverPid, requests, gzip, runSeconds, connections);
    }

    private Result wrk(int port, long serverPid, Path requests, boolean gzip, int runSeconds, int connections)
            throws Exception {
        long cpu0 = cpuTicks(serverPid);
        List<String> cmd = new ArrayList<>();
        String wrk = String.format(Locale.ROOT, "wrk -t%d -c%d -d%ds --timeout 10s --latency -s %s http://127.0.0.1:%d",
                Math.min(wrkThreads, connections), connections, runSeconds, script, port);
        cmd.addAll(List.of("bash", "-c", (wrkCpus.isEmpty() ? "" : "taskset -c " + wrkCpus + " ") + wrk + "; times"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("BENCH_REQUESTS", requests.toString());
        pb.environment().put("BENCH_GZIP", gzip ? "1" : "0");
        pb.environment().put("BENCH_THREADS", Integer.toString(Math.min(wrkThreads, connections)));
        pb.environment().put("BENCH_ORIGIN", "http://127.0.0.1:" + port);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        long cpu1 = cpuTicks(serverPid);
        Matcher m = BENCH_LINE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no result from wrk:\n" + output);
        }
        long n = Long.parseLong(m.group(1));
        double secs = Long.parseLong(m.group(2)) / 1e6;
        long non2xx = Long.parseLong(m.group(5));
        long socket = 0;
        for (int g = 6; g <= 9; g++) {
            socket += Long.parseLong(m.group(g));
        }
        // `times` prints the shell's own times, then its children's (wrk): user and system.
        Matcher t = TIMES.matcher(output.substring(m.end()));
        double wrkCpu = 0;
        if (t.find() && t.find()) {
            wrkCpu = Integer.parseInt(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                    + Integer.parseInt(t.group(3)) * 60 + Double.parseDouble(t.group(4));
        }
        double serverCpuMicros = (cpu1 - cpu0) * 1e6 / 100 / Math.max(1, n); // USER_HZ is 100 on Linux
        return new Result(n, secs, Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3,
                non2xx + socket, n - non2xx, Long.parseLong(m.group(10)), Long.parseLong(m.group(11)), serverCpuMicros,
                wrkCpu / secs);
    }

    /** The CPU ticks of every process named {@code postgres} (the database's, when it runs on this machine). */
    private static long databaseCpuTicks() throws IOException {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        ticks += cpuTicks(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        }
        return ticks;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    // -------------------------------------------------------------------------------- servers

    /** The packaged server, as its own process, timed from process start to the first 200 from /health. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final long pid;
        final long startupMillis;

        private Server(Process process, int port, long startupMillis) {
            this.process = process;
            this.port = port;
            this.pid = process.pid();
            this.startupMillis = startupMillis;
        }

        static Server start(WrkBenchmark bench, int port) throws Exception {
            List<String> cmd = new ArrayList<>();
            if (!bench.serverCpus.isEmpty()) {
                cmd.addAll(List.of("taskset", "-c", bench.serverCpus));
            }
            // As the README starts it: the build's start script beside the jar (heap, collector, class-data
            // archive); extra flags go through its RUNGU_JAVA_OPTS, after its own, so they win.
            Path script = bench.jar.resolveSibling("rungu");
            if (!Files.isExecutable(script)) {
                throw new IllegalStateException("no start script " + script + ": build with ./mvnw package");
            }
            cmd.add(script.toString());
            // The SQLite file by its path, as the README names it; another database by its JDBC URL.
            String db = bench.database.startsWith("jdbc:sqlite:") ? bench.db.toString() : bench.database;
            cmd.addAll(List.of("serve", "--db", db,
                    "--host", "127.0.0.1", "--port", Integer.toString(port)));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(bench.work.resolve("server.log").toFile()))
                    .redirectErrorStream(true);
            if (!bench.jvmArgs.isBlank()) {
                pb.environment().put("RUNGU_JAVA_OPTS", bench.jvmArgs.trim());
            }
            pb.environment().put("RUNGU_SECRET", SECRET);
            pb.environment().put("RUNGU_RATE_LIMITS", "false");
            long t0 = System.nanoTime();
            Process p = pb.start();
            while (!healthy(port)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server stopped; see " + bench.work.resolve("server.log"));
                }
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    p.destroyForcibly();
                    throw new IllegalStateException("no answer from /health in 120 s");
                }
                // Not a busy wait: on two cores a spinning poller takes the core the starting JVM's compilers
                // need, which made start-up look 0.5 s slower than it is. 2 ms is the most this adds.
                Thread.sleep(2);
            }
            return new Server(p, port, (System.nanoTime() - t0) / 1_000_000);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the server's own shutdown
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** One GET /health on a fresh connection: true on a 200, false when nothing listens yet or it is not ready. */
    private static boolean healthy(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream o = s.getOutputStream();
            o.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** The bare route ({@link BareServer}) in its own JVM, with the same JVM defaults as the server. */
    private static final class Bare implements AutoCloseable {
        final Process process;
        final int port;
        final long pid;

        private Bare(Process process, int port) {
            this.process = process;
            this.port = port;
            this.pid = process.pid();
        }

        static Bare start(WrkBenchmark bench, int port, Path dir) throws Exception {
            List<String> cmd = new ArrayList<>();
            if (!bench.serverCpus.isEmpty()) {
                cmd.addAll(List.of("taskset", "-c", bench.serverCpus));
            }
            cmd.addAll(List.of("java", "-cp", System.getProperty("java.class.path"), BareServer.class.getName(),
                    Integer.toString(port), dir.toString()));
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(bench.work.resolve("bare.log").toFile()))
                    .redirectErrorStream(true).start();
            long t0 = System.nanoTime();
            while (!listening(port)) {
                if (!p.isAlive() || System.nanoTime() - t0 > 60_000_000_000L) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the bare route did not start; see " + bench.work.resolve("bare.log"));
                }
                Thread.sleep(10);
            }
            return new Bare(p, port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Rungu's answer to every distinct request of the scenarios (the first viewer's, uncompressed), for the bare route. */
    private void capture(int port, Iterable<Scenario> scenarios, Path bareDir) throws Exception {
        Files.createDirectories(bareDir);
        List<String> index = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Scenario s : scenarios) {
            for (String line : s.votes ? s.lines.subList(0, 1) : s.lines) {
                String[] f = line.split("\t");
                if (!seen.add(f[0] + " " + f[1])) {
                    continue;
                }
                HttpResponse<byte[]> r = send(port, f[0], f[1], f[2]);
                if (r.statusCode() >= 300) {
                    throw new IllegalStateException(f[0] + " " + f[1] + " answered " + r.statusCode());
                }
                if (s.votes) { // the capturing toggle is undone, so every pair starts as seeded
                    send(port, f[0], f[1], f[2]);
                }
                String file = "a" + index.size();
                Files.write(bareDir.resolve(file), r.body());
                index.add(f[0] + "\t" + f[1] + "\t" + r.headers().firstValue("Content-Type").orElse("application/json") + "\t" + file);
            }
        }
        Files.write(bareDir.resolve("index.tsv"), index);
    }

    private HttpResponse<byte[]> send(int port, String method, String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!cookie.equals("-")) {
            b.header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Redeems each member's sign-in link on the running server: its session cookie ({@code session=...}). */
    private List<String> signIn(int port, List<String> links) throws Exception {
        List<String> cookies = new ArrayList<>();
        for (String link : links) {
            HttpResponse<byte[]> r = send(port, "GET", link.substring(link.indexOf("/auth/link/")), "-");
            String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("sign-in gave no session cookie: " + r.statusCode()));
            cookies.add(cookie.substring(0, cookie.indexOf(';')));
        }
        return cookies;
    }

    // -------------------------------------------------------------------------------- data

    private void seedIfMissing() throws Exception {
        boolean sqlite = database.startsWith("jdbc:sqlite:");
        if (sqlite ? Files.exists(db) : hasPosts()) {
            out("reusing %s", sqlite ? db : redacted(database));
            return;
        }
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        int code = new ProcessBuilder("java", "-jar", jar.toString(), "seed", "--db", sqlite ? db.toString() : database,
                "--posts", Integer.toString(posts), "--votes", Integer.toString(posts * 5),
                "--comments", Integer.toString(posts / 2), "--projects", "10", "--users", "10000")
                .inheritIO().start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("rungu seed failed: " + code);
        }
        out("seeded %s in %.1f s", sqlite ? db : redacted(database), (System.nanoTime() - t0) / 1e9);
    }

    private boolean hasPosts() throws Exception {
        try (Connection c = DriverManager.getConnection(database);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM posts")) {
            return rs.next() && rs.getLong(1) > 0;
        } catch (java.sql.SQLException noSchemaYet) {
            return false;
        }
    }

    /** A JDBC URL without its password, for the report. */
    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** What the scenarios need from the seeded database, read before the server starts (one process at a time). */
    private record Board(String slug, String projectId, long postCount, List<String> links, List<String> postIds,
                         List<String> votePostIds, List<String> queries) {
        static Board read(String database) {
            try (RunguStore store = RunguStore.open(c -> c.url = database)) {
                User admin = store.accounts().ensureUser("bench-admin@example.test", "Bench", Role.ADMIN);
                Actor.Account adminActor = Actor.of(admin.id(), Role.ADMIN);
                List<User> members = store.board().listUsers(adminActor, PageRequest.of(1, MEMBERS)).items().stream()
                        .filter(u -> u.role() == Role.MEMBER).toList();
                Project project = store.board().listProjects(adminActor, PageRequest.of(1, 100)).items().stream()
                        .max((a, b) -> Long.compare(a.postCount(), b.postCount())).orElseThrow();
                RunguAuth auth = RunguAuth.create(store, a -> {
                    a.secret = SECRET;
                    a.baseUrl = "http://localhost";
                    a.secureCookies = false;
                });
                List<String> links = members.stream()
                        .map(u -> auth.createSignInLink(u.email(), Role.MEMBER, Duration.ofHours(1))).toList();
                List<String> postIds = new ArrayList<>();
                Map<String, Integer> words = new HashMap<>();
                List<String> pairs = new ArrayList<>();
                for (int page = 1; page <= 40; page++) {
                    store.board().listPosts(adminActor, project.slug(),
                            new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.of(page, 100))).items().forEach(v -> {
                                postIds.add(v.post().id());
                                String[] w = v.post().title().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L} ]", " ").trim()
                                        .split("\\s+");
                                for (String word : w) {
                                    if (word.length() >= 3) {
                                        words.merge(word, 1, Integer::sum);
                                    }
                                }
                                if (w.length >= 2 && w[0].length() >= 3 && w[1].length() >= 3 && pairs.size() < 200) {
                                    pairs.add(w[0] + " " + w[1]);
                                }
                            });
                }
                return new Board(project.slug(), project.id(), project.postCount(), links, postIds.subList(0, 1000),
                        postIds, queries(words, pairs));
            }
        }

        /** A mixed set: rare, mid and common title words (by their share of 4,000 titles) and two-word pairs. */
        private static List<String> queries(Map<String, Integer> words, List<String> pairs) {
            TreeMap<Integer, List<String>> byCount = new TreeMap<>();
            words.forEach((w, n) -> byCount.computeIfAbsent(n, k -> new ArrayList<>()).add(w));
            byCount.values().forEach(l -> l.sort(null));
            List<String> sorted = byCount.descendingMap().values().stream().flatMap(List::stream).toList();
            List<String> out = new ArrayList<>();
            int n = sorted.size();
            for (int i = 0; i < 5; i++) {
                out.add(sorted.get(i));                         // common
                out.add(sorted.get(n / 4 + i * 7));             // mid
                out.add(sorted.get(n - 1 - i * 13));            // rare
                out.add(pairs.get(i * 17 % pairs.size()));      // pair
            }
            return out;
        }
    }

    // -------------------------------------------------------------------------------- machine

    private static String[] memory(long pid) throws IOException {
        String rss = "?", hwm = "?";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = mib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = mib(line);
            }
        }
        return new String[] {rss, hwm};
    }

    private static String mib(String statusLine) {
        long kb = Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String command(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private WrkBenchmark() {}
}
