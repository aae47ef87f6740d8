package io.rungu.store.internal.board;

import io.rungu.model.BoardStatus;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.model.Limits;
import io.rungu.model.StatusKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import io.rungu.store.internal.db.Dialect;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;

/** The post list of a board: filters, sorts, search and page totals; and the posts similar to a text. */
final class PostLists {
    /**
     * Below this many matches, a search sorted other than by relevance reads its matches by key and sorts them;
     * at or above it, it walks the sort's index of the board and keeps the posts that match (the matches are
     * first gathered into a set), which stops after one page however many posts match. A walk reads about
     * (board size / matches) index entries per post of the page, a sort one row per match: with a page of 20 on
     * a board of 10k-100k posts they cost about the same near a few hundred matches.
     */
    static final int WALK_INDEX_MATCHES = 300;

    /**
     * A walk of the sort's index against matches held in memory reads at most this many entries: about 1 us each in
     * SQLite (20,000 of a 100k-post board's vote index in 20 ms), with the driver's work per row on top, about what
     * FTS5 takes to gather the matches of two common words at 1M posts (25-45 ms). A page of 20 among a tenth of
     * the board reads about 200.
     */
    static final int WALK_ROWS_MAX = 20_000;

    /**
     * Words held by at most this many posts of all boards are ranked over every board's matches, joined with
     * {@code posts} to keep the board's ({@link Dialect#searchRankedAcrossBoards}): about 3.5 us a match against
     * a fixed cost of 3-5 ms for the board's statistics at 100k posts on a board.
     */
    static final long RANK_ACROSS_BOARDS_MAX = 1_000;

    /** Up to this many matches a search's total is exact (issue #16); past it, it may be an estimate. */
    static final int EXACT_TOTAL_MAX = 10_000;

    /** Parts of the key range an estimated total samples. */
    static final int ESTIMATE_PARTS = 20;

    /** Matches read per part of an estimate: 20 x 500 in all, so each part is within about 4.5 % (one sigma). */
    static final int ESTIMATE_SAMPLE = 500;

    /**
     * A membership test by key costs about this many match reads (see {@link #walkTestingEach}): on SQLite at 1M
     * posts a rowid lookup in the postings of a common word took 36 us, streaming its matches 0.15 us each.
     */
    static final int TEST_COST = 200;

    /** The keys of a board's pinned posts, from the partial index posts_pinned. */
    static final String PINNED_SQL = "SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.pinned = 1";

    private final Dialect dialect;
    private final int exactTotalMax;
    private final int testCost;
    private final KeptSearches searches;

    /** Keeping what searches read from the index in {@code searches}. */
    PostLists(Dialect dialect, KeptSearches searches) {
        this(dialect, EXACT_TOTAL_MAX, TEST_COST, searches);
    }

    /**
     * @param exactTotalMax up to this many matches a search's total is exact
     * @param testCost      a test by key in match reads (tests use small values of both to reach every path)
     * @param searches      where what searches read from the index alone is kept ({@link KeptSearches#NONE})
     */
    PostLists(Dialect dialect, int exactTotalMax, int testCost, KeptSearches searches) {
        this.dialect = dialect;
        this.exactTotalMax = exactTotalMax;
        this.testCost = testCost;
        this.searches = searches;
    }

    /** The expression of a search's words (see {@link Dialect#search}). */
    private record ExpressionKey(List<String> terms, boolean anyWord) {}

    /** A board's number of matches of an expression, with no filter. */
    private record TotalKey(String projectId, String search) {}

    /** A page of a board's matches by relevance, with no filter. */
    private record RankedKey(String projectId, String search, long offset, int limit) {}

    /** The keys of a page by relevance and the board's exact number of matches. */
    private record RankedPage(List<Long> seqs, long total) {}

    private Dialect.Search expression(Handle h, String version, List<String> terms, boolean anyWord) {
        return searches.get(version, new ExpressionKey(terms, anyWord), () -> dialect.search(h, terms, anyWord),
                e -> e.matchesNothing() ? 0 : 2L * e.expression().length());
    }

    /**
     * A page of the board's posts as a list shows them: hidden posts only when {@code withHidden} (admins), pending
     * posts never (they are in {@link #pending}); {@code viewerId} marks that viewer's votes (null: none).
     */
    Page<PostView> list(Handle h, String projectId, PostQuery query, boolean withHidden, String viewerId,
            Instant now) {
        PageRequest page = query.page() == null ? PageRequest.FIRST : query.page();
        List<String> terms = SearchTerms.of(query.text());
        if (query.personal() && viewerId == null) {
            throw RunguException.unauthenticated();
        }
        List<String> statuses = statuses(h, projectId, query);
        if (statuses != null && statuses.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.perPage(), 0);
        }
        if (query.category() != null) {
            BoardDefinitions.requireCategory(h, projectId, query.category(), "category");
        }
        String tagId = query.tag() == null ? null : BoardDefinitions.requireTag(h, projectId, query.tag(), "tag").id();
        Filters filters = new Filters(projectId, statuses, query.category(), tagId,
                query.mine() ? viewerId : null, query.votedByMe() ? viewerId : null, withHidden,
                holdsUnlisted(h, projectId, withHidden));
        Instant since = now.minus(Duration.ofDays(Limits.TRENDING_DAYS_DEFAULT));
        if (terms.isEmpty()) {
            if (SearchTerms.unsearchable(query.text())) {
                return new Page<>(List.of(), page.page(), page.perPage(), 0);
            }
            PostSort sort = query.sort() == null || query.sort() == PostSort.RELEVANCE ? PostSort.NEWEST : query.sort();
            List<Long> pinned = pinned(h, sort, filters, since);
            List<Long> seqs;
            if (sort == PostSort.TRENDING) {
                seqs = trendingFirst(h, filters, pinned, page, since);
            } else {
                seqs = pinned.isEmpty()
                        ? filters.bind(h.createQuery(keysSql(sort, filters)))
                                .bind("limit", page.perPage()).bind("offset", page.offset())
                                .mapTo(Long.class).list()
                        : pinnedFirst(h, sort, filters, pinned, page);
            }
            long total = filters.bind(h.createQuery(countSql(filters))).mapTo(Long.class).one();
            return new Page<>(PostReads.bySeqs(h, seqs, viewerId), page.page(), page.perPage(), total);
        }
        PostSort sort = query.sort() == null ? PostSort.RELEVANCE : query.sort();
        // Without a filter, what follows from the index alone is kept until the index changes (KeptSearches);
        // a filter, or a board holding posts the list leaves out, brings in what the index does not hold.
        String version = searches.enabled() ? dialect.searchIndexVersion(h) : null;
        Dialect.Search expression = expression(h, version, terms, false);
        if (expression.matchesNothing()) {
            return new Page<>(List.of(), page.page(), page.perPage(), 0);
        }
        String search = expression.expression();
        boolean seeks = expression.seeks();
        Supplier<SearchTotal> count = () -> seeks ? searchTotal(h, filters, search)
                : new SearchTotal(filters.bind(h.createQuery(searchCountSql(dialect, filters)))
                        .bind("search", search).mapTo(Long.class).one(), false);
        if (sort == PostSort.RELEVANCE) {
            boolean acrossBoards = !filters.narrows() && expression.matchesAtMost() <= RANK_ACROSS_BOARDS_MAX;
            Supplier<RankedPage> rank = () -> {
                Dialect.RankedKeys fromPostings = filters.narrows() ? null
                        : dialect.rankedFromPostings(h, projectId, expression, page.offset(), page.perPage());
                RankedPage r = fromPostings != null
                        ? new RankedPage(fromPostings.seqs(), fromPostings.total())
                        : ranked(h, filters, search, acrossBoards, page);
                if (!filters.narrows()) {
                    // Ranking counted every match exactly: the other sorts of the same words need not count again.
                    searches.get(version, new TotalKey(projectId, search), () -> new SearchTotal(r.total(), false),
                            t -> 0);
                }
                return r;
            };
            RankedPage ranked = filters.narrows() ? rank.get()
                    : searches.get(version, new RankedKey(projectId, search, page.offset(), page.perPage()), rank,
                            r -> 16L * r.seqs().size());
            return new Page<>(PostReads.bySeqs(h, ranked.seqs(), viewerId), page.page(), page.perPage(),
                    ranked.total());
        }
        if (!filters.narrows() && sort != PostSort.TRENDING) {
            long[] matches = dialect.matchesFromPostings(h, projectId, expression);
            List<Long> seqs = matches == null ? null : amongMatches(h, sort, filters, matches, page);
            if (seqs != null) {
                searches.get(version, new TotalKey(projectId, search), () -> new SearchTotal(matches.length, false),
                        t -> 0);
                return new Page<>(PostReads.bySeqs(h, seqs, viewerId), page.page(), page.perPage(), matches.length);
            }
        }
        SearchTotal counted = filters.narrows() ? count.get()
                : searches.get(version, new TotalKey(projectId, search), count, t -> 0);
        long total = counted.total();
        if (!counted.estimate() && total <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.perPage(), total);
        }
        List<Long> seqs;
        if (sort == PostSort.TRENDING && total >= WALK_INDEX_MATCHES) {
            seqs = trendingMatches(h, filters, search, seeks && walkTestingEach(h, filters, total, page), page, since);
        } else if (seeks && sort != PostSort.TRENDING && walkTestingEach(h, filters, total, page)) {
            Filters matching = filters.matching(dialect.searchContains());
            seqs = matching.bind(h.createQuery(keysSql(sort, matching))).bind("search", search)
                    .bind("limit", page.perPage()).bind("offset", page.offset()).mapTo(Long.class).list();
        } else {
            Query sorted = filters.bind(h.createQuery(sortedPageSql(dialect, sort, filters, total)))
                    .bind("search", search).bind("limit", page.perPage()).bind("offset", page.offset());
            if (sort == PostSort.TRENDING) {
                sorted.bind("since", since);
            }
            seqs = sorted.mapTo(Long.class).list();
        }
        return new Page<>(PostReads.bySeqs(h, seqs, viewerId), page.page(), page.perPage(), total,
                counted.estimate());
    }

    /**
     * The page's keys among a search's {@code matches} (ascending keys) in the sort's order: each post of the
     * board's index for the order is tested against them, and the walk stops once the page is full. Null when it
     * would read more than {@link #WALK_ROWS_MAX} entries (a deep page, or few matches): the caller then lets the
     * index find them.
     */
    private static List<Long> amongMatches(Handle h, PostSort sort, Filters filters, long[] matches,
            PageRequest page) {
        if (matches.length <= page.offset()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(page.perPage());
        long skip = page.offset();
        int read = 0;
        try (ResultIterator<Long> walk = filters.bind(h.createQuery("SELECT p.seq FROM posts p WHERE "
                + filters.postSql() + " ORDER BY " + PostReads.order(sort))).mapTo(Long.class).iterator()) {
            while (walk.hasNext() && seqs.size() < page.perPage()) {
                if (++read > WALK_ROWS_MAX) {
                    return null;
                }
                long seq = walk.next();
                if (Arrays.binarySearch(matches, seq) >= 0 && skip-- <= 0) {
                    seqs.add(seq);
                }
            }
        }
        return seqs;
    }

    /** A search's number of matches; an estimate past {@link #exactTotalMax}. */
    record SearchTotal(long total, boolean estimate) {}

    /**
     * A trending page of a search with many matches, in the two parts of a trending list ({@link #trendingFirst}),
     * so no part sorts every match: the recent matches, counted and sorted by votes among the board's recent posts
     * (only the matches from the first recent post's key on are gathered, a small tail when keys follow creation
     * as they do unless posts were imported), then the older matches by a walk of the vote index, each post tested
     * by key ({@code walk}) or against the gathered matches.
     */
    private List<Long> trendingMatches(Handle h, Filters filters, String search, boolean walk, PageRequest page,
            Instant since) {
        long firstRecent = filters.bind(h.createQuery("SELECT coalesce(min(p.seq), -1) FROM posts p WHERE "
                + filters.postSql() + " AND p.created_at >= :since")).bind("since", since).mapTo(Long.class).one();
        List<Long> seqs = new ArrayList<>();
        long recent = 0;
        if (firstRecent >= 0) {
            Filters recentMatching = filters.matching("p.seq IN (" + dialect.searchMatchesBetween() + ")");
            recent = recentMatching.bind(h.createQuery(trendingCountSql(recentMatching, false)))
                    .bind("since", since).bind("search", search).bind("from", firstRecent).bind("to", Long.MAX_VALUE)
                    .mapTo(Long.class).one();
            if (page.offset() < recent) {
                seqs.addAll(recentMatching.bind(h.createQuery(trendingSql(recentMatching, true, false)))
                        .bind("since", since).bind("search", search).bind("from", firstRecent)
                        .bind("to", Long.MAX_VALUE).bind("limit", page.perPage()).bind("offset", page.offset())
                        .mapTo(Long.class).list());
            }
        }
        int rest = page.perPage() - seqs.size();
        if (rest > 0) {
            Filters older = filters.matching(walk ? dialect.searchContains()
                    : "p.seq IN (" + dialect.searchMatches() + ")");
            seqs.addAll(older.bind(h.createQuery(trendingSql(older, false, false))).bind("since", since)
                    .bind("search", search).bind("limit", rest).bind("offset", Math.max(0, page.offset() - recent))
                    .mapTo(Long.class).list());
        }
        return seqs;
    }

    /**
     * A page by relevance: ranking reads every match anyway, so the page carries the total (a window count); only
     * a page past the end needs a separate count.
     */
    private RankedPage ranked(Handle h, Filters filters, String search, boolean acrossBoards, PageRequest page) {
        List<long[]> rows = filters.bind(h.createQuery(rankedPageSql(dialect, filters, acrossBoards)))
                .bind("search", search).bind("limit", page.perPage()).bind("offset", page.offset())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        long total = !rows.isEmpty() ? rows.get(0)[1] : filters.bind(h.createQuery(searchCountSql(dialect, filters)))
                .bind("search", search).mapTo(Long.class).one();
        return new RankedPage(rows.stream().map(r -> r[0]).toList(), total);
    }

    /**
     * For words the index can seek in ({@link Dialect.Search#seeks}): the board's matches counted up to
     * {@link #exactTotalMax} (a count that stops there, so it reads at most that
     * many matches); past it, an estimate from {@link #ESTIMATE_PARTS} equal parts of the key range, each counted
     * up to {@link #ESTIMATE_SAMPLE} matches and extrapolated over the part of its range it did not read.
     * A part's matches are read in key order from where it starts, so a part with fewer matches is counted
     * exactly, and a trend over time (a word that became common) is followed part by part.
     */
    SearchTotal searchTotal(Handle h, Filters filters, String search) {
        long counted = filters.bind(h.createQuery(boundedSearchCountSql(dialect, filters)))
                .bind("search", search).bind("cap", exactTotalMax + 1).mapTo(Long.class).one();
        if (counted <= exactTotalMax) {
            return new SearchTotal(counted, false);
        }
        // Two subqueries: SQLite answers a lone min() or max() from the key's end, but both in one SELECT by
        // reading every row (about 80 ms at 1M posts).
        long[] range = h.createQuery("SELECT (SELECT min(seq) FROM posts), (SELECT max(seq) FROM posts)")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        long span = range[1] - range[0] + 1;
        double estimate = 0;
        String sample = sampleSql(dialect, filters);
        for (int i = 0; i < ESTIMATE_PARTS; i++) {
            long from = range[0] + span * i / ESTIMATE_PARTS;
            long to = range[0] + span * (i + 1) / ESTIMATE_PARTS - 1;
            long[] part = filters.bind(h.createQuery(sample)).bind("search", search).bind("from", from)
                    .bind("to", to).bind("cap", ESTIMATE_SAMPLE)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            estimate += part[0] < ESTIMATE_SAMPLE ? part[0]
                    : (double) part[0] * (to - from + 1) / (part[1] - from + 1);
        }
        return new SearchTotal(Math.max(exactTotalMax + 1, Math.round(estimate)), true);
    }

    /**
     * True when a page of a search sorted other than by relevance is best found by walking the sort's index of
     * the board and testing each post against the words by key ({@link Dialect#searchContains}), rather than
     * gathering every match first: when the walk, about (offset + page) * board size / matches tests, costs less
     * than reading the matches (a test costs about {@link #TEST_COST} match reads).
     */
    boolean walkTestingEach(Handle h, Filters filters, long matches, PageRequest page) {
        if (matches < WALK_INDEX_MATCHES) {
            return false;
        }
        long boardPosts = h.createQuery("SELECT coalesce(sum(posts + hidden), 0) FROM project_post_counts "
                + "WHERE project_id = :project").bind("project", filters.projectId()).mapTo(Long.class).one();
        double tests = (double) (page.offset() + page.perPage()) * boardPosts / matches;
        return tests * testCost < matches;
    }

    /**
     * The board's posts sharing content words with {@code text}, best first: any word matches (the last by
     * prefix), stop words are ignored, bm25 ranks posts sharing more and rarer words higher. Empty when the text
     * has no content words.
     */
    List<PostView> similar(Handle h, String projectId, String text, int limit, String viewerId) {
        List<String> terms = SearchTerms.contentWords(text);
        Dialect.Search expression = terms.isEmpty() ? Dialect.Search.NOTHING
                : expression(h, searches.enabled() ? dialect.searchIndexVersion(h) : null, terms, true);
        if (expression.matchesNothing()) {
            return List.of();
        }
        List<Long> seqs = h.createQuery("SELECT r.seq FROM (" + dialect.searchRanked() + ") r "
                        + "CROSS JOIN posts p WHERE p.seq = r.seq AND p.state = 'listed' "
                        + "ORDER BY r.rank, r.seq DESC LIMIT :limit")
                .bind("project", projectId).bind("search", expression.expression())
                .bind("limit", limit).mapTo(Long.class).list();
        return PostReads.bySeqs(h, seqs, viewerId);
    }

    /**
     * Up to {@code limit} posts of a board after {@code after} (null: from the start) in creation order, by a keyset
     * on the {@code posts_newest} index: every page costs the same at any depth, unlike an offset.
     */
    List<PostView> after(Handle h, String projectId, Post after, int limit) {
        Query q = h.createQuery("SELECT p.seq FROM posts p WHERE p.project_id = :project"
                + (after == null ? "" : " AND (p.created_at, p.id) > (:created, :id)")
                + " ORDER BY p.created_at, p.id LIMIT :limit").bind("project", projectId).bind("limit", limit);
        if (after != null) {
            q.bind("created", after.createdAt()).bind("id", after.id());
        }
        return PostReads.bySeqs(h, q.mapTo(Long.class).list(), null);
    }

    /**
     * The keys of the board's pinned posts that pass the filters, in the sort's order: at most
     * {@link io.rungu.model.Limits#PINNED_POSTS_MAX} found through the partial index posts_pinned, so a board
     * without pinned posts pays one empty index probe.
     */
    private static List<Long> pinned(Handle h, PostSort sort, Filters filters, Instant since) {
        List<Long> onBoard = h.createQuery(PINNED_SQL).bind("project", filters.projectId()).mapTo(Long.class).list();
        if (onBoard.isEmpty()) {
            return onBoard;
        }
        Query q = filters.bind(h.createQuery("SELECT p.seq FROM posts p WHERE p.seq IN (<seqs>) AND "
                        + filters.postSql() + " ORDER BY " + PostReads.order(sort)))
                .bindList("seqs", onBoard);
        if (sort == PostSort.TRENDING) {
            q.bind("since", since);
        }
        return q.mapTo(Long.class).list();
    }

    /**
     * The statuses a list keeps, as wire values: null for any status; empty when the filters leave none (then the
     * list is empty). Each named status must be one of the board's; {@code excludeClosed} drops the closed kind.
     */
    private static List<String> statuses(Handle h, String projectId, PostQuery query) {
        List<PostStatus> named = query.status() != null ? List.of(query.status()) : query.statuses();
        if (named.isEmpty() && !query.excludeClosed()) {
            return null;
        }
        List<BoardStatus> board = BoardDefinitions.statuses(h, projectId);
        List<BoardStatus> kept = new ArrayList<>();
        if (named.isEmpty()) {
            kept.addAll(board);
        } else {
            for (PostStatus status : named) {
                BoardStatus s = BoardDefinitions.requireStatus(h, projectId, status, "status");
                if (!kept.contains(s)) {
                    kept.add(s);
                }
            }
        }
        if (query.excludeClosed()) {
            kept.removeIf(s -> s.kind() == StatusKind.CLOSED);
        }
        return kept.stream().map(BoardStatus::slug).toList();
    }

    /**
     * A trending page: the pinned posts first, then the other posts created since {@code since} by votes (a range
     * of the creation index, sorted), then the older ones by votes (a walk of the vote index). Counting the recent
     * posts tells where the page falls, so any page is exact.
     */
    private static List<Long> trendingFirst(Handle h, Filters filters, List<Long> pinned, PageRequest page,
            Instant since) {
        int k = pinned.size();
        long offset = page.offset();
        List<Long> seqs = new ArrayList<>(pinned.subList((int) Math.min(offset, k),
                (int) Math.min(offset + page.perPage(), k)));
        long from = Math.max(0, offset - k);
        boolean unpinned = k > 0;
        long recent = filters.bind(h.createQuery(trendingCountSql(filters, unpinned)))
                .bind("since", since).mapTo(Long.class).one();
        int rest = page.perPage() - seqs.size();
        if (rest > 0 && from < recent) {
            seqs.addAll(filters.bind(h.createQuery(trendingSql(filters, true, unpinned)))
                    .bind("since", since).bind("limit", rest).bind("offset", from)
                    .mapTo(Long.class).list());
        }
        rest = page.perPage() - seqs.size();
        if (rest > 0) {
            seqs.addAll(filters.bind(h.createQuery(trendingSql(filters, false, unpinned)))
                    .bind("since", since).bind("limit", rest).bind("offset", Math.max(0, from - recent))
                    .mapTo(Long.class).list());
        }
        return seqs;
    }

    /**
     * One part of a trending list: the posts created since {@code :since} ({@code recent}) or before it, most-voted
     * first. The unary plus keeps the recent part on the creation index's small range (as the trending view does);
     * the older part walks the vote index, which holds created_at, so no row is read to skip a recent post (its
     * test is wrapped in a CASE so no planner takes it for a range of the creation index, whose matches would all
     * be sorted).
     */
    static String trendingSql(Filters filters, boolean recent, boolean unpinned) {
        return "SELECT p.seq FROM posts p WHERE " + filters.postSql()
                + (recent ? " AND p.created_at >= :since" : " AND CASE WHEN p.created_at < :since THEN 1 ELSE 0 END = 1")
                + (unpinned ? " AND p.pinned = 0" : "")
                + " ORDER BY " + (recent ? "+p.vote_count DESC" : "p.vote_count DESC")
                + ", p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset";
    }

    /** The number of posts in the recent part of a trending list. */
    static String trendingCountSql(Filters filters, boolean unpinned) {
        return "SELECT count(*) FROM posts p WHERE " + filters.postSql() + " AND p.created_at >= :since"
                + (unpinned ? " AND p.pinned = 0" : "");
    }

    /**
     * A page of the list with the pinned posts first: the part of the page the pinned posts fill, then the rest
     * from the other posts in the sort's order. The other posts' walk tests each row's pin, so a board with pinned
     * posts reads rows where one without reads only the index.
     */
    private static List<Long> pinnedFirst(Handle h, PostSort sort, Filters filters, List<Long> pinned,
            PageRequest page) {
        int k = pinned.size();
        long offset = page.offset();
        List<Long> seqs = new java.util.ArrayList<>(pinned.subList((int) Math.min(offset, k),
                (int) Math.min(offset + page.perPage(), k)));
        int rest = page.perPage() - seqs.size();
        if (rest > 0) {
            seqs.addAll(filters.bind(h.createQuery("SELECT p.seq FROM posts p WHERE " + filters.postSql()
                            + " AND p.pinned = 0 ORDER BY " + PostReads.order(sort) + " LIMIT :limit OFFSET :offset"))
                    .bind("limit", rest).bind("offset", Math.max(0, offset - k))
                    .mapTo(Long.class).list());
        }
        return seqs;
    }

    /**
     * The board's posts waiting for approval, oldest first, with their number: the approval queue, served by the
     * partial index posts_pending.
     */
    Page<PostView> pending(Handle h, String projectId, PageRequest page, String viewerId) {
        List<Long> seqs = h.createQuery("SELECT p.seq FROM posts p WHERE p.project_id = :project "
                        + "AND p.state = 'pending' ORDER BY p.created_at, p.id LIMIT :limit OFFSET :offset")
                .bind("project", projectId).bind("limit", page.perPage()).bind("offset", page.offset())
                .mapTo(Long.class).list();
        long total = h.createQuery("SELECT count(*) FROM posts p WHERE p.project_id = :project AND p.state = 'pending'")
                .bind("project", projectId).mapTo(Long.class).one();
        return new Page<>(PostReads.bySeqs(h, seqs, viewerId), page.page(), page.perPage(), total);
    }

    /**
     * True when the board has posts a list must leave out (pending ones, and hidden ones unless {@code withHidden}),
     * so lists and searches must test each post's state (see {@link Filters#postSql}). Both reads are one index probe.
     */
    static boolean holdsUnlisted(Handle h, String projectId, boolean withHidden) {
        boolean pending = h.createQuery("SELECT 1 FROM posts WHERE project_id = :project AND state = 'pending' LIMIT 1")
                .bind("project", projectId).mapTo(Integer.class).findOne().isPresent();
        if (pending || withHidden) {
            return pending;
        }
        return h.createQuery("SELECT coalesce(sum(hidden), 0) FROM project_post_counts WHERE project_id = :project")
                .bind("project", projectId).mapTo(Long.class).one() > 0;
    }

    /** The page's keys in list order, walking one index (see the posts indexes of the schema). */
    static String keysSql(PostSort sort, Filters filters) {
        return "SELECT p.seq FROM posts p WHERE " + filters.postSql() + " ORDER BY " + PostReads.order(sort)
                + " LIMIT :limit OFFSET :offset";
    }

    /**
     * The list's total from the maintained per-board counters, never by counting posts; with a tag, by counting
     * the tag's posts (at most the posts carrying it, read from post_tags_tag).
     */
    static String countSql(Filters filters) {
        if (filters.tagId() != null || filters.authorId() != null || filters.voterId() != null) {
            return "SELECT count(*) FROM posts p WHERE " + filters.postSql();
        }
        return "SELECT coalesce(sum(" + (filters.withHidden() ? "posts + hidden" : "posts")
                + "), 0) FROM project_post_counts p WHERE " + filters.sql();
    }

    /**
     * The exact number of the board's matches: counted inside the full-text index alone when no filter applies,
     * else over the matches joined with their posts by key.
     */
    static String searchCountSql(Dialect dialect, Filters filters) {
        if (!filters.narrows()) {
            return "SELECT count(*) FROM (" + dialect.searchMatches() + ") m";
        }
        return "SELECT count(*) FROM (" + dialect.searchMatches() + ") m CROSS JOIN posts p "
                + "WHERE p.seq = m.seq AND " + filters.postSql();
    }

    /** The board's matches counted up to {@code :cap}: reads at most that many. */
    static String boundedSearchCountSql(Dialect dialect, Filters filters) {
        if (!filters.narrows()) {
            return "SELECT count(*) FROM (" + dialect.searchMatches() + " LIMIT :cap) m";
        }
        return "SELECT count(*) FROM (SELECT m.seq FROM (" + dialect.searchMatches() + ") m CROSS JOIN posts p "
                + "WHERE p.seq = m.seq AND " + filters.postSql() + " LIMIT :cap) c";
    }

    /**
     * The number of the board's matches from {@code :from} to {@code :to}, counted up to {@code :cap}, and the
     * key of the last one counted.
     */
    static String sampleSql(Dialect dialect, Filters filters) {
        String matches = "(" + dialect.searchMatchesBetween() + ") m";
        return "SELECT count(*), max(c.seq) FROM (SELECT m.seq FROM " + matches
                + (filters.narrows() ? " CROSS JOIN posts p WHERE p.seq = m.seq AND " + filters.postSql() : "")
                + " ORDER BY m.seq LIMIT :cap) c";
    }

    /**
     * The page's keys by relevance with the number of matches: every match of the board is ranked (the rank needs
     * the match's postings, nothing else), then joined with its post by key only when a filter applies; or, with
     * {@code acrossBoards} (only when no filter applies), every board's matches are ranked and the board's kept.
     */
    static String rankedPageSql(Dialect dialect, Filters filters, boolean acrossBoards) {
        if (acrossBoards) {
            // The board read by key for each match: as a join, SQLite would walk the board's posts instead.
            return "SELECT r.seq, count(*) OVER () AS total FROM (" + dialect.searchRankedAcrossBoards() + ") r "
                    + "WHERE (SELECT p.project_id FROM posts p WHERE p.seq = r.seq) = :project "
                    + "ORDER BY r.rank, r.seq DESC LIMIT :limit OFFSET :offset";
        }
        String from = "(" + dialect.searchRanked() + ") r";
        return "SELECT r.seq, count(*) OVER () AS total FROM " + from
                + (filters.narrows() ? " CROSS JOIN posts p WHERE p.seq = r.seq AND " + filters.postSql() : "")
                + " ORDER BY r.rank, r.seq DESC LIMIT :limit OFFSET :offset";
    }

    /**
     * The page's keys over every match of the board in another order: a few matches are read by key and sorted;
     * many are kept as a set while the board's index for that order is walked (see {@link #WALK_INDEX_MATCHES}).
     */
    static String sortedPageSql(Dialect dialect, PostSort sort, Filters filters, long matches) {
        if (matches < WALK_INDEX_MATCHES) {
            return "SELECT p.seq FROM (" + dialect.searchMatches() + ") m CROSS JOIN posts p WHERE p.seq = m.seq AND "
                    + filters.postSql() + " ORDER BY " + PostReads.order(sort) + " LIMIT :limit OFFSET :offset";
        }
        return "SELECT p.seq FROM posts p WHERE " + filters.postSql() + " AND p.seq IN (" + dialect.searchMatches()
                + ") ORDER BY " + PostReads.order(sort) + " LIMIT :limit OFFSET :offset";
    }

    /**
     * The WHERE conditions of a list, on a table aliased {@code p} having project_id, status and category (and id,
     * with a tag; created_by, with an author).
     *
     * @param statuses   the statuses kept (wire values), null for any; one status is tested by equality so the
     *                   status indexes serve the list
     * @param authorId   only this user's posts (null: anyone's)
     * @param voterId    only the posts this user voted for (null: any)
     * @param withHidden hidden posts are listed too (admins)
     * @param held       the board has posts the list leaves out ({@link #holdsUnlisted})
     */
    record Filters(String projectId, List<String> statuses, PostCategory category, String tagId, String authorId,
                   String voterId, boolean withHidden, boolean held, String matchSql) {
        Filters(String projectId, List<String> statuses, PostCategory category, String tagId, String authorId,
                String voterId, boolean withHidden, boolean held) {
            this(projectId, statuses, category, tagId, authorId, voterId, withHidden, held, null);
        }

        /** Listed posts only, no other filter. */
        Filters(String projectId, PostStatus status, PostCategory category) {
            this(projectId, status == null ? null : List.of(status.wire()), category, null, null, null, false, false);
        }

        /** These filters and a search tested on each post ({@link Dialect#searchContains}; binds {@code :search}). */
        Filters matching(String contains) {
            return new Filters(projectId, statuses, category, tagId, authorId, voterId, withHidden, held, contains);
        }

        /** True when a filter beyond the board applies, or the board holds posts the list leaves out. */
        boolean narrows() {
            return statuses != null || category != null || tagId != null || authorId != null || voterId != null
                    || held;
        }

        /**
         * {@link #sql()} and the posts the viewer's list shows ({@link Access#listedSql}), on {@code posts p}. Only a
         * board that holds posts the list leaves out pays for the state test: without it, the board's indexes cover
         * the list and no row is read to build a page.
         */
        String postSql() {
            return (held ? sql() + " AND " + Access.listedSql(withHidden) : sql())
                    + (matchSql == null ? "" : " AND " + matchSql);
        }

        String sql() {
            return "p.project_id = :project"
                    + (statuses == null ? "" : statuses.size() == 1 ? " AND p.status = :status"
                            : " AND p.status IN (<statuses>)")
                    + (category == null ? "" : " AND p.category = :category")
                    + (tagId == null ? "" : " AND p.id IN (SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = :tag)")
                    + (authorId == null ? "" : " AND p.created_by = :author")
                    + (voterId == null ? "" : " AND p.id IN (SELECT v.post_id FROM votes v WHERE v.user_id = :voter)");
        }

        Query bind(Query q) {
            q.bind("project", projectId);
            if (tagId != null) {
                q.bind("tag", tagId);
            }
            if (statuses != null) {
                if (statuses.size() == 1) {
                    q.bind("status", statuses.get(0));
                } else {
                    q.bindList("statuses", statuses);
                }
            }
            if (category != null) {
                q.bind("category", category.wire());
            }
            if (authorId != null) {
                q.bind("author", authorId);
            }
            if (voterId != null) {
                q.bind("voter", voterId);
            }
            return q;
        }
    }
}
