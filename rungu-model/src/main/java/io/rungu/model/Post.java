package io.rungu.model;

import java.time.Instant;

/**
 * A piece of feedback on a board.
 *
 * @param voteCount    exact number of votes, maintained in the same transaction as each vote
 * @param commentCount exact number of comments including replies
 * @param updatedAt    bumped by edits, status changes and new comments, not by votes
 * @param doneAt       when the post last became {@link PostStatus#DONE}; null unless done. The changelog orders by it
 */
public record Post(String id, String projectId, String title, String description, PostStatus status,
                   PostCategory category, long voteCount, long commentCount, String createdBy, Instant createdAt,
                   Instant updatedAt, Instant doneAt) {}
