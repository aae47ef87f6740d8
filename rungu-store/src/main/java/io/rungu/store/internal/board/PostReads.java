package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads posts as a viewer sees them. Lists run in two steps: a key query that walks one index in list order
 * and returns only the page's row keys ({@code seq}), then one query that joins those rows with their authors
 * and the viewer's votes by primary key. Deep pages therefore skip index entries, not joined rows, and no list
 * runs a query per row. A page or post kept for every viewer ({@link KeptReads}) is read without a viewer and gets
 * each viewer's votes from {@link #markVoted}.
 */
final class PostReads {
    /** The vote lookup for a page of each size, so the same text (and prepared statement) serves every page. */
    private static final String[] VOTED_SQL = new String[Limits.PER_PAGE_MAX + 1];

    static {
        for (int n = 1; n <= Limits.PER_PAGE_MAX; n++) {
            VOTED_SQL[n] = "SELECT post_id FROM votes WHERE user_id = ? AND post_id IN (?" + ", ?".repeat(n - 1) + ")";
        }
    }

    private PostReads() {}

    /** The ORDER BY of a list, on columns of {@code posts} aliased {@code p}; every order ends in the id. */
    static String order(PostSort sort) {
        return switch (sort) {
            case NEWEST, RELEVANCE -> "p.created_at DESC, p.id DESC";
            case OLDEST -> "p.created_at ASC, p.id ASC";
            case MOST_VOTES -> "p.vote_count DESC, p.created_at DESC, p.id DESC";
            case LEAST_VOTES -> "p.vote_count ASC, p.created_at ASC, p.id ASC";
            case RECENTLY_UPDATED -> "p.updated_at DESC, p.id DESC";
            // The statement binds :since, the start of the trending window.
            case TRENDING -> "CASE WHEN p.created_at >= :since THEN 0 ELSE 1 END, " + order(PostSort.MOST_VOTES);
        };
    }

    /** One post with author and the viewer's vote. */
    static Optional<PostView> byId(Handle h, String postId, String viewerId) {
        return h.createQuery(Rows.POST_VIEW_SELECT + "WHERE p.id = :id")
                .bind("id", postId).bind("viewer", viewerId)
                .map(Rows.POST_VIEW).findOne();
    }

    static PostView require(Handle h, String postId, String viewerId) {
        return byId(h, postId, viewerId).orElseThrow(() -> RunguException.notFound("Post not found"));
    }

    /** The posts with the viewer's votes marked: one indexed lookup of their ids. */
    static List<PostView> markVoted(Handle h, List<PostView> views, String viewerId) {
        return views.isEmpty() ? views : withVoted(views, votedAmong(h, views, viewerId));
    }

    /** The ids of those posts the viewer voted for: one lookup on the {@code votes} primary key. */
    static Set<String> votedAmong(Handle h, List<PostView> views, String viewerId) {
        Query query = h.createQuery(VOTED_SQL[views.size()]).bind(0, viewerId);
        for (int i = 0; i < views.size(); i++) {
            query.bind(i + 1, views.get(i).post().id());
        }
        return Set.copyOf(query.map((rs, ctx) -> rs.getString(1)).list());
    }

    /** The views with the posts in {@code voted} marked as voted (the same list when there are none). */
    static List<PostView> withVoted(List<PostView> views, Set<String> voted) {
        if (voted.isEmpty()) {
            return views;
        }
        return views.stream()
                .map(v -> voted.contains(v.post().id()) ? v.withVoted(true) : v)
                .toList();
    }

    /** The posts with these keys, in the order of the keys. */
    static List<PostView> bySeqs(Handle h, List<Long> seqs, String viewerId) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        Map<Long, PostView> found = new HashMap<>();
        h.createQuery(Rows.POST_VIEW_SELECT + "WHERE p.seq IN (<seqs>)")
                .bindList("seqs", seqs).bind("viewer", viewerId)
                .map((rs, ctx) -> Map.entry(rs.getLong("seq"), Rows.POST_VIEW.map(rs, ctx)))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        List<PostView> ordered = new ArrayList<>(seqs.size());
        for (Long seq : seqs) {
            PostView view = found.get(seq);
            if (view != null) {
                ordered.add(view);
            }
        }
        return ordered;
    }
}
