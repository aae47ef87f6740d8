package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL database share a consumer: every event is handled by one of them, once. */
class SharedConsumersTest {
    @TempDir
    Path dir;

    @Test
    void two_stores_on_one_postgres_database_handle_each_event_exactly_once() throws Exception {
        try (TestStores t = TestStores.open(TestDatabase.POSTGRES, dir);
             RunguStore a = open(t.url());
             RunguStore b = open(t.url())) {
            Actor.Account admin = t.admin("Ada");
            String slug = t.board().createProject(admin, new NewProject("App", null, "")).slug();
            long start = t.number("SELECT max(seq) FROM outbox");
            Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
            Map<String, AtomicInteger> byServer = new ConcurrentHashMap<>();
            a.events().subscribe("shared", e -> count(handled, byServer, "a", e));
            b.events().subscribe("shared", e -> count(handled, byServer, "b", e));
            int writes = 120;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                RunguStore via = i % 2 == 0 ? a : b;
                int n = i;
                done.add(pool.submit(() -> via.board().createPost(admin, slug, new NewPost("Post " + n, "", null))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            long newest = t.number("SELECT max(seq) FROM outbox");
            EventsTest.awaitPosition(a, "shared", newest);
            List<Long> all = t.store().events().after(start, 1000).stream().map(BoardEvent::sequence).toList();
            assertThat(handled.keySet()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(handled.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
            assertThat(handled).hasSize(writes);
        }
    }

    private static void count(Map<Long, AtomicInteger> handled, Map<String, AtomicInteger> byServer, String server,
            BoardEvent e) {
        handled.computeIfAbsent(e.sequence(), k -> new AtomicInteger()).incrementAndGet();
        byServer.computeIfAbsent(server, k -> new AtomicInteger()).incrementAndGet();
    }

    private static RunguStore open(String url) {
        return RunguStore.open(c -> {
            c.url = url;
            c.eventPollInterval = Duration.ofMillis(20);
        });
    }
}
