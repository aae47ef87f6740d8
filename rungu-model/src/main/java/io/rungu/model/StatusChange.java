package io.rungu.model;

import java.time.Instant;

/**
 * One entry of a post's status history: who changed it, from which status to which, when, and the official
 * response given with it. A response given without a status change has {@code from == to}.
 *
 * @param response the official response given with the change; null when none
 */
public record StatusChange(String id, String postId, PostStatus from, PostStatus to, String response,
                           UserSummary actor, Instant createdAt) {
    /** True when the status changed (false for a response given on its own). */
    public boolean changesStatus() {
        return !from.equals(to);
    }
}
