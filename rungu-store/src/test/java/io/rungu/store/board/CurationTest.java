package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.CommentView;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.model.TimelineItem;
import io.rungu.store.OnEachDatabase;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merging duplicates, pinning, locking, internal notes and blocking members (issue 13), on each database. */
class CurationTest extends OnEachDatabase {
    Actor.Account admin;
    Actor.Account ann;
    Actor.Account bob;
    Actor.Account cat;
    Actor.Account dan;
    String a;
    String b;

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        ann = t.member("Ann");
        bob = t.member("Bob");
        cat = t.member("Cat");
        dan = t.member("Dan");
        board.createProject(admin, new NewProject("App", "app", ""));
        board.createProject(admin, new NewProject("Web", "web", ""));
        a = board.createPost(ann, "app", new NewPost("Dark mode", "Please", null)).post().id();
        b = board.createPost(dan, "web", new NewPost("Night theme", "Same thing", null)).post().id();
    }

    long rows(String sql, String postId) {
        return t.number(sql.replace("?", "'" + postId + "'"));
    }

    void countsEqualRows(String postId) {
        PostView p = board.getPost(admin, postId);
        assertThat(p.post().voteCount()).isEqualTo(rows("SELECT count(*) FROM votes WHERE post_id = ?", postId));
        assertThat(p.post().commentCount())
                .isEqualTo(rows("SELECT count(*) FROM comments WHERE post_id = ? AND internal = 0", postId));
    }

    static RunguException refused(Runnable r) {
        return catchThrowableOfType(RunguException.class, r::run);
    }

    @Test
    void merge_moves_votes_once_per_person_and_comments_and_unmerge_restores_both_exactly() {
        board.toggleVote(ann, a);
        board.toggleVote(bob, a);
        board.toggleVote(cat, a);
        board.toggleVote(cat, b);
        board.toggleVote(dan, b);
        String c1 = board.addComment(bob, a, new NewComment("Yes please", null)).comment().id();
        board.addComment(ann, a, new NewComment("Thanks", c1));
        board.addComment(dan, b, new NewComment("On B", null));

        PostView target = board.mergePost(admin, a, b);

        assertThat(target.post().id()).isEqualTo(b);
        assertThat(target.post().voteCount()).isEqualTo(4);
        assertThat(target.post().commentCount()).isEqualTo(3);
        PostView pointer = board.getPost(ann, a);
        assertThat(pointer.post().mergedInto()).isEqualTo(b);
        assertThat(pointer.post().voteCount()).isZero();
        assertThat(pointer.post().commentCount()).isZero();
        countsEqualRows(a);
        countsEqualRows(b);
        List<CommentView> moved = board.listComments(ann, b, PageRequest.of(1, 100)).items();
        assertThat(moved).filteredOn(c -> a.equals(c.comment().mergedFrom())).hasSize(2);
        assertThat(board.voteState(ann, b).voted()).isTrue();
        assertThat(board.isSubscribed(bob, b)).isTrue();
        assertThat(board.timeline(ann, b, PageRequest.of(1, 100)).items())
                .anySatisfy(i -> assertThat(i).isInstanceOf(TimelineItem.MergeItem.class));
        assertThat(t.strings("SELECT type FROM outbox ORDER BY seq")).contains("POST_MERGED");

        PostView restored = board.unmergePost(admin, a);

        assertThat(restored.post().mergedInto()).isNull();
        assertThat(restored.post().voteCount()).isEqualTo(3);
        assertThat(restored.post().commentCount()).isEqualTo(2);
        assertThat(board.getPost(admin, b).post().voteCount()).isEqualTo(2);
        assertThat(board.getPost(admin, b).post().commentCount()).isEqualTo(1);
        countsEqualRows(a);
        countsEqualRows(b);
        assertThat(board.listComments(ann, a, PageRequest.of(1, 100)).items())
                .allSatisfy(c -> assertThat(c.comment().mergedFrom()).isNull()).hasSize(2);
        assertThat(board.voteState(ann, b).voted()).isFalse();
        assertThat(board.voteState(cat, b).voted()).isTrue();
        assertThat(board.isSubscribed(bob, b)).isFalse();
        assertThat(board.isSubscribed(dan, b)).isTrue();
        assertThat(t.strings("SELECT type FROM outbox ORDER BY seq")).contains("POST_UNMERGED");
    }

    @Test
    void a_merged_post_refuses_writes_and_bad_merges_are_refused() {
        board.mergePost(admin, a, b);
        String c = board.createPost(ann, "app", new NewPost("Third", "", null)).post().id();

        assertThat(refused(() -> board.toggleVote(bob, a)).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused(() -> board.addComment(bob, a, new NewComment("x", null))).getMessage())
                .contains("merged");
        assertThat(refused(() -> board.editPost(ann, a, new PostEdit("New", null, null, null))).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused(() -> board.mergePost(admin, a, c)).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused(() -> board.mergePost(admin, c, a)).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused(() -> board.mergePost(admin, c, c)).code()).isEqualTo(ErrorCode.INVALID);
        assertThat(refused(() -> board.mergePost(ann, c, b)).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(() -> board.unmergePost(admin, c)).code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void pinned_posts_come_first_in_every_sort_and_on_the_right_pages() {
        String[] ids = new String[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = board.createPost(ann, "app", new NewPost("Post " + i, "", null)).post().id();
        }
        board.editPost(admin, ids[1], PostEdit.moderation(true, null));
        board.editPost(admin, a, PostEdit.moderation(true, null));
        assertThat(refused(() -> board.editPost(ann, ids[2], PostEdit.moderation(true, null))).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        for (PostSort sort : List.of(PostSort.NEWEST, PostSort.OLDEST, PostSort.MOST_VOTES, PostSort.LEAST_VOTES,
                PostSort.RECENTLY_UPDATED)) {
            List<String> all = board.listPosts(ann, "app", new PostQuery(sort, null, null, null, PageRequest.of(1, 100)))
                    .items().stream().map(v -> v.post().id()).toList();
            assertThat(all).hasSize(6).doesNotHaveDuplicates();
            assertThat(all.subList(0, 2)).containsExactlyInAnyOrder(ids[1], a);
            List<String> paged = new java.util.ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                var p = board.listPosts(ann, "app", new PostQuery(sort, null, null, null, PageRequest.of(page, 2)));
                assertThat(p.total()).isEqualTo(6);
                p.items().forEach(v -> paged.add(v.post().id()));
            }
            assertThat(paged).as(sort.toString()).isEqualTo(all);
        }
        assertThat(board.getPost(ann, a).post().pinned()).isTrue();
    }

    @Test
    void a_locked_post_refuses_new_comments_but_counts_votes() {
        board.editPost(admin, a, PostEdit.moderation(null, true));
        RunguException e = refused(() -> board.addComment(bob, a, new NewComment("Hi", null)));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("This post is locked: it takes no new comments");
        assertThat(board.toggleVote(bob, a).voteCount()).isEqualTo(1);
        assertThat(board.getPost(bob, a).post().locked()).isTrue();
        assertThat(t.strings("SELECT type FROM outbox ORDER BY seq")).contains("POST_LOCKED");
    }

    @Test
    void internal_notes_are_for_admins_only_and_not_counted_for_members() {
        board.addComment(bob, a, new NewComment("Public", null));
        CommentView note = board.addComment(admin, a, new NewComment("Dup of #12", null, true));
        assertThat(note.comment().internal()).isTrue();
        assertThat(refused(() -> board.addComment(bob, a, new NewComment("x", null, true))).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused(() -> board.addComment(bob, a, new NewComment("x", note.comment().id()))).code())
                .isEqualTo(ErrorCode.INVALID);

        var forMember = board.listComments(bob, a, PageRequest.FIRST);
        assertThat(forMember.items()).extracting(c -> c.comment().content()).containsExactly("Public");
        assertThat(forMember.total()).isEqualTo(1);
        assertThat(board.getPost(bob, a).post().commentCount()).isEqualTo(1);
        assertThat(board.timeline(Actor.anonymous(), a, PageRequest.FIRST).total()).isEqualTo(1);
        var forAdmin = board.listComments(admin, a, PageRequest.FIRST);
        assertThat(forAdmin.items()).hasSize(2);
        assertThat(forAdmin.total()).isEqualTo(2);
        assertThat(board.timeline(admin, a, PageRequest.FIRST).items()).hasSize(2);
        assertThat(refused(() -> board.deleteComment(bob, note.comment().id())).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        countsEqualRows(a);
    }

    @Test
    void a_blocked_member_reads_but_cannot_write_content_and_keeps_personal_settings() {
        assertThat(board.setBlocked(admin, bob.userId(), true).blocked()).isTrue();
        board.toggleVote(ann, a);

        List<Supplier<?>> writes = List.of(
                () -> board.createPost(bob, "app", new NewPost("Spam", "", null)),
                () -> board.addComment(bob, a, new NewComment("Spam", null)),
                () -> board.toggleVote(bob, a),
                () -> board.setVote(bob, a, true));
        for (Supplier<?> write : writes) {
            RunguException e = refused(write::get);
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo("Your account is blocked from posting on this board");
        }
        assertThat(board.getPost(bob, a).post().voteCount()).isEqualTo(1);
        assertThat(board.updateNotificationSettings(bob, false, null).statusChanges()).isFalse();
        board.subscribe(bob, a);
        assertThat(refused(() -> board.setBlocked(admin, admin.userId(), true)).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused(() -> board.setBlocked(ann, bob.userId(), false)).code()).isEqualTo(ErrorCode.FORBIDDEN);

        board.setBlocked(admin, bob.userId(), false);
        assertThat(board.toggleVote(bob, a).voteCount()).isEqualTo(2);
    }

    @Test
    void the_merge_event_names_the_target() {
        board.mergePost(admin, a, b);
        String target = t.strings("SELECT target_post_id FROM outbox WHERE type = '" + BoardEvent.Type.POST_MERGED
                + "'").get(0);
        assertThat(target).isEqualTo(b);
    }
}
