package io.rungu.model;

/**
 * Input to create a post; it starts {@link PostStatus#OPEN}.
 *
 * @param description optional, may be empty
 * @param category    optional; {@link PostCategory#FEEDBACK} when null
 */
public record NewPost(String title, String description, PostCategory category) {}
