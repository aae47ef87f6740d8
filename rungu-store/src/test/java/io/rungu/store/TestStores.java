package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.store.internal.db.Timestamps;
import java.nio.file.Path;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * A real SQLite store in a temporary directory, with a controllable clock and helpers to create users without
 * going through sign-in. Published in rungu-store's test-jar for other modules' tests.
 *
 * <pre>{@code
 * try (TestStores t = TestStores.open(tempDir)) {
 *     Actor.Account admin = t.admin("Ada");
 *     t.board().createProject(admin, new NewProject("App", null, ""));
 * }
 * }</pre>
 */
public final class TestStores implements AutoCloseable {
    private final RunguStore store;
    private final TestClock clock;
    private final TestDatabase.Fresh database;

    private TestStores(RunguStore store, TestClock clock, TestDatabase.Fresh database) {
        this.store = store;
        this.clock = clock;
        this.database = database;
    }

    /** A SQLite store in {@code dir}/rungu.db. */
    public static TestStores open(Path dir) {
        return open(TestDatabase.SQLITE, dir);
    }

    /** A store on a new, empty database of the given kind (SQLite files go in {@code dir}); close drops it. */
    public static TestStores open(TestDatabase kind, Path dir) {
        return open(kind, dir, c -> { });
    }

    /** As {@link #open(TestDatabase, Path)}, with more settings applied after the URL and clock. */
    public static TestStores open(TestDatabase kind, Path dir, java.util.function.Consumer<StoreConfig> settings) {
        TestClock clock = new TestClock();
        TestDatabase.Fresh database = kind.create(dir);
        try {
            RunguStore store = RunguStore.open(c -> {
                c.url = database.url();
                c.clock = clock;
                settings.accept(c);
            });
            return new TestStores(store, clock, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The JDBC URL of this store's database. */
    public String url() {
        return database.url();
    }

    public RunguStore store() {
        return store;
    }

    /** The store's database, for tests of the store's internals. */
    public io.rungu.store.internal.db.Database database() {
        return store.database();
    }

    public Board board() {
        return store.board();
    }

    public TestClock clock() {
        return clock;
    }

    /** Creates a user row and returns its id. */
    public String createUser(String name, Role role) {
        String id = UUID.randomUUID().toString();
        java.time.Instant now = Timestamps.truncate(clock.instant());
        store.database().writeVoid(h -> h.createUpdate("INSERT INTO users (id, email, name, avatar_url, role, "
                        + "created_at, last_login) VALUES (:id, :email, :name, '', :role, :now, :now)")
                .bind("id", id).bind("email", name.toLowerCase().replace(' ', '.') + "." + id.substring(0, 8)
                        + "@example.test")
                .bind("name", name).bind("role", role.wire()).bind("now", now)
                .execute());
        return id;
    }

    /** A new member with full rights. */
    public Actor.Account member(String name) {
        return Actor.of(createUser(name, Role.MEMBER), Role.MEMBER);
    }

    /** A new admin with full rights. */
    public Actor.Account admin(String name) {
        return Actor.of(createUser(name, Role.ADMIN), Role.ADMIN);
    }

    /** The same user behind a read-only API token. */
    public static Actor.Account readOnly(Actor.Account account) {
        return new Actor.Account(account.userId(), account.role(), Actor.Channel.API_TOKEN, TokenScope.READ);
    }

    /** Runs SQL for assertions on a read connection. */
    public <T> T sql(HandleCallback<T, RuntimeException> work) {
        return store.database().read(work);
    }

    /** The single number a query returns, e.g. {@code SELECT count(*) FROM votes}. */
    public long number(String sql) {
        return store.database().read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The first column of every row a query returns, as text. */
    public java.util.List<String> strings(String sql) {
        return store.database().read(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /** Runs SQL in a write transaction, for test setup the Board cannot express. */
    public void write(java.util.function.Consumer<Handle> work) {
        store.database().writeVoid(work::accept);
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            database.close();
        }
    }
}
