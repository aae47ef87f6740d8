package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.Approval;
import io.rungu.model.BoardVisibility;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.Moderation;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.ProjectEdit;
import io.rungu.model.RunguException;
import io.rungu.model.TrendingQuery;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.TestImages;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Private boards, hidden posts and comments, and the approval queue, on the Board (docs/administration.md). */
class PrivateBoardsTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account member;
    Actor.Account outsider;
    String postId;
    String attachmentId;

    @BeforeEach
    void a_members_board_with_a_shipped_post() {
        admin = t.admin("Ada");
        member = t.member("Mia");
        outsider = t.member("Otto");
        board.createProject(admin, new NewProject("Secret", "secret", ""));
        board.createProject(admin, new NewProject("Open", "open", ""));
        PostView post = board.createPost(admin, "secret", new NewPost("Quantum dashboard", "Zebra words", null));
        postId = post.post().id();
        board.editPost(admin, postId, PostEdit.status(PostStatus.DONE));
        board.addComment(admin, postId, new NewComment("First", null));
        attachmentId = board.addAttachment(admin, postId, new NewAttachment("a.png", null, TestImages.png())).id();
        // Read everything once while public, so kept pages and posts exist when the board turns private.
        board.listPosts(Actor.anonymous(), "secret", PostQuery.newest());
        board.getPost(Actor.anonymous(), postId);
        board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.MEMBERS, null));
        board.addProjectMember(admin, "secret", member.userId());
    }

    @Test
    void a_members_board_is_not_found_for_anonymous_and_signed_in_outsiders_everywhere() {
        for (Actor who : List.of(Actor.anonymous(), outsider)) {
            assertThat(board.listProjects(who, PageRequest.FIRST).items()).extracting(p -> p.slug())
                    .containsExactly("open");
            assertThat(board.listProjects(who, PageRequest.FIRST).total()).isEqualTo(1);
            notFound(() -> board.getProject(who, "secret"), "Project not found");
            notFound(() -> board.listPosts(who, "secret", PostQuery.newest()), "Project not found");
            notFound(() -> board.listPosts(who, "secret", search("quantum")), "Project not found");
            notFound(() -> board.similarPosts(who, "secret", "quantum", 5), "Project not found");
            notFound(() -> board.roadmap(who, "secret", 10), "Project not found");
            notFound(() -> board.changelog(who, "secret", new ChangelogQuery(null, null)), "Project not found");
            notFound(() -> board.stats(who, "secret"), "Project not found");
            notFound(() -> board.trending(who, "secret", TrendingQuery.DEFAULT), "Project not found");
            notFound(() -> board.getPost(who, postId), "Post not found");
            notFound(() -> board.timeline(who, postId, PageRequest.FIRST), "Post not found");
            notFound(() -> board.listComments(who, postId, PageRequest.FIRST), "Post not found");
            notFound(() -> board.listAttachments(who, postId, PageRequest.FIRST), "Post not found");
            notFound(() -> board.getAttachment(who, attachmentId), "Attachment not found");
            notFound(() -> board.voteState(who, postId), "Post not found");
        }
        notFound(() -> board.toggleVote(outsider, postId), "Post not found");
        notFound(() -> board.addComment(outsider, postId, new NewComment("hi", null)), "Post not found");
        notFound(() -> board.subscribe(outsider, postId), "Post not found");
        notFound(() -> board.createPost(outsider, "secret", new NewPost("Mine", "", null)), "Project not found");
    }

    @Test
    void a_member_and_an_admin_see_the_members_board() {
        for (Actor who : List.of(member, admin)) {
            assertThat(board.listProjects(who, PageRequest.FIRST).items()).extracting(p -> p.slug())
                    .contains("secret");
            assertThat(board.getProject(who, "secret").visibility()).isEqualTo(BoardVisibility.MEMBERS);
            assertThat(board.listPosts(who, "secret", PostQuery.newest()).items()).hasSize(1);
            assertThat(board.listPosts(who, "secret", search("quantum")).total()).isEqualTo(1);
            assertThat(board.getPost(who, postId).post().title()).isEqualTo("Quantum dashboard");
            assertThat(board.roadmap(who, "secret", 10).doneTotal()).isEqualTo(1);
            assertThat(board.changelog(who, "secret", new ChangelogQuery(null, null)).total()).isEqualTo(1);
            assertThat(board.getAttachment(who, attachmentId).shared()).isFalse();
            assertThat(board.listComments(who, postId, PageRequest.FIRST).total()).isEqualTo(1);
        }
        board.toggleVote(member, postId);
        assertThat(board.listProjectMembers(admin, "secret", PageRequest.FIRST).items())
                .extracting(m -> m.userId()).containsExactly(member.userId());
    }

    @Test
    void removing_a_member_or_opening_the_board_changes_who_sees_it_at_once() {
        board.getPost(member, postId);
        board.removeProjectMember(admin, "secret", member.userId());
        notFound(() -> board.getPost(member, postId), "Post not found");
        board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.SIGNED_IN, null));
        assertThat(board.getPost(outsider, postId).post().id()).isEqualTo(postId);
        notFound(() -> board.getPost(Actor.anonymous(), postId), "Post not found");
        notFound(() -> board.listPosts(Actor.anonymous(), "secret", PostQuery.newest()), "Project not found");
        board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.PUBLIC, null));
        assertThat(board.getAttachment(Actor.anonymous(), attachmentId).shared()).isTrue();
    }

    @Test
    void a_hidden_post_is_invisible_to_a_member_with_exact_counts_and_greyed_for_admins() {
        board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.PUBLIC, null));
        String other = board.createPost(member, "secret", new NewPost("Quantum keyboard", "", null)).post().id();
        board.toggleVote(member, other);
        assertThat(board.hidePost(admin, postId).post().hidden()).isTrue();

        assertThat(board.listPosts(member, "secret", PostQuery.newest()).items()).extracting(v -> v.post().id())
                .containsExactly(other);
        assertThat(board.listPosts(member, "secret", PostQuery.newest()).total()).isEqualTo(1);
        assertThat(board.listPosts(member, "secret", search("quantum")).total()).isEqualTo(1);
        assertThat(board.listPosts(member, "secret", search("quantum")).items()).hasSize(1);
        assertThat(board.listPosts(member, "secret",
                new PostQuery(io.rungu.model.PostSort.MOST_VOTES, null, null, "quantum", PageRequest.FIRST)).total())
                .isEqualTo(1);
        assertThat(board.getProject(member, "secret").postCount()).isEqualTo(1);
        assertThat(board.stats(member, "secret").totalPosts()).isEqualTo(1);
        assertThat(board.stats(member, "secret").totalComments()).isZero();
        assertThat(board.roadmap(member, "secret", 10).doneTotal()).isZero();
        assertThat(board.roadmap(member, "secret", 10).done()).isEmpty();
        assertThat(board.changelog(member, "secret", new ChangelogQuery(null, null)).items()).isEmpty();
        assertThat(board.similarPosts(member, "secret", "quantum", 5)).extracting(v -> v.post().id())
                .containsExactly(other);
        notFound(() -> board.getPost(member, postId), "Post not found");
        notFound(() -> board.getAttachment(Actor.anonymous(), attachmentId), "Attachment not found");

        assertThat(board.listPosts(admin, "secret", PostQuery.newest()).items()).extracting(v -> v.post().hidden())
                .containsExactly(false, true);
        assertThat(board.listPosts(admin, "secret", PostQuery.newest()).total()).isEqualTo(2);
        assertThat(board.listPosts(admin, "secret", search("quantum")).total()).isEqualTo(2);
        assertThat(board.getPost(admin, postId).post().hidden()).isTrue();

        assertThat(board.restorePost(admin, postId).post().hidden()).isFalse();
        assertThat(board.listPosts(member, "secret", PostQuery.newest()).total()).isEqualTo(2);
        assertThat(board.stats(member, "secret").totalPosts()).isEqualTo(2);
        assertThat(t.number("SELECT sum(posts) FROM project_post_counts")).isEqualTo(t.number("SELECT count(*) FROM posts"));
    }

    @Test
    void a_hidden_comment_and_its_replies_are_invisible_to_a_member_and_leave_the_count() {
        String parent = board.addComment(member, postId, new NewComment("Rude", null)).comment().id();
        board.addComment(admin, postId, new NewComment("Reply", parent));
        assertThat(board.getPost(member, postId).post().commentCount()).isEqualTo(3);

        assertThat(board.hideComment(admin, parent).comment().hidden()).isTrue();
        assertThat(board.getPost(member, postId).post().commentCount()).isEqualTo(1);
        assertThat(board.listComments(member, postId, PageRequest.FIRST).items()).extracting(c -> c.comment().content())
                .containsExactly("First");
        assertThat(board.listComments(member, postId, PageRequest.FIRST).total()).isEqualTo(1);
        assertThat(board.timeline(member, postId, PageRequest.FIRST).items()).hasSize(2); // a comment, a status change
        assertThat(board.timeline(member, postId, PageRequest.FIRST).total()).isEqualTo(2);
        notFound(() -> board.editComment(member, parent, "Sorry"), "Comment not found");
        assertThat(board.listComments(admin, postId, PageRequest.FIRST).items()).extracting(c -> c.comment().hidden())
                .containsExactly(false, true, true);
        assertThat(board.listComments(admin, postId, PageRequest.FIRST).total()).isEqualTo(3);
        assertThat(board.stats(member, "secret").totalComments()).isEqualTo(1);

        assertThat(board.addComment(admin, postId, new NewComment("Under a hidden one", parent)).comment().hidden())
                .as("a reply under a hidden comment is hidden with its thread").isTrue();
        assertThat(board.getPost(member, postId).post().commentCount()).isEqualTo(1);
        board.restoreComment(admin, parent);
        assertThat(board.getPost(member, postId).post().commentCount()).isEqualTo(4);
        board.hideComment(admin, parent);
        board.deleteComment(admin, parent);
        assertThat(board.getPost(member, postId).post().commentCount()).isEqualTo(1);
        assertThat(t.number("SELECT comment_count FROM posts WHERE id = '" + postId + "'"))
                .isEqualTo(t.number("SELECT count(*) FROM comments WHERE hidden = 0"));
    }

    @Test
    void the_approval_queue_holds_a_members_post_until_an_admin_approves_it() {
        board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.PUBLIC, Moderation.NEW_POSTS));
        Actor.Account other = outsider;
        PostView waiting = board.createPost(member, "secret", new NewPost("Please review", "", null));
        String id = waiting.post().id();
        assertThat(waiting.post().approval()).isEqualTo(Approval.PENDING);
        assertThat(board.getPost(member, id).post().approval()).as("its author sees it waiting")
                .isEqualTo(Approval.PENDING);
        notFound(() -> board.getPost(other, id), "Post not found");
        notFound(() -> board.getPost(Actor.anonymous(), id), "Post not found");
        assertThat(board.listPosts(other, "secret", PostQuery.newest()).items()).extracting(v -> v.post().id())
                .containsExactly(postId);
        assertThat(board.listPosts(admin, "secret", PostQuery.newest()).total()).isEqualTo(1);
        assertThat(board.listPosts(other, "secret", search("review")).total()).isZero();
        assertThat(board.getProject(other, "secret").postCount()).isEqualTo(1);
        assertThat(board.approvalQueue(admin, "secret", PageRequest.FIRST).items()).extracting(v -> v.post().id())
                .containsExactly(id);
        catchThrowableOfType(RunguException.class, () -> board.approvalQueue(member, "secret", PageRequest.FIRST));
        assertThat(board.createPost(admin, "secret", new NewPost("Admin news", "", null)).post().approval())
                .as("admins skip the queue").isEqualTo(Approval.APPROVED);

        assertThat(board.approvePost(admin, id).post().approval()).isEqualTo(Approval.APPROVED);
        assertThat(board.getPost(other, id).post().title()).isEqualTo("Please review");
        assertThat(board.listPosts(other, "secret", PostQuery.newest()).total()).isEqualTo(3);
        assertThat(board.approvalQueue(admin, "secret", PageRequest.FIRST).total()).isZero();
        assertThat(conflict(() -> board.approvePost(admin, id))).contains("not waiting");

        String rejected = board.createPost(member, "secret", new NewPost("Spam", "", null)).post().id();
        board.rejectPost(admin, rejected);
        notFound(() -> board.getPost(admin, rejected), "Post not found");
        assertThat(t.number("SELECT sum(posts) FROM project_post_counts"))
                .isEqualTo(t.number("SELECT count(*) FROM posts WHERE state = 'listed'"));
    }

    @Test
    void only_admins_manage_visibility_members_hiding_and_approval() {
        assertThat(code(() -> board.updateProject(member, "secret", new ProjectEdit(null, null, BoardVisibility.PUBLIC,
                null)))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(() -> board.addProjectMember(member, "secret", outsider.userId()))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(() -> board.hidePost(member, postId))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(() -> board.approvePost(member, postId))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(() -> board.addProjectMember(admin, "secret", "nobody@example.test")))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(board.addProjectMember(admin, "secret", t.sql(h -> h.createQuery(
                "SELECT email FROM users WHERE id = :id").bind("id", outsider.userId()).mapTo(String.class).one()))
                .userId()).isEqualTo(outsider.userId());
    }

    static PostQuery search(String text) {
        return new PostQuery(null, null, null, text, PageRequest.FIRST);
    }

    static void notFound(ThrowingCallable call, String message) {
        RunguException e = catchThrowableOfType(RunguException.class, call);
        assertThat(e).as("NOT_FOUND expected").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    static ErrorCode code(ThrowingCallable call) {
        RunguException e = catchThrowableOfType(RunguException.class, call);
        assertThat(e).isNotNull();
        return e.code();
    }

    static String conflict(ThrowingCallable call) {
        RunguException e = catchThrowableOfType(RunguException.class, call);
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        return e.getMessage();
    }
}
