package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints search latencies on the largest board of a DemoData file of 100k posts over 10 boards: rare, mid and
 * common words, a two-word pair, a one-letter prefix, every sort, a deep page, with the total each reports
 * against the board's true count of posts holding the word. A benchmark, not a check: run it with
 * {@code ./mvnw -o -q -pl rungu-store -am install -DskipTests} then
 * {@code ./mvnw -o -pl rungu-store test -Drungu.bench=true -Dtest=SearchBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false [-Drungu.bench.file=/tmp/rungu-search-100k.db]}, or on PostgreSQL
 * with {@code -Drungu.bench.url=jdbc:postgresql://127.0.0.1:5432/<an existing database>?user=postgres}. The data is
 * made on the first run (about a minute) and reused.
 */
@EnabledIfSystemProperty(named = "rungu.bench", matches = "true")
class SearchBenchmarkTest {
    @Test
    void searches_on_100k_posts() throws Exception {
        Path file = Path.of(System.getProperty("rungu.bench.file", System.getProperty("java.io.tmpdir")
                + "/rungu-search-100k.db"));
        String url = System.getProperty("rungu.bench.url", "jdbc:sqlite:" + file);
        long opening = System.nanoTime();
        try (RunguStore store = RunguStore.open(c -> c.url = url)) {
            System.out.printf("open (migrations included) %d ms%n", (System.nanoTime() - opening) / 1_000_000);
            if (store.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items().isEmpty()) {
                DemoData.generate(store, new DemoData.Options(10, 100_000, 500_000, 50_000, 10_000, 42), null);
            }
            Board board = store.board();
            String slug = null;
            long most = -1;
            for (var p : board.listProjects(Actor.anonymous(), PageRequest.of(1, 100)).items()) {
                long n = board.listPosts(Actor.anonymous(), p.slug(), PostQuery.newest()).total();
                if (n > most) {
                    most = n;
                    slug = p.slug();
                }
            }
            Map<String, Integer> df = documentFrequencies(board, slug);
            List<Map.Entry<String, Integer>> byDf = new ArrayList<>(df.entrySet());
            byDf.sort(Map.Entry.comparingByValue(Comparator.reverseOrder()));
            String common = byDf.get(0).getKey();
            String mid = pick(byDf, 200);
            String rare = pick(byDf, 5);
            String pair = byDf.get(1).getKey() + " " + pick(byDf, 500);
            System.out.printf("board %s: %d posts; common '%s' in %d, mid '%s' in %d, rare '%s' in %d%n", slug, most,
                    common, df.get(common), mid, df.get(mid), rare, df.get(rare));
            String board0 = slug;
            for (String q : List.of(rare, mid, common, pair, common.substring(0, 1))) {
                for (PostSort sort : List.of(PostSort.RELEVANCE, PostSort.NEWEST, PostSort.OLDEST, PostSort.MOST_VOTES)) {
                    time(String.format("'%s' %s", q, sort.wire()), () -> board.listPosts(Actor.anonymous(), board0,
                            new PostQuery(sort, null, null, q, PageRequest.FIRST)));
                }
            }
            time("'" + common + "' relevance page 50", () -> board.listPosts(Actor.anonymous(), board0,
                    new PostQuery(PostSort.RELEVANCE, null, null, common, new PageRequest(50, 20))));
        }
    }

    private static String pick(List<Map.Entry<String, Integer>> byDf, int target) {
        return byDf.stream().filter(e -> e.getValue() <= target && e.getKey().length() > 3).findFirst()
                .orElseThrow().getKey();
    }

    /** Posts of the board holding each word, counted in Java from every post's text. */
    private static Map<String, Integer> documentFrequencies(Board board, String slug) {
        Map<String, Integer> df = new HashMap<>();
        for (int page = 1; ; page++) {
            Page<PostView> p = board.listPosts(Actor.anonymous(), slug,
                    new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.of(page, 100)));
            for (PostView v : p.items()) {
                String text = (v.post().title() + " " + v.post().description()).toLowerCase(Locale.ROOT);
                for (String w : new java.util.HashSet<>(List.of(text.split("[^\\p{L}\\p{N}]+")))) {
                    if (!w.isEmpty()) {
                        df.merge(w, 1, Integer::sum);
                    }
                }
            }
            if (p.items().size() < 100) {
                return df;
            }
        }
    }

    /**
     * Wall time and this thread's CPU time per call (p50, max of 15 after 3 warm-ups). On SQLite the query runs on
     * the calling thread, so its CPU time is the query's cost and moves far less with the machine's load than the
     * wall time; on PostgreSQL the work is in the server, and only the wall time counts.
     */
    private static void time(String what, Supplier<Page<PostView>> query) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (int i = 0; i < 3; i++) {
            total = query.get().total();
        }
        long[] nanos = new long[15];
        long[] cpu = new long[15];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            query.get();
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        java.util.Arrays.sort(cpu);
        System.out.printf("  %-40s total %6d  p50 %7.2f ms, max %7.2f ms, CPU p50 %7.2f ms%n", what, total,
                nanos[7] / 1e6, nanos[14] / 1e6, cpu[7] / 1e6);
    }
}
