package io.rungu.model;

import java.time.Instant;

/**
 * A board: one product or area that collects feedback.
 *
 * @param slug      URL name, immutable, lower-case letters, digits and inner hyphens, 1–80 characters ({@link Slugs})
 * @param postCount number of posts on the board, kept as a counter
 */
public record Project(String id, String slug, String name, String description, Instant createdAt, long postCount) {}
