package io.rungu.model;

import java.time.Instant;

/**
 * One entry of a post's timeline, which interleaves comments and status changes oldest first.
 */
public sealed interface TimelineItem permits TimelineItem.CommentItem, TimelineItem.StatusItem {
    /** When it happened; the timeline's order (ties by id). */
    Instant createdAt();

    /** A comment or reply. */
    record CommentItem(CommentView comment) implements TimelineItem {
        @Override
        public Instant createdAt() {
            return comment.comment().createdAt();
        }
    }

    /** A status change, possibly with an official response. */
    record StatusItem(StatusChange change) implements TimelineItem {
        @Override
        public Instant createdAt() {
            return change.createdAt();
        }
    }
}
