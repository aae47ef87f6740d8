package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What searches keep from the index ({@link KeptSearches}) answers them again only while the index is the same: a
 * post written by another store on the same database (as another process would) is found at once, under a word
 * the first search had not seen too, while votes leave the kept values in place. SQLite only keeps them
 * (PostgreSQL's index has no version), but both must answer the same.
 */
class KeptSearchesTest extends OnEachDatabase {
    Actor.Account ada;
    String slug;

    @BeforeEach
    void posts() {
        ada = t.admin("Ada");
        slug = board.createProject(ada, new NewProject("App", null, "")).slug();
        board.createPost(ada, slug, new NewPost("Dark mode please", "The screen is too bright at night", null));
        board.createPost(ada, slug, new NewPost("Darker icons", "", null));
        board.createPost(ada, slug, new NewPost("Export to CSV", "For the darkest spreadsheets", null));
    }

    Page<PostView> search(String text, PostSort sort) {
        return board.listPosts(ada, slug, new PostQuery(sort, null, null, text, PageRequest.FIRST));
    }

    List<String> titles(Page<PostView> page) {
        return page.items().stream().map(v -> v.post().title()).toList();
    }

    long hits() {
        return ((BoardService) board).keptSearchCounts()[0];
    }

    boolean keeps() {
        return database == TestDatabase.SQLITE;
    }

    @Test
    void aChangeByAnotherStoreIsFoundAtOnceUnderAWordNotSeenBefore() {
        assertThat(search("dark", PostSort.NEWEST).total()).isEqualTo(3);
        Page<PostView> first = search("dark", PostSort.RELEVANCE);
        assertThat(titles(first)).containsExactlyInAnyOrder("Dark mode please", "Darker icons", "Export to CSV");
        long before = hits();
        Page<PostView> again = search("dark", PostSort.RELEVANCE);
        assertThat(again.total()).isEqualTo(3);
        assertThat(titles(again)).isEqualTo(titles(first));
        assertThat(hits() - before).isEqualTo(keeps() ? 2 : 0); // the expression and the ranked page

        try (RunguStore other = RunguStore.open(c -> c.url = t.url())) {
            other.board().createPost(ada, slug, new NewPost("Darkroom prints", "", null));
        }
        for (PostSort sort : List.of(PostSort.RELEVANCE, PostSort.NEWEST)) {
            Page<PostView> page = search("dark", sort);
            assertThat(page.total()).as(sort.wire()).isEqualTo(4);
            assertThat(titles(page)).as(sort.wire()).contains("Darkroom prints");
        }
        assertThat(titles(search("darkr", PostSort.RELEVANCE))).containsExactly("Darkroom prints");
    }

    @Test
    void aDeletedPostLeavesTheKeptSearchesOfItsBoard() {
        assertThat(search("icons", PostSort.RELEVANCE).total()).isEqualTo(1);
        String id = search("icons", PostSort.RELEVANCE).items().get(0).post().id();
        try (RunguStore other = RunguStore.open(c -> c.url = t.url())) {
            other.board().deletePost(ada, id);
        }
        assertThat(search("icons", PostSort.RELEVANCE).total()).isZero();
        assertThat(search("icons", PostSort.OLDEST).total()).isZero();
    }

    @Test
    void votesLeaveKeptSearchesInPlace() {
        Page<PostView> first = search("dark", PostSort.RELEVANCE);
        board.toggleVote(t.member("Bo"), first.items().get(2).post().id());
        long before = hits();
        assertThat(titles(search("dark", PostSort.RELEVANCE))).isEqualTo(titles(first));
        assertThat(hits() - before).isEqualTo(keeps() ? 2 : 0);
    }
}
