package io.rungu.store.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.store.OnEachDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full-text search behaves the same on every database: any input is text, words match by prefix. */
class SearchTest extends OnEachDatabase {
    Actor.Account member;

    @BeforeEach
    void open() {
        member = t.member("Mo");
        board.createProject(t.admin("Ada"), new NewProject("App", null, ""));
        post("Dark mode, please!", "My eyes hurt at night");
        post("E-mail digest", "Send me a weekly e-mail at ops@example.com");
        post("Crash in v1.2.3", "Stack trace: src/main/App.java:42 (NullPointerException)");
        post("Café crème", "Ünïcode wörds and 日本語");
        post("C++ & C# SDKs", "Operators: a | b & !c <-> d:* 'quoted' \"double\"");
    }

    private void post(String title, String description) {
        board.createPost(member, "app", new NewPost(title, description, null));
    }

    private List<String> titles(String text) {
        return board.listPosts(Actor.anonymous(), "app", new PostQuery(null, null, null, text, null)).items().stream()
                .map(v -> v.post().title()).toList();
    }

    @Test
    void words_match_by_prefix_and_all_must_match() {
        assertThat(titles("dar")).containsExactly("Dark mode, please!");
        assertThat(titles("dark nig")).containsExactly("Dark mode, please!");
        assertThat(titles("dark crash")).isEmpty();
        assertThat(titles("DARK MODE")).containsExactly("Dark mode, please!");
    }

    @Test
    void hyphens_addresses_paths_and_versions_are_split_into_words() {
        assertThat(titles("e-mail")).containsExactly("E-mail digest");
        assertThat(titles("ops@example.com")).containsExactly("E-mail digest");
        assertThat(titles("example")).containsExactly("E-mail digest");
        assertThat(titles("v1.2.3")).containsExactly("Crash in v1.2.3");
        assertThat(titles("App.java")).containsExactly("Crash in v1.2.3");
        assertThat(titles("nullpointer")).containsExactly("Crash in v1.2.3");
    }

    @Test
    void unicode_words_are_found() {
        assertThat(titles("café")).containsExactly("Café crème");
        assertThat(titles("wörds")).containsExactly("Café crème");
        assertThat(titles("日本語")).containsExactly("Café crème");
    }

    @Test
    void query_syntax_of_either_database_is_plain_text() {
        for (String text : List.of("\"", "'", "''", "\\", "a | b", "!c", "<->", "d:*", "*", "NEAR(a b)", "title:dark",
                "dark OR crash", "dark AND NOT crash", "(dark", "dark)", "'quoted'", "\"double\"", "c++", "c#", "&",
                "%", "_", "-dark", "^dark", "dark*", "$$", "'; DROP TABLE posts; --", "\u0000", "👀")) {
            List<String> found = titles(text);
            assertThat(found).as(text).allSatisfy(title -> assertThat(title).isNotBlank());
        }
        assertThat(titles("'quoted'")).containsExactly("C++ & C# SDKs");
        assertThat(titles("\"double\"")).containsExactly("C++ & C# SDKs");
        assertThat(titles("-dark")).containsExactly("Dark mode, please!");
        assertThat(titles("dark OR crash")).isEmpty();
        assertThat(board.listPosts(Actor.anonymous(), "app", PostQuery.newest()).total()).isEqualTo(5);
    }

    @Test
    void the_best_match_ranks_first() {
        post("Export", "export export export to CSV");
        post("Reports", "a long description that mentions export once among many other words about reports");
        List<PostView> found = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(PostSort.RELEVANCE, null, null, "export", null)).items();
        assertThat(found).extracting(v -> v.post().title()).containsExactly("Export", "Reports");
    }
}
