package io.rungu.model;

/**
 * Input to add a tag to a board.
 *
 * @param slug  optional; derived from the name when null or blank
 * @param color {@code #rrggbb}; optional, grey when null
 */
public record NewTag(String slug, String name, String color) {}
