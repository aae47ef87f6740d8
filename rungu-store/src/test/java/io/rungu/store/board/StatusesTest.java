package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.BoardStatus;
import io.rungu.model.CategoryEdit;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewCategory;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.NewStatus;
import io.rungu.model.NewTag;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Roadmap;
import io.rungu.model.RunguException;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import io.rungu.model.TagEdit;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A board's own statuses, categories and tags (issue 13), with list pages kept between reads. */
class StatusesTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account ann;

    @Override
    protected void configure(StoreConfig config) {
        config.cacheTtl = Duration.ofMinutes(1);
    }

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        ann = t.member("Ann");
        board.createProject(admin, new NewProject("App", "app", ""));
    }

    String post(String title) {
        return board.createPost(ann, "app", new NewPost(title, "", null)).post().id();
    }

    static RunguException failure(Executable call) {
        return catchThrowableOfType(RunguException.class, () -> call.execute());
    }

    @Test
    void a_new_board_has_the_five_default_statuses_and_four_categories_and_no_tags() {
        var d = board.definitions(Actor.anonymous(), "app");
        assertThat(d.statuses()).extracting(BoardStatus::slug)
                .containsExactly("open", "planned", "in_progress", "done", "declined");
        assertThat(d.statuses()).extracting(BoardStatus::kind).containsExactly(StatusKind.OPEN, StatusKind.ACTIVE,
                StatusKind.ACTIVE, StatusKind.DONE, StatusKind.CLOSED);
        assertThat(d.statuses()).extracting(BoardStatus::position).containsExactly(1, 2, 3, 4, 5);
        assertThat(d.categories()).extracting(c -> c.slug()).containsExactly("feedback", "bug", "feature", "question");
        assertThat(d.tags()).isEmpty();
        PostView p = board.createPost(ann, "app", new NewPost("Dark mode", "", null));
        assertThat(p.post().status()).isEqualTo(PostStatus.OPEN);
        assertThat(p.post().category()).isEqualTo(PostCategory.FEEDBACK);
    }

    @Test
    void a_post_set_to_a_custom_active_status_is_in_its_roadmap_column_and_deleting_it_moves_the_posts() {
        String a = post("A");
        String b = post("B");
        BoardStatus beta = board.createStatus(admin, "app",
                new NewStatus("shipped-beta", "Shipped (beta)", "#8B5CF6", StatusKind.ACTIVE, 3));
        assertThat(beta.position()).isEqualTo(3);
        assertThat(beta.color()).isEqualTo("#8b5cf6");
        assertThat(board.listStatuses(ann, "app")).extracting(BoardStatus::slug)
                .containsExactly("open", "planned", "shipped-beta", "in_progress", "done", "declined");
        board.roadmap(ann, "app", 10); // kept reads must follow the change below
        board.editPost(admin, a, PostEdit.status(new PostStatus("shipped-beta")));
        board.editPost(admin, b, PostEdit.status(new PostStatus("shipped-beta")));

        Roadmap roadmap = board.roadmap(ann, "app", 10);
        assertThat(roadmap.columns()).extracting(c -> c.status().slug())
                .containsExactly("planned", "shipped-beta", "in_progress");
        Roadmap.Column column = roadmap.columns().get(1);
        assertThat(column.posts()).extracting(v -> v.post().id()).containsExactlyInAnyOrder(a, b);
        assertThat(column.total()).isEqualTo(2);
        assertThat(board.listPosts(ann, "app", new PostQuery(null, new PostStatus("shipped-beta"), null, null,
                PageRequest.FIRST)).total()).isEqualTo(2);

        long before = t.store().events().after(0, 1000).size();
        RunguException withoutTarget = failure(() -> board.deleteStatus(admin, "app", "shipped-beta", null));
        assertThat(withoutTarget.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(withoutTarget.getMessage()).contains("2 post(s)").contains("move_to");
        assertThat(failure(() -> board.deleteStatus(admin, "app", "shipped-beta", "nope")).getMessage())
                .contains("Unknown status 'nope'").contains("planned");

        board.deleteStatus(admin, "app", "shipped-beta", "planned");

        assertThat(board.getPost(ann, a).post().status()).isEqualTo(PostStatus.PLANNED);
        assertThat(board.getPost(ann, b).post().status()).isEqualTo(PostStatus.PLANNED);
        Roadmap after = board.roadmap(ann, "app", 10);
        assertThat(after.columns()).extracting(c -> c.status().slug()).containsExactly("planned", "in_progress");
        assertThat(after.planned()).hasSize(2);
        assertThat(after.plannedTotal()).isEqualTo(2);
        assertThat(board.stats(ann, "app").byStatus()).containsEntry(PostStatus.PLANNED, 2L)
                .doesNotContainKey(new PostStatus("shipped-beta"));
        List<BoardEvent> events = t.store().events().after(0, 1000);
        List<BoardEvent> moved = events.subList((int) before, events.size());
        assertThat(moved).filteredOn(e -> e.type() == BoardEvent.Type.POST_STATUS_CHANGED)
                .extracting(BoardEvent::postId).containsExactlyInAnyOrder(a, b);
        assertThat(moved).filteredOn(e -> e.type() == BoardEvent.Type.POST_STATUS_CHANGED)
                .allSatisfy(e -> {
                    assertThat(e.fromStatus()).isEqualTo(new PostStatus("shipped-beta"));
                    assertThat(e.toStatus()).isEqualTo(PostStatus.PLANNED);
                });
        assertThat(moved).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(BoardEvent.Type.STATUS_DELETED);
            assertThat(e.commentId()).isEqualTo(beta.id());
        });
        assertThat(board.timeline(ann, a, PageRequest.FIRST).total()).isEqualTo(2);
    }

    @Test
    void a_post_set_to_a_custom_done_kind_status_is_in_the_changelog_and_leaves_it_with_the_kind() {
        String a = post("A");
        board.createStatus(admin, "app", new NewStatus(null, "Released", "#00aa00", StatusKind.DONE, null));
        assertThat(board.changelog(ann, "app", new ChangelogQuery(null, null)).items()).isEmpty();

        PostView released = board.editPost(admin, a, PostEdit.status(new PostStatus("released")));

        assertThat(released.post().doneAt()).isNotNull();
        var changelog = board.changelog(ann, "app", new ChangelogQuery(null, null));
        assertThat(changelog.items()).extracting(v -> v.post().id()).containsExactly(a);
        assertThat(changelog.total()).isEqualTo(1);
        assertThat(board.roadmap(ann, "app", 10).done()).extracting(v -> v.post().id()).containsExactly(a);
        assertThat(board.roadmap(ann, "app", 10).doneTotal()).isEqualTo(1);

        board.updateStatus(admin, "app", "released", new StatusEdit(null, null, StatusKind.CLOSED, null));
        assertThat(board.getPost(ann, a).post().doneAt()).isNull();
        assertThat(board.changelog(ann, "app", new ChangelogQuery(null, null)).items()).isEmpty();
    }

    @Test
    void a_status_of_another_board_or_an_unknown_one_is_refused_with_the_valid_ones() {
        String a = post("A");
        RunguException e = failure(() -> board.editPost(admin, a, PostEdit.status(new PostStatus("shipped"))));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e.getMessage()).isEqualTo(
                "Unknown status 'shipped'; this board's statuses are: open, planned, in_progress, done, declined");
        assertThat(failure(() -> PostStatus.parse("Not A Slug")).code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void status_limits_are_kept() {
        assertThat(failure(() -> board.createStatus(admin, "app", new NewStatus(null, "x".repeat(51), null, null,
                null))).getMessage()).isEqualTo("Name must be 50 characters or less");
        assertThat(failure(() -> board.createStatus(admin, "app", new NewStatus(null, "Red", "red", null, null)))
                .getMessage()).contains("#rrggbb");
        assertThat(failure(() -> board.createStatus(admin, "app", new NewStatus("Bad Slug", "Bad", null, null, null)))
                .code()).isEqualTo(ErrorCode.INVALID);
        assertThat(failure(() -> board.createStatus(admin, "app", new NewStatus("done", "Done again", null, null,
                null))).code()).isEqualTo(ErrorCode.CONFLICT);
        for (int i = 6; i <= Limits.STATUSES_PER_BOARD_MAX; i++) {
            board.createStatus(admin, "app", new NewStatus(null, "Stage " + i, null, null, null));
        }
        RunguException full = failure(() -> board.createStatus(admin, "app", new NewStatus(null, "One more", null,
                null, null)));
        assertThat(full.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(full.getMessage()).isEqualTo("A board can have at most 20 statuses");
    }

    @Test
    void the_last_open_kind_status_cannot_go_and_new_posts_get_the_first_open_one() {
        RunguException last = failure(() -> board.deleteStatus(admin, "app", "open", null));
        assertThat(last.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(last.getMessage()).contains("at least one status of kind open");
        assertThat(failure(() -> board.updateStatus(admin, "app", "open",
                new StatusEdit(null, null, StatusKind.ACTIVE, null))).code()).isEqualTo(ErrorCode.CONFLICT);

        board.createStatus(admin, "app", new NewStatus("triage", "Triage", null, StatusKind.OPEN, 1));
        assertThat(board.createPost(ann, "app", new NewPost("New", "", null)).post().status())
                .isEqualTo(new PostStatus("triage"));
        board.deleteStatus(admin, "app", "open", null);
        assertThat(board.listStatuses(ann, "app")).extracting(BoardStatus::position).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void a_member_cannot_manage_statuses_categories_or_tags_nor_set_tags() {
        String a = post("A");
        board.createTag(admin, "app", new NewTag(null, "Mobile", null));
        List<Executable> calls = List.of(
                () -> board.createStatus(ann, "app", new NewStatus(null, "Mine", null, null, null)),
                () -> board.updateStatus(ann, "app", "open", new StatusEdit("Mine", null, null, null)),
                () -> board.deleteStatus(ann, "app", "declined", null),
                () -> board.createCategory(ann, "app", new NewCategory(null, "Mine", null)),
                () -> board.updateCategory(ann, "app", "bug", new CategoryEdit("Mine", null)),
                () -> board.deleteCategory(ann, "app", "bug", null),
                () -> board.createTag(ann, "app", new NewTag(null, "Mine", null)),
                () -> board.updateTag(ann, "app", "mobile", new TagEdit("Mine", null)),
                () -> board.deleteTag(ann, "app", "mobile"),
                () -> board.setPostTags(ann, a, List.of("mobile")));
        for (Executable call : calls) {
            RunguException e = failure(call);
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo("Admin access required");
        }
        assertThat(failure(() -> board.createTag(Actor.anonymous(), "app", new NewTag(null, "Mine", null))).code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void categories_can_be_added_reordered_and_deleted_moving_their_posts() {
        board.createCategory(admin, "app", new NewCategory(null, "Idea", null));
        String a = board.createPost(ann, "app", new NewPost("A", "", new PostCategory("idea"))).post().id();
        assertThat(failure(() -> board.createPost(ann, "app", new NewPost("B", "", new PostCategory("nope"))))
                .getMessage()).startsWith("Unknown category 'nope'; this board's categories are: feedback, bug");

        board.updateCategory(admin, "app", "idea", new CategoryEdit("Ideas", 1));
        assertThat(board.listCategories(ann, "app")).extracting(c -> c.slug())
                .containsExactly("idea", "feedback", "bug", "feature", "question");
        assertThat(board.createPost(ann, "app", new NewPost("C", "", null)).post().category())
                .isEqualTo(new PostCategory("idea"));
        assertThat(failure(() -> board.deleteCategory(admin, "app", "idea", null)).code())
                .isEqualTo(ErrorCode.INVALID);

        board.deleteCategory(admin, "app", "idea", "feature");

        assertThat(board.getPost(ann, a).post().category()).isEqualTo(PostCategory.FEATURE);
        assertThat(board.stats(ann, "app").byCategory()).containsEntry(PostCategory.FEATURE, 2L)
                .containsOnlyKeys(PostCategory.defaults());
    }

    @Test
    void tags_are_set_on_posts_shown_on_them_and_filter_lists() {
        String a = post("A");
        String b = post("B");
        board.createTag(admin, "app", new NewTag(null, "Mobile", "#123456"));
        board.createTag(admin, "app", new NewTag("ux", "User experience", null));
        assertThat(board.listPosts(ann, "app", PostQuery.newest()).items()).hasSize(2); // kept

        PostView tagged = board.setPostTags(admin, a, List.of("ux", "mobile", "ux"));

        assertThat(tagged.post().tags()).containsExactly("mobile", "ux");
        assertThat(board.getPost(ann, a).post().tags()).containsExactly("mobile", "ux");
        board.setPostTags(admin, b, List.of("ux"));
        var mobile = board.listPosts(ann, "app", new PostQuery(null, null, null, null, PageRequest.FIRST, "mobile"));
        assertThat(mobile.items()).extracting(v -> v.post().id()).containsExactly(a);
        assertThat(mobile.total()).isEqualTo(1);
        assertThat(board.listPosts(ann, "app", new PostQuery(null, null, null, null, PageRequest.FIRST, "ux"))
                .total()).isEqualTo(2);
        assertThat(board.listPosts(ann, "app", new PostQuery(null, null, null, "B", PageRequest.FIRST, "ux"))
                .items()).extracting(v -> v.post().id()).containsExactly(b);
        assertThat(failure(() -> board.listPosts(ann, "app",
                new PostQuery(null, null, null, null, PageRequest.FIRST, "nope"))).getMessage())
                .isEqualTo("Unknown tag 'nope'; this board's tags are: mobile, ux");
        assertThat(failure(() -> board.setPostTags(admin, a, List.of("nope"))).code()).isEqualTo(ErrorCode.INVALID);

        board.deleteTag(admin, "app", "ux");

        assertThat(board.getPost(ann, a).post().tags()).containsExactly("mobile");
        assertThat(board.getPost(ann, b).post().tags()).isEmpty();
        assertThat(board.setPostTags(admin, a, List.of()).post().tags()).isEmpty();
    }

    @Test
    void tag_limits_are_kept() {
        String a = post("A");
        for (int i = 1; i <= Limits.TAGS_PER_BOARD_MAX; i++) {
            board.createTag(admin, "app", new NewTag("t" + i, "Tag " + i, null));
        }
        assertThat(failure(() -> board.createTag(admin, "app", new NewTag(null, "One more", null))).getMessage())
                .isEqualTo("A board can have at most 100 tags");
        List<String> eleven = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "t" + i).toList();
        assertThat(failure(() -> board.setPostTags(admin, a, eleven)).getMessage())
                .isEqualTo("A post can have at most 10 tags");
        assertThat(board.setPostTags(admin, a, eleven.subList(0, 10)).post().tags()).hasSize(10);
    }
}
