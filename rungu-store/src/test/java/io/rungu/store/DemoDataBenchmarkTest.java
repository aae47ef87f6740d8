package io.rungu.store;

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
        try (TestStores t = TestStores.open(dir)) {
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
        }
    }
}
