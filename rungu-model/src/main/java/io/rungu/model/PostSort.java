package io.rungu.model;

/**
 * Orders of a post list. Every order ends with the post id, so pages never repeat or skip a post.
 * {@link #RELEVANCE} is only meaningful with a search query and is the default when one is given.
 */
public enum PostSort implements WireValue {
    /** created_at descending. */
    NEWEST("newest"),
    /** created_at ascending. */
    OLDEST("oldest"),
    /** vote_count descending, newer first on ties. */
    MOST_VOTES("most_votes"),
    /** vote_count ascending, older first on ties. */
    LEAST_VOTES("least_votes"),
    /** updated_at descending. */
    RECENTLY_UPDATED("recently_updated"),
    /**
     * Posts created in the last {@link Limits#TRENDING_DAYS_DEFAULT} days first, most-voted first (the order of the
     * trending view), then the older posts, most-voted first; newer first on ties.
     */
    TRENDING("trending"),
    /** Search rank, best match first. */
    RELEVANCE("relevance");

    private final String wire;

    PostSort(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static PostSort parse(String value) { return WireValue.parse(PostSort.class, value, "sort"); }
}
