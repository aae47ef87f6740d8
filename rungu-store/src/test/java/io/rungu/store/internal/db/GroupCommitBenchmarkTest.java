package io.rungu.store.internal.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints toggles per second of a vote-like write (delete or insert a row, move a counter, append an event) from
 * 32 threads on one SQLite file, each in its own transaction and through group commit, alternating 3 s phases.
 * Run with {@code -Drungu.bench=true}; asserts nothing.
 */
@EnabledIfSystemProperty(named = "rungu.bench", matches = "true")
class GroupCommitBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void toggles_per_second_with_and_without_group_commit() throws Exception {
        try (SqliteDatabase db = new SqliteDatabase("jdbc:sqlite:" + dir.resolve("bench.db"), 2, Duration.ofSeconds(5))) {
            db.writeVoid(h -> {
                h.execute("CREATE TABLE counts (post INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
                h.execute("CREATE TABLE votes (user INTEGER, post INTEGER, at TEXT, PRIMARY KEY (user, post))");
                h.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, user INTEGER, post INTEGER, "
                        + "type TEXT, at TEXT)");
                h.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
                        + "INSERT INTO counts SELECT i, 0 FROM n");
            });
            for (int round = 0; round < 3; round++) {
                System.out.printf("own transaction: %,d/s%n", run(db, false));
                System.out.printf("group commit:    %,d/s%n", run(db, true));
            }
        }
    }

    private static long run(SqliteDatabase db, boolean grouped) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int user = t;
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    int post = ThreadLocalRandom.current().nextInt(2000);
                    if (grouped) {
                        db.writeGrouped(h -> toggle(h, user, post));
                    } else {
                        db.write(h -> toggle(h, user, post));
                    }
                    done.incrementAndGet();
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(1000);
        long start = done.get();
        Thread.sleep(3000);
        long counted = done.get() - start;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return counted / 3;
    }

    private static long toggle(Handle h, int user, int post) {
        boolean voted = h.createUpdate("DELETE FROM votes WHERE user = :u AND post = :p").bind("u", user)
                .bind("p", post).execute() == 0;
        if (voted) {
            h.createUpdate("INSERT INTO votes VALUES (:u, :p, 'now')").bind("u", user).bind("p", post).execute();
        }
        h.createUpdate("UPDATE counts SET n = n + :d WHERE post = :p").bind("d", voted ? 1 : -1).bind("p", post)
                .execute();
        h.createUpdate("INSERT INTO events (user, post, type, at) VALUES (:u, :p, :t, 'now')").bind("u", user)
                .bind("p", post).bind("t", voted ? "VOTE_ADDED" : "VOTE_REMOVED").execute();
        return h.createQuery("SELECT n FROM counts WHERE post = :p").bind("p", post).mapTo(Long.class).one();
    }
}
