package io.rungu.model;

/**
 * What a one-click unsubscribe link stops: the emails about one post, or about a board's new posts.
 *
 * @param projectSlug the board's slug
 * @param projectName the board's name
 * @param postId      the post's id, or null for a board subscription
 * @param postTitle   the post's title, or null for a board subscription
 */
public record UnsubscribeLink(String projectSlug, String projectName, String postId, String postTitle) {}
