package io.rungu.model;

/**
 * Which page of a list to read. Use {@link #of(Integer, Integer)} to apply the defaults; both values follow the
 * one {@link Range} rule.
 *
 * @param page    1-based, at most {@link Limits#PAGE_MAX}
 * @param perPage 1..{@link Limits#PER_PAGE_MAX}
 */
public record PageRequest(int page, int perPage) {
    /** The first page of default size. */
    public static final PageRequest FIRST = new PageRequest(1, Limits.PER_PAGE_DEFAULT);

    public PageRequest {
        Range.PAGE.check(page);
        Range.PER_PAGE.check(perPage);
    }

    /**
     * A request from optional client values: missing means page 1 and {@link Limits#PER_PAGE_DEFAULT}; a value
     * out of range is refused by the {@link Range} rule, never clamped.
     */
    public static PageRequest of(Integer page, Integer perPage) {
        return new PageRequest(Range.PAGE.orDefault(page, 1),
                Range.PER_PAGE.orDefault(perPage, Limits.PER_PAGE_DEFAULT));
    }

    /** Rows to skip. */
    public long offset() { return (long) (page - 1) * perPage; }
}
