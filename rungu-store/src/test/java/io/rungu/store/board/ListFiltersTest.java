package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several statuses at once, leaving out the closed kind, and the viewer's own posts and votes (#19). */
class ListFiltersTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account member;
    PostView open;
    PostView planned;
    PostView done;
    PostView declined;
    PostView mine;

    @BeforeEach
    void open() {
        admin = t.admin("Ada Admin");
        member = t.member("Mo Member");
        board.createProject(admin, new NewProject("App", "app", ""));
        open = board.createPost(admin, "app", new NewPost("Open one", "", null));
        planned = status(board.createPost(admin, "app", new NewPost("Planned one", "", null)), PostStatus.PLANNED);
        done = status(board.createPost(admin, "app", new NewPost("Done one", "", null)), PostStatus.DONE);
        declined = status(board.createPost(admin, "app", new NewPost("Declined one", "", null)), PostStatus.DECLINED);
        mine = board.createPost(member, "app", new NewPost("Member's own", "", null));
        board.toggleVote(member, planned.post().id());
        board.toggleVote(member, declined.post().id());
    }

    private PostView status(PostView post, PostStatus status) {
        return board.editPost(admin, post.post().id(), PostEdit.status(status));
    }

    private static PostQuery query(List<PostStatus> statuses, boolean excludeClosed, boolean mine, boolean voted) {
        return new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.FIRST, null, statuses, excludeClosed,
                mine, voted);
    }

    private static List<String> ids(Page<PostView> page) {
        return page.items().stream().map(v -> v.post().id()).toList();
    }

    @Test
    void several_statuses_list_the_posts_of_any_of_them_with_an_exact_total() {
        Page<PostView> page = board.listPosts(Actor.anonymous(), "app",
                query(List.of(PostStatus.OPEN, PostStatus.PLANNED), false, false, false));
        assertThat(ids(page)).containsExactly(mine.post().id(), planned.post().id(), open.post().id());
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void excluding_the_closed_kind_leaves_out_declined_posts_only() {
        Page<PostView> page = board.listPosts(Actor.anonymous(), "app", query(List.of(), true, false, false));
        assertThat(ids(page)).containsExactly(mine.post().id(), done.post().id(), planned.post().id(),
                open.post().id());
        assertThat(page.total()).isEqualTo(4);
        Page<PostView> none = board.listPosts(Actor.anonymous(), "app",
                query(List.of(PostStatus.DECLINED), true, false, false));
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void my_posts_and_my_votes_are_the_viewers_own() {
        Page<PostView> own = board.listPosts(member, "app", query(List.of(), false, true, false));
        assertThat(ids(own)).containsExactly(mine.post().id());
        assertThat(own.total()).isEqualTo(1);
        Page<PostView> voted = board.listPosts(member, "app", query(List.of(), true, false, true));
        assertThat(ids(voted)).containsExactly(planned.post().id());
        assertThat(voted.total()).isEqualTo(1);
        assertThat(voted.items().get(0).votedByViewer()).isTrue();
        assertThat(ids(board.listPosts(admin, "app", query(List.of(), false, false, true)))).isEmpty();
    }

    @Test
    void personal_filters_need_a_signed_in_viewer_and_unknown_statuses_are_refused() {
        assertThatThrownBy(() -> board.listPosts(Actor.anonymous(), "app", query(List.of(), false, true, false)))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> board.listPosts(Actor.anonymous(), "app",
                query(List.of(PostStatus.OPEN, new PostStatus("nope")), false, false, false)))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
        assertThatThrownBy(() -> new PostQuery(null, PostStatus.OPEN, null, null, null, null,
                List.of(PostStatus.PLANNED, PostStatus.DONE), false, false, false))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
    }

    @Test
    void trending_puts_this_weeks_most_voted_first_then_older_posts_by_votes() {
        t.write(h -> h.execute("UPDATE posts SET created_at = '2025-11-01T00:00:00.000000Z' WHERE id = ?",
                declined.post().id()));
        board.toggleVote(admin, declined.post().id());
        Page<PostView> page = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.TRENDING, null, null, null, PageRequest.of(1, 2)));
        assertThat(ids(page)).containsExactly(planned.post().id(), mine.post().id());
        assertThat(page.total()).isEqualTo(5);
        Page<PostView> last = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.TRENDING, null, null, null, PageRequest.of(3, 2)));
        assertThat(ids(last)).containsExactly(declined.post().id());
        assertThat(board.trending(Actor.anonymous(), "app", null).stream().map(v -> v.post().id()).toList())
                .startsWith(planned.post().id(), mine.post().id());
    }

    @Test
    void trending_keeps_pinned_posts_first_and_orders_a_search_the_same_way() {
        t.write(h -> h.execute("UPDATE posts SET created_at = '2025-11-01T00:00:00.000000Z' WHERE id = ?",
                declined.post().id()));
        board.toggleVote(admin, declined.post().id());
        board.editPost(admin, done.post().id(), PostEdit.moderation(true, null));
        Page<PostView> page = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.TRENDING, null, null, null, PageRequest.of(1, 3)));
        assertThat(ids(page)).containsExactly(done.post().id(), planned.post().id(), mine.post().id());
        Page<PostView> rest = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.TRENDING, null, null, null, PageRequest.of(2, 3)));
        assertThat(ids(rest)).containsExactly(open.post().id(), declined.post().id());
        Page<PostView> search = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.TRENDING, null, null, "one", PageRequest.FIRST));
        assertThat(ids(search)).containsExactly(planned.post().id(), done.post().id(), open.post().id(),
                declined.post().id());
    }
}
