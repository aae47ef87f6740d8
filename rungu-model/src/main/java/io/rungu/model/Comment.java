package io.rungu.model;

import java.time.Instant;

/**
 * A comment on a post; {@code parentId} threads replies to any depth.
 *
 * @param editedAt   when the author last edited it, or null
 * @param internal   an internal note: seen by admins only
 * @param mergedFrom the duplicate post this comment moved from when it was merged, or null
 * @param hidden     hidden by an admin: only admins see it, and it is not in its post's comment count
 */
public record Comment(String id, String postId, String parentId, String content, String createdBy, Instant createdAt,
                      Instant editedAt, boolean internal, String mergedFrom, boolean hidden) {
    /** A public, visible comment written on its post. */
    public Comment(String id, String postId, String parentId, String content, String createdBy, Instant createdAt,
                   Instant editedAt) {
        this(id, postId, parentId, content, createdBy, createdAt, editedAt, false, null, false);
    }
}
