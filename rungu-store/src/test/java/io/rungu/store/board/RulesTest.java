package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validation of boards and posts, with the messages callers see. */
class RulesTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account member;

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        member = t.member("Member");
    }

    static RunguException failure(ThrowingCallable call) {
        RunguException e = catchThrowableOfType(RunguException.class, call);
        assertThat(e).as("expected a RunguException").isNotNull();
        return e;
    }

    static void invalid(ThrowingCallable call, String message) {
        RunguException e = failure(call);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e).hasMessage(message);
    }

    @Test
    void a_project_name_is_required_and_limited_in_characters_not_bytes() {
        invalid(() -> board.createProject(admin, new NewProject("   ", null, null)), "Project name is required");
        Project longest = board.createProject(admin, new NewProject("é".repeat(Limits.PROJECT_NAME_MAX), "e", null));
        assertThat(longest.name()).hasSize(100);
        invalid(() -> board.createProject(admin, new NewProject("é".repeat(101), "f", null)),
                "Project name must be 100 characters or less");
        invalid(() -> board.createProject(admin, new NewProject("x", "g", "d".repeat(2001))),
                "Project description must be 2000 characters or less");
    }

    @Test
    void a_slug_is_trimmed_and_checked_or_derived_from_the_name() {
        assertThat(board.createProject(admin, new NewProject("My App! @#$", null, null)).slug()).isEqualTo("my-app");
        assertThat(board.createProject(admin, new NewProject("X", "  custom-1  ", null)).slug()).isEqualTo("custom-1");
        invalid(() -> board.createProject(admin, new NewProject("X", "  ", null)), "Slug cannot be empty if provided");
        assertThat(failure(() -> board.createProject(admin, new NewProject("X", "Bad Slug", null))).fields())
                .containsKey("slug");
        assertThat(failure(() -> board.createProject(admin, new NewProject("!!!", null, null))).fields())
                .containsKey("slug");
    }

    @Test
    void a_taken_slug_is_a_conflict() {
        board.createProject(admin, new NewProject("App", "app", null));
        RunguException e = failure(() -> board.createProject(admin, new NewProject("Other", "app", null)));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e).hasMessage("A board with slug 'app' already exists");
    }

    @Test
    void a_project_update_needs_a_field_and_a_non_blank_name() {
        board.createProject(admin, new NewProject("App", "app", "old"));
        invalid(() -> board.updateProject(admin, "app", new ProjectEdit(null, null)), "No fields to update");
        invalid(() -> board.updateProject(admin, "app", new ProjectEdit(" ", null)), "Project name cannot be empty");
        invalid(() -> board.updateProject(admin, "app", new ProjectEdit("n".repeat(101), null)),
                "Project name must be 100 characters or less");
        Project p = board.updateProject(admin, "app", new ProjectEdit(null, "new"));
        assertThat(p.name()).isEqualTo("App");
        assertThat(p.description()).isEqualTo("new");
        assertThat(failure(() -> board.updateProject(admin, "nope", new ProjectEdit("x", null))))
                .hasMessage("Project not found");
        assertThat(failure(() -> board.deleteProject(admin, "nope"))).hasMessage("Project not found");
    }

    @Test
    void a_post_title_is_required_trimmed_and_limited() {
        board.createProject(admin, new NewProject("App", "app", null));
        invalid(() -> board.createPost(member, "app", new NewPost("  ", null, null)), "Title is required");
        invalid(() -> board.createPost(member, "app", new NewPost("t".repeat(201), null, null)),
                "Title must be 200 characters or less");
        invalid(() -> board.createPost(member, "app", new NewPost("ok", "d".repeat(20_001), null)),
                "Description must be 20000 characters or less");
        assertThat(board.createPost(member, "app", new NewPost("🙂".repeat(200), null, null)).post().title())
                .hasSize(400);
        assertThat(failure(() -> board.createPost(member, "nope", new NewPost("t", null, null))))
                .hasMessage("Project not found");
    }

    @Test
    void an_invalid_edit_changes_nothing() {
        board.createProject(admin, new NewProject("App", "app", null));
        PostView p = board.createPost(member, "app", new NewPost("Title", "Text", PostCategory.BUG));
        invalid(() -> board.editPost(member, p.post().id(), new PostEdit(null, null, null, null)),
                "No fields to update");
        invalid(() -> board.editPost(admin, p.post().id(), new PostEdit(" ", null, PostCategory.FEATURE,
                PostStatus.DONE)), "Title is required");
        RunguException forbidden = failure(() -> board.editPost(member, p.post().id(),
                new PostEdit("New title", null, PostCategory.FEATURE, PostStatus.PLANNED)));
        assertThat(forbidden).hasMessage("Only admins can change a post's status");
        assertThat(board.getPost(member, p.post().id()).post()).isEqualTo(p.post());
    }

    @Test
    void a_status_change_by_any_member_gets_the_status_rule_whoever_wrote_the_post() {
        board.createProject(admin, new NewProject("App", "app", null));
        String id = board.createPost(member, "app", new NewPost("Title", "Text", null)).post().id();
        Actor.Account other = t.member("Other");
        for (Actor.Account who : java.util.List.of(member, other)) {
            RunguException e = failure(() -> board.editPost(who, id, PostEdit.status(PostStatus.PLANNED)));
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e).hasMessage("Only admins can change a post's status");
        }
        // other edits by someone else keep the ownership rule
        assertThat(failure(() -> board.editPost(other, id, new PostEdit("Mine now", null, null, null))))
                .hasMessage("You can only edit your own posts");
        assertThat(board.editPost(admin, id, PostEdit.status(PostStatus.PLANNED)).post().status())
                .isEqualTo(PostStatus.PLANNED);
    }

    @Test
    void the_author_edits_text_and_category_and_the_update_time_moves() {
        board.createProject(admin, new NewProject("App", "app", null));
        PostView p = board.createPost(member, "app", new NewPost("Title", "Text", null));
        PostView edited = board.editPost(member, p.post().id(),
                new PostEdit(" New ", "", PostCategory.QUESTION, PostStatus.OPEN));
        assertThat(edited.post().title()).isEqualTo("New");
        assertThat(edited.post().description()).isEmpty();
        assertThat(edited.post().category()).isEqualTo(PostCategory.QUESTION);
        assertThat(edited.post().updatedAt()).isAfter(p.post().updatedAt());
        assertThat(failure(() -> board.editPost(member, "nope", PostEdit.status(PostStatus.DONE))))
                .hasMessage("Post not found");
    }

    @Test
    void done_at_is_set_on_shipping_kept_while_done_and_cleared_on_leaving_done() {
        board.createProject(admin, new NewProject("App", "app", null));
        String id = board.createPost(member, "app", new NewPost("Title", "", null)).post().id();
        var done = board.editPost(admin, id, PostEdit.status(PostStatus.DONE)).post();
        assertThat(done.doneAt()).isNotNull();
        var stillDone = board.editPost(admin, id, new PostEdit("Renamed", null, null, PostStatus.DONE)).post();
        assertThat(stillDone.doneAt()).isEqualTo(done.doneAt());
        assertThat(stillDone.updatedAt()).isAfter(done.updatedAt());
        assertThat(board.editPost(admin, id, PostEdit.status(PostStatus.PLANNED)).post().doneAt()).isNull();
        assertThat(t.number("SELECT sum(posts) FROM project_post_counts WHERE status = 'planned'")).isEqualTo(1);
        assertThat(t.number("SELECT sum(posts) FROM project_post_counts WHERE status = 'done'")).isZero();
    }

    @Test
    void an_actor_whose_account_is_gone_must_sign_in_again() {
        board.createProject(admin, new NewProject("App", "app", null));
        String post = board.createPost(member, "app", new NewPost("Title", "", null)).post().id();
        Actor.Account ghost = Actor.of("removed-user", io.rungu.model.Role.MEMBER);
        for (ThrowingCallable call : java.util.List.<ThrowingCallable>of(
                () -> board.createPost(ghost, "app", new NewPost("t", null, null)),
                () -> board.addComment(ghost, post, new io.rungu.model.NewComment("c", null)),
                () -> board.toggleVote(ghost, post),
                () -> board.setVote(ghost, post, true))) {
            assertThat(failure(call).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        }
        assertThat(board.setVote(ghost, post, false).voteCount()).isZero();
    }

    @Test
    void missing_things_are_not_found_with_their_message() {
        assertThat(failure(() -> board.getProject(Actor.anonymous(), "nope"))).hasMessage("Project not found");
        assertThat(failure(() -> board.getPost(Actor.anonymous(), "nope"))).hasMessage("Post not found");
        assertThat(failure(() -> board.deletePost(member, "nope"))).hasMessage("Post not found");
        assertThat(failure(() -> board.toggleVote(member, "nope"))).hasMessage("Post not found");
        assertThat(failure(() -> board.voteState(Actor.anonymous(), "nope"))).hasMessage("Post not found");
        assertThat(failure(() -> board.deleteComment(member, "nope"))).hasMessage("Comment not found");
        assertThat(failure(() -> board.getAttachment(Actor.anonymous(), "nope"))).hasMessage("Attachment not found");
        assertThat(failure(() -> board.listPosts(Actor.anonymous(), "nope", null))).hasMessage("Project not found");
        assertThat(failure(() -> board.roadmap(Actor.anonymous(), "nope", 10))).hasMessage("Project not found");
        assertThat(failure(() -> board.setRole(admin, "nope", io.rungu.model.Role.ADMIN))).hasMessage("User not found");
    }
}
