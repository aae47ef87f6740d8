package io.rungu.model;

import java.time.Instant;
import java.util.List;

/**
 * A piece of feedback on a board.
 *
 * @param voteCount    exact number of votes, maintained in the same transaction as each vote
 * @param commentCount exact number of comments including replies
 * @param updatedAt    bumped by edits, status changes and new comments, not by votes
 * @param doneAt       when the post got a status of kind {@link StatusKind#DONE}; null unless it has one. The
 *                     changelog orders by it
 * @param mergedInto   the post this duplicate was merged into (it is then a read-only pointer), or null
 * @param pinned       shown first in a board's lists
 * @param locked       takes no new comments; votes still count
 * @param hidden       hidden by an admin: only admins see it
 * @param approval     {@link Approval#PENDING} while it waits in the approval queue (admins and its author see it)
 * @param tags         the slugs of its tags, in slug order; empty when none
 */
public record Post(String id, String projectId, String title, String description, PostStatus status,
                   PostCategory category, long voteCount, long commentCount, String createdBy, Instant createdAt,
                   Instant updatedAt, Instant doneAt, String mergedInto, boolean pinned, boolean locked,
                   boolean hidden, Approval approval, List<String> tags) {
    public Post {
        approval = approval == null ? Approval.APPROVED : approval;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A listed post without tags that is not merged, pinned or locked. */
    public Post(String id, String projectId, String title, String description, PostStatus status,
                PostCategory category, long voteCount, long commentCount, String createdBy, Instant createdAt,
                Instant updatedAt, Instant doneAt) {
        this(id, projectId, title, description, status, category, voteCount, commentCount, createdBy, createdAt,
                updatedAt, doneAt, null, false, false, false, Approval.APPROVED, List.of());
    }

    /** True when everyone who may see its board sees it: not hidden and not waiting for approval. */
    public boolean listed() {
        return !hidden && approval == Approval.APPROVED;
    }
}
