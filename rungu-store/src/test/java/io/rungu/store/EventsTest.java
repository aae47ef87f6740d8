package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.BoardEvent.Type;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.TokenScope;
import io.rungu.store.internal.events.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox: every Board write records its events in its own transaction, and consumers get each once. */
class EventsTest extends OnEachDatabase {

    @Test
    void every_board_write_records_its_event_with_actor_and_channel() {
        Actor.Account admin = t.admin("Ada");
        Actor.Account member = new Actor.Account(t.createUser("Bob", io.rungu.model.Role.MEMBER),
                io.rungu.model.Role.MEMBER, Actor.Channel.SESSION, TokenScope.WRITE);
        long start = newest();
        Project project = board.createProject(admin, new NewProject("App", null, ""));
        board.updateProject(admin, project.slug(), new ProjectEdit("App 2", null));
        PostView post = board.createPost(member, project.slug(), new NewPost("Dark mode", "", null));
        board.editPost(member, post.post().id(), new PostEdit("Dark mode please", null, null, null));
        board.editPost(admin, post.post().id(), PostEdit.status(PostStatus.PLANNED));
        var comment = board.addComment(admin, post.post().id(), new NewComment("Soon", null));
        board.editComment(admin, comment.comment().id(), "Very soon");
        board.deleteComment(admin, comment.comment().id());
        board.toggleVote(admin, post.post().id());
        board.toggleVote(admin, post.post().id());
        board.setVote(admin, post.post().id(), false); // no change, no event
        var file = board.addAttachment(member, post.post().id(), new NewAttachment("a.png", null, TestImages.png()));
        board.deleteAttachment(member, file.id());
        board.unsubscribe(admin, post.post().id()); // commenting subscribed the admin
        board.subscribe(admin, post.post().id());
        board.deletePost(admin, post.post().id());
        board.deleteProject(admin, project.slug());

        List<BoardEvent> events = t.store().events().after(start, 100);
        assertThat(events).extracting(BoardEvent::type).containsExactly(
                Type.PROJECT_CREATED, Type.PROJECT_EDITED, Type.POST_CREATED, Type.POST_EDITED,
                Type.POST_STATUS_CHANGED, Type.COMMENT_CREATED, Type.COMMENT_EDITED, Type.COMMENT_DELETED,
                Type.VOTE_ADDED, Type.VOTE_REMOVED, Type.ATTACHMENT_ADDED, Type.ATTACHMENT_DELETED,
                Type.POST_UNSUBSCRIBED, Type.POST_SUBSCRIBED, Type.POST_DELETED, Type.PROJECT_DELETED);
        assertThat(events).extracting(BoardEvent::projectId).containsOnly(project.id());
        assertThat(events).extracting(BoardEvent::sequence).isSorted().doesNotHaveDuplicates();
        BoardEvent created = events.get(2);
        assertThat(created.actorId()).isEqualTo(member.userId());
        assertThat(created.channel()).isEqualTo(Actor.Channel.SESSION);
        assertThat(created.postId()).isEqualTo(post.post().id());
        BoardEvent status = events.get(4);
        assertThat(status.actorId()).isEqualTo(admin.userId());
        assertThat(status.channel()).isEqualTo(Actor.Channel.DIRECT);
        assertThat(status.fromStatus()).isEqualTo(PostStatus.OPEN);
        assertThat(status.toStatus()).isEqualTo(PostStatus.PLANNED);
        assertThat(status.response()).isNull();
        assertThat(events.get(5).commentId()).isEqualTo(comment.comment().id());
        assertThat(events.get(10).commentId()).isEqualTo(file.id());
        assertThat(events).extracting(BoardEvent::at).isSorted().allSatisfy(at ->
                assertThat(at).isAfter(Instant.parse("2025-12-31T00:00:00Z")));
    }

    @Test
    void a_write_that_fails_or_rolls_back_records_no_event() {
        Actor.Account admin = t.admin("Ada");
        board.createProject(admin, new NewProject("App", "app", ""));
        long start = newest();
        assertThatThrownBy(() -> board.createProject(admin, new NewProject("App", "app", "")))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> t.write(h -> {
            Outbox.append(h, dialect(), new BoardEvent(0, Type.PROJECT_EDITED, Instant.now(), admin.userId(),
                    Actor.Channel.DIRECT, "p", null, null, null, null, null));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(t.store().events().after(start, 10)).isEmpty();
    }

    @Test
    void a_listener_gets_each_event_once_in_order_and_resumes_after_a_restart() throws Exception {
        Actor.Account admin = t.admin("Ada");
        String url = t.url();
        BlockingQueue<BoardEvent> received = new LinkedBlockingQueue<>();
        try (RunguStore first = open(url)) {
            EventSubscription subscription = first.events().subscribe("host", received::add);
            first.board().createProject(admin, new NewProject("One", "one", ""));
            assertThat(received.poll(10, TimeUnit.SECONDS).type()).isEqualTo(Type.PROJECT_CREATED);
            subscription.close();
            // Written while nobody listens, then the process goes away: these must come after the restart.
            first.board().createProject(admin, new NewProject("Two", "two", ""));
            first.board().createProject(admin, new NewProject("Three", "three", ""));
        }
        try (RunguStore second = open(url)) {
            List<String> names = new ArrayList<>();
            second.events().subscribe("host", e -> {
                received.add(e);
            });
            for (int i = 0; i < 2; i++) {
                BoardEvent e = received.poll(10, TimeUnit.SECONDS);
                assertThat(e).isNotNull();
                names.add(second.board().listProjects(admin, null).items().stream()
                        .filter(p -> p.id().equals(e.projectId())).findFirst().orElseThrow().slug());
            }
            assertThat(names).containsExactly("two", "three");
            second.board().createProject(admin, new NewProject("Four", "four", ""));
            assertThat(received.poll(10, TimeUnit.SECONDS).type()).isEqualTo(Type.PROJECT_CREATED);
            awaitPosition(second, "host", newest());
            assertThat(received).isEmpty();
        }
    }

    @Test
    void a_failing_listener_gets_the_event_again_and_nothing_after_it_first() throws Exception {
        Actor.Account admin = t.admin("Ada");
        BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        boolean[] failOnce = {true};
        try (RunguStore store = open(t.url(), c -> c.eventPollInterval = Duration.ofMillis(50))) {
            store.events().subscribe("flaky", e -> {
                seen.add(e.sequence());
                if (failOnce[0]) {
                    failOnce[0] = false;
                    throw new IllegalStateException("mail server down");
                }
            });
            store.board().createProject(admin, new NewProject("One", "one", ""));
            store.board().createProject(admin, new NewProject("Two", "two", ""));
            long firstSeq = seen.poll(10, TimeUnit.SECONDS);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(firstSeq);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isGreaterThan(firstSeq);
        }
    }

    @Test
    void idle_consumers_and_an_empty_notification_queue_write_nothing() throws Exception {
        try (RunguStore store = open(t.url(), c -> c.eventPollInterval = Duration.ofMillis(20))) {
            store.events().subscribe("idle", e -> { });
            store.notifications().plan(Duration.ZERO);
            // On PostgreSQL the watch for other servers' events moves the generation once when it connects.
            long settleBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!store.database().watchSettled() && System.nanoTime() < settleBy) {
                Thread.sleep(5);
            }
            assertThat(store.database().watchSettled()).as("the watch connected").isTrue();
            long before = store.database().writeGeneration();
            // Nothing to wait for: the point is that many poll intervals pass without a write.
            Thread.sleep(300);
            assertThat(store.notifications().claimDue(10, Duration.ofMinutes(1))).isEmpty();
            assertThat(store.database().writeGeneration()).as("writes while idle").isEqualTo(before);
        }
    }

    @Test
    void events_older_than_the_retention_go_when_the_store_opens_unless_a_pending_notification_tells_them() {
        Actor.Account admin = t.admin("Ada");
        Actor.Account bob = t.member("Bob");
        String slug = board.createProject(admin, new NewProject("App", null, "")).slug();
        String postId = board.createPost(bob, slug, new NewPost("Old", "", null)).post().id();
        board.addComment(admin, postId, new NewComment("Pending", null));
        long commentSeq = t.store().events().after(0, 100).stream()
                .filter(e -> e.type() == Type.COMMENT_CREATED).findFirst().orElseThrow().sequence();
        t.write(h -> h.createUpdate("INSERT INTO notifications (user_id, post_id, open, due_at, attempts) "
                        + "VALUES (:u, :p, 1, :due, 0)").bind("u", bob.userId()).bind("p", postId)
                .bind("due", t.clock().peek()).execute());
        t.write(h -> h.createUpdate("INSERT INTO notification_events (notification_id, seq) "
                + "SELECT id, :seq FROM notifications").bind("seq", commentSeq).execute());
        t.clock().advance(Duration.ofDays(31));
        board.createProject(admin, new NewProject("New", null, ""));
        try (RunguStore reopened = open(t.url(), c -> c.clock = t.clock())) {
            assertThat(reopened.events().after(0, 100)).extracting(BoardEvent::type)
                    .containsExactly(Type.COMMENT_CREATED, Type.PROJECT_CREATED);
        }
    }

    @Test
    void a_consumer_name_is_subscribed_once_per_store() {
        try (EventSubscription s = t.store().events().subscribe("once", e -> { })) {
            assertThatThrownBy(() -> t.store().events().subscribe("once", e -> { }))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private RunguStore open(String url) {
        return open(url, c -> { });
    }

    private RunguStore open(String url, java.util.function.Consumer<io.rungu.store.StoreConfig> more) {
        return RunguStore.open(c -> {
            c.url = url;
            c.eventPollInterval = Duration.ofMillis(100);
            more.accept(c);
        });
    }

    private long newest() {
        return t.number("SELECT coalesce(max(seq), 0) FROM outbox");
    }

    private io.rungu.store.internal.db.Dialect dialect() {
        return t.store().database().dialect();
    }

    static void awaitPosition(RunguStore store, String consumer, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.database().read(h -> h.createQuery("SELECT last_seq FROM event_consumers WHERE name = :n")
                .bind("n", consumer).mapTo(Long.class).findOne().orElse(0L)) < seq) {
            assertThat(System.nanoTime() - deadline).as("consumer reached " + seq).isNegative();
            Thread.sleep(10);
        }
    }

}
