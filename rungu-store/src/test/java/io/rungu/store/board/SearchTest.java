package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.provider.EnumSource;
import io.rungu.store.TestDatabase;

/** Search treats any input as text, matches words by prefix, ranks by relevance and stays inside one board. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SearchTest {
    @Parameter
    TestDatabase database;

    TestStores t;
    Board board;
    Actor.Account member;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void open(@TempDir Path dir) {
        t = TestStores.open(database, dir);
        board = t.board();
        Actor.Account admin = t.admin("Admin");
        member = t.member("Member");
        board.createProject(admin, new NewProject("App", "app", ""));
        board.createProject(admin, new NewProject("Other", "other", ""));
        post("app", "Dark-mode toggle", "Switch between light and dark themes");
        post("app", "Release v0.1.2 notes", "What changed");
        post("app", "Café menu", "Résumé of the coffee options");
        post("app", "Export to CSV", "Spreadsheet export please");
        post("app", "Dark dark dark", "dark");
        post("app", "Login is slow", "Takes ages to start, maybe something dark is going on in the code somewhere");
        post("other", "Dark mode elsewhere", "Not on the app board");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void close() {
        t.close();
    }

    void post(String slug, String title, String description) {
        board.createPost(member, slug, new NewPost(title, description, null));
    }

    List<String> titles(String text) {
        return titles(text, null);
    }

    List<String> titles(String text, PostSort sort) {
        return board.listPosts(Actor.anonymous(), "app", new PostQuery(sort, null, null, text, PageRequest.FIRST))
                .items().stream().map(v -> v.post().title()).toList();
    }

    @TestFactory
    Stream<DynamicTest> any_input_is_safe_text() {
        return Stream.of("dark-mode", "v0-1-2", "\"dark\"", "\"unbalanced", "dark\"", "*", "dark*", "a*b", "AND",
                        "OR", "NOT", "dark AND", "OR dark", "NEAR(dark mode)", "dark NEAR mode", "(dark", "dark)",
                        "((", "title:dark", "description:", ":", "^dark", "-dark", "+dark", "dark -mode", "{dark}",
                        "[x]", "🙂", "dark 🙂 mode", "'; DROP TABLE posts; --", "%", "_", "\\", "\\\"", "'", "''",
                        "\u0000", "dark\nmode", "\t", "ünïcödé", "日本語", "x".repeat(200))
                .map(q -> DynamicTest.dynamicTest("search " + q.replace("\u0000", "NUL"), () ->
                        assertThatCode(() -> titles(q)).doesNotThrowAnyException()));
    }

    @Test
    void hyphenated_words_match_as_words() {
        assertThat(titles("dark-mode")).containsExactly("Dark-mode toggle");
        assertThat(titles("v0-1-2")).containsExactly("Release v0.1.2 notes");
    }

    @Test
    void words_match_by_prefix_and_all_must_match() {
        assertThat(titles("expo csv")).containsExactly("Export to CSV");
        assertThat(titles("spread")).containsExactly("Export to CSV");
        assertThat(titles("export dark")).isEmpty();
    }

    @Test
    void operators_are_plain_words() {
        assertThat(titles("dark OR export")).isEmpty();
        assertThat(titles("NOT dark")).isEmpty();
        assertThat(titles("\"dark\" \"toggle\"")).containsExactly("Dark-mode toggle");
    }

    @Test
    void accents_do_not_matter() {
        assertThat(titles("cafe resume")).containsExactly("Café menu");
        assertThat(titles("CAFÉ")).containsExactly("Café menu");
    }

    @Test
    void relevance_is_the_default_order_with_a_search_and_other_sorts_still_apply() {
        List<String> byRelevance = titles("dark");
        assertThat(byRelevance).hasSize(3).startsWith("Dark dark dark").endsWith("Login is slow");
        assertThat(titles("dark", PostSort.NEWEST))
                .containsExactly("Login is slow", "Dark dark dark", "Dark-mode toggle");
        assertThat(titles("dark", PostSort.OLDEST))
                .containsExactly("Dark-mode toggle", "Dark dark dark", "Login is slow");
    }

    @Test
    void search_stays_inside_the_board_and_counts_its_matches() {
        var page = board.listPosts(Actor.anonymous(), "app", new PostQuery(null, null, null, "dark", new PageRequest(1, 2)));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).hasSize(2);
        assertThat(page.items()).extracting(v -> v.post().projectId()).containsOnly(
                board.getProject(Actor.anonymous(), "app").id());
        var pastTheEnd = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, null, null, "dark", new PageRequest(5, 2)));
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);
    }

    @Test
    void blank_text_means_no_search_and_only_symbols_find_nothing() {
        assertThat(titles("   ")).hasSize(6);
        assertThat(titles("!!!")).isEmpty();
        assertThat(titles("*")).isEmpty();
        assertThat(titles("🙂")).isEmpty();
    }

    @Test
    void only_the_first_eight_words_are_used() {
        assertThat(titles("dark dark dark dark dark dark dark toggle zzzzzz")).containsExactly("Dark-mode toggle");
    }

    @Test
    void overlong_search_text_is_refused() {
        RunguException e = catchThrowableOfType(RunguException.class, () -> titles("x".repeat(201)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e.fields()).containsKey("q");
    }

    @Test
    void edited_text_is_found_by_its_new_words() {
        PostView p = board.createPost(member, "other", new NewPost("Old words", "", null));
        board.editPost(member, p.post().id(), new PostEdit("Shiny zebra", null, null, null));
        assertThat(board.listPosts(Actor.anonymous(), "other", new PostQuery(null, null, null, "zebra",
                PageRequest.FIRST)).items()).extracting(v -> v.post().id()).containsExactly(p.post().id());
        assertThat(board.listPosts(Actor.anonymous(), "other", new PostQuery(null, null, null, "old words",
                PageRequest.FIRST)).items()).isEmpty();
    }
}
