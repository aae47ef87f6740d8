package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.BoardStats;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Roadmap;
import io.rungu.model.RunguException;
import io.rungu.model.TrendingQuery;
import io.rungu.store.OnEachDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roadmap, changelog, stats and trending (the original's api tests §9.3 for them, on the Board). */
class ViewsTest extends OnEachDatabase {
    Actor.Account admin;
    List<Actor.Account> voters = new ArrayList<>();

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        for (int i = 0; i < 5; i++) {
            voters.add(t.member("Voter " + i));
        }
        board.createProject(admin, new NewProject("App", "app", ""));
    }

    String post(String title, PostStatus status, int votes) {
        String id = board.createPost(admin, "app", new NewPost(title, "", PostCategory.FEATURE)).post().id();
        if (!status.equals(PostStatus.OPEN)) {
            board.editPost(admin, id, PostEdit.status(status));
        }
        for (int i = 0; i < votes; i++) {
            board.toggleVote(voters.get(i), id);
        }
        return id;
    }

    static List<String> titles(List<PostView> views) {
        return views.stream().map(v -> v.post().title()).toList();
    }

    @Test
    void the_roadmap_groups_by_status_and_sorts_by_votes_with_exact_totals() {
        post("Planned few", PostStatus.PLANNED, 1);
        post("Planned many", PostStatus.PLANNED, 3);
        post("Planned tie older", PostStatus.PLANNED, 1);
        post("Building", PostStatus.IN_PROGRESS, 0);
        post("Shipped", PostStatus.DONE, 2);
        post("Open", PostStatus.OPEN, 4);
        Roadmap r = board.roadmap(voters.get(0), "app", 10);
        assertThat(titles(r.planned())).containsExactly("Planned many", "Planned tie older", "Planned few");
        assertThat(r.plannedTotal()).isEqualTo(3);
        assertThat(titles(r.inProgress())).containsExactly("Building");
        assertThat(r.inProgressTotal()).isEqualTo(1);
        assertThat(titles(r.done())).containsExactly("Shipped");
        assertThat(r.doneTotal()).isEqualTo(1);
        assertThat(r.limit()).isEqualTo(10);
        assertThat(r.planned().get(0).votedByViewer()).isTrue();
    }

    @Test
    void the_roadmap_limit_applies_per_bucket_and_is_refused_out_of_range_not_clamped() {
        for (int i = 0; i < 5; i++) {
            post("Planned " + i, PostStatus.PLANNED, 0);
        }
        Roadmap two = board.roadmap(Actor.anonymous(), "app", 2);
        assertThat(two.planned()).hasSize(2);
        assertThat(two.plannedTotal()).isEqualTo(5);
        assertThat(board.roadmap(Actor.anonymous(), "app", 50).limit()).isEqualTo(50);
        for (int bad : new int[] {0, 51, 9999, -1}) {
            RunguException e = catchThrowableOfType(RunguException.class, () -> board.roadmap(Actor.anonymous(), "app", bad));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
            assertThat(e).hasMessage("limit must be between 1 and 50");
        }
    }

    @Test
    void the_changelog_lists_done_posts_by_ship_date_and_a_later_comment_does_not_move_them() {
        String first = post("First shipped", PostStatus.DONE, 0);
        post("Second shipped", PostStatus.DONE, 0);
        post("Not shipped", PostStatus.PLANNED, 0);
        post("Open", PostStatus.OPEN, 0);
        board.addComment(admin, first, new NewComment("Thanks!", null));
        var page = board.changelog(Actor.anonymous(), "app", new ChangelogQuery(null, PageRequest.FIRST));
        assertThat(titles(page.items())).containsExactly("Second shipped", "First shipped");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void since_is_an_inclusive_bound_on_the_ship_date() {
        String id = post("Shipped", PostStatus.DONE, 0);
        Instant doneAt = board.getPost(Actor.anonymous(), id).post().doneAt();
        assertThat(board.changelog(Actor.anonymous(), "app", new ChangelogQuery(doneAt, PageRequest.FIRST)).total())
                .isEqualTo(1);
        var later = board.changelog(Actor.anonymous(), "app",
                new ChangelogQuery(doneAt.plus(Duration.ofDays(365)), PageRequest.FIRST));
        assertThat(later.total()).isZero();
        assertThat(later.items()).isEmpty();
        assertThat(later.totalPages()).isEqualTo(1);
    }

    @Test
    void the_changelog_pages() {
        for (int i = 0; i < 5; i++) {
            post("Shipped " + i, PostStatus.DONE, 0);
        }
        var page = board.changelog(Actor.anonymous(), "app", new ChangelogQuery(null, new PageRequest(3, 2)));
        assertThat(titles(page.items())).containsExactly("Shipped 0");
        assertThat(page.total()).isEqualTo(5);
    }

    @Test
    void stats_are_exact() {
        String a = post("A", PostStatus.OPEN, 2);
        post("B", PostStatus.DONE, 3);
        board.createPost(admin, "app", new NewPost("Bug", "", PostCategory.BUG));
        board.addComment(admin, a, new NewComment("x", null));
        board.addComment(admin, a, new NewComment("y", null));
        BoardStats stats = board.stats(Actor.anonymous(), "app");
        assertThat(stats.projectSlug()).isEqualTo("app");
        assertThat(stats.totalPosts()).isEqualTo(3);
        assertThat(stats.byStatus()).containsEntry(PostStatus.OPEN, 2L).containsEntry(PostStatus.DONE, 1L)
                .containsEntry(PostStatus.PLANNED, 0L);
        assertThat(stats.byCategory()).containsEntry(PostCategory.FEATURE, 2L).containsEntry(PostCategory.BUG, 1L)
                .containsEntry(PostCategory.QUESTION, 0L);
        assertThat(stats.totalVotes()).isEqualTo(5);
        assertThat(stats.totalComments()).isEqualTo(2);
    }

    @Test
    void trending_counts_only_posts_created_within_the_window() {
        post("Old but loved", PostStatus.OPEN, 5);
        t.clock().advance(Duration.ofDays(10));
        post("New and liked", PostStatus.OPEN, 2);
        post("New", PostStatus.OPEN, 0);
        assertThat(titles(board.trending(Actor.anonymous(), "app", new TrendingQuery(7, 10))))
                .containsExactly("New and liked", "New");
        assertThat(titles(board.trending(Actor.anonymous(), "app", new TrendingQuery(30, 2))))
                .containsExactly("Old but loved", "New and liked");
        assertThat(titles(board.trending(Actor.anonymous(), "app", new TrendingQuery(1, 1)))).containsExactly("New and liked");
        assertThat(titles(board.trending(Actor.anonymous(), "app", null))).containsExactly("New and liked", "New");
    }

    @Test
    void a_trending_window_or_limit_out_of_range_is_refused_not_clamped() {
        assertThat(catchThrowableOfType(RunguException.class, () -> TrendingQuery.of(1000, null)))
                .hasMessage("days must be between 1 and 365");
        assertThat(catchThrowableOfType(RunguException.class, () -> TrendingQuery.of(0, null)))
                .hasMessage("days must be between 1 and 365");
        assertThat(catchThrowableOfType(RunguException.class, () -> TrendingQuery.of(7, 101)))
                .hasMessage("limit must be between 1 and 100");
        assertThat(board.trending(Actor.anonymous(), "app", TrendingQuery.of(365, 100))).isEmpty();
    }
}
