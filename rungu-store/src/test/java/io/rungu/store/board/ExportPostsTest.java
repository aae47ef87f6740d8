package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostSort;
import io.rungu.model.PostQuery;
import io.rungu.model.PageRequest;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.TestStores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A board's posts for an export: every post once, oldest first, past page boundaries and timestamp ties; admins only. */
class ExportPostsTest extends OnEachDatabase {
    static final int POSTS = 1_050; // more than two export pages

    Actor.Account admin;

    @BeforeEach
    void posts() {
        admin = t.admin("Admin");
        board.createProject(admin, new NewProject("App", "app", ""));
        board.createProject(admin, new NewProject("Other", "other", ""));
        for (int i = 0; i < POSTS; i++) {
            board.createPost(admin, i % 10 == 0 ? "other" : "app", new NewPost("Post " + i, "", null));
        }
        // Two thirds share one timestamp, so a page boundary falls inside a tie broken by id.
        t.write(h -> h.execute("UPDATE posts SET created_at = '2020-01-01T00:00:00.000000Z' WHERE seq % 3 <> 0"));
    }

    @Test
    void every_post_of_the_board_comes_once_oldest_first() {
        List<String> exported = new ArrayList<>();
        board.exportPosts(admin, "app", v -> exported.add(v.post().id()));

        List<String> oldestFirst = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            board.listPosts(Actor.anonymous(), "app", new PostQuery(PostSort.OLDEST, null, null, null,
                    new PageRequest(page, 100))).items().forEach(v -> oldestFirst.add(v.post().id()));
        }
        assertThat(exported).hasSize(POSTS - POSTS / 10).doesNotHaveDuplicates().isEqualTo(oldestFirst);
    }

    @Test
    void only_admins_export_and_nothing_is_handed_out_before_the_checks() {
        List<PostView> seen = new ArrayList<>();
        assertThatThrownBy(() -> board.exportPosts(t.member("Mia"), "app", seen::add))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> board.exportPosts(Actor.anonymous(), "app", seen::add))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> board.exportPosts(admin, "nope", seen::add)).hasMessage("Project not found");
        assertThat(seen).isEmpty();

        board.exportPosts(TestStores.readOnly(admin), "other", seen::add);
        assertThat(seen).hasSize(POSTS / 10);
    }
}
