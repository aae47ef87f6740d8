package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another connection's commit to the SQLite file is noticed at the first look after it, and never sooner than the
 * interval allows; looks run no statement between intervals. A clock the test moves stands in for time.
 */
class OtherWritersTest {
    static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    String url;
    final AtomicLong now = new AtomicLong(1_000 * SECOND);
    final AtomicInteger changes = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();

    @BeforeEach
    void file() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("watched.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE t (x INTEGER)");
        }
    }

    OtherWriters watcher() {
        return new OtherWriters(() -> {
            opened.incrementAndGet();
            return DriverManager.getConnection(url);
        }, now::get, changes::incrementAndGet);
    }

    static void commit(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (1)");
        }
    }

    @Test
    void a_commit_elsewhere_is_noticed_at_the_first_look_once_the_interval_has_passed() throws Exception {
        try (OtherWriters watcher = watcher(); Connection other = DriverManager.getConnection(url)) {
            watcher.watch(Duration.ofSeconds(1));
            watcher.look();
            assertThat(changes).hasValue(0);

            commit(other);
            now.addAndGet(SECOND / 2);
            watcher.look();
            assertThat(changes).as("within the interval nothing is asked").hasValue(0);

            now.addAndGet(SECOND / 2);
            watcher.look();
            assertThat(changes).hasValue(1);

            // Nothing committed since: later looks find no change.
            now.addAndGet(5 * SECOND);
            watcher.look();
            assertThat(changes).hasValue(1);

            commit(other);
            commit(other);
            now.addAndGet(SECOND);
            watcher.look();
            assertThat(changes).as("two commits between looks are one change").hasValue(2);
        }
    }

    @Test
    void nothing_is_asked_before_watch_and_the_shortest_interval_holds() throws Exception {
        try (OtherWriters watcher = watcher(); Connection other = DriverManager.getConnection(url)) {
            watcher.look();
            assertThat(opened).as("not watching: no connection").hasValue(0);

            watcher.watch(Duration.ofSeconds(10));
            watcher.watch(Duration.ofSeconds(1));
            watcher.watch(Duration.ofSeconds(5));
            assertThat(opened).hasValue(1);

            commit(other);
            now.addAndGet(SECOND);
            watcher.look();
            assertThat(changes).hasValue(1);
        }
    }

    @Test
    void a_failed_look_counts_as_a_change_and_the_next_look_opens_again() throws Exception {
        boolean[] fail = {true};
        try (OtherWriters watcher = new OtherWriters(() -> {
                opened.incrementAndGet();
                if (fail[0]) {
                    throw new java.sql.SQLException("disk gone");
                }
                return DriverManager.getConnection(url);
            }, now::get, changes::incrementAndGet)) {
            watcher.watch(Duration.ofSeconds(1));
            assertThat(changes).as("a look that fails must drop kept values, not keep them").hasValue(1);

            fail[0] = false;
            now.addAndGet(SECOND);
            watcher.look();
            assertThat(opened).hasValue(2);
            assertThat(changes).as("reopened: commits between the two could not be seen, so a change").hasValue(2);

            now.addAndGet(SECOND);
            watcher.look();
            assertThat(changes).as("nothing committed since the reopened look").hasValue(2);
        }
    }
}
