package io.rungu.model;

import java.time.Instant;

/**
 * A comment on a post; {@code parentId} threads replies to any depth.
 *
 * @param editedAt when the author last edited it, or null
 * @param hidden   hidden by an admin: only admins see it, and it is not in its post's comment count
 */
public record Comment(String id, String postId, String parentId, String content, String createdBy, Instant createdAt,
                      Instant editedAt, boolean hidden) {
    /** A comment that is not hidden. */
    public Comment(String id, String postId, String parentId, String content, String createdBy, Instant createdAt,
                   Instant editedAt) {
        this(id, postId, parentId, content, createdBy, createdAt, editedAt, false);
    }
}
