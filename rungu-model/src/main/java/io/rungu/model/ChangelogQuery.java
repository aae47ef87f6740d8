package io.rungu.model;

import java.time.Instant;

/**
 * Which shipped posts to list.
 *
 * @param since inclusive lower bound on the moment a post became done; null for all
 */
public record ChangelogQuery(Instant since, PageRequest page) {}
