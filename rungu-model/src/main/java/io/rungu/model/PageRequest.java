package io.rungu.model;

/**
 * Which page of a list to read. Use {@link #of(Integer, Integer)} to apply the defaults and limits.
 *
 * @param page    1-based, at most {@link Limits#PAGE_MAX}
 * @param perPage 1..{@link Limits#PER_PAGE_MAX}
 */
public record PageRequest(int page, int perPage) {
    /** The first page of default size. */
    public static final PageRequest FIRST = new PageRequest(1, Limits.PER_PAGE_DEFAULT);

    public PageRequest {
        if (page < 1 || page > Limits.PAGE_MAX) {
            throw RunguException.invalid("page", "page must be between 1 and " + Limits.PAGE_MAX);
        }
        if (perPage < 1 || perPage > Limits.PER_PAGE_MAX) {
            throw RunguException.invalid("per_page", "per_page must be between 1 and " + Limits.PER_PAGE_MAX);
        }
    }

    /**
     * A request from optional client values: missing means page 1 and {@link Limits#PER_PAGE_DEFAULT};
     * a page below 1 is read as 1 and a page size outside 1..100 is clamped, as the original API did.
     */
    public static PageRequest of(Integer page, Integer perPage) {
        int p = page == null ? 1 : Math.max(1, page);
        int n = perPage == null ? Limits.PER_PAGE_DEFAULT : Math.min(Limits.PER_PAGE_MAX, Math.max(1, perPage));
        return new PageRequest(p, n);
    }

    /** Rows to skip. */
    public long offset() { return (long) (page - 1) * perPage; }
}
