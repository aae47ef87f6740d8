package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.AuditQuery;
import io.rungu.model.BoardVisibility;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Role;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search warm-up of a starting server: the busiest board a visitor may see, its own words, and reads only. */
class SearchWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void it_searches_the_busiest_public_board_for_its_own_words_and_writes_nothing() {
        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + dir.resolve("rungu.db"))) {
            Board board = store.board();
            Actor.Account admin = Actor.of(store.accounts().ensureUser("admin@example.test", "Admin", Role.ADMIN).id(),
                    Role.ADMIN);
            // Boards are listed newest first: the quiet one comes before the busy one.
            board.createProject(admin, new NewProject("Busy", "busy", ""));
            board.createProject(admin, new NewProject("Quiet", "quiet", ""));
            board.createProject(admin, new NewProject("Secret", "secret", ""));
            board.updateProject(admin, "secret", new ProjectEdit(null, null, BoardVisibility.MEMBERS, null));
            for (int i = 0; i < 40; i++) {
                board.createPost(admin, "secret", new NewPost("Hidden roadmap item " + i, "", null));
            }
            for (int i = 0; i < 30; i++) {
                board.createPost(admin, "busy", new NewPost("Dark mode for export number " + i, "", null));
            }
            board.createPost(admin, "busy", new NewPost("Überall schneller", "", null));
            board.createPost(admin, "quiet", new NewPost("Quiet thing", "", null));
            long auditedBefore = board.auditLog(admin, AuditQuery.ALL).total();

            SearchWarmUp.Done done = SearchWarmUp.run(board);

            assertThat(done.slug()).as("the private board is busier, but a visitor cannot see it").isEqualTo("busy");
            List<String> words = SearchWarmUp.words(board.listPosts(Actor.anonymous(), "busy",
                    new PostQuery(PostSort.NEWEST, null, null, null, new PageRequest(1, 50))).items().stream()
                    .map(v -> v.post().title()).toList());
            // Newest first: the last post's words, then the others' (each word once; "for" and numbers under three).
            assertThat(words).startsWith("überall", "schneller", "dark", "mode", "for", "export", "number")
                    .doesNotContain("hidden", "quiet");
            int pairs = Math.min(SearchWarmUp.PAIRS, words.size() / 2);
            assertThat(done.searches()).isEqualTo(2 * (words.size() + pairs));
            assertThat(board.auditLog(admin, AuditQuery.ALL).total()).as("reads only").isEqualTo(auditedBefore);
        }
    }

    @Test
    void a_store_without_a_public_post_is_left_alone() {
        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + dir.resolve("empty.db"))) {
            assertThat(SearchWarmUp.run(store.board())).isNull();
            Actor.Account admin = Actor.of(store.accounts().ensureUser("admin@example.test", "Admin", Role.ADMIN).id(),
                    Role.ADMIN);
            store.board().createProject(admin, new NewProject("Empty", "empty", ""));
            assertThat(SearchWarmUp.run(store.board())).isNull();
        }
    }
}
