package io.rungu.model;

/**
 * Which trending posts to show: the most-voted posts created in the last {@code days} days, at most
 * {@code limit} of them. Both follow the one {@link Range} rule (refused, never clamped).
 *
 * @param days  1..{@link Limits#TRENDING_DAYS_MAX}
 * @param limit 1..{@link Limits#TRENDING_LIMIT_MAX}
 */
public record TrendingQuery(int days, int limit) {
    /** The defaults: {@link Limits#TRENDING_DAYS_DEFAULT} days, {@link Limits#TRENDING_LIMIT_DEFAULT} posts. */
    public static final TrendingQuery DEFAULT = new TrendingQuery(Limits.TRENDING_DAYS_DEFAULT,
            Limits.TRENDING_LIMIT_DEFAULT);

    public TrendingQuery {
        Range.TRENDING_DAYS.check(days);
        Range.TRENDING_LIMIT.check(limit);
    }

    /** A query from optional client values; a missing value takes its default. */
    public static TrendingQuery of(Integer days, Integer limit) {
        return new TrendingQuery(Range.TRENDING_DAYS.orDefault(days, Limits.TRENDING_DAYS_DEFAULT),
                Range.TRENDING_LIMIT.orDefault(limit, Limits.TRENDING_LIMIT_DEFAULT));
    }
}
