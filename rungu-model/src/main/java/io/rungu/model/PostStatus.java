package io.rungu.model;

import java.util.List;

/**
 * Where a post stands: the slug of one of its board's statuses ({@link BoardStatus}). Every board starts with the
 * five {@link #defaults()}, whose slugs are the API's status strings since the first version; an admin may add,
 * rename, reorder or delete statuses per board. Only admins move a post between statuses. Two values are equal
 * when their slugs are.
 *
 * @param slug the status's slug, as stored and sent on the wire
 */
public record PostStatus(String slug) implements WireValue {
    public static final PostStatus OPEN = new PostStatus("open");
    public static final PostStatus PLANNED = new PostStatus("planned");
    public static final PostStatus IN_PROGRESS = new PostStatus("in_progress");
    public static final PostStatus DONE = new PostStatus("done");
    public static final PostStatus DECLINED = new PostStatus("declined");

    public PostStatus {
        if (slug == null) {
            throw new NullPointerException("slug");
        }
    }

    @Override public String wire() { return slug; }

    @Override public String toString() { return slug; }

    /** The five statuses every board starts with, in their order. */
    public static List<PostStatus> defaults() { return List.of(OPEN, PLANNED, IN_PROGRESS, DONE, DECLINED); }

    /**
     * Reads a status slug given by a client, failing with {@link ErrorCode#INVALID} on anything that cannot be a
     * slug; whether the board has that status is the Board's check.
     */
    public static PostStatus parse(String value) { return new PostStatus(DefinitionSlugs.require("status", value)); }
}
