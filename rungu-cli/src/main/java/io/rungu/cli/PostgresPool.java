package io.rungu.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The packaged server's PostgreSQL connection pool (HikariCP), handed to the store, which closes it. Embedded
 * hosts bring their own pool instead; rungu-store alone falls back to a small internal one.
 */
final class PostgresPool {
    /** Default size: enough for the request threads of one server without starving other servers of connections. */
    static final int DEFAULT_SIZE = 10;

    private PostgresPool() {}

    static HikariDataSource open(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("rungu-postgres");
        // Batched inserts (seed, migrate) go as multi-row INSERTs.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        // Fail at start, with the driver's message, rather than at the first request.
        config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(config);
    }
}
