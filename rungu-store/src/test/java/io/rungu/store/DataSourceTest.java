package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** A host hands the store its own data source: PostgreSQL works, SQLite is refused with the way out. */
class DataSourceTest {
    @TempDir
    Path dir;

    @Test
    void a_host_postgres_data_source_serves_the_store_and_stays_open_unless_handed_over() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.create(dir)) {
            ClosingDataSource source = new ClosingDataSource(db.url());
            try (RunguStore store = RunguStore.open(c -> c.dataSource = source)) {
                Actor.Account admin = Actor.of(store.accounts().ensureUser("ada@example.com", "Ada",
                        io.rungu.model.Role.ADMIN).id(), io.rungu.model.Role.ADMIN);
                store.board().createProject(admin, new NewProject("Hosted", null, ""));
                assertThat(store.board().listProjects(admin, PageRequest.FIRST).items()).hasSize(1);
            }
            assertThat(source.closed).isFalse();

            try (RunguStore store = RunguStore.open(c -> {
                c.dataSource = source;
                c.closeDataSource = true;
            })) {
                assertThat(store.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items()).hasSize(1);
            }
            assertThat(source.closed).isTrue();
        }
    }

    @Test
    void a_sqlite_data_source_is_refused_with_the_url_to_use_instead() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("x.db"));

        assertThatThrownBy(() -> RunguStore.open(c -> c.dataSource = sqlite))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQLite dataSource is not supported").hasMessageContaining("jdbc:sqlite:");
    }

    /** The driver's own data source, closeable so the hand-over can be observed. */
    static final class ClosingDataSource extends PGSimpleDataSource implements AutoCloseable {
        private static final long serialVersionUID = 1L;
        transient boolean closed;

        ClosingDataSource(String url) {
            setUrl(url);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (closed) {
                throw new SQLException("closed");
            }
            return super.getConnection();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
