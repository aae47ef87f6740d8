package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Notification;
import io.rungu.model.NotificationSettings;
import io.rungu.model.NotificationSettingsEdit;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who is told what: subscriptions by taking part, the actor left out, one notification per window. */
class NotificationsTest extends OnEachDatabase {
    static final Duration WINDOW = Duration.ofMinutes(2);
    Actor.Account admin;
    Actor.Account author;
    Actor.Account voter;
    Actor.Account commenter;
    String postId;

    @Override
    protected void configure(StoreConfig config) {
        config.eventPollInterval = Duration.ofMillis(20);
    }

    @BeforeEach
    void board_with_a_post() {
        admin = t.admin("Ada");
        author = t.member("Bob");
        voter = t.member("Cy");
        commenter = t.member("Di");
        String slug = board.createProject(admin, new NewProject("App", null, "")).slug();
        postId = board.createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
        board.toggleVote(voter, postId);
        t.store().notifications().plan(WINDOW);
    }

    @Test
    void a_comment_tells_the_posts_subscribers_but_not_the_commenter_once_the_window_ends() throws Exception {
        board.addComment(commenter, postId, new NewComment("Yes please", null));
        planned();
        assertThat(claim()).as("nothing is due inside the window").isEmpty();
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).extracting(Notification::recipientId)
                .containsExactlyInAnyOrder(author.userId(), voter.userId());
        Notification n = due.get(0);
        assertThat(n.postTitle()).isEqualTo("Dark mode");
        assertThat(n.projectName()).isEqualTo("App");
        assertThat(n.recipientEmail()).endsWith("@example.test");
        assertThat(n.items()).singleElement().satisfies(item -> {
            assertThat(item.event().type()).isEqualTo(BoardEvent.Type.COMMENT_CREATED);
            assertThat(item.commentContent()).isEqualTo("Yes please");
            assertThat(item.actorName()).isEqualTo("Di");
        });
        assertThat(claim()).as("claimed ones are not offered twice").isEmpty();
    }

    @Test
    void three_quick_status_changes_become_one_notification_per_subscriber_and_none_for_the_admin() throws Exception {
        board.addComment(commenter, postId, new NewComment("+1", null));
        board.subscribe(admin, postId);
        planned();
        t.clock().advance(WINDOW);
        claim().forEach(n -> t.store().notifications().sent(n.id()));

        board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
        board.editPost(admin, postId, PostEdit.status(PostStatus.IN_PROGRESS));
        board.editPost(admin, postId, PostEdit.status(PostStatus.DONE));
        planned();
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).extracting(Notification::recipientId)
                .containsExactlyInAnyOrder(author.userId(), voter.userId(), commenter.userId());
        assertThat(due).allSatisfy(n -> assertThat(n.items()).extracting(i -> i.event().toStatus())
                .containsExactly(PostStatus.PLANNED, PostStatus.IN_PROGRESS, PostStatus.DONE));
    }

    @Test
    void the_unsubscribe_token_stops_notifications_without_signing_in() throws Exception {
        board.addComment(commenter, postId, new NewComment("First", null));
        planned();
        t.clock().advance(WINDOW);
        Notification toAuthor = claim().stream().filter(n -> n.recipientId().equals(author.userId()))
                .findFirst().orElseThrow();
        assertThat(board.unsubscribeByToken(Actor.anonymous(), toAuthor.unsubscribeToken())).isTrue();
        assertThat(board.unsubscribeByToken(Actor.anonymous(), toAuthor.unsubscribeToken())).isFalse();
        assertThat(board.isSubscribed(author, postId)).isFalse();

        board.addComment(commenter, postId, new NewComment("Second", null));
        planned();
        t.clock().advance(WINDOW);
        assertThat(claim()).extracting(Notification::recipientId).containsExactly(voter.userId());
    }

    @Test
    void a_person_who_turned_a_kind_off_gets_no_notification_of_that_kind() throws Exception {
        assertThat(board.notificationSettings(voter)).isEqualTo(io.rungu.model.NotificationSettings.ALL_ON);
        assertThat(board.updateNotificationSettings(voter, null, false))
                .isEqualTo(new io.rungu.model.NotificationSettings(true, false, true, true));
        assertThat(board.updateNotificationSettings(voter, null, null))
                .as("null keeps").isEqualTo(new io.rungu.model.NotificationSettings(true, false, true, true));
        board.addComment(commenter, postId, new NewComment("Hi", null));
        board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
        planned();
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).filteredOn(n -> n.recipientId().equals(voter.userId())).singleElement()
                .satisfies(n -> assertThat(n.items()).extracting(i -> i.event().type())
                        .containsExactly(BoardEvent.Type.POST_STATUS_CHANGED));
        assertThat(due).filteredOn(n -> n.recipientId().equals(author.userId())).singleElement()
                .satisfies(n -> assertThat(n.items()).hasSize(2));
    }

    @Test
    void comments_on_my_posts_and_replies_to_me_are_separate_switches() throws Exception {
        String byAuthor = board.addComment(author, postId, new NewComment("I wrote this post", null)).comment().id();
        String byVoter = board.addComment(voter, postId, new NewComment("I voted", null)).comment().id();
        planned();
        t.clock().advance(WINDOW);
        claim().forEach(n -> t.store().notifications().sent(n.id()));
        // The author wants replies to them but no other comments; the voter the other way round.
        assertThat(board.updateNotificationSettings(author, new NotificationSettingsEdit(null, false, true, null)))
                .isEqualTo(new NotificationSettings(true, false, true, true));
        assertThat(board.updateNotificationSettings(voter, new NotificationSettingsEdit(null, null, false, null)))
                .isEqualTo(new NotificationSettings(true, true, false, true));
        assertThat(board.notificationSettings(voter)).isEqualTo(new NotificationSettings(true, true, false, true));

        board.addComment(commenter, postId, new NewComment("Reply to the author", byAuthor));
        board.addComment(commenter, postId, new NewComment("Reply to the voter", byVoter));
        board.addComment(commenter, postId, new NewComment("A comment of its own", null));
        planned();
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).filteredOn(n -> n.recipientId().equals(author.userId())).singleElement()
                .satisfies(n -> assertThat(n.items()).extracting(Notification.Item::commentContent)
                        .containsExactly("Reply to the author"));
        assertThat(due).filteredOn(n -> n.recipientId().equals(voter.userId())).singleElement()
                .satisfies(n -> assertThat(n.items()).extracting(Notification.Item::commentContent)
                        .containsExactly("Reply to the author", "A comment of its own"));
    }

    @Test
    void new_posts_on_a_followed_board_have_their_own_switch() throws Exception {
        String slug = board.listProjects(admin, null).items().get(0).slug();
        board.subscribeProject(admin, slug);
        board.updateNotificationSettings(admin, new NotificationSettingsEdit(null, null, null, false));
        String quiet = board.createPost(author, slug, new NewPost("Told to nobody", "", null)).post().id();
        board.subscribe(admin, quiet);
        board.editPost(author, quiet, new PostEdit(null, "Edited", null, null));
        board.addComment(author, quiet, new NewComment("Still there?", null));
        planned();
        t.clock().advance(WINDOW);
        assertThat(claim()).as("the comment reaches the admin, the new post does not").singleElement()
                .satisfies(n -> assertThat(n.items()).extracting(i -> i.event().type())
                        .containsExactly(BoardEvent.Type.COMMENT_CREATED));

        board.updateNotificationSettings(admin, new NotificationSettingsEdit(null, null, null, true));
        board.createPost(author, slug, new NewPost("Told to the admin", "", null));
        planned();
        t.clock().advance(WINDOW);
        assertThat(claim()).singleElement().satisfies(n -> assertThat(n.postTitle()).isEqualTo("Told to the admin"));
    }

    @Test
    void an_official_response_without_a_status_change_tells_followers_like_a_status_change() throws Exception {
        board.updateNotificationSettings(commenter, new NotificationSettingsEdit(false, null, null, null));
        board.subscribe(commenter, postId);
        var post = board.editPost(admin, postId, new PostEdit(null, null, null, null, "We are looking into it"));
        assertThat(post.post().status()).isEqualTo(PostStatus.OPEN);
        assertThat(post.response().text()).isEqualTo("We are looking into it");
        planned();
        BoardEvent event = t.store().events().after(0, 1000).stream()
                .filter(e -> e.type() == BoardEvent.Type.POST_RESPONDED).findFirst().orElseThrow();
        assertThat(event.fromStatus()).isEqualTo(PostStatus.OPEN);
        assertThat(event.toStatus()).isEqualTo(PostStatus.OPEN);
        assertThat(event.response()).isEqualTo("We are looking into it");
        assertThat(event.actorId()).isEqualTo(admin.userId());
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).extracting(Notification::recipientId).as("not the admin, not who turned status changes off")
                .containsExactlyInAnyOrder(author.userId(), voter.userId());
        assertThat(due).allSatisfy(n -> assertThat(n.items()).singleElement()
                .satisfies(i -> assertThat(i.event().response()).isEqualTo("We are looking into it")));
    }

    @Test
    void an_admin_following_a_board_hears_of_each_new_post_and_its_link_unfollows_the_board() throws Exception {
        String slug = board.listProjects(admin, null).items().get(0).slug();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> board.subscribeProject(author, slug))
                .hasMessage("Admin access required");
        board.subscribeProject(admin, slug);
        assertThat(board.isSubscribedToProject(admin, slug)).isTrue();
        String second = board.createPost(author, slug, new NewPost("Offline mode", "", null)).post().id();
        board.createPost(admin, slug, new NewPost("Admin's own post", "", null));
        planned();
        t.clock().advance(WINDOW);
        List<Notification> due = claim();
        assertThat(due).singleElement().satisfies(n -> {
            assertThat(n.recipientId()).isEqualTo(admin.userId());
            assertThat(n.postId()).isEqualTo(second);
            assertThat(n.items()).extracting(i -> i.event().type()).containsExactly(BoardEvent.Type.POST_CREATED);
        });
        assertThat(board.unsubscribeByToken(Actor.anonymous(), due.get(0).unsubscribeToken())).isTrue();
        assertThat(board.isSubscribedToProject(admin, slug)).isFalse();
    }

    @Test
    void a_failed_delivery_is_offered_again_when_rescheduled_and_gone_once_sent() throws Exception {
        board.addComment(commenter, postId, new NewComment("Hi", null));
        planned();
        t.clock().advance(WINDOW);
        List<Notification> first = claim();
        assertThat(first).hasSize(2).allSatisfy(n -> assertThat(n.attempts()).isEqualTo(1));
        first.forEach(n -> t.store().notifications().retryAt(n.id(), t.clock().peek().plusSeconds(5)));
        assertThat(claim()).isEmpty();
        t.clock().advance(Duration.ofSeconds(5));
        List<Notification> again = claim();
        assertThat(again).hasSize(2).allSatisfy(n -> assertThat(n.attempts()).isEqualTo(2));
        again.forEach(n -> t.store().notifications().sent(n.id()));
        t.clock().advance(Duration.ofHours(1));
        assertThat(claim()).isEmpty();
    }

    private List<Notification> claim() {
        return t.store().notifications().claimDue(100, Duration.ofMinutes(5));
    }

    private void planned() throws InterruptedException {
        EventsTest.awaitPosition(t.store(), "notifications", t.number("SELECT max(seq) FROM outbox"));
    }
}
