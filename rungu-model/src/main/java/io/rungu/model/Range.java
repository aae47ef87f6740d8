package io.rungu.model;

/**
 * The one rule for every counted input ({@code page}, {@code per_page}, {@code limit}, {@code days}): a whole
 * number from 1 to {@link #max()}. Anything else, out of range or not a whole number, is refused with
 * {@link ErrorCode#INVALID} and "&lt;name&gt; must be between 1 and &lt;max&gt;"; nothing is clamped.
 *
 * @param name the input's name on the wire, e.g. {@code per_page}
 * @param max  the largest accepted value
 */
public record Range(String name, int max) {
    /** 1-based page number. */
    public static final Range PAGE = new Range("page", Limits.PAGE_MAX);
    /** Items per page. */
    public static final Range PER_PAGE = new Range("per_page", Limits.PER_PAGE_MAX);
    /** Posts per roadmap column. */
    public static final Range ROADMAP_LIMIT = new Range("limit", Limits.ROADMAP_LIMIT_MAX);
    /** Most trending posts. */
    public static final Range TRENDING_LIMIT = new Range("limit", Limits.TRENDING_LIMIT_MAX);
    /** Trending window in days. */
    public static final Range TRENDING_DAYS = new Range("days", Limits.TRENDING_DAYS_MAX);
    /** Most similar posts. */
    public static final Range SIMILAR_LIMIT = new Range("limit", Limits.SIMILAR_LIMIT_MAX);

    /** Returns {@code value} when it is within 1..max; refuses it otherwise. */
    public int check(int value) {
        if (value < 1 || value > max) {
            throw refusal();
        }
        return value;
    }

    /** {@code fallback} when {@code value} is null (not given), else the checked value. */
    public int orDefault(Integer value, int fallback) {
        return value == null ? fallback : check(value);
    }

    /**
     * Reads a value sent as text (a query parameter, a string argument): null or blank means not given (null);
     * anything but a whole number within 1..max is refused with this range's message.
     */
    public Integer parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return check(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw refusal();
        }
    }

    /** The refusal: INVALID for this input with "&lt;name&gt; must be between 1 and &lt;max&gt;". */
    public RunguException refusal() {
        return RunguException.invalid(name, name + " must be between 1 and " + max);
    }
}
