package io.rungu.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The search scenario of issue #16: a mixed query set (rare, mid and common single words and two-word pairs, every
 * sort) issued sequentially by one client against an already running server, with p50/p99 per class, and a check
 * of every single word's total against the data itself.
 *
 * <p>The query set is built from the board's own posts, read straight from the database and tokenised here (not by
 * the full-text index): a word's true count is the number of the board's listed posts holding a word that starts
 * with it (a search matches its last word by prefix). The API must report exactly that up to
 * {@link #EXACT_UP_TO} matches, and above it either that or an estimate flagged {@code total_is_estimate} within
 * 5 %.
 *
 * <pre>{@code
 * ./mvnw -o -q -pl rungu-cli -am package -DskipTests      # the jar and the test classes
 * java -jar rungu-cli/target/rungu.jar --db /data/rungu.db seed --posts 1000000 --votes 5000000 \
 *     --comments 500000 --projects 10 --users 10000
 * java -jar rungu-cli/target/rungu.jar --db /data/rungu.db serve --port 8080 &
 * # the shaded jar holds Jackson and the JDBC drivers; words per class, rounds, the server's pid (CPU per request)
 * java -cp rungu-cli/target/rungu.jar:rungu-cli/target/test-classes io.rungu.cli.bench.SearchBenchmark \
 *     http://127.0.0.1:8080 <largest board's slug> /data/rungu.db 4 3 $!
 * }</pre>
 *
 * A benchmark, not a test: it prints figures and never runs in {@code verify}.
 */
public final class SearchBenchmark {
    /** Totals up to this many matches must be exact (issue #16). */
    public static final long EXACT_UP_TO = 10_000;
    /** The sorts of the list endpoint. */
    public static final List<String> SORTS = List.of("relevance", "newest", "oldest", "most_votes", "least_votes",
            "recently_updated", "trending");

    private SearchBenchmark() {}

    /**
     * How to run.
     *
     * @param wordsPerClass single words per class (rare, mid, common), and as many pairs
     * @param rounds        timed passes over the whole set, after a first pass reported apart ("first pass")
     * @param seed          seed of the choice of words
     * @param serverPid     the server's process id on this machine, to report its CPU time per request (0: none)
     */
    public record Options(int wordsPerClass, int rounds, long seed, long serverPid) {
        public static Options defaults() {
            return new Options(4, 3, 42, 0);
        }
    }

    /** Latency of one class of queries, in milliseconds; {@code serverCpu} per request (NaN: not measured). */
    public record Latency(String name, int requests, double p50, double p99, double max, double serverCpu) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%-22s %4d requests  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  server CPU %6.2f ms/request",
                    name, requests, p50, p99, max, serverCpu);
        }
    }

    /** A single word's total as the API reported it and as the data holds it. */
    public record TotalCheck(String word, String clazz, long trueCount, long exactWordCount, long reported,
                             boolean estimate, boolean ok) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-7s %-14s true %,9d (exact word %,9d)  api %,9d%s  %s", clazz, word,
                    trueCount, exactWordCount, reported, estimate ? " (estimate)" : "", ok ? "ok" : "WRONG");
        }
    }

    /**
     * What a run measured.
     *
     * @param perClass per class (rare, mid, common, pair), then per sort, then "all" (the timed rounds), then
     *                 "first pass" (the untimed pass: each query asked for the first time, nothing kept)
     * @param totals   one check per single word
     * @param boardPosts the board's listed posts
     * @param slowest  the slowest queries of the timed rounds, then of the first pass, each with both times
     * @param warmedUp the set's words that the server's search warm-up ({@link io.rungu.cli.SearchWarmUp}) also
     *                 searches, whose first asks may find its kept searches: none, or the first pass flatters them
     */
    public record Figures(Map<String, Latency> perClass, List<TotalCheck> totals, int boardPosts, List<String> slowest,
                          List<String> warmedUp) {
        /** True when every single word's total passed its check. */
        public boolean totalsOk() {
            return totals.stream().allMatch(TotalCheck::ok);
        }

        /** Overall latency. */
        public Latency all() {
            return perClass.get("all");
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "board: %,d listed posts%n", boardPosts));
            perClass.values().forEach(l -> s.append(l).append('\n'));
            s.append("slowest: ").append(String.join("; ", slowest)).append('\n');
            totals.forEach(t -> s.append(t).append('\n'));
            s.append(totalsOk() ? "all totals ok" : "SOME TOTALS WRONG").append('\n');
            s.append(warmedUp.isEmpty() ? "no word of the set is one the server's warm-up searched"
                    : "WORDS THE WARM-UP ALSO SEARCHED (their first asks may be kept ones): " + warmedUp).append('\n');
            return s.toString();
        }
    }

    /** One query of the set. */
    record Query(String clazz, String text, String sort) {}

    /**
     * Builds the query set of {@code board} from {@code jdbcUrl} (the database the server at {@code base} serves),
     * runs it and checks the totals.
     */
    public static Figures run(URI base, String board, String jdbcUrl, Options options)
            throws IOException, InterruptedException, SQLException {
        List<List<String>> posts = boardTokens(jdbcUrl, board);
        Vocabulary vocabulary = Vocabulary.of(posts);
        SplittableRandom random = new SplittableRandom(options.seed());
        int n = posts.size();
        Map<String, List<String>> classes = new LinkedHashMap<>();
        classes.put("rare", vocabulary.pick(random, 2, Math.max(3, n / 2_000), options.wordsPerClass()));
        classes.put("mid", vocabulary.pick(random, Math.max(4, n / 200), Math.max(5, n / 20), options.wordsPerClass()));
        classes.put("common", vocabulary.pick(random, Math.max(6, n / 5), n, options.wordsPerClass()));
        List<String> pairs = new ArrayList<>();
        List<String> all = new ArrayList<>();
        classes.values().forEach(all::addAll);
        for (int i = 0; i < options.wordsPerClass() && all.size() >= 2; i++) {
            String a = classes.get(i % 2 == 0 ? "common" : "mid").get(i % classes.get("mid").size());
            String b = all.get(random.nextInt(all.size()));
            pairs.add(a.equals(b) ? a : a + " " + b);
        }
        List<Query> set = new ArrayList<>();
        classes.forEach((clazz, words) -> words.forEach(w -> SORTS.forEach(s -> set.add(new Query(clazz, w, s)))));
        pairs.forEach(p -> SORTS.forEach(s -> set.add(new Query("pair", p, s))));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> firstAnswers = new HashMap<>();
        List<Double> first = new ArrayList<>();
        Map<Query, double[]> worst = new HashMap<>(); // per query: slowest in the timed rounds, first pass
        long firstCpu = serverCpuTicks(options.serverPid());
        for (Query q : set) {
            long start = System.nanoTime();
            firstAnswers.put(q.text() + "|" + q.sort(), get(client, json, base, board, q, 1));
            first.add((System.nanoTime() - start) / 1e6);
            worst.put(q, new double[] {0, first.get(first.size() - 1)});
        }
        firstCpu = serverCpuTicks(options.serverPid()) - firstCpu;
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, Long> cpuTicks = new HashMap<>();
        classes.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        samples.put("pair", new ArrayList<>());
        SORTS.forEach(k -> samples.put("sort " + k, new ArrayList<>()));
        samples.put("all", new ArrayList<>());
        for (int round = 0; round < options.rounds(); round++) {
            for (Query q : set) {
                long cpu = serverCpuTicks(options.serverPid());
                long start = System.nanoTime();
                get(client, json, base, board, q, 1);
                double ms = (System.nanoTime() - start) / 1e6;
                long used = serverCpuTicks(options.serverPid()) - cpu;
                for (String k : List.of(q.clazz(), "sort " + q.sort(), "all")) {
                    samples.get(k).add(ms);
                    worst.get(q)[0] = Math.max(worst.get(q)[0], ms);
                    cpuTicks.merge(k, used, Long::sum);
                }
            }
        }
        Map<String, Latency> perClass = new LinkedHashMap<>();
        samples.forEach((k, v) -> perClass.put(k, latency(k, v,
                options.serverPid() <= 0 ? Double.NaN : cpuTicks.getOrDefault(k, 0L) * 10.0 / v.size())));
        // The untimed pass, when each query is asked for the first time: what a search costs with nothing kept.
        perClass.put("first pass", latency("first pass", first,
                options.serverPid() <= 0 ? Double.NaN : firstCpu * 10.0 / first.size()));

        List<TotalCheck> totals = new ArrayList<>();
        classes.forEach((clazz, words) -> {
            for (String w : words) {
                long truth = vocabulary.postsWithPrefix(posts, w);
                long exactWord = vocabulary.postsWith(w);
                for (String sort : SORTS) {
                    JsonNode pagination = firstAnswers.get(w + "|" + sort).path("pagination");
                    long reported = pagination.path("total").asLong(-1);
                    boolean estimate = pagination.path("total_is_estimate").asBoolean(false);
                    boolean ok = estimate
                            ? truth > EXACT_UP_TO && Math.abs(reported - truth) <= truth * 0.05
                            : reported == truth;
                    if (sort.equals("relevance") || !ok) {
                        totals.add(new TotalCheck(w + (sort.equals("relevance") ? "" : " /" + sort), clazz, truth,
                                exactWord, reported, estimate, ok));
                    }
                }
            }
        });
        List<String> slowest = new ArrayList<>();
        for (int pass : new int[] {0, 1}) {
            worst.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue()[pass], a.getValue()[pass])).limit(6)
                    .map(e -> String.format(Locale.ROOT, "%s%s '%s' /%s %.0f ms (%s %.0f ms)",
                            pass == 0 ? "" : "first pass: ", e.getKey().clazz(), e.getKey().text(), e.getKey().sort(),
                            e.getValue()[pass], pass == 0 ? "first" : "timed", e.getValue()[1 - pass]))
                    .forEach(slowest::add);
        }
        Set<String> warmUp = new HashSet<>(io.rungu.cli.SearchWarmUp.words(newestTitles(jdbcUrl, board)));
        List<String> warmedUp = set.stream().flatMap(q -> Arrays.stream(q.text().split(" "))).distinct()
                .filter(warmUp::contains).toList();
        return new Figures(perClass, totals, n, slowest, warmedUp);
    }

    /**
     * {@code SearchBenchmark <base-url> <board-slug> <jdbc-url or SQLite file> [words-per-class] [rounds]
     * [server-pid]}; exits 1 when a total is wrong.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SearchBenchmark <base-url> <board-slug> <jdbc-url or SQLite file> "
                    + "[words-per-class] [rounds] [server-pid]");
            System.exit(2);
        }
        String db = args[2].startsWith("jdbc:") ? args[2] : "jdbc:sqlite:" + args[2];
        Options defaults = Options.defaults();
        Options options = new Options(args.length > 3 ? Integer.parseInt(args[3]) : defaults.wordsPerClass(),
                args.length > 4 ? Integer.parseInt(args[4]) : defaults.rounds(), defaults.seed(),
                args.length > 5 ? Long.parseLong(args[5]) : 0);
        Figures figures = run(URI.create(args[0]), args[1], db, options);
        System.out.print(figures);
        System.exit(figures.totalsOk() ? 0 : 1);
    }

    private static JsonNode get(HttpClient client, ObjectMapper json, URI base, String board, Query q, int page)
            throws IOException, InterruptedException {
        URI uri = base.resolve("/api/projects/" + board + "/posts?q="
                + URLEncoder.encode(q.text(), StandardCharsets.UTF_8) + "&sort=" + q.sort() + "&page=" + page);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private static Latency latency(String name, List<Double> ms, double cpuMs) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Latency(name, sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[sorted.length - 1], cpuMs);
    }

    /**
     * The server process's CPU time so far in clock ticks (1/100 s on Linux), from /proc; 0 without a pid. On a
     * loaded machine wall times stretch with the load while the server's own CPU time per request does not.
     */
    static long serverCpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The titles of the board's newest listed posts, newest first, as the search warm-up reads them. */
    static List<String> newestTitles(String jdbcUrl, String board) throws SQLException {
        List<String> titles = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT p.title FROM posts p JOIN projects b ON b.id = p.project_id "
                     + "WHERE b.slug = ? AND p.state = 'listed' ORDER BY p.created_at DESC, p.id DESC LIMIT ?")) {
            ps.setString(1, board);
            ps.setInt(2, io.rungu.cli.SearchWarmUp.TITLES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    titles.add(rs.getString(1));
                }
            }
        }
        return titles;
    }

    /** The distinct words of each listed post of the board (title and description). */
    static List<List<String>> boardTokens(String jdbcUrl, String board) throws SQLException {
        List<List<String>> posts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT p.title, p.description FROM posts p "
                     + "JOIN projects b ON b.id = p.project_id WHERE b.slug = ? AND p.state = 'listed'")) {
            ps.setString(1, board);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<String> words = new HashSet<>();
                    tokenise(rs.getString(1), words);
                    tokenise(rs.getString(2), words);
                    posts.add(List.copyOf(words));
                }
            }
        }
        if (posts.isEmpty()) {
            throw new IllegalArgumentException("board " + board + " has no listed posts in " + jdbcUrl);
        }
        return posts;
    }

    /** Words as both databases index them: letters and digits, case and diacritics folded. */
    static void tokenise(String text, Set<String> into) {
        if (text == null) {
            return;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        for (String w : folded.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                into.add(w);
            }
        }
    }

    /** Per word, the number of posts holding it. */
    record Vocabulary(Map<String, Integer> postsPerWord) {
        static Vocabulary of(List<List<String>> posts) {
            Map<String, Integer> counts = new HashMap<>();
            posts.forEach(words -> words.forEach(w -> counts.merge(w, 1, Integer::sum)));
            return new Vocabulary(counts);
        }

        long postsWith(String word) {
            return postsPerWord.getOrDefault(word, 0);
        }

        /** Posts holding a word beginning with {@code prefix}, counted over the posts themselves. */
        long postsWithPrefix(List<List<String>> posts, String prefix) {
            long n = 0;
            for (List<String> words : posts) {
                for (String w : words) {
                    if (w.startsWith(prefix)) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }

        /**
         * Up to {@code count} words of at least 3 letters in {@code min..max} posts, spread by the seed; when none
         * is in that range, the {@code count} words nearest to it.
         */
        List<String> pick(SplittableRandom random, int min, int max, int count) {
            String[] candidates = postsPerWord.entrySet().stream()
                    .filter(e -> e.getValue() >= min && e.getValue() <= max && e.getKey().length() >= 3)
                    .map(Map.Entry::getKey).sorted().toArray(String[]::new);
            if (candidates.length == 0) {
                return postsPerWord.entrySet().stream().filter(e -> e.getKey().length() >= 3)
                        .sorted(java.util.Comparator.comparingLong((Map.Entry<String, Integer> e) ->
                                e.getValue() < min ? min - e.getValue() : e.getValue() - max)
                                .thenComparing(Map.Entry::getKey))
                        .limit(count).map(Map.Entry::getKey).toList();
            }
            List<String> out = new ArrayList<>();
            Set<Integer> taken = new HashSet<>();
            while (out.size() < Math.min(count, candidates.length)) {
                int i = random.nextInt(candidates.length);
                if (taken.add(i)) {
                    out.add(candidates[i]);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no word in " + min + ".." + max + " posts; candidates "
                        + Arrays.toString(candidates));
            }
            return out;
        }
    }
}
