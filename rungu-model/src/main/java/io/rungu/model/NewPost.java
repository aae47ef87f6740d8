package io.rungu.model;

/**
 * Input to create a post; it starts with its board's first status of kind {@link StatusKind#OPEN}.
 *
 * @param description optional, may be empty
 * @param category    optional; the board's first category when null ({@link PostCategory#FEEDBACK} on a new board)
 */
public record NewPost(String title, String description, PostCategory category) {}
