package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive at scale. A benchmark, not part of {@code ./mvnw verify}; it prints figures (docs/performance.md):
 *
 * <pre>
 * # 100k posts, 500k votes, 50k comments: SQLite, export, import into PostgreSQL, export, import into SQLite, export
 * ./mvnw -o -q -pl rungu-store verify -Drungu.bench=true -Dtest='ArchiveBenchmarkTest#round_trip*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * # 1M posts exported and imported again with a 256 MiB heap (-Drungu.bench.posts=N for another size,
 * # -Drungu.bench.import=false for the export alone). The seeder needs a larger heap: seed first, then measure.
 * ./mvnw -o -q -pl rungu-store verify -Drungu.bench=true -Dtest='ArchiveBenchmarkTest#bounded*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drungu.bench.dir=/tmp/rungu-1m -Drungu.bench.seedOnly=true
 * ./mvnw -o -q -pl rungu-store verify -Drungu.bench=true -Dtest='ArchiveBenchmarkTest#bounded*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drungu.bench.dir=/tmp/rungu-1m -Drungu.test.heap=256m
 * </pre>
 */
@EnabledIfSystemProperty(named = "rungu.bench", matches = "true")
class ArchiveBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void round_trip_of_100k_posts_sqlite_postgres_sqlite() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores middle = TestStores.open(TestDatabase.POSTGRES, dir);
             TestStores back = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            seed(source, 100_000);
            Path first = export(source, "SQLite", dir.resolve("first.json.gz"));
            importInto(middle, "PostgreSQL", first);
            Path second = export(middle, "PostgreSQL", dir.resolve("second.json.gz"));
            importInto(back, "SQLite", second);
            Path third = export(back, "SQLite", dir.resolve("third.json.gz"));

            String digest = digestWithoutTime(first);
            System.out.println("decompressed SHA-256 without exported_at: " + digest);
            assertThat(digestWithoutTime(second)).isEqualTo(digest);
            assertThat(digestWithoutTime(third)).isEqualTo(digest);
            printHeap();
        }
    }

    @Test
    void bounded_heap_export_and_import_of_1m_posts() {
        int posts = Integer.getInteger("rungu.bench.posts", 1_000_000);
        System.out.printf("max heap %,d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        // The seeder itself needs more than 256 MiB at 1M posts: seed once with the default heap into a kept
        // directory (-Drungu.bench.dir=DIR -Drungu.bench.seedOnly=true), then run again with the small heap.
        String kept = System.getProperty("rungu.bench.dir");
        Path where = kept == null ? dir.resolve("a") : Path.of(kept);
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, where);
             TestStores target = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            if (source.number("SELECT count(*) FROM posts") < posts) {
                seed(source, posts);
            }
            if ("true".equals(System.getProperty("rungu.bench.seedOnly"))) {
                return;
            }
            Path archive = export(source, "SQLite", dir.resolve("big.json.gz"));
            printHeap();
            // -Drungu.bench.import=false measures the export alone (an import of 1M posts takes far longer).
            if (!"false".equals(System.getProperty("rungu.bench.import"))) {
                importInto(target, "SQLite", archive);
                assertThat(target.number("SELECT count(*) FROM posts")).isEqualTo(posts);
            }
            printHeap();
        }
    }

    private static void seed(TestStores store, int posts) {
        long start = System.nanoTime();
        DemoData.generate(store.store(), new DemoData.Options(10, posts, posts * 5, posts / 2, Math.max(100, posts / 10),
                42), (s, d, t) -> {});
        System.out.printf("seeded %,d posts, %,d votes, %,d comments in %.1f s%n", posts, posts * 5, posts / 2,
                seconds(start));
    }

    private static Path export(TestStores store, String kind, Path file) {
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            Map<String, Long> records = BoardArchive.export(store.store(), out, BoardArchive.ExportOptions.allBoards())
                    .records();
            System.out.printf("export from %-10s %6.1f s, %,d bytes: %s%n", kind, seconds(start), Files.size(file),
                    records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void importInto(TestStores store, String kind, Path file) {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            BoardArchive.importFrom(store.store(), in, new BoardArchive.ImportOptions());
            System.out.printf("import into %-10s %6.1f s%n", kind, seconds(start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the decompressed archive with its export time blanked, read as a stream. */
    private static String digestWithoutTime(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ComparableArchive.write(in, new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of pool peaks) %,d MiB of max %,d MiB%n", peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
