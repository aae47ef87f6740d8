package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.store.DemoData;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages {@link SearchPostings} answers are FTS5's own relevance pages (bm25, then key descending) with the exact
 * number of matches: for a word, a short prefix and pairs of them, at every depth, before and after posts are
 * added, edited, moved and deleted since the build; and it answers (not only falls back). A small limit (a phrase
 * in 100 posts of a board gets postings) lets 3,000 demo posts reach every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPostingsTest {
    static final SearchPostings POSTINGS = new SearchPostings(100);

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
        t.write(h -> POSTINGS.build(h, t.clock().instant()));
    }

    @AfterAll
    void close() {
        t.close();
    }

    /** The {@code nth} word of at least {@code minLength} letters with postings on the board (a prefix or not). */
    String commonWord(int minLength, boolean prefix, int nth) {
        return t.sql(h -> h.createQuery("SELECT phrase FROM search_postings WHERE project_id = :p "
                        + "AND length(phrase) >= :length + 2 AND (phrase LIKE '%*') = :prefix "
                        + "ORDER BY posts DESC, phrase LIMIT 1 OFFSET :nth")
                .bind("p", projectId).bind("length", minLength).bind("prefix", prefix).bind("nth", nth)
                .mapTo(String.class).one()).replace("\"", "").replace("*", "");
    }

    /** Every match of the board ranked by FTS5, best first. */
    List<Long> reference(Handle h, Dialect.Search search) {
        return h.createQuery("SELECT seq FROM (" + dialect.searchRanked() + ") ORDER BY rank, seq DESC")
                .bind("project", projectId).bind("search", search.expression()).mapTo(Long.class).list();
    }

    int checkPages(String... words) {
        return checkPages(POSTINGS, words);
    }

    /** Checks every page the postings answer against the reference, totals too; returns how many they answered. */
    int checkPages(SearchPostings postings, String... words) {
        return t.sql(h -> {
            Dialect.Search search = dialect.search(h, List.of(words), false);
            assertThat(search.terms()).hasSize(words.length);
            List<Long> expected = reference(h, search);
            long[] matching = postings.matching(h, projectId, search, dialect.searchMatches());
            if (matching != null) {
                assertThat(matching).as("matches of %s", List.of(words))
                        .containsExactly(expected.stream().mapToLong(Long::longValue).sorted().toArray());
            }
            int answered = 0;
            for (int offset : new int[] {0, 10, 20, 40, 90, 400}) {
                for (int limit : new int[] {1, 10, 20}) {
                    Dialect.RankedKeys page = postings.page(h, projectId, search, dialect.searchMatches(), offset,
                            limit);
                    if (page != null) {
                        answered++;
                        assertThat(page.seqs()).as("%s at %d+%d", List.of(words), offset, limit).isEqualTo(
                                expected.subList(Math.min(expected.size(), offset),
                                        Math.min(expected.size(), offset + limit)));
                        assertThat(page.total()).as("total of %s", List.of(words)).isEqualTo(expected.size());
                    }
                }
            }
            return answered;
        });
    }

    /** Whether the postings tell every match of {@code words} (checked against FTS5's by {@link #checkPages}). */
    boolean matchesTold(String... words) {
        checkPages(words);
        return t.sql(h -> POSTINGS.matching(h, projectId, dialect.search(h, List.of(words), false),
                dialect.searchMatches()) != null);
    }

    /** FTS5's own count of the posts of all boards holding {@code phrase}. */
    long indexCount(String phrase) {
        return t.number("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH '{title description} : "
                + phrase.replace("'", "''") + "'");
    }

    long counted(String phrase) {
        return t.sql(h -> POSTINGS.counts(h, List.of(phrase)).getOrDefault(phrase, -1L));
    }

    @Test
    void the_average_length_read_from_the_index_is_the_mean_of_every_posts_length() {
        double mean = t.sql(h -> {
            List<byte[]> sizes = h.createQuery("SELECT sz FROM posts_fts_docsize").mapTo(byte[].class).list();
            long total = 0;
            for (byte[] size : sizes) {
                for (long v : SearchPostings.varints(size)) {
                    total += v;
                }
            }
            return (double) total / sizes.size();
        });
        assertThat(t.sql(SearchPostings::averageLength)).isCloseTo(mean, Offset.offset(1e-9));
    }

    @Test
    void postings_round_trip_through_their_encoding() {
        SearchPostings.Postings.Writer out = new SearchPostings.Postings.Writer(1);
        long[] seqs = {1, 2, 130, 20_000, 5_000_000_000L};
        for (int i = 0; i < seqs.length; i++) {
            out.add(seqs[i], 5 * i + 1, 1000 * i + 3);
        }
        SearchPostings.Postings read = SearchPostings.Postings.decode(out.bytes());
        assertThat(read.size()).isEqualTo(seqs.length);
        for (int i = 0; i < seqs.length; i++) {
            assertThat(read.seqs()[i]).isEqualTo(seqs[i]);
            assertThat(read.weights()[i]).isEqualTo(5 * i + 1);
            assertThat(read.lengths()[i]).isEqualTo(1000 * i + 3);
        }
    }

    @Test
    void pages_of_words_prefixes_and_pairs_are_the_index_own_before_and_after_changes() {
        String word = commonWord(4, false, 0);
        String other = commonWord(1, true, 1);
        String prefix = commonWord(1, true, 0);
        assertThat(checkPages(word)).isEqualTo(18);
        assertThat(checkPages(prefix)).isEqualTo(18);
        assertThat(checkPages(word, other)).isEqualTo(18);
        assertThat(checkPages(prefix, word)).isEqualTo(18);
        assertThat(counted("\"" + word + "\"")).isEqualTo(indexCount("\"" + word + "\""));

        Actor.Account admin = t.admin("Postings Admin");
        // A new post where the words weigh most, in a short text: it must lead the first page.
        t.board().createPost(admin, slug, new NewPost(word + " " + other + " " + word, word, PostCategory.FEATURE));
        // The best posts of the word: one loses it, one is deleted, one gets it many times, one moves board.
        List<String> best = t.sql(h -> h.createQuery("SELECT p.id FROM (" + dialect.searchRanked() + ") r "
                        + "JOIN posts p ON p.seq = r.seq ORDER BY r.rank, r.seq DESC LIMIT 4")
                .bind("project", projectId).bind("search", "\"" + word + "\"").mapTo(String.class).list());
        t.board().editPost(admin, best.get(0), new PostEdit("Nothing here", "nothing at all", null, null));
        t.board().deletePost(admin, best.get(1));
        String many = String.join(" ", Collections.nCopies(6, word));
        t.board().editPost(admin, best.get(2), new PostEdit(many, many + " " + other, null, null));
        String elsewhere = t.sql(h -> h.createQuery("SELECT id FROM projects WHERE id <> :p LIMIT 1")
                .bind("p", projectId).mapTo(String.class).one());
        t.write(h -> h.createUpdate("UPDATE posts SET project_id = :board WHERE id = :id").bind("board", elsewhere)
                .bind("id", best.get(3)).execute());
        assertThat(t.number("SELECT count(*) FROM search_postings_changed")).isGreaterThanOrEqualTo(4);

        assertThat(checkPages(word)).isEqualTo(18);
        assertThat(checkPages(prefix)).isEqualTo(18);
        assertThat(checkPages(word, other)).isEqualTo(18);
        assertThat(checkPages(prefix, word)).isEqualTo(18);
        for (String phrase : List.of("\"" + word + "\"", "\"" + other + "\"*", "\"" + prefix + "\"*")) {
            assertThat(counted(phrase)).as(phrase).isEqualTo(indexCount(phrase));
        }

        // A new post with a letter outside ASCII: its words are the tokenizer's own to fold, so no page is told.
        var accented = t.board().createPost(admin, slug,
                new NewPost("Café " + word, prefix + " déjà", PostCategory.BUG));
        assertThat(checkPages(word)).isZero();
        assertThat(checkPages(prefix, word)).isZero();
        // Which posts match is FTS5's word for such a post: the other orders still read the matches from postings.
        assertThat(matchesTold(word)).isTrue();
        assertThat(matchesTold(prefix, word)).isTrue();
        t.board().deletePost(admin, accented.post().id());
        assertThat(checkPages(word)).isEqualTo(18);
        assertThat(counted("\"" + word + "\"")).isEqualTo(indexCount("\"" + word + "\""));

        // Deleted after a build saw it, its text then is outside ASCII: the change to a count cannot be told, so no
        // count is, and a search needing one (two words) is left to FTS5; one word needs none.
        accented = t.board().createPost(admin, slug, new NewPost("Café " + word, prefix + " déjà", PostCategory.BUG));
        t.write(h -> POSTINGS.build(h, t.clock().instant()));
        t.board().deletePost(admin, accented.post().id());
        assertThat(counted("\"" + word + "\"")).isEqualTo(-1);
        assertThat(checkPages(prefix, word)).isZero();
        assertThat(checkPages(word)).isEqualTo(18);
        t.write(h -> POSTINGS.build(h, t.clock().instant()));
        assertThat(counted("\"" + word + "\"")).isEqualTo(indexCount("\"" + word + "\""));
        assertThat(checkPages(prefix, word)).isEqualTo(18);
    }

    @Test
    void a_word_with_rarer_words_of_the_same_start_is_ranked_with_them() {
        // "word" as typed stands for every word starting with it: the common one weighed from its postings, the
        // rarer ones from FTS5's instance list.
        String longer = t.sql(h -> h.createQuery("SELECT p.phrase FROM search_postings p WHERE p.project_id = :p "
                        + "AND p.phrase NOT LIKE '%*' AND length(p.phrase) >= 6 AND EXISTS (SELECT 1 FROM "
                        + "temp.posts_fts_terms t WHERE t.term > substr(p.phrase, 2, length(p.phrase) - 2) "
                        + "AND t.term < substr(p.phrase, 2, length(p.phrase) - 2) || 'zz') ORDER BY p.phrase LIMIT 1")
                .bind("p", projectId).mapTo(String.class).findOne().orElse(null));
        assertThat(longer).as("a common word that starts rarer ones").isNotNull();
        String word = longer.replace("\"", "");
        Dialect.Search search = t.sql(h -> dialect.search(h, List.of(word), false));
        assertThat(search.terms().get(0)).hasSizeGreaterThan(1);
        assertThat(checkPages(word)).isEqualTo(18);
        assertThat(checkPages(commonWord(1, true, 0), word)).isEqualTo(18);
    }

    @Test
    void a_pair_with_a_rare_word_is_ranked_from_the_rare_word_matches() {
        String word = commonWord(4, false, 0);
        String rare = t.sql(h -> h.createQuery("SELECT term FROM temp.posts_fts_terms WHERE doc BETWEEN 3 AND 20 "
                + "AND length(term) >= 5 AND term GLOB '[a-z]*' ORDER BY term LIMIT 1").mapTo(String.class).one());
        int answered = checkPages(word, rare);
        assertThat(answered).isEqualTo(18);
        // Which posts match is left to FTS5: the rare word bounds its intersection.
        assertThat(matchesTold(word, rare)).isFalse();
        assertThat(matchesTold(word, commonWord(1, true, 0))).isTrue();
    }

    /**
     * Through the board's post list, with the shipped limit: a demo board of 9,000 posts, whose most common words
     * are in most of them, gets postings at the seed; its relevance pages come from them and are FTS5's own, with
     * the exact total, and its pages in every other order are those of FTS5's matches.
     */
    @Test
    void a_board_list_of_common_words_is_ranked_and_sorted_from_the_postings_the_seed_built(@TempDir Path dir) {
        try (TestStores big = TestStores.open(TestDatabase.SQLITE, dir)) {
            DemoData.generate(big.store(), new DemoData.Options(1, 9_000, 0, 0, 10, 5), DemoData.ProgressListener.NONE);
            Dialect sqlite = big.database().dialect();
            String board = big.sql(h -> h.createQuery("SELECT id FROM projects").mapTo(String.class).one());
            String boardSlug = big.sql(h -> h.createQuery("SELECT slug FROM projects").mapTo(String.class).one());
            // The board's longest phrase with postings, and the commonest word not starting with it.
            String phrase = big.sql(h -> h.createQuery("SELECT phrase FROM search_postings WHERE project_id = :p "
                    + "ORDER BY length(phrase) DESC, phrase LIMIT 1").bind("p", board).mapTo(String.class).one());
            String second = big.sql(h -> h.createQuery("SELECT term FROM temp.posts_fts_terms WHERE length(term) >= 4 "
                    + "AND term GLOB '[a-z]*' AND term NOT GLOB :prefix ORDER BY doc DESC LIMIT 1")
                    .bind("prefix", phrase.replace("\"", "")).mapTo(String.class).one());
            List<String> common = List.of(phrase.replace("\"", "").replace("*", ""), second);
            Actor.Account reader = big.member("Reader");
            for (String text : List.of(common.get(0), common.get(0) + " " + common.get(1))) {
                List<String> words = List.of(text.split(" "));
                for (int n = 1; n <= 3; n++) {
                    int pageNumber = n;
                    var page = big.board().listPosts(reader, boardSlug, new PostQuery(PostSort.RELEVANCE, null,
                            null, text, new PageRequest(pageNumber, 20)));
                    List<Long> expected = big.sql(h -> {
                        Dialect.Search search = sqlite.search(h, words, false);
                        assertThat(sqlite.rankedFromPostings(h, board, search, (pageNumber - 1) * 20L, 20))
                                .isNotNull();
                        return h.createQuery("SELECT seq FROM (" + sqlite.searchRanked() + ") ORDER BY rank, "
                                        + "seq DESC LIMIT 20 OFFSET :offset").bind("project", board)
                                .bind("search", search.expression()).bind("offset", (pageNumber - 1) * 20)
                                .mapTo(Long.class).list();
                    });
                    List<String> ids = page.items().stream().map(v -> v.post().id()).toList();
                    List<Long> got = big.sql(h -> ids.stream().map(id -> h.createQuery("SELECT seq FROM posts "
                            + "WHERE id = :id").bind("id", id).mapTo(Long.class).one()).toList());
                    assertThat(got).as(text).isEqualTo(expected);
                    long matches = big.sql(h -> h.createQuery("SELECT count(*) FROM (" + sqlite.searchMatches() + ")")
                            .bind("project", board).bind("search", sqlite.search(h, words, false).expression())
                            .mapTo(Long.class).one());
                    assertThat(page.total()).isEqualTo(matches);
                    assertThat(page.totalIsEstimate()).isFalse();
                }
            }

            // The other orders of two common words walk the board's index against the matches the postings tell;
            // one word, or a common word beside a rare one, is left to FTS5 as before. Every page is the one the
            // index's own matches give.
            String rare = big.sql(h -> h.createQuery("SELECT term FROM temp.posts_fts_terms WHERE doc BETWEEN 5 AND 40 "
                    + "AND length(term) >= 5 AND term GLOB '[a-z]*' ORDER BY term LIMIT 1").mapTo(String.class).one());
            // Two different words with postings on the board.
            List<String> held = big.sql(h -> h.createQuery("SELECT phrase FROM search_postings WHERE project_id = :p "
                    + "ORDER BY posts DESC, phrase").bind("p", board).mapTo(String.class).list()).stream()
                    .map(p -> p.replace("\"", "").replace("*", "")).toList();
            String pair = held.get(0) + " " + held.stream()
                    .filter(w -> !w.startsWith(held.get(0)) && !held.get(0).startsWith(w)).findFirst().orElseThrow();
            Map<PostSort, String> orders = Map.of(
                    PostSort.NEWEST, "p.created_at DESC, p.id DESC",
                    PostSort.OLDEST, "p.created_at ASC, p.id ASC",
                    PostSort.MOST_VOTES, "p.vote_count DESC, p.created_at DESC, p.id DESC",
                    PostSort.LEAST_VOTES, "p.vote_count ASC, p.created_at ASC, p.id ASC",
                    PostSort.RECENTLY_UPDATED, "p.updated_at DESC, p.id DESC");
            for (String text : List.of(common.get(0), pair, common.get(0) + " " + common.get(1),
                    common.get(0) + " " + rare)) {
                List<String> words = List.of(text.split(" "));
                long[] told = big.sql(h -> sqlite.matchesFromPostings(h, board, sqlite.search(h, words, false)));
                assertThat(told != null).as("matches of %s from the postings", text).isEqualTo(text.equals(pair));
                for (var order : orders.entrySet()) {
                    for (int n : new int[] {1, 2, 7}) {
                        var page = big.board().listPosts(reader, boardSlug, new PostQuery(order.getKey(), null, null,
                                text, new PageRequest(n, 20)));
                        List<String> expected = big.sql(h -> h.createQuery("SELECT p.id FROM posts p WHERE "
                                        + "p.project_id = :project AND p.seq IN (SELECT seq FROM ("
                                        + sqlite.searchMatches() + ")) ORDER BY " + order.getValue()
                                        + " LIMIT 20 OFFSET :offset")
                                .bind("project", board).bind("search", sqlite.search(h, words, false).expression())
                                .bind("offset", (n - 1) * 20).mapTo(String.class).list());
                        assertThat(page.items().stream().map(v -> v.post().id()).toList())
                                .as("%s by %s, page %d", text, order.getKey(), n).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /**
     * Two stores on one file may build at once: postings written from an older snapshot after a later build
     * finished would lack the changes that build forgot, so they are not written; a build finishing drops every
     * posting it did not write itself.
     */
    @Test
    void a_build_from_an_older_snapshot_never_outlives_the_changes_it_did_not_see() {
        String word = commonWord(4, false, 2);
        Actor.Account admin = t.admin("Racing Admin");
        List<SearchPostings.PhrasePostings> olderPhrases = new ArrayList<>();
        SearchPostings.Built older = t.sql(h -> h.inTransaction(x -> POSTINGS.compute(x, olderPhrases::add)));
        String post = t.sql(h -> h.createQuery("SELECT p.id FROM (" + dialect.searchRanked() + ") r "
                        + "JOIN posts p ON p.seq = r.seq ORDER BY r.rank, r.seq DESC LIMIT 1")
                .bind("project", projectId).bind("search", "\"" + word + "\"").mapTo(String.class).one());
        t.board().editPost(admin, post, new PostEdit("Renamed entirely", "nothing of it left", null, null));
        List<SearchPostings.PhrasePostings> newerPhrases = new ArrayList<>();
        SearchPostings.Built newer = t.sql(h -> h.inTransaction(x -> POSTINGS.compute(x, newerPhrases::add)));
        assertThat(newer.marks().after(older.marks())).isTrue();

        // The newer build writes its postings, the older one then rewrites them before the newer build finishes:
        // the newer build's finish drops the older rows, and the edit stays known until then.
        t.write(h -> newerPhrases.forEach(p -> POSTINGS.storePhrase(h, p)));
        t.write(h -> olderPhrases.forEach(p -> POSTINGS.storePhrase(h, p)));
        assertThat(checkPages(word)).isEqualTo(18);
        t.write(h -> POSTINGS.finish(h, newer, t.clock().instant()));
        assertThat(t.number("SELECT count(*) FROM search_postings WHERE changed_through <> "
                + newer.marks().changedThrough())).isZero();
        assertThat(t.number("SELECT count(*) FROM search_postings_changed")).isZero();
        // The dropped rows' phrases are ranked by FTS5 until the next build; none is wrong.
        checkPages(word);

        // Once the newer build finished, the older one writes nothing more.
        t.write(h -> {
            olderPhrases.forEach(p -> POSTINGS.storePhrase(h, p));
            POSTINGS.finish(h, older, t.clock().instant());
        });
        assertThat(t.number("SELECT changed_through FROM search_postings_builds"))
                .isEqualTo(newer.marks().changedThrough());
        assertThat(t.number("SELECT count(*) FROM search_postings WHERE changed_through <> "
                + newer.marks().changedThrough())).isZero();
        t.write(h -> POSTINGS.build(h, t.clock().instant()));
        assertThat(checkPages(word)).isEqualTo(18);
    }

    /**
     * The triggers record changes only once a build exists: the first build makes them record before its snapshot
     * ({@code begin}), so a post edited while it runs is not described by stale postings.
     */
    @Test
    void a_post_edited_while_the_first_build_runs_is_not_ranked_by_what_the_build_read() {
        String word = commonWord(4, false, 0);
        t.write(h -> h.execute("DELETE FROM search_postings_builds"));
        t.write(h -> POSTINGS.begin(h, t.clock().instant()));
        List<SearchPostings.PhrasePostings> phrases = new ArrayList<>();
        SearchPostings.Built first = t.sql(h -> h.inTransaction(x -> POSTINGS.compute(x, phrases::add)));
        String best = t.sql(h -> h.createQuery("SELECT p.id FROM (" + dialect.searchRanked() + ") r "
                        + "JOIN posts p ON p.seq = r.seq ORDER BY r.rank, r.seq DESC LIMIT 1")
                .bind("project", projectId).bind("search", "\"" + word + "\"").mapTo(String.class).one());
        t.board().editPost(t.admin("First Build Admin"), best, new PostEdit("Gone", "gone", null, null));
        t.write(h -> {
            phrases.forEach(p -> POSTINGS.storePhrase(h, p));
            POSTINGS.finish(h, first, t.clock().instant());
        });
        assertThat(t.number("SELECT count(*) FROM search_postings_changed")).isPositive();
        assertThat(checkPages(word)).isEqualTo(18);
        t.write(h -> POSTINGS.build(h, t.clock().instant()));
    }

    @Test
    void uncommon_words_are_ranked_beside_common_ones_and_alone_or_any_word_are_left_to_the_caller() {
        String mid = t.sql(h -> h.createQuery("SELECT term FROM temp.posts_fts_terms WHERE doc BETWEEN 20 AND 60 "
                + "AND length(term) >= 5 AND term GLOB '[a-z]*' ORDER BY term LIMIT 1").mapTo(String.class).one());
        assertThat(checkPages(mid)).isZero();
        assertThat(matchesTold(mid)).isFalse();
        assertThat(checkPages(mid, commonWord(1, true, 0))).isEqualTo(18);
        t.sql(h -> {
            Dialect.Search any = dialect.search(h, List.of(commonWord(4, false, 0), commonWord(1, true, 0)), true);
            assertThat(any.terms()).isEmpty();
            assertThat(POSTINGS.page(h, projectId, any, dialect.searchMatches(), 0, 20)).isNull();
            return null;
        });
    }
}
