package io.rungu.model;

import java.time.Instant;

/**
 * A board: one product or area that collects feedback.
 *
 * @param slug      URL name, immutable, lower-case letters, digits and inner hyphens, 1–80 characters ({@link Slugs})
 * @param postCount  number of listed posts on the board (not hidden, not waiting for approval), kept as a counter
 * @param visibility who may see the board
 * @param moderation whether new posts wait for approval
 */
public record Project(String id, String slug, String name, String description, Instant createdAt, long postCount,
                      BoardVisibility visibility, Moderation moderation) {
    public Project {
        visibility = visibility == null ? BoardVisibility.PUBLIC : visibility;
        moderation = moderation == null ? Moderation.NONE : moderation;
    }

    /** A public board without moderation. */
    public Project(String id, String slug, String name, String description, Instant createdAt, long postCount) {
        this(id, slug, name, description, createdAt, postCount, BoardVisibility.PUBLIC, Moderation.NONE);
    }
}
