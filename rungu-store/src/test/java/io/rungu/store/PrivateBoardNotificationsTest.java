package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardVisibility;
import io.rungu.model.Moderation;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Notification;
import io.rungu.model.ProjectEdit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nobody is emailed about what they may not see: private boards, posts waiting for approval, hidden comments. */
class PrivateBoardNotificationsTest extends OnEachDatabase {
    static final Duration WINDOW = Duration.ofMinutes(2);
    Actor.Account admin;
    Actor.Account follower;
    Actor.Account member;
    Actor.Account outsider;
    String postId;

    @Override
    protected void configure(StoreConfig config) {
        config.eventPollInterval = Duration.ofMillis(20);
    }

    @BeforeEach
    void a_public_board_whose_post_an_outsider_and_a_member_follow() {
        admin = t.admin("Ada");
        follower = t.admin("Fay");
        member = t.member("Mia");
        outsider = t.member("Otto");
        board.createProject(admin, new NewProject("App", "app", ""));
        postId = board.createPost(admin, "app", new NewPost("Dark mode", "", null)).post().id();
        board.subscribe(outsider, postId);
        board.subscribe(member, postId);
        board.subscribeProject(follower, "app");
        t.store().notifications().plan(WINDOW);
    }

    @Test
    void once_the_board_is_private_only_its_members_are_told_of_a_comment() throws Exception {
        board.updateProject(admin, "app", new ProjectEdit(null, null, BoardVisibility.MEMBERS, null));
        board.addProjectMember(admin, "app", member.userId());
        board.addComment(admin, postId, new NewComment("Coming soon", null));
        assertThat(recipientsAfterWindow()).containsExactly(member.userId());
    }

    @Test
    void removing_a_member_ends_their_subscriptions() {
        board.updateProject(admin, "app", new ProjectEdit(null, null, BoardVisibility.MEMBERS, null));
        board.addProjectMember(admin, "app", member.userId());
        board.removeProjectMember(admin, "app", member.userId());
        assertThat(t.number("SELECT count(*) FROM post_subscriptions WHERE user_id = '" + member.userId() + "'"))
                .isZero();
    }

    @Test
    void a_post_waiting_for_approval_tells_the_boards_followers_only_once_approved() throws Exception {
        board.updateProject(admin, "app", new ProjectEdit(null, null, null, Moderation.NEW_POSTS));
        String waiting = board.createPost(member, "app", new NewPost("Please review", "", null)).post().id();
        assertThat(recipientsAfterWindow()).as("nobody hears of a waiting post").isEmpty();

        board.approvePost(admin, waiting);
        List<Notification> due = dueAfterWindow();
        assertThat(due).extracting(Notification::recipientId).containsExactly(follower.userId());
        assertThat(due.get(0).postId()).isEqualTo(waiting);
    }

    @Test
    void a_hidden_comment_is_not_in_anyones_email() throws Exception {
        String rude = board.addComment(admin, postId, new NewComment("Rude words", null)).comment().id();
        board.hideComment(admin, rude);
        assertThat(recipientsAfterWindow()).isEmpty();
    }

    private List<String> recipientsAfterWindow() throws InterruptedException {
        return dueAfterWindow().stream().map(Notification::recipientId).toList();
    }

    private List<Notification> dueAfterWindow() throws InterruptedException {
        EventsTest.awaitPosition(t.store(), "notifications", t.number("SELECT max(seq) FROM outbox"));
        t.clock().advance(WINDOW);
        List<Notification> due = t.store().notifications().claimDue(100, Duration.ofMinutes(5));
        due.forEach(n -> t.store().notifications().sent(n.id()));
        return due;
    }
}
