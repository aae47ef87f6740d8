package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long DemoData takes for 100k posts and 500k votes. A benchmark, not a check: run it with
 * {@code mvn -o -q -pl rungu-store -am verify -Drungu.bench=true -Dtest=DemoDataBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "rungu.bench", matches = "true")
class DemoDataBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void loads_100k_posts_and_500k_votes() {
        // -Drungu.bench.dir=/some/dir keeps the database for experiments.
        Path where = System.getProperty("rungu.bench.dir") == null ? dir : Path.of(System.getProperty("rungu.bench.dir"));
        try (TestStores t = TestStores.open(where)) {
            long[] last = {System.nanoTime()};
            String[] step = {""};
            DemoData.Result r = DemoData.generate(t.store(),
                    new DemoData.Options(10, 100_000, 500_000, 50_000, 10_000, 42),
                    (s, done, total) -> {
                        if (!s.equals(step[0])) {
                            long now = System.nanoTime();
                            System.out.printf("  %-9s started at +%d ms%n", s, (now - last[0]) / 1_000_000);
                            step[0] = s;
                        }
                    });
            long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.println("DemoData 10 boards, 10k users, 100k posts, 500k votes, 50k comments: "
                    + r.elapsed().toMillis() + " ms wall, " + cpu / 1_000_000 + " ms CPU of the loading thread"
                    + " (load average " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage() + ")");

            Board board = t.board();
            String slug = board.listProjects(Actor.anonymous(), PageRequest.FIRST).items().get(0).slug();
            Actor viewer = t.member("Viewer");
            String common = t.strings("SELECT title FROM posts LIMIT 1").get(0).split(" ")[0];
            time("top page, newest", () -> board.listPosts(viewer, slug, PostQuery.newest()));
            time("top page, most votes", () -> board.listPosts(viewer, slug,
                    new PostQuery(PostSort.MOST_VOTES, null, null, null, PageRequest.FIRST)));
            time("page 400 (offset 7980)", () -> board.listPosts(viewer, slug,
                    new PostQuery(PostSort.MOST_VOTES, null, null, null, new PageRequest(400, 20))));
            time("search '" + common + "' (common word)", () -> board.listPosts(viewer, slug,
                    new PostQuery(null, null, null, common, PageRequest.FIRST)));
            time("search '" + common.substring(0, 2) + "' (short prefix)", () -> board.listPosts(viewer, slug,
                    new PostQuery(null, null, null, common.substring(0, 2), PageRequest.FIRST)));
            time("roadmap", () -> board.roadmap(viewer, slug, 10));
            time("stats", () -> board.stats(viewer, slug));
        }
    }

    private static void time(String what, Runnable query) {
        for (int i = 0; i < 5; i++) {
            query.run();
        }
        long[] nanos = new long[30];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("  %-40s p50 %.2f ms, max %.2f ms%n", what, nanos[15] / 1e6, nanos[29] / 1e6);
    }
}
