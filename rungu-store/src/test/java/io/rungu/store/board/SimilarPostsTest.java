package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Similar posts find a reworded duplicate: any content word matches, best match first, stop words ignored. */
class SimilarPostsTest extends OnEachDatabase {
    Actor.Account member;

    @BeforeEach
    void posts() {
        member = t.member("Mo");
        Actor.Account admin = t.admin("Ada");
        board.createProject(admin, new NewProject("App", "app", ""));
        board.createProject(admin, new NewProject("Other", "other", ""));
        post("app", "Dark mode please", "The white background hurts my eyes at night");
        post("app", "CSV export", "Download all posts as a spreadsheet");
        post("app", "Sign-in is slow", "Login takes ten seconds on a phone");
        post("app", "Slack integration", "Post new feedback to a channel");
        post("app", "Dark chocolate for the office", "");
        post("app", "Keyboard shortcuts", "Vim-like navigation through the board, please");
        post("app", "Mode of payment", "Allow paying by invoice");
        post("other", "Dark mode on the other board", "");
    }

    void post(String slug, String title, String description) {
        board.createPost(member, slug, new NewPost(title, description, null));
    }

    List<String> similar(String text) {
        return board.similarPosts(Actor.anonymous(), "app", text, 5).stream().map(v -> v.post().title()).toList();
    }

    @Test
    void a_reworded_duplicate_is_the_best_match() {
        assertThat(similar("Please add dark mode")).first().isEqualTo("Dark mode please");
        assertThat(similar("Please add dark mode")).contains("Dark chocolate for the office", "Mode of payment")
                .doesNotContain("Dark mode on the other board", "Keyboard shortcuts");
        // One shared word, as with the chocolate: found, though not told apart.
        assertThat(similar("dark theme")).contains("Dark mode please");
        assertThat(similar("Export my posts to a spreadsheet")).first().isEqualTo("CSV export");
        assertThat(similar("Login is really slow")).first().isEqualTo("Sign-in is slow");
        assertThat(similar("Integrate with Slack")).first().isEqualTo("Slack integration");
        assertThat(similar("Night theme for my eyes")).first().isEqualTo("Dark mode please");
    }

    @Test
    void the_last_word_matches_by_prefix_as_it_is_typed() {
        assertThat(similar("keyboard short")).first().isEqualTo("Keyboard shortcuts");
        assertThat(similar("slac")).containsExactly("Slack integration");
    }

    @Test
    void stop_words_symbols_and_emoji_alone_find_nothing() {
        assertThat(similar("please add the")).isEmpty();
        assertThat(similar("I would like it")).isEmpty();
        assertThat(similar("🚀 !!!")).isEmpty();
        assertThat(similar("")).isEmpty();
        assertThat(similar(null)).isEmpty();
    }

    @Test
    void the_limit_is_refused_outside_its_bounds_never_clamped() {
        assertThat(board.similarPosts(Actor.anonymous(), "app", "dark mode", 1)).hasSize(1);
        assertThat(board.similarPosts(Actor.anonymous(), "app", "dark mode payment slack csv login keyboard", 20))
                .hasSize(7);
        for (int limit : new int[] {0, 21}) {
            RunguException refused = org.assertj.core.api.Assertions.catchThrowableOfType(RunguException.class,
                    () -> board.similarPosts(Actor.anonymous(), "app", "dark mode", limit));
            assertThat(refused.getMessage()).isEqualTo("limit must be between 1 and 20");
        }
    }

    @Test
    void the_viewer_sees_their_votes_and_unknown_boards_or_overlong_text_are_refused() {
        PostView dark = board.similarPosts(member, "app", "dark mode", 1).get(0);
        board.toggleVote(member, dark.post().id());
        assertThat(board.similarPosts(member, "app", "dark mode", 1).get(0).votedByViewer()).isTrue();
        RunguException missing = org.assertj.core.api.Assertions.catchThrowableOfType(RunguException.class,
                () -> board.similarPosts(Actor.anonymous(), "nope", "dark", 5));
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        RunguException tooLong = org.assertj.core.api.Assertions.catchThrowableOfType(RunguException.class,
                () -> similar("x".repeat(201)));
        assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID);
    }
}
