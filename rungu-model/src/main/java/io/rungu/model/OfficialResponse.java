package io.rungu.model;

import java.time.Instant;

/**
 * An admin's official answer to a post, given with a status change (or on its own). A post carries its latest one.
 *
 * @param text      Markdown, at most {@link Limits#COMMENT_MAX} characters, never blank
 * @param author    the admin who gave it (public summary)
 * @param createdAt when it was given
 */
public record OfficialResponse(String text, UserSummary author, Instant createdAt) {}
