package io.rungu.model;

import java.util.List;

/**
 * A board's roadmap: a column per status of kind {@link StatusKind#ACTIVE} in the board's order, and the posts of
 * its {@link StatusKind#DONE} statuses; each most-voted first, with exact totals. {@code planned} and
 * {@code inProgress} repeat the columns of the default statuses of those slugs (empty when the board has no such
 * active status), as the API showed them before boards had their own statuses.
 *
 * @param limit   the per-bucket limit that was applied
 * @param columns the active statuses in order, each with its posts
 */
public record Roadmap(List<PostView> planned, long plannedTotal, List<PostView> inProgress, long inProgressTotal,
                      List<PostView> done, long doneTotal, int limit, List<Column> columns) {
    /** The roadmap of the default statuses alone. */
    public Roadmap(List<PostView> planned, long plannedTotal, List<PostView> inProgress, long inProgressTotal,
                   List<PostView> done, long doneTotal, int limit) {
        this(planned, plannedTotal, inProgress, inProgressTotal, done, doneTotal, limit, List.of());
    }

    /** One roadmap column: an active status, its most-voted posts and how many posts it has. */
    public record Column(BoardStatus status, List<PostView> posts, long total) {}
}
