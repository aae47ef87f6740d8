package io.rungu.model;

/**
 * One status of a board.
 *
 * @param slug      what posts and the API name it by; fixed once created ({@link DefinitionSlugs})
 * @param color     {@code #rrggbb}
 * @param position  1-based place in the board's order
 * @param postCount the board's posts with this status, from the maintained counters
 */
public record BoardStatus(String id, String slug, String name, String color, StatusKind kind, int position,
                          long postCount) {
    /** This status as a post's status value. */
    public PostStatus value() { return new PostStatus(slug); }
}
