package io.rungu.model;

import java.time.Instant;

/**
 * A merge of a duplicate post into another, or its undoing, as both posts' timelines show it.
 *
 * @param postId    the duplicate
 * @param postTitle the duplicate's title
 * @param intoId    the post it was merged into
 * @param intoTitle that post's title
 * @param undone    true for an unmerge
 * @param actor     the admin who did it
 */
public record PostMerge(String id, String postId, String postTitle, String intoId, String intoTitle, boolean undone,
                        UserSummary actor, Instant createdAt) {}
