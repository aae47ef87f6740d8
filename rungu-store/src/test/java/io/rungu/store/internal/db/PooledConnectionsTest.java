package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool hands out the connection returned last, so one caller at a time keeps meeting the same page cache. */
class PooledConnectionsTest {
    @Test
    void the_connection_returned_last_is_handed_out_first_and_others_open_only_when_needed(@TempDir Path dir)
            throws Exception {
        List<Connection> opened = new ArrayList<>();
        String url = "jdbc:sqlite:" + dir.resolve("pool.db");
        try (PooledConnections pool = new PooledConnections(3, 1_000, () -> {
            Connection c = DriverManager.getConnection(url);
            opened.add(c);
            return c;
        })) {
            Connection first = pool.openConnection();
            pool.closeConnection(first);
            for (int i = 0; i < 5; i++) {
                Connection again = pool.openConnection();
                assertThat(again).isSameAs(first);
                pool.closeConnection(again);
            }
            assertThat(opened).hasSize(1);

            // Two at once: a second connection opens; the one returned last comes back first.
            Connection a = pool.openConnection();
            Connection b = pool.openConnection();
            assertThat(b).isNotSameAs(a);
            pool.closeConnection(a);
            pool.closeConnection(b);
            assertThat(pool.openConnection()).isSameAs(b);
            assertThat(opened).hasSize(2);
        }
    }
}
