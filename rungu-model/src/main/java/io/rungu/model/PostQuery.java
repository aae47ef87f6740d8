package io.rungu.model;

/**
 * Which posts of a board to list.
 *
 * @param sort     null means {@link PostSort#RELEVANCE} when {@code text} is given, else {@link PostSort#NEWEST}
 * @param status   null for any status
 * @param category null for any category
 * @param text     search words (any text is safe; words match by prefix); null or blank for no search
 * @param tag      only posts with the tag of this slug; null for any
 */
public record PostQuery(PostSort sort, PostStatus status, PostCategory category, String text, PageRequest page,
                        String tag) {
    /** A query without a tag filter. */
    public PostQuery(PostSort sort, PostStatus status, PostCategory category, String text, PageRequest page) {
        this(sort, status, category, text, page, null);
    }

    /** Newest posts, first page. */
    public static PostQuery newest() { return new PostQuery(null, null, null, null, PageRequest.FIRST, null); }
}
