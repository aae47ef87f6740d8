package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real SQLite file: writes share a transaction, a failing one fails alone. */
class GroupCommitTest {
    @TempDir
    Path dir;
    SqliteDatabase db;
    GroupCommit group;
    final List<Handle> handles = java.util.Collections.synchronizedList(new ArrayList<>());
    int batches;

    @BeforeEach
    void open() {
        db = new SqliteDatabase("jdbc:sqlite:" + dir.resolve("group.db"), 2, Duration.ofSeconds(5));
        db.writeVoid(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
        // bounds large enough that every write queued behind the first joins its batch
        group = new GroupCommit("test-group-commit", db::write, () -> batches++, 1000, TimeUnit.MINUTES.toNanos(1));
    }

    @AfterEach
    void close() {
        group.close();
        db.close();
    }

    @Test
    void grouped_writes_move_the_write_generation_but_not_the_account_write_generation() {
        long all = db.writeGeneration();
        long accounts = db.accountWriteGeneration();

        db.writeGrouped(h -> insert(h, 10, "vote"));
        assertThat(db.writeGeneration()).isGreaterThan(all);
        assertThat(db.accountWriteGeneration()).isEqualTo(accounts);

        db.writeVoid(h -> insert(h, 11, "sign-out"));
        assertThat(db.accountWriteGeneration()).isGreaterThan(accounts);
    }

    @Test
    void writes_queued_behind_a_running_batch_share_its_transaction_and_a_failing_one_fails_alone()
            throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> group.write(h -> {
            handles.add(h);
            running.countDown();
            await(release);
            return insert(h, 1, "first");
        }));
        assertThat(running.await(1, TimeUnit.MINUTES)).isTrue();

        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        queued.add(CompletableFuture.supplyAsync(() -> group.write(h -> {
            handles.add(h);
            return insert(h, 2, "second");
        })));
        await(() -> group.queued() == 1);
        queued.add(CompletableFuture.supplyAsync(() -> group.write(h -> {
            handles.add(h);
            insert(h, 3, "written, then refused");
            throw new IllegalArgumentException("refused");
        })));
        await(() -> group.queued() == 2);
        queued.add(CompletableFuture.supplyAsync(() -> group.write(h -> {
            handles.add(h);
            return insert(h, 2, "the same key again"); // a constraint failure of the database
        })));
        await(() -> group.queued() == 3);
        queued.add(CompletableFuture.supplyAsync(() -> group.write(h -> {
            handles.add(h);
            return insert(h, 4, "fourth");
        })));
        await(() -> group.queued() == 4);
        release.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo(1);
        assertThat(queued.get(0).get(1, TimeUnit.MINUTES)).isEqualTo(1);
        assertThatThrownBy(() -> queued.get(1).join()).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("refused");
        assertThatThrownBy(() -> queued.get(2).join()).hasMessageContaining("UNIQUE");
        assertThat(queued.get(3).get(1, TimeUnit.MINUTES)).isEqualTo(1);

        assertThat(handles).hasSize(5).allSatisfy(h -> assertThat(h).isSameAs(handles.get(0)));
        assertThat(batches).isEqualTo(1);
        List<String> rows = db.read(h -> h.createQuery("SELECT id || ':' || v FROM t ORDER BY id")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly("1:first", "2:second", "4:fourth");
    }

    @Test
    void a_batch_of_more_writes_than_the_writer_keeps_statements_for_prepares_its_savepoints_once() throws Exception {
        Set<PreparedStatement> savepoints =
                Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            Future<Integer> first = callers.submit(() -> group.write(h -> {
                h.addCustomizer(new StatementCustomizer() {
                    @Override
                    public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                        if (ctx.getRawSql().contains("SAVEPOINT")) {
                            savepoints.add(statement);
                        }
                    }
                });
                running.countDown();
                await(release);
                return insert(h, 0, "first");
            }));
            assertThat(running.await(1, TimeUnit.MINUTES)).isTrue();
            int queued = StatementCache.PER_CONNECTION + 1;
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 1; i <= queued; i++) {
                int id = i;
                writes.add(callers.submit(() -> group.write(h -> insert(h, id, "queued"))));
            }
            await(() -> group.queued() == queued);
            release.countDown();

            assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            for (Future<Integer> write : writes) {
                assertThat(write.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(batches).isEqualTo(1);
        // SAVEPOINT and RELEASE SAVEPOINT, each prepared once for the whole batch
        assertThat(savepoints).hasSize(2);
    }

    @Test
    void a_caller_is_answered_after_the_commit_so_a_new_connection_sees_its_write() {
        for (int i = 0; i < 20; i++) {
            int id = i;
            group.write(h -> insert(h, id, "row " + id));
            int found = db.read(h -> h.createQuery("SELECT count(*) FROM t WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).one());
            assertThat(found).isEqualTo(1);
        }
    }

    @Test
    void a_write_after_close_is_refused() {
        group.close();
        assertThatThrownBy(() -> group.write(h -> insert(h, 1, "late"))).hasMessageContaining("closed");
    }

    private static int insert(Handle h, int id, String v) {
        return h.createUpdate("INSERT INTO t (id, v) VALUES (:id, :v)").bind("id", id).bind("v", v).execute();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within a minute").isNegative();
            Thread.sleep(1);
        }
    }
}
