package io.rungu.model;

import java.time.Instant;

/**
 * A comment on a post; {@code parentId} threads replies to any depth.
 *
 * @param editedAt when the author last edited it, or null
 */
public record Comment(String id, String postId, String parentId, String content, String createdBy, Instant createdAt,
                      Instant editedAt) {}
