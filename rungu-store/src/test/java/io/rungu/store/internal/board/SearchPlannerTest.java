package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.store.DemoData;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.internal.db.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of the search planner ({@link PostLists}) gives the same matches in the same order as sorting every
 * match: a rare word (matches read and sorted), a mid word (the sort's index walked against the set of matches),
 * a common word (the index walked, each post tested by key), in every sort, paged to the last match; totals exact
 * up to the threshold and past it an estimate, flagged, close to the true count. The threshold is made small
 * (100), and a test by key as cheap as a match read, so a few thousand posts exercise every path.
 */
class SearchPlannerTest extends OnEachDatabase {
    static final int THRESHOLD = 100;

    String projectId;
    Dialect dialect;
    List<String> words;

    @BeforeEach
    void seed() {
        DemoData.generate(t.store(), new DemoData.Options(2, 2_000, 4_000, 0, 40, 7), DemoData.ProgressListener.NONE);
        dialect = t.database().dialect();
        projectId = t.sql(h -> h.createQuery("SELECT project_id FROM posts GROUP BY project_id "
                + "ORDER BY count(*) DESC, project_id LIMIT 1").mapTo(String.class).one());
        // Some posts of the board wait for approval or are hidden: the lists leave them out.
        t.write(h -> h.execute("UPDATE posts SET state = CASE WHEN seq % 97 = 0 THEN 'hidden' ELSE 'pending' END "
                + "WHERE project_id = ? AND (seq % 97 = 0 OR seq % 89 = 0)", projectId));
    }

    /** A word of the board's text in about {@code share} of its listed posts (by the reference count). */
    String wordNear(double share) {
        return wordNear(share, 3);
    }

    /** As above, of at least {@code minLength} letters. */
    String wordNear(double share, int minLength) {
        int listed = reference("", PostSort.NEWEST, null).size();
        List<String> candidates = t.sql(h -> h.createQuery("SELECT title FROM posts WHERE project_id = :p LIMIT 400")
                .bind("p", projectId).mapTo(String.class).list());
        String best = null;
        double bestGap = Double.MAX_VALUE;
        for (String title : candidates) {
            for (String w : title.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
                if (w.length() < minLength) {
                    continue;
                }
                double gap = Math.abs((double) count(w) / listed - share);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = w;
                }
            }
        }
        return best;
    }

    long count(String word) {
        return t.sql(h -> h.createQuery("SELECT count(*) FROM (" + dialect.searchMatches() + ") m "
                        + "JOIN posts p ON p.seq = m.seq WHERE p.state = 'listed'")
                .bind("project", projectId).bind("search", dialect.searchExpression(List.of(word), false))
                .mapTo(Long.class).one());
    }

    /** Every listed match (every listed post for an empty text), sorted in full by the database. */
    List<Long> reference(String word, PostSort sort, PostStatus status) {
        return t.sql(h -> {
            var q = h.createQuery("SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.state = 'listed'"
                    + (status == null ? "" : " AND p.status = :status")
                    + (word.isEmpty() ? "" : " AND p.seq IN (" + dialect.searchMatches() + ")")
                    + " ORDER BY " + PostReads.order(sort))
                    .bind("project", projectId);
            if (sort == PostSort.TRENDING) {
                q.bind("since", since());
            }
            if (status != null) {
                q.bind("status", status.wire());
            }
            if (!word.isEmpty()) {
                q.bind("search", dialect.searchExpression(List.of(word), false));
            }
            return q.mapTo(Long.class).list();
        });
    }

    Instant since() {
        return t.clock().instant().minus(Duration.ofDays(Limits.TRENDING_DAYS_DEFAULT));
    }

    List<Long> seqs(Handle h, Page<PostView> page) {
        List<String> ids = page.items().stream().map(v -> v.post().id()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Long> seqById = new java.util.HashMap<>();
        h.createQuery("SELECT id, seq FROM posts WHERE id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> seqById.put(rs.getString(1), rs.getLong(2))).list();
        return ids.stream().map(seqById::get).toList();
    }

    boolean seeks(String word) {
        return t.sql(h -> dialect.search(h, List.of(word), false)).seeks();
    }

    /** Pages through the whole search with the planner and checks order, totals and the flag. */
    void checkEverySort(String word, PostStatus status) {
        checkSorts(word, status, java.util.Arrays.stream(PostSort.values())
                .filter(s -> s != PostSort.RELEVANCE).toList());
    }

    /** As {@link #checkEverySort} for these sorts (not relevance). */
    void checkSorts(String word, PostStatus status, List<PostSort> sorts) {
        PostLists lists = new PostLists(dialect, THRESHOLD, 1, KeptSearches.NONE);
        for (PostSort sort : sorts) {
            List<Long> expected = reference(word, sort, status);
            List<Long> got = new ArrayList<>();
            int perPage = 45;
            for (int n = 1; n <= expected.size() / perPage + 2; n++) {
                PostQuery query = new PostQuery(sort, status, null, word, new PageRequest(n, perPage));
                Page<PostView> page = t.sql(h -> lists.list(h, projectId, query, false, null, t.clock().instant()));
                got.addAll(t.sql(h -> seqs(h, page)));
                if (expected.size() <= THRESHOLD || !seeks(word)) {
                    assertThat(page.total()).as(word + " " + sort).isEqualTo(expected.size());
                    assertThat(page.totalIsEstimate()).isFalse();
                } else {
                    assertThat(page.totalIsEstimate()).as(word + " " + sort + " total flagged").isTrue();
                    assertThat((double) page.total()).as(word + " " + sort + " estimate")
                            .isBetween(expected.size() * 0.8, expected.size() * 1.2);
                }
            }
            assertThat(got).as(word + " by " + sort + (status == null ? "" : " " + status)).isEqualTo(expected);
        }
    }

    @Test
    void aRareWordSortsItsMatches() {
        String word = wordNear(0.01);
        assertThat(count(word)).isLessThan(PostLists.WALK_INDEX_MATCHES).isPositive();
        checkEverySort(word, null);
    }

    @Test
    void aMidWordWalksTheIndexAgainstTheSetOfMatches() {
        String word = wordNear(0.25);
        checkEverySort(word, null);
        checkEverySort(word, PostStatus.OPEN);
    }

    @Test
    void aCommonWordWalksTheIndexTestingEachPostAndEstimatesItsTotal() {
        // Three letters: a prefix both databases can seek in (SQLite keeps prefix indexes up to 3 characters).
        String word = wordNear(0.9).substring(0, 3);
        assertThat(seeks(word)).isTrue();
        assertThat(count(word)).isGreaterThan(THRESHOLD);
        checkEverySort(word, null);
        checkEverySort(word, PostStatus.OPEN);
    }

    @Test
    void aCommonLongPrefixSeeksThroughTheWordsItStandsFor() {
        // SQLite writes a prefix longer than its prefix indexes as the index's words that start with it.
        String word = wordNear(0.9, 5).substring(0, 4);
        assertThat(seeks(word)).isTrue();
        assertThat(count(word)).isGreaterThan(THRESHOLD);
        checkEverySort(word, null);
        checkEverySort(word, PostStatus.OPEN);
    }

    long recentPosts() {
        return t.sql(h -> h.createQuery(
                        "SELECT count(*) FROM posts p WHERE p.project_id = :p AND p.created_at >= :since")
                .bind("p", projectId).bind("since", since()).mapTo(Long.class).one());
    }

    @Test
    void trendingPagesCrossFromTheRecentMatchesToTheOlderOnesWhereverTheirKeysAre() {
        long recent = recentPosts();
        assertThat(recent).as("posts of the trending window").isBetween(5L, 500L);
        String mid = wordNear(0.25);
        String common = wordNear(0.9).substring(0, 3);
        checkSorts(mid, null, List.of(PostSort.TRENDING));
        checkSorts(common, null, List.of(PostSort.TRENDING));
        // As after an import: old keys with recent dates, so the recent matches are not the tail of the keys.
        t.write(h -> h.createUpdate("UPDATE posts SET created_at = :recent WHERE project_id = :p AND seq % 13 = 0")
                .bind("recent", since().plus(Duration.ofHours(1))).bind("p", projectId).execute());
        assertThat(recentPosts()).isGreaterThan(recent + 50);
        checkSorts(mid, null, List.of(PostSort.TRENDING));
        checkSorts(common, PostStatus.OPEN, List.of(PostSort.TRENDING));
    }

    @Test
    void aLongPrefixOfManyWordsOrOfOtherLettersIsCountedInFull() {
        Actor.Account admin = t.admin("Ada");
        String slug = t.sql(h -> h.createQuery("SELECT slug FROM projects WHERE id = :id").bind("id", projectId)
                .mapTo(String.class).one());
        for (int i = 0; i < Dialect.PREFIX_WORDS_MAX + 6; i++) {
            t.board().createPost(admin, slug, new NewPost("Zebrafish" + i + " crossing", "", null));
        }
        t.board().createPost(admin, slug, new NewPost("Zébrafish café", "", null));
        for (String word : List.of("zebrafish", "zébr")) {
            if (dialect.name().equals("sqlite")) {
                assertThat(seeks(word)).as(word).isFalse();
            }
            checkEverySort(word, null);
        }
        assertThat(reference("zebrafish", PostSort.NEWEST, null)).hasSize(Dialect.PREFIX_WORDS_MAX + 7);
    }

    @Test
    void aRareLongWordIsRankedAcrossBoardsInTheSameOrder() {
        // The other board: it holds no hidden or waiting post, so no filter applies and the plan ranks across boards.
        projectId = t.sql(h -> h.createQuery("SELECT project_id FROM posts WHERE project_id <> :p LIMIT 1")
                .bind("p", projectId).mapTo(String.class).one());
        boolean unlisted = t.sql(h -> PostLists.holdsUnlisted(h, projectId, false));
        assertThat(unlisted).isFalse();
        String word = wordNear(0.01, 5);
        Dialect.Search search = t.sql(h -> dialect.search(h, List.of(word), false));
        if (dialect.name().equals("sqlite")) {
            assertThat(search.matchesAtMost()).as(word).isLessThanOrEqualTo(PostLists.RANK_ACROSS_BOARDS_MAX);
        }
        // Ranked with the board's token in the query, as for any other word: the same order is expected.
        List<Long> expected = t.sql(h -> h.createQuery("SELECT r.seq FROM (" + dialect.searchRanked() + ") r "
                        + "JOIN posts p ON p.seq = r.seq WHERE p.state = 'listed' ORDER BY r.rank, r.seq DESC")
                .bind("project", projectId).bind("search", search.expression())
                .mapTo(Long.class).list());
        assertThat(expected).isNotEmpty();
        PostLists lists = new PostLists(dialect, THRESHOLD, 1, KeptSearches.NONE);
        Page<PostView> page = t.sql(h -> lists.list(h, projectId,
                new PostQuery(PostSort.RELEVANCE, null, null, word, new PageRequest(1, 100)), false, null,
                t.clock().instant()));
        List<Long> got = t.sql(h -> seqs(h, page));
        assertThat(got).isEqualTo(expected);
        assertThat(page.total()).isEqualTo(expected.size());
    }

    @Test
    void aLongPrefixNoPostHoldsFindsNothing() {
        PostLists lists = new PostLists(dialect, THRESHOLD, 1, KeptSearches.NONE);
        for (PostSort sort : PostSort.values()) {
            Page<PostView> page = t.sql(h -> lists.list(h, projectId,
                    new PostQuery(sort, null, null, "qqqqxyz", PageRequest.FIRST), false, null, t.clock().instant()));
            assertThat(page.items()).isEmpty();
            assertThat(page.total()).isZero();
        }
    }

    @Test
    void theDefaultThresholdCountsExactly() {
        String word = wordNear(0.9);
        PostLists lists = new PostLists(dialect, KeptSearches.NONE);
        Page<PostView> page = t.sql(h -> lists.list(h, projectId,
                new PostQuery(PostSort.MOST_VOTES, null, null, word, PageRequest.FIRST), false, null,
                t.clock().instant()));
        assertThat(page.totalIsEstimate()).isFalse();
        assertThat(page.total()).isEqualTo(reference(word, PostSort.MOST_VOTES, null).size());
    }

    @Test
    void aSearchRankedByRelevanceHandsItsExactTotalToTheOtherSortsOfTheSameWords() {
        org.junit.jupiter.api.Assumptions.assumeTrue(t.sql(h -> dialect.searchIndexVersion(h)) != null,
                "this database keeps nothing from its index (no version to keep it by)");
        // Every post listed: only then is what the index alone says kept.
        t.write(h -> h.execute("UPDATE posts SET state = 'listed' WHERE project_id = ?", projectId));
        String word = wordNear(0.9).substring(0, 3);
        int matches = reference(word, PostSort.NEWEST, null).size();
        assertThat(matches).isGreaterThan(THRESHOLD);
        KeptSearches kept = new KeptSearches(1 << 20);
        PostLists lists = new PostLists(dialect, THRESHOLD, 1, kept);
        java.util.function.Function<PostSort, Page<PostView>> search = sort -> t.sql(h -> lists.list(h, projectId,
                new PostQuery(sort, null, null, word, PageRequest.FIRST), false, null, t.clock().instant()));

        Page<PostView> ranked = search.apply(PostSort.RELEVANCE);
        assertThat(ranked.total()).isEqualTo(matches);
        long hitsBefore = kept.counts()[0];
        Page<PostView> newest = search.apply(PostSort.NEWEST);
        assertThat(newest.total()).as("the ranking's exact count, not an estimate").isEqualTo(matches);
        assertThat(newest.totalIsEstimate()).isFalse();
        assertThat(kept.counts()[0]).as("the total was kept, not counted again").isGreaterThan(hitsBefore);
        List<Long> firstPage = t.sql(h -> seqs(h, newest));
        assertThat(firstPage).isEqualTo(reference(word, PostSort.NEWEST, null).subList(0, firstPage.size()));
        assertThat(firstPage).isNotEmpty();
    }
}
