package io.rungu.model;

import java.util.List;

/**
 * Which posts of a board to list.
 *
 * @param sort          null means {@link PostSort#RELEVANCE} when {@code text} is given, else {@link PostSort#NEWEST}
 * @param status        null for any status
 * @param category      null for any category
 * @param text          search words (any text is safe; words match by prefix); null or blank for no search
 * @param tag           only posts with the tag of this slug; null for any
 * @param statuses      only posts with any of these statuses (at most {@link Limits#STATUSES_PER_BOARD_MAX}); empty
 *                      for any; not together with {@code status}
 * @param excludeClosed leave out posts whose status is of the closed kind
 * @param mine          only the viewer's own posts (signed in only)
 * @param votedByMe     only posts the viewer voted for (signed in only)
 */
public record PostQuery(PostSort sort, PostStatus status, PostCategory category, String text, PageRequest page,
                        String tag, List<PostStatus> statuses, boolean excludeClosed, boolean mine,
                        boolean votedByMe) {
    public PostQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        if (statuses.size() > Limits.STATUSES_PER_BOARD_MAX) {
            throw RunguException.invalid("status", "At most " + Limits.STATUSES_PER_BOARD_MAX + " statuses");
        }
        if (status != null && !statuses.isEmpty()) {
            throw RunguException.invalid("status", "Give one status or a list of statuses, not both");
        }
        if (statuses.size() == 1) {
            status = statuses.get(0);
            statuses = List.of();
        }
    }

    /** A query with a tag filter and no other filter beyond status and category. */
    public PostQuery(PostSort sort, PostStatus status, PostCategory category, String text, PageRequest page,
                     String tag) {
        this(sort, status, category, text, page, tag, List.of(), false, false, false);
    }

    /** A query without a tag filter. */
    public PostQuery(PostSort sort, PostStatus status, PostCategory category, String text, PageRequest page) {
        this(sort, status, category, text, page, null);
    }

    /** Newest posts, first page. */
    public static PostQuery newest() { return new PostQuery(null, null, null, null, PageRequest.FIRST, null); }

    /**
     * The statuses of a {@code status} parameter: one slug, or several separated by commas
     * ({@code open,planned}); null or blank for any.
     */
    public static List<PostStatus> parseStatuses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String[] parts = value.split(",", -1);
        if (parts.length > Limits.STATUSES_PER_BOARD_MAX) {
            throw RunguException.invalid("status", "At most " + Limits.STATUSES_PER_BOARD_MAX + " statuses");
        }
        List<PostStatus> out = new java.util.ArrayList<>();
        for (String part : parts) {
            out.add(PostStatus.parse(part.strip()));
        }
        return out;
    }

    /**
     * A filter on the viewer ({@code author=me}, {@code voted_by=me}): true for {@code me}, false when absent or
     * blank; anything else is INVALID (only the viewer's own posts and votes can be listed).
     */
    public static boolean parseMe(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.equals("me")) {
            throw RunguException.invalid(field, field + " must be 'me' (the signed-in viewer)");
        }
        return true;
    }

    /** True when the query depends on who is asking ({@link #mine} or {@link #votedByMe}). */
    public boolean personal() { return mine || votedByMe; }
}
