package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardStats;
import io.rungu.model.BoardCategory;
import io.rungu.model.BoardStatus;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.StatusKind;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Roadmap, changelog, stats and trending: derived views served by indexes and maintained counters. */
final class Views {
    private static final String MOST_VOTED = "p.vote_count DESC, p.created_at DESC, p.id DESC";

    /**
     * One roadmap bucket: a status's most-voted posts, {@code held} when the board holds hidden or waiting posts to
     * leave out. Only such a board pays for reading rows; otherwise the index covers the bucket.
     */
    static String bucketSql(boolean held) {
        return "SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.status = :status "
                + (held ? "AND p.state = 'listed' " : "") + "ORDER BY " + MOST_VOTED + " LIMIT :limit";
    }

    /**
     * The most-voted posts created since a moment. The unary plus keeps the planner off the vote-ordered index,
     * which would walk the board's whole history; the window's range of posts_newest is small and cheap to sort.
     */
    static final String TRENDING_SQL = "SELECT p.seq FROM posts p WHERE p.project_id = :project "
            + "AND p.created_at >= :since AND p.state = 'listed' ORDER BY +p.vote_count DESC, p.created_at DESC, p.id DESC LIMIT :limit";

    /**
     * Shipped posts, latest first: those with a done-kind status, which have done_at set exactly while they have
     * one; the condition is literal so the partial index posts_done serves it.
     */
    static String changelogSql(boolean since, boolean held) {
        return "SELECT p.seq FROM posts p WHERE p.project_id = :project AND p.done_at IS NOT NULL"
                + (held ? " AND p.state = 'listed'" : "") + (since ? " AND p.done_at >= :since" : "")
                + " ORDER BY p.done_at DESC, p.id DESC LIMIT :limit OFFSET :offset";
    }

    private final Context cx;

    Views(Context cx) {
        this.cx = cx;
    }

    Roadmap roadmap(Actor actor, String projectSlug, int limit) {
        int n = Range.ROADMAP_LIMIT.check(limit);
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            List<BoardStatus> statuses = BoardDefinitions.statuses(h, projectId);
            List<BoardStatus> active = statuses.stream().filter(s -> s.kind() == StatusKind.ACTIVE).toList();
            List<BoardStatus> done = statuses.stream().filter(s -> s.kind() == StatusKind.DONE).toList();
            // One index-served bucket per status; the done statuses' buckets are merged below.
            List<Long> all = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            boolean held = PostLists.holdsUnlisted(h, projectId, false);
            for (BoardStatus s : active) {
                List<Long> bucket = bucket(h, projectId, s.value(), n, held);
                sizes.add(bucket.size());
                all.addAll(bucket);
            }
            int activeSeqs = all.size();
            for (BoardStatus s : done) {
                all.addAll(bucket(h, projectId, s.value(), n, held));
            }
            List<PostView> views = PostReads.bySeqs(h, all, actor.userId());
            List<Roadmap.Column> columns = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < active.size(); i++) {
                columns.add(new Roadmap.Column(active.get(i), slice(views, from, sizes.get(i)), active.get(i).postCount()));
                from += sizes.get(i);
            }
            List<PostView> shipped = views.subList(Math.min(activeSeqs, views.size()), views.size()).stream()
                    .sorted(MOST_VOTED_FIRST).limit(n).toList();
            long doneTotal = done.stream().mapToLong(BoardStatus::postCount).sum();
            Roadmap.Column planned = column(columns, PostStatus.PLANNED);
            Roadmap.Column inProgress = column(columns, PostStatus.IN_PROGRESS);
            return new Roadmap(planned.posts(), planned.total(), inProgress.posts(), inProgress.total(),
                    shipped, doneTotal, n, List.copyOf(columns));
        });
    }

    Page<PostView> changelog(Actor actor, String projectSlug, ChangelogQuery query) {
        PageRequest page = query == null || query.page() == null ? PageRequest.FIRST : query.page();
        Instant since = query == null ? null : query.since();
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            var keys = h.createQuery(changelogSql(since != null, PostLists.holdsUnlisted(h, projectId, false)))
                    .bind("project", projectId).bind("limit", page.perPage()).bind("offset", page.offset());
            if (since != null) {
                keys.bind("since", since);
            }
            List<Long> seqs = keys.mapTo(Long.class).list();
            long total;
            if (since == null) {
                total = BoardDefinitions.statuses(h, projectId).stream().filter(s -> s.kind() == StatusKind.DONE)
                        .mapToLong(BoardStatus::postCount).sum();
            } else {
                total = h.createQuery("SELECT count(*) FROM posts p WHERE p.project_id = :project "
                                + "AND p.done_at IS NOT NULL AND p.state = 'listed' AND p.done_at >= :since")
                        .bind("project", projectId).bind("since", since).mapTo(Long.class).one();
            }
            return new Page<>(PostReads.bySeqs(h, seqs, actor.userId()), page.page(), page.perPage(), total);
        });
    }

    BoardStats stats(Actor actor, String projectSlug) {
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, projectSlug);
            // Every status and category of the board, in its order, zero when none.
            Map<PostStatus, Long> byStatus = new LinkedHashMap<>();
            Map<PostCategory, Long> byCategory = new LinkedHashMap<>();
            for (BoardStatus s : BoardDefinitions.statuses(h, projectId)) {
                byStatus.put(s.value(), 0L);
            }
            for (BoardCategory c : BoardDefinitions.categories(h, projectId)) {
                byCategory.put(c.value(), 0L);
            }
            long[] total = {0};
            h.createQuery("SELECT status, category, posts FROM project_post_counts WHERE project_id = :project")
                    .bind("project", projectId)
                    .map((rs, ctx) -> new Object[] {new PostStatus(rs.getString(1)),
                            new PostCategory(rs.getString(2)), rs.getLong(3)})
                    .forEach(row -> {
                        long posts = (Long) row[2];
                        if (posts == 0) {
                            return; // the counter of a status or category deleted since
                        }
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

    private static List<Long> bucket(Handle h, String projectId, PostStatus status, int limit, boolean held) {
        return h.createQuery(bucketSql(held))
                .bind("project", projectId).bind("status", status.wire()).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    private static final Comparator<PostView> MOST_VOTED_FIRST = Comparator
            .comparingLong((PostView v) -> v.post().voteCount()).reversed()
            .thenComparing((PostView v) -> v.post().createdAt(), Comparator.reverseOrder())
            .thenComparing((PostView v) -> v.post().id(), Comparator.reverseOrder());

    /** The column of {@code status}, or an empty one when the board has no such active status. */
    private static Roadmap.Column column(List<Roadmap.Column> columns, PostStatus status) {
        return columns.stream().filter(c -> c.status().slug().equals(status.slug())).findFirst()
                .orElse(new Roadmap.Column(null, List.of(), 0));
    }

    private static List<PostView> slice(List<PostView> views, int from, int size) {
        return List.copyOf(views.subList(Math.min(from, views.size()), Math.min(from + size, views.size())));
    }
}
