package io.rungu.model;

import java.time.Instant;

/**
 * One entry of a post's timeline, which interleaves comments and status changes oldest first.
 */
public sealed interface TimelineItem permits TimelineItem.CommentItem, TimelineItem.StatusItem,
        TimelineItem.MergeItem {
    /** When it happened; the timeline's order (ties by id). */
    Instant createdAt();

    /** A comment or reply. */
    record CommentItem(CommentView comment) implements TimelineItem {
        @Override
        public Instant createdAt() {
            return comment.comment().createdAt();
        }
    }

    /** A duplicate merged into this post or this post merged into another, or such a merge undone. */
    record MergeItem(PostMerge merge) implements TimelineItem {
        @Override
        public Instant createdAt() {
            return merge.createdAt();
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
