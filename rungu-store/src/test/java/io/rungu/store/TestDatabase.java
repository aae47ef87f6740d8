package io.rungu.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the store's behaviour tests run against. Each test gets its own new, empty database:
 * a file in its temporary directory for SQLite, a {@code rungu_test_<random>} database for PostgreSQL, created
 * through the {@code postgres} database and dropped when the test closes it.
 *
 * <p>PostgreSQL is found at {@code jdbc:postgresql://127.0.0.1:5432/} as user {@code postgres} unless the
 * system property {@code rungu.test.postgres} gives another server URL (without database name). When it does not
 * answer, the PostgreSQL cases fail in CI ({@code CI=true}) and are skipped, loudly, elsewhere.
 *
 * <pre>{@code
 * @ParameterizedClass
 * @EnumSource(TestDatabase.class)
 * class SomethingTest {
 *     @Parameter TestDatabase database;
 *     ...  TestStores.open(database, dir)
 * }
 * }</pre>
 *
 * <p>Tests that want a new store for every test extend {@link OnEachDatabase} instead.
 */
public enum TestDatabase {
    SQLITE,
    POSTGRES;

    private static final String SERVER = System.getProperty("rungu.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = "?user=postgres";

    /** A new empty database of this kind; closing it deletes it. */
    public Fresh create(Path dir) {
        return switch (this) {
            case SQLITE -> new Fresh("jdbc:sqlite:" + dir.resolve("rungu.db"), () -> {});
            case POSTGRES -> createPostgres();
        };
    }

    /** One new database: its JDBC URL, deleted on close. */
    public record Fresh(String url, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    /** The JDBC URL of the server's maintenance database, for tests that create databases themselves. */
    public static String postgresAdminUrl() {
        return SERVER + "postgres" + USER;
    }

    private static Fresh createPostgres() {
        requirePostgres();
        String name = "rungu_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        return new Fresh(SERVER + name + USER, () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(postgresAdminUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void requirePostgres() {
        String problem = Availability.PROBLEM;
        if (problem == null) {
            return;
        }
        String message = "PostgreSQL is not reachable at " + postgresAdminUrl() + " (" + problem + ")";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": in CI the PostgreSQL tests must run, not be skipped");
        }
        Assumptions.abort(message + ": SKIPPING the PostgreSQL half of the store tests");
    }

    /** Checked once per test run; holds the reason PostgreSQL cannot be used, or null. */
    private static final class Availability {
        static final String PROBLEM = probe();

        private static String probe() {
            try (Connection c = DriverManager.getConnection(postgresAdminUrl())) {
                c.isValid(2);
                return null;
            } catch (SQLException e) {
                String problem = e.getMessage();
                System.err.printf(Locale.ROOT, "%n*** %s%n*** PostgreSQL is NOT available (%s): "
                        + "the PostgreSQL store tests are SKIPPED on this machine (in CI they fail).%n%n",
                        "=".repeat(70), problem);
                return problem;
            }
        }
    }
}
