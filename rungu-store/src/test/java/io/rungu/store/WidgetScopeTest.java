package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.AuditQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The store's rule for the feedback widget's token: read, post, vote and comment, as a member, and nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetScopeTest {
    TestStores stores;
    Actor.Account admin;
    Actor.Account widget;
    String sessionId;

    @BeforeAll
    void open(@TempDir Path dir) {
        stores = TestStores.open(dir);
        admin = stores.admin("Ada Admin");
        stores.board().createProject(admin, new NewProject("Ideas", "ideas", ""));
        sessionId = stores.store().accounts().createSession(admin.userId(), Duration.ofDays(1));
        widget = stores.store().accounts().widgetActor(sessionId, admin.userId()).orElseThrow();
    }

    @AfterAll
    void close() {
        stores.close();
    }

    @Test
    void a_widget_actor_is_the_session_user_as_a_member_with_the_widget_scope() {
        assertThat(widget.userId()).isEqualTo(admin.userId());
        assertThat(widget.role()).isEqualTo(Role.MEMBER);
        assertThat(widget.scope()).isEqualTo(TokenScope.WIDGET);
        assertThat(widget.channel()).isEqualTo(Actor.Channel.WIDGET);
        assertThat(widget.isAdmin()).isFalse();
        assertThat(widget.canWrite()).isFalse();
        assertThat(stores.store().accounts().widgetActor(sessionId, "someone-else")).isEmpty();
        assertThat(stores.store().accounts().widgetActor("no-such-session", admin.userId())).isEmpty();
    }

    @Test
    void it_posts_votes_and_comments() {
        var post = stores.board().createPost(widget, "ideas", new NewPost("From the widget", null, null));
        assertThat(stores.board().setVote(widget, post.post().id(), true).voted()).isTrue();
        assertThat(stores.board().addComment(widget, post.post().id(), new NewComment("me too", null)).comment().content())
                .isEqualTo("me too");
    }

    @Test
    void it_does_nothing_else_even_for_an_admin() {
        var post = stores.board().createPost(widget, "ideas", new NewPost("Mine", null, null));
        String id = post.post().id();
        List<ThrowingCallable> refused = List.of(
                () -> stores.board().createProject(widget, new NewProject("New", "new-board", "")),
                () -> stores.board().editPost(widget, id, new PostEdit("Edited", null, null, null)),
                () -> stores.board().editPost(widget, id, PostEdit.moderation(true, null)),
                () -> stores.board().deletePost(widget, id),
                () -> stores.board().addComment(widget, id, new NewComment("note", null, true)),
                () -> stores.board().listUsers(widget, PageRequest.FIRST),
                () -> stores.board().auditLog(widget, AuditQuery.ALL),
                () -> stores.board().exportPersonalData(widget),
                () -> stores.board().notificationSettings(widget),
                () -> stores.store().accounts().listTokens(widget, null, PageRequest.FIRST),
                () -> stores.store().accounts().createToken(widget, "t", TokenScope.WRITE, "rgu_abcd", "hash"));
        for (ThrowingCallable call : refused) {
            assertThatThrownBy(call).isInstanceOfSatisfying(RunguException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void an_api_token_cannot_have_the_widget_scope() {
        assertThatThrownBy(() -> stores.store().accounts().createTokenFor(admin.userId(), "w", TokenScope.WIDGET,
                "rgu_wxyz", "hash-w")).isInstanceOfSatisfying(RunguException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
    }

    @Test
    void it_ends_with_its_session() {
        String other = stores.store().accounts().createSession(admin.userId(), Duration.ofDays(1));
        assertThat(stores.store().accounts().widgetActor(other, admin.userId())).isPresent();
        stores.store().accounts().revokeSession(other);
        stores.clock().advance(Duration.ofSeconds(5)); // past the kept sessions
        assertThat(stores.store().accounts().widgetActor(other, admin.userId())).isEmpty();
    }
}
