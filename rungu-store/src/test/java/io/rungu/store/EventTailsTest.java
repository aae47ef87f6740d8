package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tails: every new event, in this process, on every server of a shared database; woken by writes, not polls. */
class EventTailsTest {
    /** Far longer than any wait below: a tail that sees an event in time was woken, not polled. */
    private static final Duration SLOW_POLL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void a_tail_gets_each_new_event_once_in_order_and_nothing_after_closing() throws Exception {
        try (TestStores t = TestStores.open(TestDatabase.SQLITE, dir, c -> c.eventPollInterval = SLOW_POLL)) {
            Actor.Account admin = t.admin("Ada");
            String slug = t.board().createProject(admin, new NewProject("App", null, "")).slug();
            List<BoardEvent> seen = new CopyOnWriteArrayList<>();
            EventSubscription tail = t.store().events().tail(seen::add);
            List<BoardEvent> other = new CopyOnWriteArrayList<>();
            try (EventSubscription second = t.store().events().tail(other::add)) {
                String id = t.board().createPost(admin, slug, new NewPost("One", "", null)).post().id();
                t.board().toggleVote(t.member("Bo"), id);
                await(() -> seen.size() == 2 && other.size() == 2);
            }
            assertThat(seen).extracting(BoardEvent::type)
                    .containsExactly(BoardEvent.Type.POST_CREATED, BoardEvent.Type.VOTE_ADDED);
            assertThat(seen).isEqualTo(other);
            tail.close();
            t.board().createPost(admin, slug, new NewPost("Two", "", null));
            List<BoardEvent> subscribed = new CopyOnWriteArrayList<>();
            try (EventSubscription probe = t.store().events().tail(subscribed::add)) {
                t.board().createPost(admin, slug, new NewPost("Three", "", null));
                await(() -> subscribed.size() == 1);
            }
            assertThat(seen).hasSize(2);
        }
    }

    @Test
    void each_server_on_one_postgres_database_tails_the_events_the_other_writes() throws Exception {
        try (TestStores t = TestStores.open(TestDatabase.POSTGRES, dir);
             RunguStore a = open(t.url());
             RunguStore b = open(t.url())) {
            Actor.Account admin = t.admin("Ada");
            String slug = t.board().createProject(admin, new NewProject("App", null, "")).slug();
            List<BoardEvent> atA = new CopyOnWriteArrayList<>();
            List<BoardEvent> atB = new CopyOnWriteArrayList<>();
            a.events().tail(atA::add);
            b.events().tail(atB::add);
            String fromA = a.board().createPost(admin, slug, new NewPost("From a", "", null)).post().id();
            await(() -> atA.size() == 1 && atB.size() == 1);
            String fromB = b.board().createPost(admin, slug, new NewPost("From b", "", null)).post().id();
            await(() -> atA.size() == 2 && atB.size() == 2);
            assertThat(atA).extracting(BoardEvent::postId).containsExactly(fromA, fromB);
            assertThat(atB).isEqualTo(atA);
        }
    }

    private static RunguStore open(String url) {
        return RunguStore.open(c -> {
            c.url = url;
            c.eventPollInterval = SLOW_POLL;
        });
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
            Thread.sleep(10);
        }
    }
}
