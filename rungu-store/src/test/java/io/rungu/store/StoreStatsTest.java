package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunguStore.stats and outboxBacklog, the numbers behind /metrics: pools, the writer queue, kept reads, the outbox. */
class StoreStatsTest {
    @TempDir
    Path dir;

    @Test
    void sqlite_reports_its_read_pool_and_the_writes_queued_behind_the_writer() throws Exception {
        try (TestStores t = TestStores.open(TestDatabase.SQLITE, dir, c -> c.readConnections = 3)) {
            Actor.Account admin = t.admin("Ada");
            StoreStats idle = t.store().stats();
            assertThat(idle.pools()).extracting(StoreStats.Pool::name).containsExactly("read", "write");
            assertThat(idle.pools().get(0).size()).isEqualTo(3);
            assertThat(idle.pools().get(1)).isEqualTo(new StoreStats.Pool("write", 1, 0, 0));

            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> long_write = CompletableFuture.runAsync(() -> t.store().database().writeVoid(h -> {
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<?> queued = CompletableFuture.runAsync(() ->
                    t.board().createProject(admin, new NewProject("Queued", "queued", "")));
            awaitTrue(() -> t.store().stats().pools().get(1).waiting() == 1);
            assertThat(t.store().stats().pools().get(1).inUse()).isEqualTo(1);
            release.countDown();
            long_write.get(30, TimeUnit.SECONDS);
            queued.get(30, TimeUnit.SECONDS);
            assertThat(t.store().stats().pools().get(1)).isEqualTo(new StoreStats.Pool("write", 1, 0, 0));
        }
    }

    @Test
    void kept_reads_count_hits_and_misses_and_the_outbox_backlog_is_the_slowest_consumer_s_lag() throws Exception {
        try (TestStores t = TestStores.open(TestDatabase.SQLITE, dir, c -> c.cacheTtl = Duration.ofMinutes(5))) {
            Actor.Account admin = t.admin("Ada");
            t.board().createProject(admin, new NewProject("App", "app", ""));
            StoreStats before = t.store().stats();
            t.board().listPosts(admin, "app", PostQuery.newest());
            t.board().listPosts(admin, "app", PostQuery.newest());
            StoreStats after = t.store().stats();
            assertThat(after.keptReadMisses()).isEqualTo(before.keptReadMisses() + 1);
            assertThat(after.keptReadHits()).isEqualTo(before.keptReadHits() + 1);

            assertThat(t.store().outboxBacklog()).as("no consumer, no backlog").isZero();
            CountDownLatch release = new CountDownLatch(1);
            try (EventSubscription stuck = t.store().events().subscribe("stuck", event -> await(release))) {
                t.board().createPost(admin, "app", new NewPost("One", "", null));
                t.board().createPost(admin, "app", new NewPost("Two", "", null));
                awaitTrue(() -> t.store().outboxBacklog() >= 2);
                release.countDown();
                awaitTrue(() -> t.store().outboxBacklog() == 0);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
