package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.store.DemoData;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages {@link SearchHeads} answers are FTS5's own relevance pages (bm25, then key descending), for a word and
 * for a short prefix, with groups cut short, before and after posts are added, edited and deleted since the build;
 * and it answers (not only falls back) for the first pages. Small limits (a phrase in 100 posts of a board gets
 * heads, 50 kept, pages to 40) let 3,000 demo posts reach every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchHeadsTest {
    static final SearchHeads HEADS = new SearchHeads(100, 40, 50);

    TestStores t;
    Dialect dialect;
    String projectId;
    String slug;

    @BeforeAll
    void seed(@TempDir Path dir) {
        t = TestStores.open(TestDatabase.SQLITE, dir);
        DemoData.generate(t.store(), new DemoData.Options(2, 3_000, 0, 0, 20, 11), DemoData.ProgressListener.NONE);
        dialect = t.database().dialect();
        projectId = t.sql(h -> h.createQuery("SELECT project_id FROM posts GROUP BY project_id "
                + "ORDER BY count(*) DESC, project_id LIMIT 1").mapTo(String.class).one());
        slug = t.sql(h -> h.createQuery("SELECT slug FROM projects WHERE id = :id").bind("id", projectId)
                .mapTo(String.class).one());
        t.write(h -> HEADS.build(h, t.clock().instant()));
    }

    @AfterAll
    void close() {
        t.close();
    }

    /** A word of at least {@code minLength} letters in about a third of the board's posts, with heads. */
    String commonWord(int minLength, boolean prefix) {
        return t.sql(h -> h.createQuery("SELECT phrase FROM search_head_phrases WHERE project_id = :p "
                        + "AND length(phrase) >= :length + 2 AND (phrase LIKE '%*') = :prefix ORDER BY phrase LIMIT 1")
                .bind("p", projectId).bind("length", minLength).bind("prefix", prefix)
                .mapTo(String.class).one()).replace("\"", "").replace("*", "");
    }

    /** Every match of the board ranked by FTS5, best first. */
    List<Long> reference(Handle h, Dialect.Search search) {
        return h.createQuery("SELECT seq FROM (" + dialect.searchRanked() + ") ORDER BY rank, seq DESC")
                .bind("project", projectId).bind("search", search.expression()).mapTo(Long.class).list();
    }

    int checkPages(String word) {
        return checkPages(HEADS, word);
    }

    /** Checks every page the heads answer against the reference; returns how many they answered. */
    int checkPages(SearchHeads heads, String word) {
        return t.sql(h -> {
            Dialect.Search search = dialect.search(h, List.of(word), false);
            assertThat(search.phrases()).isNotEmpty();
            List<Long> expected = reference(h, search);
            int answered = 0;
            for (int offset = 0; offset < 40; offset += 10) {
                for (int limit : new int[] {1, 10, 20}) {
                    List<Long> page = heads.page(h, projectId, search.phrases(), dialect.searchMatches(),
                            dialect.searchRanked(), offset, limit);
                    if (offset + limit > 40) {
                        assertThat(page).as("past the depth").isNull();
                    } else if (page != null) {
                        answered++;
                        assertThat(page).as("%s at %d+%d", word, offset, limit)
                                .isEqualTo(expected.subList(offset, Math.min(expected.size(), offset + limit)));
                    }
                }
            }
            return answered;
        });
    }

    @Test
    void the_heads_keep_every_post_of_a_weight_up_to_a_length_and_cut_some_weights_short() {
        String phrase = "\"" + commonWord(4, false) + "\"";
        long truncated = t.sql(h -> h.createQuery("SELECT count(*) FROM search_head_groups WHERE project_id = :p "
                + "AND phrase = :phrase AND next_length IS NOT NULL").bind("p", projectId).bind("phrase", phrase)
                .mapTo(Long.class).one());
        long kept = t.sql(h -> h.createQuery("SELECT count(*) FROM search_heads WHERE project_id = :p "
                + "AND phrase = :phrase").bind("p", projectId).bind("phrase", phrase).mapTo(Long.class).one());
        assertThat(truncated).isPositive();
        assertThat(kept).isBetween(15L, 400L);
        // No post of a weight longer than the kept ones is kept while a shorter one is not.
        long overtaken = t.sql(h -> h.createQuery("SELECT count(*) FROM search_heads s JOIN search_head_groups g "
                        + "USING (project_id, phrase, weight) WHERE s.project_id = :p AND s.phrase = :phrase "
                        + "AND g.next_length IS NOT NULL AND s.length > g.next_length")
                .bind("p", projectId).bind("phrase", phrase).mapTo(Long.class).one());
        assertThat(overtaken).isZero();
    }

    @Test
    void the_average_length_read_from_the_index_is_the_mean_of_every_posts_length() {
        double mean = t.sql(h -> {
            List<byte[]> sizes = h.createQuery("SELECT sz FROM posts_fts_docsize").mapTo(byte[].class).list();
            long total = 0;
            for (byte[] size : sizes) {
                for (long v : SearchHeads.varints(size)) {
                    total += v;
                }
            }
            return (double) total / sizes.size();
        });
        assertThat(t.sql(SearchHeads::averageLength)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void pages_of_a_word_and_of_a_short_prefix_are_the_index_own_before_and_after_changes() {
        String word = commonWord(4, false);
        String prefix = commonWord(1, true);
        assertThat(checkPages(word)).isGreaterThan(5);
        assertThat(checkPages(prefix)).isGreaterThan(5);

        Actor.Account admin = t.admin("Heads Admin");
        // A new post where the word weighs most, in a short text: it must lead the first page.
        t.board().createPost(admin, slug, new NewPost(word + " " + word + " " + word, word, PostCategory.FEATURE));
        // The two best kept posts: one loses the word, one is deleted; a third gets it many times.
        List<String> best = t.sql(h -> h.createQuery("SELECT p.id FROM search_heads s JOIN posts p ON p.seq = s.seq "
                        + "WHERE s.project_id = :p AND s.phrase = :phrase ORDER BY s.weight DESC, s.length LIMIT 3")
                .bind("p", projectId).bind("phrase", "\"" + word + "\"").mapTo(String.class).list());
        t.board().editPost(admin, best.get(0), new PostEdit("Nothing here", "nothing at all", null, null));
        t.board().deletePost(admin, best.get(1));
        String many = String.join(" ", java.util.Collections.nCopies(6, word));
        t.board().editPost(admin, best.get(2), new PostEdit(many, many, null, null));
        assertThat(t.number("SELECT count(*) FROM search_heads_changed")).isGreaterThanOrEqualTo(2);

        assertThat(checkPages(word)).isGreaterThan(5);
        assertThat(checkPages(prefix)).isGreaterThan(5);

        // A new post with a letter outside ASCII: its words are the tokenizer's own to fold, so no page is told.
        var accented = t.board().createPost(admin, slug, new NewPost("Café " + word, prefix + " déjà", PostCategory.BUG));
        assertThat(checkPages(word)).isZero();
        assertThat(checkPages(prefix)).isZero();
        t.board().deletePost(admin, accented.post().id());
        assertThat(checkPages(word)).isGreaterThan(5);
    }

    @Test
    void with_fewer_posts_kept_than_the_pages_reach_the_deeper_pages_are_proven_or_refused_never_wrong() {
        SearchHeads few = new SearchHeads(100, 40, 15);
        try {
            t.write(h -> few.build(h, t.clock().instant()));
            int answered = checkPages(few, commonWord(4, false)) + checkPages(few, commonWord(1, true));
            assertThat(answered).isPositive();
        } finally {
            t.write(h -> HEADS.build(h, t.clock().instant()));
        }
    }

    /**
     * Through the board's post list, with the shipped limits: a demo board of 6,000 posts, whose most common word
     * is in most of them, gets heads at the seed; its relevance pages come from them and are FTS5's own, with the
     * exact total.
     */
    @Test
    void a_board_list_by_relevance_of_a_common_word_is_paged_from_the_heads_the_seed_built(@TempDir Path dir) {
        try (TestStores big = TestStores.open(TestDatabase.SQLITE, dir)) {
            DemoData.generate(big.store(), new DemoData.Options(1, 6_000, 0, 0, 10, 5), DemoData.ProgressListener.NONE);
            Dialect sqlite = big.database().dialect();
            String board = big.sql(h -> h.createQuery("SELECT id FROM projects").mapTo(String.class).one());
            String boardSlug = big.sql(h -> h.createQuery("SELECT slug FROM projects").mapTo(String.class).one());
            String word = big.sql(h -> h.createQuery("SELECT phrase FROM search_head_phrases WHERE project_id = :p "
                            + "ORDER BY length(phrase) DESC LIMIT 1").bind("p", board).mapTo(String.class).one())
                    .replace("\"", "").replace("*", "");
            Actor.Account reader = big.member("Reader");
            for (int n = 1; n <= 3; n++) {
                int pageNumber = n;
                var page = big.board().listPosts(reader, boardSlug, new io.rungu.model.PostQuery(
                        io.rungu.model.PostSort.RELEVANCE, null, null, word,
                        new io.rungu.model.PageRequest(pageNumber, 20)));
                List<Long> expected = big.sql(h -> {
                    Dialect.Search search = sqlite.search(h, List.of(word), false);
                    assertThat(sqlite.rankedFromHeads(h, board, search, (pageNumber - 1) * 20L, 20)).isNotNull();
                    return h.createQuery("SELECT seq FROM (" + sqlite.searchRanked() + ") ORDER BY rank, seq DESC "
                                    + "LIMIT 20 OFFSET :offset").bind("project", board)
                            .bind("search", search.expression()).bind("offset", (pageNumber - 1) * 20).mapTo(Long.class)
                            .list();
                });
                List<String> ids = page.items().stream().map(v -> v.post().id()).toList();
                List<Long> got = big.sql(h -> ids.stream().map(id -> h.createQuery("SELECT seq FROM posts WHERE id = :id")
                        .bind("id", id).mapTo(Long.class).one()).toList());
                assertThat(got).isEqualTo(expected);
                long matches = big.sql(h -> h.createQuery("SELECT count(*) FROM (" + sqlite.searchMatches() + ")")
                        .bind("project", board).bind("search", sqlite.search(h, List.of(word), false).expression())
                        .mapTo(Long.class).one());
                assertThat(page.total()).isEqualTo(matches).isGreaterThanOrEqualTo(5_000);
                assertThat(page.totalIsEstimate()).isFalse();
            }
        }
    }

    /**
     * Two stores on one file may build at once: heads written from an older snapshot after a newer build finished
     * would lack the changes that build forgot, so they are not written; written before it finished, the newer
     * build forgets only what every board's heads saw.
     */
    @Test
    void a_build_from_an_older_snapshot_never_outlives_the_changes_it_did_not_see() {
        String word = commonWord(4, false);
        Actor.Account admin = t.admin("Racing Admin");
        SearchHeads.Built older = t.sql(h -> h.inTransaction(HEADS::compute));
        String post = t.sql(h -> h.createQuery("SELECT p.id FROM search_heads s JOIN posts p ON p.seq = s.seq "
                        + "WHERE s.project_id = :p AND s.phrase = :phrase ORDER BY s.weight DESC, s.length LIMIT 1")
                .bind("p", projectId).bind("phrase", "\"" + word + "\"").mapTo(String.class).one());
        t.board().editPost(admin, post, new PostEdit("Renamed entirely", "nothing of it left", null, null));
        SearchHeads.Built newer = t.sql(h -> h.inTransaction(HEADS::compute));
        assertThat(newer.changedThrough()).isGreaterThan(older.changedThrough());

        // The newer build writes every board, the older one then rewrites the searched board before the newer
        // build finishes: the edit must stay recorded, since that board's heads predate it.
        t.write(h -> newer.boards().forEach((board, heads) -> HEADS.storeBoard(h, board, heads, newer)));
        t.write(h -> HEADS.storeBoard(h, projectId, older.boards().get(projectId), older));
        t.write(h -> HEADS.finish(h, newer, t.clock().instant()));
        assertThat(t.number("SELECT count(*) FROM search_heads_changed")).isPositive();
        assertThat(checkPages(word)).isGreaterThan(5);

        // Once the newer build finished, the older one writes nothing more.
        t.write(h -> {
            older.boards().forEach((board, heads) -> HEADS.storeBoard(h, board, heads, older));
            HEADS.finish(h, older, t.clock().instant());
        });
        assertThat(t.number("SELECT changed_through FROM search_head_builds")).isEqualTo(newer.changedThrough());
        assertThat(checkPages(word)).isGreaterThan(5);
        t.write(h -> HEADS.build(h, t.clock().instant()));
        assertThat(t.number("SELECT count(*) FROM search_heads_changed")).isZero();
    }

    @Test
    void a_word_without_heads_or_a_search_of_two_words_is_left_to_the_caller() {
        List<List<Long>> pages = new ArrayList<>();
        t.sql(h -> {
            Dialect.Search rare = dialect.search(h, List.of("zzzzzz"), false);
            pages.add(HEADS.page(h, projectId, java.util.Map.of("\"zzzzzz\"", 0L), dialect.searchMatches(),
                    dialect.searchRanked(), 0, 20));
            Dialect.Search two = dialect.search(h, List.of(commonWord(4, false), commonWord(1, true)), false);
            assertThat(two.phrases()).isEmpty();
            assertThat(rare.matchesNothing() || rare.phrases().size() <= 1).isTrue();
            return null;
        });
        assertThat(pages.get(0)).isNull();
    }
}
