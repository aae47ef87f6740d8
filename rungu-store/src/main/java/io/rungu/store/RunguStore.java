package io.rungu.store;

import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Migrations;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The storage of a Rungu installation: opens the database, applies migrations and hands out the
 * {@link Board} and {@link Accounts} services. Owned and closed by its creator; usable without HTTP or auth.
 *
 * <pre>{@code
 * try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:/var/lib/rungu/rungu.db")) {
 *     Board board = store.board();
 * }
 * }</pre>
 */
public final class RunguStore implements AutoCloseable {
    private final StoreConfig config;
    private final Database database;
    private final Board board;
    private final Accounts accounts;
    private final OAuthGrants oauth;
    private final io.rungu.store.internal.events.Dispatcher events;
    private final Notifications notifications;

    private RunguStore(StoreConfig config, Database database) {
        this.config = config;
        this.database = database;
        this.board = io.rungu.store.internal.Services.board(database, config);
        this.accounts = io.rungu.store.internal.Services.accounts(database, config);
        this.oauth = new io.rungu.store.internal.accounts.OAuthService(database, config.clock, config.ids);
        this.events = new io.rungu.store.internal.events.Dispatcher(database, config.clock, config.eventPollInterval,
                config.eventRetention, config.auditDays == 0 ? null : Duration.ofDays(config.auditDays));
        this.notifications = new io.rungu.store.internal.events.NotificationService(database, events, config.clock);
    }

    /**
     * Opens a store, creating the SQLite file and applying migrations as needed.
     *
     * @throws IllegalArgumentException listing every configuration problem and how to fix it
     * @throws IllegalStateException    when the database cannot be opened or migrated
     */
    public static RunguStore open(Consumer<StoreConfig> configure) {
        StoreConfig config = configured(configure);
        Database database = io.rungu.store.internal.Services.database(config);
        try {
            if (config.migrate) {
                Migrations.apply(database, config.clock);
            } else {
                Migrations.requireCurrent(database);
            }
            RunguStore store = new RunguStore(config, database);
            store.events.prune();
            return store;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Sets up, on the calling thread, what the first {@link #open} would otherwise set up on its own: the database
     * library's statement event for Flight Recorder, which that library registers on its first statement when the
     * JVM has Flight Recorder (about 50 ms, though nothing records). For a launcher with a spare core: call it on
     * another thread as the process starts, and {@code open} waits only for what is left. Opens no database and
     * never fails; calling it again does nothing more.
     */
    public static void initialiseLibraries() {
        io.rungu.store.internal.db.Libraries.initialise();
    }

    /**
     * Applies the pending migrations to a database and closes it again, for deployment pipelines that migrate
     * before starting servers with {@link StoreConfig#migrate} {@code = false}. Safe to run while servers of the
     * same version run.
     *
     * @return the file names of the migrations applied now, in order; empty when the database was up to date
     * @throws IllegalArgumentException listing every configuration problem
     * @throws IllegalStateException    when the database cannot be migrated
     */
    public static List<String> migrate(Consumer<StoreConfig> configure) {
        StoreConfig config = configured(configure);
        try (Database database = io.rungu.store.internal.Services.database(config)) {
            return Migrations.apply(database, config.clock).stream().map(Migrations.Migration::file).toList();
        }
    }

    private static StoreConfig configured(Consumer<StoreConfig> configure) {
        StoreConfig config = new StoreConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu store configuration:\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    /** Every board use case. */
    public Board board() {
        return board;
    }

    /** Users, sessions, sign-in links and API tokens. */
    public Accounts accounts() {
        return accounts;
    }

    /** The rules and storage of the OAuth authorization server that guards the MCP endpoint. */
    public OAuthGrants oauth() {
        return oauth;
    }

    /**
     * The board's events: every write records its events in the same transaction; subscribe to receive them in
     * order, in-process (docs/embedding.md, "Events").
     */
    public Events events() {
        return events;
    }

    /** Who is told what, and the queue of notifications a sender delivers (docs/notifications.md). */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * The queue of webhook messages that a sender (rungu-notify's {@code RunguWebhooks}) fills from the events and
     * delivers; endpoints are registered through {@link Board#webhooks()}.
     */
    public WebhookQueue webhookQueue() {
        return io.rungu.store.internal.Services.webhookQueue(board);
    }

    /** The configuration this store was opened with. */
    public StoreConfig config() {
        return config;
    }

    /** Fails with an exception when the database does not answer a trivial query. */
    public void checkHealth() {
        database.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** Its connection pools and kept reads now, for monitoring; no database access. */
    public StoreStats stats() {
        long[] kept = board instanceof io.rungu.store.internal.board.BoardService service ? service.keptReadCounts()
                : new long[2];
        return new StoreStats(database.pools(), kept[0], kept[1]);
    }

    /**
     * Events in the outbox that a consumer of this database (notifications, webhooks, a host's subscription) has not
     * handled yet: the slowest consumer's lag; 0 without consumers. One query.
     */
    public long outboxBacklog() {
        return database.read(h -> h.attach(io.rungu.store.internal.events.OutboxDao.class).backlog());
    }

    /** The database behind this store, for the seeder and tests in this package. */
    Database database() {
        return database;
    }

    /** Stops delivering events and closes the connections this store opened. */
    @Override
    public void close() {
        events.close();
        database.close();
    }

}
