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
 * @param tags         the slugs of its tags, in slug order; empty when none
 */
public record Post(String id, String projectId, String title, String description, PostStatus status,
                   PostCategory category, long voteCount, long commentCount, String createdBy, Instant createdAt,
                   Instant updatedAt, Instant doneAt, List<String> tags) {
    public Post {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A post without tags. */
    public Post(String id, String projectId, String title, String description, PostStatus status,
                PostCategory category, long voteCount, long commentCount, String createdBy, Instant createdAt,
                Instant updatedAt, Instant doneAt) {
        this(id, projectId, title, description, status, category, voteCount, commentCount, createdBy, createdAt,
                updatedAt, doneAt, List.of());
    }
}
