package io.rungu.store.internal;

import io.rungu.store.Accounts;
import io.rungu.store.Board;
import io.rungu.store.StoreConfig;
import io.rungu.store.internal.accounts.AccountsService;
import io.rungu.store.internal.board.BoardService;
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
        return BoardService.create(database, config.clock, config.ids);
    }

    /** The Accounts service. */
    public static Accounts accounts(Database database, StoreConfig config) {
        return AccountsService.create(database, config.clock, config.ids);
    }
}
