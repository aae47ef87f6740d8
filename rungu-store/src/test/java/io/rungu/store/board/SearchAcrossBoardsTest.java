package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.store.OnEachDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A search finds every match of its board, whatever other boards hold: a busy board with more matches than the
 * old bound of 2,000 newest matches across all boards, next to a quiet board whose few matches are all older.
 */
class SearchAcrossBoardsTest extends OnEachDatabase {
    static final int BUSY = 2_600;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    Actor.Account admin;
    String busyId;
    String quietId;

    @BeforeEach
    void boards() {
        admin = t.admin("Admin");
        quietId = board.createProject(admin, new NewProject("Quiet", "quiet", "")).id();
        busyId = board.createProject(admin, new NewProject("Busy", "busy", "")).id();
        // The quiet board's matches are the oldest posts of all.
        insert(quietId, "quiet-", 3, 0, i -> "Library of icons " + i, i -> "");
        // busy-1 is the oldest busy match, the best by relevance (the word twice in a short title) and the most
        // voted; the others hold the word in their descriptions, and every tenth is declined.
        insert(busyId, "busy-", BUSY, 1_000, i -> i == 1 ? "Library library" : "Request number " + i,
                i -> i == 1 ? "" : "Mentions the library in passing, with more words around it " + i);
        t.write(h -> h.execute("UPDATE posts SET vote_count = 500 WHERE id = 'busy-1'"));
        // Another word only in the busy board, in its newest posts.
        insert(busyId, "zebra-", 5, 10_000, i -> "Zebra stripes " + i, i -> "");
    }

    /** Posts inserted in one batch (the triggers index them), created one millisecond apart from offset. */
    void insert(String projectId, String prefix, int n, int offset, java.util.function.IntFunction<String> title,
            java.util.function.IntFunction<String> description) {
        t.write(h -> {
            var batch = h.prepareBatch("INSERT INTO posts (id, project_id, title, description, status, category, "
                    + "created_by, created_at, updated_at) VALUES (:id, :project, :title, :description, :status, "
                    + "'feedback', :user, :at, :at)");
            for (int i = 1; i <= n; i++) {
                Instant at = START.plusMillis(offset + i);
                batch.bind("id", prefix + i).bind("project", projectId).bind("title", title.apply(i))
                        .bind("description", description.apply(i)).bind("status", i % 10 == 0 ? "declined" : "open")
                        .bind("user", admin.userId()).bind("at", at).add();
            }
            batch.execute();
        });
    }

    Page<PostView> search(String slug, String text, PostSort sort, int page, int perPage) {
        return board.listPosts(Actor.anonymous(), slug, new PostQuery(sort, null, null, text,
                new PageRequest(page, perPage)));
    }

    String first(String slug, String text, PostSort sort) {
        return search(slug, text, sort, 1, 20).items().get(0).post().id();
    }

    @Test
    void totals_are_exact_on_a_busy_board_and_on_the_quiet_board_beside_it() {
        assertThat(search("busy", "library", null, 1, 20).total()).isEqualTo(BUSY);
        assertThat(search("busy", "librar", null, 1, 20).total()).isEqualTo(BUSY);
        Page<PostView> quiet = search("quiet", "library", null, 1, 20);
        assertThat(quiet.total()).isEqualTo(3);
        assertThat(quiet.items()).extracting(v -> v.post().id()).containsExactlyInAnyOrder("quiet-1", "quiet-2", "quiet-3");
        assertThat(search("quiet", "zebra", null, 1, 20).total()).isZero();
        assertThat(search("busy", "zebra", null, 1, 20).total()).isEqualTo(5);
        // With a filter, the total counts the filtered matches.
        assertThat(board.listPosts(Actor.anonymous(), "busy", new PostQuery(null, PostStatus.DECLINED, null,
                "library", PageRequest.FIRST)).total()).isEqualTo(BUSY / 10);
    }

    @Test
    void every_sort_is_over_all_matches() {
        assertThat(first("busy", "library", PostSort.OLDEST)).isEqualTo("busy-1");
        assertThat(first("busy", "library", PostSort.NEWEST)).isEqualTo("busy-" + BUSY);
        assertThat(first("busy", "library", PostSort.MOST_VOTES)).isEqualTo("busy-1");
        assertThat(first("busy", "library", PostSort.RELEVANCE)).isEqualTo("busy-1");
        assertThat(first("busy", "library", null)).isEqualTo("busy-1");
        // Page 3 of 20 by oldest: the 41st to 60th matches in creation order.
        assertThat(search("busy", "library", PostSort.OLDEST, 3, 20).items()).extracting(v -> v.post().id())
                .containsExactly(java.util.stream.IntStream.rangeClosed(41, 60).mapToObj(i -> "busy-" + i)
                        .toArray(String[]::new));
        assertThat(board.listPosts(Actor.anonymous(), "busy", new PostQuery(PostSort.OLDEST, PostStatus.DECLINED, null,
                "library", PageRequest.FIRST)).items().get(0).post().id()).isEqualTo("busy-10");
        // One match in a title outranks three in a description.
        board.createPost(admin, "quiet", new NewPost("Zeppelin", "", null));
        board.createPost(admin, "quiet", new NewPost("Airships", "zeppelin zeppelin zeppelin", null));
        assertThat(search("quiet", "zeppelin", null, 1, 20).items()).extracting(v -> v.post().title())
                .containsExactly("Zeppelin", "Airships");
    }

    @Test
    void every_match_is_reachable_by_paging_in_every_sort() {
        for (PostSort sort : List.of(PostSort.RELEVANCE, PostSort.NEWEST, PostSort.LEAST_VOTES)) {
            Set<String> seen = new HashSet<>();
            List<String> order = new ArrayList<>();
            for (int page = 1; ; page++) {
                Page<PostView> p = search("busy", "library", sort, page, 100);
                p.items().forEach(v -> order.add(v.post().id()));
                p.items().forEach(v -> seen.add(v.post().id()));
                if (p.items().size() < 100) {
                    break;
                }
            }
            assertThat(order).as(sort.wire()).hasSize(BUSY);
            assertThat(seen).as(sort.wire()).hasSize(BUSY).contains("busy-1", "busy-" + BUSY);
        }
        assertThat(search("busy", "library", PostSort.NEWEST, 27, 100).items()).isEmpty();
        assertThat(search("busy", "library", PostSort.NEWEST, 27, 100).total()).isEqualTo(BUSY);
    }

    @Test
    void one_letter_matches_by_prefix_and_symbols_or_emoji_match_nothing() {
        board.createPost(admin, "quiet", new NewPost("Deploy to 🚀 production", "", null));
        board.createPost(admin, "quiet", new NewPost("Other", "Documentation", null));
        assertThat(search("quiet", "d", null, 1, 20).items()).extracting(v -> v.post().title())
                .containsExactlyInAnyOrder("Deploy to 🚀 production", "Other");
        assertThat(search("quiet", "D", null, 1, 20).total()).isEqualTo(2);
        for (String nothing : List.of("*", "!!!", "🚀", "\"\"", "-", "( )", "\u0301", "🚀\u0301 *")) {
            Page<PostView> p = search("quiet", nothing, null, 1, 20);
            assertThat(p.items()).as(nothing).isEmpty();
            assertThat(p.total()).as(nothing).isZero();
        }
        // The board's id is indexed with its posts but is never matched by words.
        assertThat(search("quiet", "b", null, 1, 20).total()).isZero();
        assertThat(search("quiet", quietId, null, 1, 20).total()).isZero();
        assertThat(search("quiet", "b" + quietId.replace("-", ""), null, 1, 20).total()).isZero();
    }

    @Test
    void a_search_stays_exact_after_posts_are_edited_and_deleted() {
        board.editPost(admin, "busy-2", new io.rungu.model.PostEdit("Zebra crossing", "", null, null));
        board.deletePost(admin, "busy-3");
        assertThat(search("busy", "library", null, 1, 20).total()).isEqualTo(BUSY - 2);
        assertThat(search("busy", "zebra", null, 1, 20).total()).isEqualTo(6);
    }
}
