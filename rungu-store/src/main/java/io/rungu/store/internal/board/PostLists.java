package io.rungu.store.internal.board;

import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.store.internal.db.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The post list of a board: filters, sorts, search and page totals. */
final class PostLists {
    /**
     * How many matches, across all boards, one search considers: the most recent ones, ranked among themselves.
     * The full-text index cannot filter by board, and scoring every match of a common word costs the number of
     * matches in the whole installation (0.2-1.4 s at 1M posts). With the bound, a search costs about the same
     * whatever it matches (about 20 ms for a word in 97 % of 100k posts, against 250 ms to rank them all). The
     * price: when a search matches more than this many posts across all boards, older matches are not found, the
     * reported total counts only this board's share of the candidates, and a quiet board next to a busy one may
     * find fewer of its own old posts. Searches that match fewer posts than this are exact and fully ranked.
     */
    static final int SEARCH_CANDIDATES = 2000;

    private final Dialect dialect;

    PostLists(Dialect dialect) {
        this.dialect = dialect;
    }

    Page<PostView> list(Handle h, String projectId, PostQuery query, String viewerId) {
        PageRequest page = query.page() == null ? PageRequest.FIRST : query.page();
        List<String> terms = SearchTerms.of(query.text());
        Filters filters = new Filters(projectId, query.status(), query.category());
        List<Long> seqs;
        long total;
        if (terms.isEmpty()) {
            PostSort sort = query.sort() == null || query.sort() == PostSort.RELEVANCE ? PostSort.NEWEST : query.sort();
            seqs = filters.bind(h.createQuery(keysSql(sort, filters)))
                    .bind("limit", page.perPage()).bind("offset", page.offset())
                    .mapTo(Long.class).list();
            total = filters.bind(h.createQuery(countSql(filters))).mapTo(Long.class).one();
        } else {
            PostSort sort = query.sort() == null ? PostSort.RELEVANCE : query.sort();
            String search = dialect.searchExpression(terms);
            // The page carries the total (a window count), so the full-text query runs once per page; only a
            // page past the end needs a separate count.
            List<long[]> rows = filters.bind(h.createQuery(searchKeysSql(dialect, sort, filters)))
                    .bind("search", search).bind("candidates", SEARCH_CANDIDATES)
                    .bind("limit", page.perPage()).bind("offset", page.offset())
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            seqs = rows.stream().map(r -> r[0]).toList();
            total = !rows.isEmpty() ? rows.get(0)[1]
                    : filters.bind(h.createQuery(searchCountSql(dialect, filters)))
                            .bind("search", search).bind("candidates", SEARCH_CANDIDATES)
                            .mapTo(Long.class).one();
        }
        return new Page<>(PostReads.bySeqs(h, seqs, viewerId), page.page(), page.perPage(), total);
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

    /** The page's keys in list order, walking one index (see the posts indexes of the schema). */
    static String keysSql(PostSort sort, Filters filters) {
        return "SELECT p.seq FROM posts p WHERE " + filters.sql() + " ORDER BY " + PostReads.order(sort)
                + " LIMIT :limit OFFSET :offset";
    }

    /** The list's total from the maintained per-board counters, never by counting posts. */
    static String countSql(Filters filters) {
        return "SELECT coalesce(sum(posts), 0) FROM project_post_counts p WHERE " + filters.sql();
    }

    static String searchKeysSql(Dialect dialect, PostSort sort, Filters filters) {
        String order = sort == PostSort.RELEVANCE ? "p.rank, p.id" : PostReads.order(sort);
        return searchFrom(dialect, "p.seq, count(*) OVER () AS total", filters) + " ORDER BY " + order
                + " LIMIT :limit OFFSET :offset";
    }

    static String searchCountSql(Dialect dialect, Filters filters) {
        return searchFrom(dialect, "count(*)", filters);
    }

    /**
     * The candidates are joined with their posts by key and materialised before the board's filters apply, so the
     * work is bounded by the candidates: left to itself, the planner may instead walk the board's index and probe
     * the candidates, which costs the size of the board.
     */
    private static String searchFrom(Dialect dialect, String columns, Filters filters) {
        return "WITH c AS (" + dialect.searchCandidates() + "), "
                + "m AS MATERIALIZED (SELECT p.seq, c.rank, p.id, p.project_id, p.status, p.category, p.created_at, "
                + "p.updated_at, p.vote_count FROM c CROSS JOIN posts p WHERE p.seq = c.seq) "
                + "SELECT " + columns + " FROM m p WHERE " + filters.sql();
    }

    /** The WHERE conditions of a list, on a table aliased {@code p} having project_id, status and category. */
    record Filters(String projectId, PostStatus status, PostCategory category) {
        String sql() {
            return "p.project_id = :project" + (status == null ? "" : " AND p.status = :status")
                    + (category == null ? "" : " AND p.category = :category");
        }

        Query bind(Query q) {
            q.bind("project", projectId);
            if (status != null) {
                q.bind("status", status.wire());
            }
            if (category != null) {
                q.bind("category", category.wire());
            }
            return q;
        }
    }
}
