package io.rungu.store.internal;

import io.rungu.store.Accounts;
import io.rungu.store.Board;
import io.rungu.store.StoreConfig;
import io.rungu.store.internal.accounts.AccountsService;
import io.rungu.store.internal.board.BoardService;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.PostgresDatabase;
import io.rungu.store.internal.db.SqliteDatabase;

/** Wires the store's internals; the only place that knows which class implements which service. */
public final class Services {
    private Services() {}

    /** Opens the database named by the configuration. */
    public static Database database(StoreConfig config) {
        if (config.dataSource != null) {
            String product = PostgresDatabase.productOf(config.dataSource);
            if (product.equalsIgnoreCase("PostgreSQL")) {
                return new PostgresDatabase(config.dataSource, config.closeDataSource, config.schema);
            }
            if (product.equalsIgnoreCase("SQLite")) {
                throw new IllegalArgumentException("A SQLite dataSource is not supported: Rungu opens SQLite itself "
                        + "(one writer connection, WAL, busy timeout). Set url = jdbc:sqlite:<file> instead.");
            }
            throw new IllegalArgumentException("The dataSource connects to " + product
                    + "; Rungu supports PostgreSQL data sources (and SQLite through url = jdbc:sqlite:<file>)");
        }
        if (config.url.startsWith("jdbc:postgresql:")) {
            return new PostgresDatabase(config.url, config.poolSize, config.schema);
        }
        return new SqliteDatabase(config.url, config.readConnections, config.busyTimeout);
    }

    /** The Board service. */
    public static Board board(Database database, StoreConfig config) {
        return BoardService.create(database, config.clock, config.ids, config.cacheTtl,
                config.cacheMegabytes * 1024L * 1024L,
                new io.rungu.store.internal.board.UploadQuotas(config.uploadQuotaPerUser, config.uploadQuotaTotal),
                new io.rungu.model.OutboundAddresses(config.resolver, config.webhooksAllowPrivate));
    }

    /** The queue of webhook messages behind a Board made by {@link #board}. */
    public static io.rungu.store.WebhookQueue webhookQueue(Board board) {
        return ((BoardService) board).webhookQueue();
    }

    /** The Accounts service. */
    public static Accounts accounts(Database database, StoreConfig config) {
        return AccountsService.create(database, config.clock, config.ids, config.cacheTtl,
                config.sessionCacheEntries);
    }
}
