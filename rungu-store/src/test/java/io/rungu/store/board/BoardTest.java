package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.CommentView;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.User;
import io.rungu.model.VoteResult;
import io.rungu.store.OnEachDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The original's store tests (§9.2), adapted to the Board; run against each database. */
class BoardTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account member;

    @BeforeEach
    void open() {
        admin = t.admin("Ada Admin");
        member = t.member("Mo Member");
    }

    private Project project(String name) {
        return board.createProject(admin, new NewProject(name, null, "about " + name));
    }

    private PostView post(String slug, String title, String description, PostCategory category) {
        return board.createPost(member, slug, new NewPost(title, description, category));
    }

    static PostQuery query(String text) {
        return new PostQuery(null, null, null, text, PageRequest.FIRST);
    }

    @Test
    void projects_can_be_created_read_listed_updated_and_deleted() {
        Project created = board.createProject(admin, new NewProject("Test App", null, "A test"));
        assertThat(created.slug()).isEqualTo("test-app");
        assertThat(created.postCount()).isZero();
        assertThat(board.getProject(Actor.anonymous(), "test-app")).isEqualTo(created);
        assertThat(board.listProjects(Actor.anonymous(), PageRequest.FIRST).items()).containsExactly(created);

        Project renamed = board.updateProject(admin, "test-app", new ProjectEdit("Renamed", null));
        assertThat(renamed.name()).isEqualTo("Renamed");
        assertThat(renamed.description()).isEqualTo("A test");

        board.deleteProject(admin, "test-app");
        assertThatThrownBy(() -> board.getProject(Actor.anonymous(), "test-app"))
                .isInstanceOf(RunguException.class).hasMessage("Project not found");
    }

    @Test
    void deleting_a_project_removes_its_posts() {
        project("Doomed");
        PostView p = post("doomed", "A post", "", null);
        board.deleteProject(admin, "doomed");
        assertThatThrownBy(() -> board.getPost(Actor.anonymous(), p.post().id()))
                .hasMessage("Post not found");
        assertThat(t.number("SELECT count(*) FROM posts")).isZero();
        assertThat(t.number("SELECT count(*) FROM project_post_counts")).isZero();
    }

    @Test
    void a_post_starts_open_without_votes_and_can_be_shipped_and_deleted() {
        project("App");
        PostView created = post("app", "  Dark mode  ", "Please", null);
        assertThat(created.post().title()).isEqualTo("Dark mode");
        assertThat(created.post().status()).isEqualTo(PostStatus.OPEN);
        assertThat(created.post().category()).isEqualTo(PostCategory.FEEDBACK);
        assertThat(created.post().voteCount()).isZero();
        assertThat(created.creator().name()).isEqualTo("Mo Member");

        PostView fetched = board.getPost(Actor.anonymous(), created.post().id());
        assertThat(fetched.votedByViewer()).isFalse();
        assertThat(fetched.post()).isEqualTo(created.post());

        PostView done = board.editPost(admin, created.post().id(), PostEdit.status(PostStatus.DONE));
        assertThat(done.post().status()).isEqualTo(PostStatus.DONE);
        assertThat(done.post().doneAt()).isNotNull();
        assertThat(done.post().updatedAt()).isAfter(created.post().updatedAt());

        board.deletePost(member, created.post().id());
        assertThatThrownBy(() -> board.getPost(Actor.anonymous(), created.post().id()))
                .hasMessage("Post not found");
    }

    @Test
    void posts_can_be_filtered_by_category_status_and_text() {
        project("App");
        post("app", "Dark mode please", "Support a dark theme", PostCategory.FEATURE);
        PostView bug = post("app", "Crash on login", "It crashes", PostCategory.BUG);
        post("app", "Faster startup", "Startup is slow", PostCategory.FEEDBACK);
        board.editPost(admin, bug.post().id(), PostEdit.status(PostStatus.DONE));

        assertThat(board.listPosts(Actor.anonymous(), "app", PostQuery.newest()).total()).isEqualTo(3);
        Page<PostView> bugs = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, null, PostCategory.BUG, null, PageRequest.FIRST));
        assertThat(bugs.total()).isEqualTo(1);
        assertThat(bugs.items()).hasSize(1);
        Page<PostView> done = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, PostStatus.DONE, null, null, PageRequest.FIRST));
        assertThat(done.items()).extracting(v -> v.post().id()).containsExactly(bug.post().id());
        assertThat(done.total()).isEqualTo(1);
        Page<PostView> dark = board.listPosts(Actor.anonymous(), "app", query("dark"));
        assertThat(dark.items()).extracting(v -> v.post().title()).containsExactly("Dark mode please");
        assertThat(dark.total()).isEqualTo(1);
    }

    @Test
    void sql_injection_text_matches_nothing_and_harms_nothing() {
        project("App");
        post("app", "Dark mode", "", null);
        Page<PostView> result = board.listPosts(Actor.anonymous(), "app", query("'; DROP TABLE posts; --"));
        assertThat(result.items()).isEmpty();
        assertThat(board.listPosts(Actor.anonymous(), "app", PostQuery.newest()).total()).isEqualTo(1);
    }

    @Test
    void several_words_must_all_match() {
        project("App");
        post("app", "Dark mode", "", null);
        post("app", "Dark chocolate", "", null);
        post("app", "Mode switch", "", null);
        assertThat(board.listPosts(Actor.anonymous(), "app", query("dark mode")).items())
                .extracting(v -> v.post().title()).containsExactly("Dark mode");
    }

    @Test
    void punctuation_only_search_finds_nothing() {
        project("App");
        post("app", "One", "", null);
        post("app", "Two", "", null);
        Page<PostView> result = board.listPosts(Actor.anonymous(), "app", query("!!!"));
        assertThat(result.total()).isZero();
        assertThat(result.items()).isEmpty();
        assertThat(board.listPosts(Actor.anonymous(), "app", query("  ")).total()).isEqualTo(2);
    }

    @Test
    void pages_split_the_list_and_report_the_total() {
        project("App");
        for (int i = 0; i < 5; i++) {
            post("app", "Post " + i, "", null);
        }
        Page<PostView> first = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, null, null, null, new PageRequest(1, 2)));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).hasSize(2);
        assertThat(first.totalPages()).isEqualTo(3);
        Page<PostView> last = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, null, null, null, new PageRequest(3, 2)));
        assertThat(last.items()).hasSize(1);
        assertThat(last.items().get(0).post().title()).isEqualTo("Post 0");
    }

    @Test
    void voting_twice_removes_the_vote() {
        project("App");
        String id = post("app", "Vote me", "", null).post().id();
        assertThat(board.toggleVote(member, id)).isEqualTo(new VoteResult(true, 1));
        assertThat(board.getPost(member, id).votedByViewer()).isTrue();
        assertThat(board.getPost(admin, id).votedByViewer()).isFalse();
        assertThat(board.listPosts(member, "app", PostQuery.newest()).items().get(0).votedByViewer()).isTrue();
        assertThat(board.voteState(member, id)).isEqualTo(new VoteResult(true, 1));
        assertThat(board.toggleVote(member, id)).isEqualTo(new VoteResult(false, 0));
        assertThat(board.getPost(member, id).votedByViewer()).isFalse();
    }

    @Test
    void setting_a_vote_is_idempotent_and_anonymous_vote_state_is_false() {
        project("App");
        String id = post("app", "Vote me", "", null).post().id();
        assertThat(board.setVote(member, id, true)).isEqualTo(new VoteResult(true, 1));
        assertThat(board.setVote(member, id, true)).isEqualTo(new VoteResult(true, 1));
        assertThat(board.setVote(admin, id, true)).isEqualTo(new VoteResult(true, 2));
        assertThat(board.voteState(Actor.anonymous(), id)).isEqualTo(new VoteResult(false, 2));
        assertThat(board.setVote(member, id, false)).isEqualTo(new VoteResult(false, 1));
        assertThat(board.setVote(member, id, false)).isEqualTo(new VoteResult(false, 1));
    }

    @Test
    void votes_do_not_change_the_update_time() {
        project("App");
        PostView p = post("app", "Vote me", "", null);
        board.toggleVote(member, p.post().id());
        assertThat(board.getPost(member, p.post().id()).post().updatedAt()).isEqualTo(p.post().updatedAt());
    }

    @Test
    void deleting_a_post_removes_its_votes_and_comments() {
        project("App");
        String id = post("app", "Busy", "", null).post().id();
        board.toggleVote(member, id);
        board.addComment(member, id, new NewComment("hello", null));
        board.deletePost(admin, id);
        assertThat(t.number("SELECT (SELECT count(*) FROM votes) + (SELECT count(*) FROM comments)")).isZero();
    }

    @Test
    void comments_thread_and_can_be_read_and_deleted() {
        project("App");
        PostView p = post("app", "Talk", "", null);
        CommentView top = board.addComment(member, p.post().id(), new NewComment("  Top level  ", null));
        assertThat(top.comment().content()).isEqualTo("Top level");
        assertThat(top.comment().parentId()).isNull();
        CommentView reply = board.addComment(admin, p.post().id(), new NewComment("Reply", top.comment().id()));
        assertThat(reply.comment().parentId()).isEqualTo(top.comment().id());

        Page<CommentView> list = board.listComments(Actor.anonymous(), p.post().id(), PageRequest.FIRST);
        assertThat(list.items()).extracting(c -> c.comment().content()).containsExactly("Top level", "Reply");
        assertThat(list.total()).isEqualTo(2);
        PostView after = board.getPost(Actor.anonymous(), p.post().id());
        assertThat(after.post().commentCount()).isEqualTo(2);
        assertThat(after.post().updatedAt()).isAfter(p.post().updatedAt());

        board.deleteComment(member, top.comment().id());
        assertThat(board.listComments(Actor.anonymous(), p.post().id(), PageRequest.FIRST).items()).isEmpty();
        assertThat(board.getPost(Actor.anonymous(), p.post().id()).post().commentCount()).isZero();
    }

    @Test
    void me_returns_the_actors_account_and_fails_for_unknown_or_anonymous() {
        User me = board.me(member);
        assertThat(me.id()).isEqualTo(member.userId());
        assertThat(me.role()).isEqualTo(Role.MEMBER);
        assertThat(me.email()).endsWith("@example.test");
        assertThatThrownBy(() -> board.me(Actor.of("nobody", Role.MEMBER))).hasMessage("User not found");
        assertThatThrownBy(() -> board.me(Actor.anonymous()))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
}
