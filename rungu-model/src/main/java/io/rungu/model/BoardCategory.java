package io.rungu.model;

/**
 * One category of a board.
 *
 * @param slug      what posts and the API name it by; fixed once created ({@link DefinitionSlugs})
 * @param position  1-based place in the board's order; a new post without a category gets the first
 * @param postCount the board's posts in this category, from the maintained counters
 */
public record BoardCategory(String id, String slug, String name, int position, long postCount) {
    /** This category as a post's category value. */
    public PostCategory value() { return new PostCategory(slug); }
}
