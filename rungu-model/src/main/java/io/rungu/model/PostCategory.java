package io.rungu.model;

import java.util.List;

/**
 * What kind of feedback a post is: the slug of one of its board's categories ({@link BoardCategory}). Every board
 * starts with the four {@link #defaults()}. Two values are equal when their slugs are.
 *
 * @param slug the category's slug, as stored and sent on the wire
 */
public record PostCategory(String slug) implements WireValue {
    public static final PostCategory FEEDBACK = new PostCategory("feedback");
    public static final PostCategory BUG = new PostCategory("bug");
    public static final PostCategory FEATURE = new PostCategory("feature");
    public static final PostCategory QUESTION = new PostCategory("question");

    public PostCategory {
        if (slug == null) {
            throw new NullPointerException("slug");
        }
    }

    @Override public String wire() { return slug; }

    @Override public String toString() { return slug; }

    /** The four categories every board starts with, in their order. */
    public static List<PostCategory> defaults() { return List.of(FEEDBACK, BUG, FEATURE, QUESTION); }

    /**
     * Reads a category slug given by a client, failing with {@link ErrorCode#INVALID} on anything that cannot be a
     * slug; whether the board has that category is the Board's check.
     */
    public static PostCategory parse(String value) {
        return new PostCategory(DefinitionSlugs.require("category", value));
    }
}
