package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.OfficialResponse;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.model.StatusChange;
import io.rungu.model.TimelineItem;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Official responses, the status history and the post timeline (issue 12), with list pages kept between reads. */
class ResponsesTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account ann;
    String postId;

    @Override
    protected void configure(StoreConfig config) {
        config.cacheTtl = Duration.ofMinutes(1);
    }

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        ann = t.member("Ann");
        board.createProject(admin, new NewProject("App", "app", ""));
        postId = board.createPost(ann, "app", new NewPost("Dark mode", "Please", null)).post().id();
    }

    List<TimelineItem> timeline() {
        return board.timeline(ann, postId, PageRequest.of(1, 100)).items();
    }

    @Test
    void a_status_change_with_a_response_shows_on_the_post_in_lists_roadmap_and_changelog() {
        // Read first, so kept pages and posts exist and must be dropped by the change.
        assertThat(board.getPost(ann, postId).response()).isNull();
        assertThat(board.listPosts(ann, "app", PostQuery.newest()).items().get(0).response()).isNull();

        PostView done = board.editPost(admin, postId, PostEdit.status(PostStatus.DONE, "  Shipped in **2.3**  "));

        OfficialResponse r = done.response();
        assertThat(r.text()).isEqualTo("Shipped in **2.3**");
        assertThat(r.author().id()).isEqualTo(admin.userId());
        assertThat(r.author().name()).isEqualTo("Admin");
        assertThat(r.createdAt()).isEqualTo(done.post().updatedAt());
        assertThat(board.getPost(ann, postId).response()).isEqualTo(r);
        assertThat(board.getPost(Actor.anonymous(), postId).response()).isEqualTo(r);
        assertThat(board.listPosts(ann, "app", PostQuery.newest()).items().get(0).response()).isEqualTo(r);
        assertThat(board.roadmap(ann, "app", 10).done().get(0).response()).isEqualTo(r);
        assertThat(board.changelog(ann, "app", new ChangelogQuery(null, null)).items().get(0).response())
                .isEqualTo(r);
        assertThat(board.getPost(ann, postId).votedByViewer()).isFalse();
        board.toggleVote(ann, postId);
        PostView voted = board.getPost(ann, postId);
        assertThat(voted.votedByViewer()).isTrue();
        assertThat(voted.response()).isEqualTo(r);
    }

    @Test
    void every_status_change_is_recorded_with_who_from_to_and_the_latest_response_stays() {
        board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
        t.clock().advance(Duration.ofMinutes(1));
        board.editPost(admin, postId, PostEdit.status(PostStatus.DONE, "Shipped"));
        t.clock().advance(Duration.ofMinutes(1));
        board.editPost(admin, postId, PostEdit.status(PostStatus.OPEN));
        board.editPost(admin, postId, PostEdit.status(PostStatus.OPEN));

        List<StatusChange> changes = timeline().stream().map(i -> ((TimelineItem.StatusItem) i).change()).toList();
        assertThat(changes).extracting(StatusChange::from)
                .containsExactly(PostStatus.OPEN, PostStatus.PLANNED, PostStatus.DONE);
        assertThat(changes).extracting(StatusChange::to)
                .containsExactly(PostStatus.PLANNED, PostStatus.DONE, PostStatus.OPEN);
        assertThat(changes).extracting(StatusChange::response).containsExactly(null, "Shipped", null);
        assertThat(changes).allSatisfy(c -> assertThat(c.actor().name()).isEqualTo("Admin"));
        assertThat(changes.get(1).createdAt()).isAfter(changes.get(0).createdAt());
        assertThat(board.getPost(ann, postId).response().text()).isEqualTo("Shipped");
    }

    @Test
    void an_admin_may_respond_without_changing_the_status() {
        board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED, "On the list"));
        PostView updated = board.editPost(admin, postId, PostEdit.status(null, "Planned for Q3"));

        assertThat(updated.post().status()).isEqualTo(PostStatus.PLANNED);
        assertThat(updated.response().text()).isEqualTo("Planned for Q3");
        StatusChange last = ((TimelineItem.StatusItem) timeline().get(1)).change();
        assertThat(last.from()).isEqualTo(PostStatus.PLANNED);
        assertThat(last.to()).isEqualTo(PostStatus.PLANNED);
        assertThat(last.changesStatus()).isFalse();
        assertThat(last.response()).isEqualTo("Planned for Q3");
    }

    @Test
    void only_admins_respond_and_a_refused_or_invalid_edit_records_nothing() {
        RunguException byAuthor = catchThrowableOfType(RunguException.class,
                () -> board.editPost(ann, postId, new PostEdit("New title", null, null, null, "Done!")));
        assertThat(byAuthor.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(byAuthor.getMessage()).isEqualTo("Only admins can give an official response");

        RunguException tooLong = catchThrowableOfType(RunguException.class, () -> board.editPost(admin, postId,
                PostEdit.status(PostStatus.DONE, "x".repeat(Limits.COMMENT_MAX + 1))));
        assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(tooLong.getMessage()).isEqualTo("Response must be " + Limits.COMMENT_MAX + " characters or less");
        assertThat(tooLong.fields()).containsKey("response");

        RunguException blankAlone = catchThrowableOfType(RunguException.class,
                () -> board.editPost(admin, postId, PostEdit.status(null, "   ")));
        assertThat(blankAlone.getMessage()).isEqualTo("No fields to update");

        PostView post = board.getPost(ann, postId);
        assertThat(post.post().title()).isEqualTo("Dark mode");
        assertThat(post.post().status()).isEqualTo(PostStatus.OPEN);
        assertThat(post.response()).isNull();
        assertThat(timeline()).isEmpty();
        assertThat(t.number("SELECT count(*) FROM post_status_changes")).isZero();
    }

    @Test
    void the_timeline_interleaves_comments_and_status_changes_oldest_first_and_pages() {
        String first = board.addComment(ann, postId, new NewComment("First", null)).comment().id();
        t.clock().advance(Duration.ofSeconds(1));
        board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED, "Next month"));
        t.clock().advance(Duration.ofSeconds(1));
        board.addComment(admin, postId, new NewComment("Reply", first));
        t.clock().advance(Duration.ofSeconds(1));
        board.editPost(admin, postId, PostEdit.status(PostStatus.DONE));

        List<String> kinds = timeline().stream().map(i -> i instanceof TimelineItem.CommentItem c
                ? "comment:" + c.comment().comment().content()
                : "status:" + ((TimelineItem.StatusItem) i).change().to().wire()).toList();
        assertThat(kinds).containsExactly("comment:First", "status:planned", "comment:Reply", "status:done");
        TimelineItem.CommentItem reply = (TimelineItem.CommentItem) timeline().get(2);
        assertThat(reply.comment().comment().parentId()).isEqualTo(first);
        assertThat(reply.comment().creator().name()).isEqualTo("Admin");

        Page<TimelineItem> second = board.timeline(Actor.anonymous(), postId, PageRequest.of(2, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).hasSize(1);
        assertThat(((TimelineItem.StatusItem) second.items().get(0)).change().to()).isEqualTo(PostStatus.DONE);

        RunguException missing = catchThrowableOfType(RunguException.class,
                () -> board.timeline(ann, "nope", PageRequest.FIRST));
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.getMessage()).isEqualTo("Post not found");
    }

    @Test
    void deleting_a_post_deletes_its_history() {
        board.editPost(admin, postId, PostEdit.status(PostStatus.DONE, "Shipped"));
        board.deletePost(admin, postId);
        assertThat(t.number("SELECT count(*) FROM post_status_changes")).isZero();
    }
}
