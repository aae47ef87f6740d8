package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.Role;
import io.rungu.store.internal.db.Migrations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rungu in a database it shares with its host: its own PostgreSQL schema beside the host's {@code users}, the
 * migration table named for Rungu (and renamed from the old name in place), nothing left behind by a failed start,
 * and migrations applied by a pipeline instead of at start.
 */
class SharedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void rungu_lives_in_its_own_schema_beside_a_host_table_called_users() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.create(dir)) {
            sql(db.url(), "CREATE TABLE users (login TEXT PRIMARY KEY)", "INSERT INTO users VALUES ('host-admin')",
                    "CREATE TABLE schema_migrations (id TEXT PRIMARY KEY)");
            try (RunguStore store = RunguStore.open(c -> {
                c.url = db.url();
                c.schema = "rungu";
            })) {
                use(store);
            }
            try (RunguStore again = RunguStore.open(c -> {
                c.url = db.url();
                c.schema = "rungu";
            })) {
                assertThat(again.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items()).hasSize(1);
            }
            assertThat(strings(db.url(), "SELECT login FROM public.users")).containsExactly("host-admin");
            assertThat(strings(db.url(), "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                    .containsExactlyInAnyOrder("users", "schema_migrations");
            assertThat(strings(db.url(), "SELECT table_name FROM information_schema.tables WHERE table_schema = 'rungu'"))
                    .contains("users", "posts", Migrations.TABLE);
        }
    }

    @Test
    void a_host_data_source_works_in_the_schema_and_gets_its_connections_back_unchanged() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.create(dir)) {
            sql(db.url(), "CREATE TABLE users (login TEXT PRIMARY KEY)");
            RecordingDataSource source = new RecordingDataSource(db.url());
            try (RunguStore store = RunguStore.open(c -> {
                c.dataSource = source;
                c.schema = "feedback";
            })) {
                use(store);
            }
            assertThat(source.searchPathsAtReturn).isNotEmpty().allMatch(p -> p.equals("\"$user\", public"));
            assertThat(strings(db.url(), "SELECT count(*)::text FROM feedback.users")).containsExactly("1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void a_database_of_the_old_layout_is_upgraded_in_place_once(TestDatabase kind) throws SQLException {
        try (TestDatabase.Fresh db = kind.create(dir)) {
            try (RunguStore old = RunguStore.open(c -> c.url = db.url())) {
                use(old);
            }
            // What Rungu before the rename left: the same rows in a table called schema_migrations.
            sql(db.url(), "ALTER TABLE rungu_schema_migrations RENAME TO schema_migrations");
            if (kind == TestDatabase.POSTGRES) {
                sql(db.url(), "ALTER INDEX rungu_schema_migrations_pkey RENAME TO schema_migrations_pkey");
            }
            List<String> before = strings(db.url(), "SELECT file || ' ' || checksum || ' ' || applied_at FROM schema_migrations ORDER BY version");

            try (RunguStore upgraded = RunguStore.open(c -> c.url = db.url())) {
                assertThat(upgraded.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items()).hasSize(1);
            }
            assertThat(strings(db.url(), "SELECT file || ' ' || checksum || ' ' || applied_at FROM rungu_schema_migrations ORDER BY version"))
                    .isEqualTo(before);
            assertThatThrownBy(() -> strings(db.url(), "SELECT * FROM schema_migrations")).isInstanceOf(SQLException.class);
            try (RunguStore twice = RunguStore.open(c -> c.url = db.url())) {
                twice.checkHealth();
            }
            // The host may now create a table of the old name, index included.
            sql(db.url(), "CREATE TABLE schema_migrations (id TEXT PRIMARY KEY)");
            try (RunguStore beside = RunguStore.open(c -> c.url = db.url())) {
                beside.checkHealth();
            }
        }
    }

    @Test
    void a_failed_first_start_leaves_nothing_behind() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.create(dir)) {
            sql(db.url(), "CREATE TABLE users (login TEXT PRIMARY KEY)");
            assertThatThrownBy(() -> RunguStore.open(c -> c.url = db.url())).hasMessageContaining("users");
            assertThat(strings(db.url(), "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                    .containsExactly("users");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void without_automatic_migration_open_refuses_a_database_that_is_behind_until_migrate_applies_them(TestDatabase kind)
            throws SQLException {
        try (TestDatabase.Fresh db = kind.create(dir)) {
            assertThatThrownBy(() -> RunguStore.open(c -> {
                c.url = db.url();
                c.migrate = false;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("behind")
                    .hasMessageContaining("rungu migrate-schema").hasMessageContaining("V001__initial.sql");

            List<String> applied = RunguStore.migrate(c -> c.url = db.url());
            assertThat(applied).hasSize(Migrations.shipped(kind == TestDatabase.SQLITE ? "sqlite" : "postgres").size())
                    .startsWith("V001__initial.sql");
            assertThat(RunguStore.migrate(c -> c.url = db.url())).isEmpty();
            try (RunguStore store = RunguStore.open(c -> {
                c.url = db.url();
                c.migrate = false;
            })) {
                use(store);
            }
        }
    }

    @Test
    void a_schema_is_refused_for_sqlite_and_must_be_a_plain_identifier() {
        assertThatThrownBy(() -> RunguStore.open(c -> {
            c.url = "jdbc:sqlite:" + dir.resolve("x.db");
            c.schema = "Bad-Name";
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL only")
                .hasMessageContaining("lower-case PostgreSQL identifier");
    }

    private static void use(RunguStore store) {
        Actor.Account admin = Actor.of(store.accounts().ensureUser("ada@example.com", "Ada", Role.ADMIN).id(), Role.ADMIN);
        store.board().createProject(admin, new NewProject("Shared", null, ""));
        assertThat(store.board().listProjects(admin, PageRequest.FIRST).items()).hasSize(1);
    }

    private static void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> strings(String url, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** A host data source that notes each connection's search path as it is handed back. */
    private static final class RecordingDataSource extends PGSimpleDataSource {
        final List<String> searchPathsAtReturn = new CopyOnWriteArrayList<>();

        RecordingDataSource(String url) {
            setURL(url);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && !real.isClosed()) {
                            try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
                                rs.next();
                                searchPathsAtReturn.add(rs.getString(1));
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
