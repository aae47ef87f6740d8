package io.rungu.http.bench;

import io.javalin.Javalin;
import io.rungu.http.RunguPlugin;
import io.rungu.model.Project;
import io.rungu.model.User;
import io.rungu.store.DemoData;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The same HTTP load on SQLite and on PostgreSQL, printed side by side: the board list (most voted, 20 per page,
 * with the viewer's votes), search, vote toggles spread over many posts, and toggles on one hot post; on
 * PostgreSQL also vote toggles spread over two servers (two ports, two stores) on the one database. After the
 * writes it checks that every post's vote count equals its vote rows. Not a test: run it with
 * {@code mvn -o -q -pl rungu-http -am test-compile -Pbench-db} (see docs/operations.md).
 *
 * <p>System properties: {@code bench.posts}, {@code bench.votes}, {@code bench.threads},
 * {@code bench.seconds}, {@code bench.warmup}); PostgreSQL is the test server of {@link TestDatabase}, in a new
 * database that is dropped at the end.
 */
public final class DatabaseBenchmark {
    record Row(String scenario, JavaClientLoad.Result sqlite, JavaClientLoad.Result postgres) {}

    public static void main(String[] args) throws Exception {
        int posts = Integer.getInteger("bench.posts", 100_000);
        int votes = Integer.getInteger("bench.votes", 500_000);
        int threads = Integer.getInteger("bench.threads", 8);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 3);
        Path dir = Files.createTempDirectory("rungu-db-bench");
        List<List<Object>> results = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            try (TestDatabase.Fresh db = kind.create(dir)) {
                results.add(measure(kind, db.url(), posts, votes, threads, seconds, warmup, checks));
            }
        }
        System.out.printf(Locale.ROOT, "%n%d posts, %d votes, %d client threads, %d s per run (+%d s warm-up), JDK %s, %d CPUs%n",
                posts, votes, threads, seconds, warmup, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-44s %10s %8s %8s | %10s %8s %8s%n", "scenario", "SQLite r/s", "p50 ms", "p99 ms",
                "PG r/s", "p50 ms", "p99 ms");
        @SuppressWarnings("unchecked")
        List<Object[]> sqlite = (List<Object[]>) (List<?>) results.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> postgres = (List<Object[]>) (List<?>) results.get(1);
        for (int i = 0; i < Math.max(sqlite.size(), postgres.size()); i++) {
            Object[] s = i < sqlite.size() ? sqlite.get(i) : null;
            Object[] p = i < postgres.size() ? postgres.get(i) : null;
            String name = (String) (s != null ? s[0] : p[0]);
            System.out.printf(Locale.ROOT, "%-44s %s | %s%n", name, cells(s), cells(p));
        }
        checks.forEach(System.out::println);
    }

    private static String cells(Object[] row) {
        if (row == null) {
            return String.format(Locale.ROOT, "%10s %8s %8s", "-", "-", "-");
        }
        JavaClientLoad.Result r = (JavaClientLoad.Result) row[1];
        return String.format(Locale.ROOT, "%10.0f %8.2f %8.2f", r.rps(), r.p50(), r.p99())
                + (r.errors() > 0 ? " (errors " + r.errors() + ")" : "");
    }

    private static List<Object> measure(TestDatabase kind, String url, int posts, int votes, int threads, int seconds,
                                        int warmup, List<String> checks) throws Exception {
        List<Object> rows = new ArrayList<>();
        try (RunguStore store = RunguStore.open(c -> {
            c.url = url;
            c.poolSize = threads + 2;
        })) {
            long t0 = System.nanoTime();
            DemoData.generate(store, new DemoData.Options(10, posts, votes, posts / 2, 10_000, 42), (s, d, t) -> { });
            System.out.printf(Locale.ROOT, "%s: seeded %d posts, %d votes in %.1f s%n", kind, posts, votes,
                    (System.nanoTime() - t0) / 1e9);
            BenchBoard bench = BenchBoard.of(store);
            List<User> users = bench.members();
            Project project = bench.project();
            List<String> postIds = bench.postIds();
            List<String> words = bench.words();
            String slug = project.slug();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Javalin app = server(store);
            String base = "http://127.0.0.1:" + app.port();
            IntFunction<String> list = i -> "/api/projects/" + slug + "/posts?sort=most_votes&per_page=20&page=" + (1 + i % 5);
            IntFunction<String> search = i -> "/api/projects/" + slug + "/posts?per_page=20&q=" + words.get(i % words.size());
            IntFunction<String> vote = i -> "/api/posts/" + postIds.get(i % postIds.size()) + "/vote";
            IntFunction<String> hot = i -> "/api/posts/" + postIds.get(0) + "/vote";
            rows.add(new Object[] {"board list (most_votes, 20/page, voted-state)",
                    JavaClientLoad.load(client, base, "GET", list, users, threads, warmup, seconds)});
            rows.add(new Object[] {"search (q, relevance, 20/page)",
                    JavaClientLoad.load(client, base, "GET", search, users, threads, warmup, seconds)});
            rows.add(new Object[] {"vote toggle, 1,000 posts",
                    JavaClientLoad.load(client, base, "POST", vote, users, threads, warmup, seconds)});
            rows.add(new Object[] {"vote toggle, one hot post",
                    JavaClientLoad.load(client, base, "POST", hot, users, threads, warmup, seconds)});
            if (kind == TestDatabase.POSTGRES) {
                try (RunguStore second = RunguStore.open(c -> {
                    c.url = url;
                    c.poolSize = threads + 2;
                })) {
                    Javalin other = server(second);
                    String[] bases = {base, "http://127.0.0.1:" + other.port()};
                    // Every request goes to one of the two servers, alternating, as a round-robin balancer would.
                    rows.add(new Object[] {"vote toggle, 1,000 posts, 2 servers",
                            JavaClientLoad.load(client, "", "POST", i -> bases[i % 2] + vote.apply(i), users, threads,
                                    warmup, seconds)});
                    other.stop();
                }
            }
            app.stop();
        }
        checks.add(kind + ": " + exactness(url));
        return rows;
    }

    private static Javalin server(RunguStore store) {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.registerPlugin(new RunguPlugin(store, JavaClientLoad::actor, http -> http.rateLimits.enabled = false));
        }).start("127.0.0.1", 0);
    }

    /** Compares every post's vote_count with its vote rows after all the toggles. */
    private static String exactness(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(CASE WHEN p.vote_count = coalesce(v.n, 0) "
                     + "THEN 0 ELSE 1 END), 0), (SELECT count(*) FROM votes) FROM posts p LEFT JOIN (SELECT post_id, "
                     + "count(*) AS n FROM votes GROUP BY post_id) v ON v.post_id = p.id")) {
            rs.next();
            long mismatches = rs.getLong(2);
            return String.format(Locale.ROOT, "after the toggles, %,d votes; vote_count differs from the vote rows on %d "
                    + "of %,d posts%s", rs.getLong(3), mismatches, rs.getLong(1), mismatches == 0 ? " (exact)" : " (NOT EXACT)");
        }
    }

    private DatabaseBenchmark() {}
}
