package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.CommentView;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Threads of comments: rules, editing, paging, and exact counts when a whole subtree goes. */
class CommentTreeTest extends OnEachDatabase {
    Actor.Account member;
    String post;
    String otherPost;

    @BeforeEach
    void open() {
        Actor.Account admin = t.admin("Admin");
        member = t.member("Member");
        board.createProject(admin, new NewProject("App", "app", ""));
        post = board.createPost(member, "app", new NewPost("Talk", "", null)).post().id();
        otherPost = board.createPost(member, "app", new NewPost("Other", "", null)).post().id();
    }

    String comment(String parent) {
        return board.addComment(member, post, new NewComment("c", parent)).comment().id();
    }

    long commentCount() {
        return board.getPost(Actor.anonymous(), post).post().commentCount();
    }

    @Test
    void deleting_a_comment_removes_its_whole_subtree_and_the_count_drops_by_all_of_it() {
        String keep = comment(null);
        comment(keep);
        String root = comment(null);
        List<String> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String child = comment(root);
            children.add(child);
            comment(child);
            comment(child);
        }
        String deep = children.get(0);
        for (int i = 0; i < 60; i++) {
            deep = comment(deep);
        }
        long before = commentCount();
        assertThat(before).isEqualTo(2 + 1 + 9 + 60);

        board.deleteComment(member, root);

        assertThat(commentCount()).isEqualTo(2);
        assertThat(t.number("SELECT count(*) FROM comments")).isEqualTo(2);
        assertThat(board.listComments(Actor.anonymous(), post, PageRequest.FIRST).total()).isEqualTo(2);
    }

    @Test
    void a_parent_must_exist_and_belong_to_the_same_post() {
        String elsewhere = board.addComment(member, otherPost, new NewComment("x", null)).comment().id();
        RunguException missing = catchThrowableOfType(RunguException.class,
                () -> board.addComment(member, post, new NewComment("x", "nope")));
        assertThat(missing.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(missing).hasMessage("Parent comment not found");
        RunguException foreign = catchThrowableOfType(RunguException.class,
                () -> board.addComment(member, post, new NewComment("x", elsewhere)));
        assertThat(foreign).hasMessage("Parent comment does not belong to this post");
        assertThat(commentCount()).isZero();
    }

    @Test
    void content_is_required_trimmed_and_limited() {
        assertThat(catchThrowableOfType(RunguException.class,
                () -> board.addComment(member, post, new NewComment("   ", null)))).hasMessage("Comment content is required");
        String longest = "é".repeat(Limits.COMMENT_MAX);
        assertThat(board.addComment(member, post, new NewComment(" " + longest + " ", null)).comment().content())
                .isEqualTo(longest);
        RunguException tooLong = catchThrowableOfType(RunguException.class,
                () -> board.addComment(member, post, new NewComment(longest + "x", null)));
        assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(tooLong).hasMessage("Comment must be 4000 characters or less");
    }

    @Test
    void the_author_edits_a_comment_and_it_is_marked_edited() {
        String id = comment(null);
        CommentView edited = board.editComment(member, id, "  better  ");
        assertThat(edited.comment().content()).isEqualTo("better");
        assertThat(edited.comment().editedAt()).isNotNull();
        assertThat(catchThrowableOfType(RunguException.class, () -> board.editComment(member, "nope", "x")))
                .hasMessage("Comment not found");
    }

    @Test
    void comments_list_oldest_first_in_pages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(comment(null));
        }
        Page<CommentView> first = board.listComments(Actor.anonymous(), post, new PageRequest(1, 2));
        Page<CommentView> third = board.listComments(Actor.anonymous(), post, new PageRequest(3, 2));
        assertThat(first.items()).extracting(c -> c.comment().id()).containsExactly(ids.get(0), ids.get(1));
        assertThat(third.items()).extracting(c -> c.comment().id()).containsExactly(ids.get(4));
        assertThat(first.total()).isEqualTo(5);
        assertThat(catchThrowableOfType(RunguException.class,
                () -> board.listComments(Actor.anonymous(), "nope", PageRequest.FIRST))).hasMessage("Post not found");
    }
}
