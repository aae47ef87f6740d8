package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reused read statements (see {@link StatementCache}) behave as fresh ones. */
class StatementCacheTest {
    @TempDir
    Path dir;
    SqliteDatabase db;

    @BeforeEach
    void open() {
        db = new SqliteDatabase("jdbc:sqlite:" + dir.resolve("cache.db"), 1, Duration.ofMillis(300));
        db.writeVoid(h -> {
            h.execute("CREATE TABLE t (x INTEGER NOT NULL)");
            h.execute("INSERT INTO t (x) VALUES (1), (2), (3)");
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_query_left_unfinished_does_not_keep_its_snapshot_open() {
        for (int i = 0; i < 3; i++) {
            assertThat(first()).isEqualTo(1);
        }
        db.writeVoid(h -> h.execute("INSERT INTO t (x) VALUES (0)"));

        assertThat(first()).isEqualTo(0);
        Map<String, Object> checkpoint = db.maintenance(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                .mapToMap().one());
        assertThat(checkpoint.get("busy")).as("a reader still holds a snapshot").isEqualTo(0);
    }

    /** Reads one row of several, leaving the rest unread. */
    private Integer first() {
        return db.read(h -> h.createQuery("SELECT x FROM t ORDER BY x").mapTo(Integer.class).first());
    }

    @Test
    void the_same_query_nested_inside_itself_reads_both_results() {
        List<String> pairs = db.read(h -> {
            List<String> out = new ArrayList<>();
            try (var outer = h.createQuery("SELECT x FROM t WHERE x >= :min ORDER BY x").bind("min", 2)
                    .mapTo(Integer.class).stream()) {
                outer.forEach(x -> h.createQuery("SELECT x FROM t WHERE x >= :min ORDER BY x").bind("min", x)
                        .mapTo(Integer.class).forEach(y -> out.add(x + "-" + y)));
            }
            return out;
        });
        assertThat(pairs).containsExactly("2-2", "2-3", "3-3");
    }

    @Test
    void kept_write_statements_leave_nothing_in_progress_for_a_backup() {
        // The writer keeps its statements too; an INSERT's kept statement once held sqlite-jdbc's generated-keys
        // result open, and VACUUM INTO refused to run beside it.
        for (int x = 10; x < 13; x++) {
            int value = x;
            db.writeVoid(h -> h.createUpdate("INSERT INTO t (x) VALUES (:x)").bind("x", value).execute());
        }
        Path backup = dir.resolve("backup.db");
        db.backupTo(backup);

        SqliteDatabase copy = new SqliteDatabase("jdbc:sqlite:" + backup, 1, Duration.ofMillis(300));
        try {
            Integer rows = copy.read(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(6);
        } finally {
            copy.close();
        }
    }

    @Test
    void a_reused_statement_takes_the_new_parameters() {
        for (int min = 1; min <= 4; min++) {
            int bound = min;
            Integer count = db.read(h -> h.createQuery("SELECT count(*) FROM t WHERE x >= :min").bind("min", bound)
                    .mapTo(Integer.class).one());
            assertThat(count).isEqualTo(4 - min);
        }
    }
}
