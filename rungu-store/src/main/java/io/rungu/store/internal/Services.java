package io.rungu.store.internal;

import io.rungu.store.Accounts;
import io.rungu.store.Board;
import io.rungu.store.StoreConfig;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.SqliteDatabase;

/** Wires the store's internals; the only place that knows which class implements which service. */
public final class Services {
    private Services() {}

    /** Opens the database named by the configuration. */
    public static Database database(StoreConfig config) {
        if (config.dataSource == null && config.url.startsWith("jdbc:sqlite:")) {
            return new SqliteDatabase(config.url, config.readConnections, config.busyTimeout);
        }
        throw new IllegalArgumentException("PostgreSQL support is not built yet; use a jdbc:sqlite: URL");
    }

    /** The Board service. */
    public static Board board(Database database, StoreConfig config) {
        throw new UnsupportedOperationException("Board is being implemented");
    }

    /** The Accounts service. */
    public static Accounts accounts(Database database, StoreConfig config) {
        throw new UnsupportedOperationException("Accounts is being implemented");
    }
}
