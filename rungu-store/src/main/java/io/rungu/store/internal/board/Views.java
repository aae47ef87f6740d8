package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardStats;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.Range;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Roadmap;
import io.rungu.model.TrendingQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Roadmap, changelog, stats and trending: derived views served by indexes and maintained counters. */
final class Views {
    private static final String MOST_VOTED = "p.vote_count DESC, p.created_at DESC, p.id DESC";

    /** One roadmap bucket: a status's most-voted posts. */
    static final String BUCKET_SQL = "SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.status = :status "
            + "AND p.state = 'listed' ORDER BY " + MOST_VOTED + " LIMIT :limit";

    /**
     * The most-voted posts created since a moment. The unary plus keeps the planner off the vote-ordered index,
     * which would walk the board's whole history; the window's range of posts_newest is small and cheap to sort.
     */
    static final String TRENDING_SQL = "SELECT p.seq FROM posts p WHERE p.project_id = :project "
            + "AND p.created_at >= :since AND p.state = 'listed' ORDER BY +p.vote_count DESC, p.created_at DESC, p.id DESC LIMIT :limit";

    /** Shipped posts, latest first; status = 'done' is literal so the partial index posts_done serves it. */
    static String changelogSql(boolean since) {
        return "SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.status = 'done' AND p.state = 'listed'"
                + (since ? " AND p.done_at >= :since" : "") + " ORDER BY p.done_at DESC, p.id DESC LIMIT :limit OFFSET :offset";
    }

    private final Context cx;

    Views(Context cx) {
        this.cx = cx;
    }

    Roadmap roadmap(Actor actor, String projectSlug, int limit) {
        int n = Range.ROADMAP_LIMIT.check(limit);
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            List<Long> planned = bucket(h, projectId, PostStatus.PLANNED, n);
            List<Long> inProgress = bucket(h, projectId, PostStatus.IN_PROGRESS, n);
            List<Long> done = bucket(h, projectId, PostStatus.DONE, n);
            List<Long> all = new ArrayList<>(planned);
            all.addAll(inProgress);
            all.addAll(done);
            List<PostView> views = PostReads.bySeqs(h, all, actor.userId());
            Map<PostStatus, Long> totals = statusTotals(h, projectId);
            return new Roadmap(
                    slice(views, 0, planned.size()), totals.get(PostStatus.PLANNED),
                    slice(views, planned.size(), inProgress.size()), totals.get(PostStatus.IN_PROGRESS),
                    slice(views, planned.size() + inProgress.size(), done.size()), totals.get(PostStatus.DONE),
                    n);
        });
    }

    Page<PostView> changelog(Actor actor, String projectSlug, ChangelogQuery query) {
        PageRequest page = query == null || query.page() == null ? PageRequest.FIRST : query.page();
        Instant since = query == null ? null : query.since();
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            var keys = h.createQuery(changelogSql(since != null))
                    .bind("project", projectId).bind("limit", page.perPage()).bind("offset", page.offset());
            if (since != null) {
                keys.bind("since", since);
            }
            List<Long> seqs = keys.mapTo(Long.class).list();
            long total;
            if (since == null) {
                total = statusTotals(h, projectId).get(PostStatus.DONE);
            } else {
                total = h.createQuery("SELECT count(*) FROM posts p WHERE p.project_id = :project "
                                + "AND p.status = 'done' AND p.state = 'listed' AND p.done_at >= :since")
                        .bind("project", projectId).bind("since", since).mapTo(Long.class).one();
            }
            return new Page<>(PostReads.bySeqs(h, seqs, actor.userId()), page.page(), page.perPage(), total);
        });
    }

    BoardStats stats(Actor actor, String projectSlug) {
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            Map<PostStatus, Long> byStatus = new EnumMap<>(PostStatus.class);
            Map<PostCategory, Long> byCategory = new EnumMap<>(PostCategory.class);
            for (PostStatus s : PostStatus.values()) {
                byStatus.put(s, 0L);
            }
            for (PostCategory c : PostCategory.values()) {
                byCategory.put(c, 0L);
            }
            long[] total = {0};
            h.createQuery("SELECT status, category, posts FROM project_post_counts WHERE project_id = :project")
                    .bind("project", projectId)
                    .map((rs, ctx) -> new Object[] {PostStatus.parse(rs.getString(1)),
                            PostCategory.parse(rs.getString(2)), rs.getLong(3)})
                    .forEach(row -> {
                        long posts = (Long) row[2];
                        byStatus.merge((PostStatus) row[0], posts, Long::sum);
                        byCategory.merge((PostCategory) row[1], posts, Long::sum);
                        total[0] += posts;
                    });
            long votes = h.createQuery("SELECT coalesce(sum(vote_count), 0) FROM posts WHERE project_id = :project AND state = 'listed'")
                    .bind("project", projectId).mapTo(Long.class).one();
            long comments = h.createQuery(
                            "SELECT coalesce(sum(comment_count), 0) FROM posts WHERE project_id = :project AND state = 'listed'")
                    .bind("project", projectId).mapTo(Long.class).one();
            return new BoardStats(projectSlug, total[0], byStatus, byCategory, votes, comments);
        });
    }

    List<PostView> trending(Actor actor, String projectSlug, TrendingQuery query) {
        TrendingQuery q = query == null ? TrendingQuery.DEFAULT : query;
        int n = q.limit();
        Instant since = cx.now().minus(Duration.ofDays(q.days()));
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            List<Long> seqs = h.createQuery(TRENDING_SQL)
                    .bind("project", projectId).bind("since", since).bind("limit", n)
                    .mapTo(Long.class).list();
            return PostReads.bySeqs(h, seqs, actor.userId());
        });
    }

    private static List<Long> bucket(Handle h, String projectId, PostStatus status, int limit) {
        return h.createQuery(BUCKET_SQL)
                .bind("project", projectId).bind("status", status.wire()).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    private static Map<PostStatus, Long> statusTotals(Handle h, String projectId) {
        Map<PostStatus, Long> totals = new EnumMap<>(PostStatus.class);
        for (PostStatus s : PostStatus.values()) {
            totals.put(s, 0L);
        }
        h.createQuery("SELECT status, sum(posts) FROM project_post_counts WHERE project_id = :project GROUP BY status")
                .bind("project", projectId)
                .map((rs, ctx) -> Map.entry(PostStatus.parse(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> totals.put(e.getKey(), e.getValue()));
        return totals;
    }

    private static List<PostView> slice(List<PostView> views, int from, int size) {
        return List.copyOf(views.subList(Math.min(from, views.size()), Math.min(from + size, views.size())));
    }
}
