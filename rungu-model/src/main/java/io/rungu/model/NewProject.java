package io.rungu.model;

/**
 * Input to create a board.
 *
 * @param slug        optional; derived from the name when null
 * @param description optional, may be empty
 */
public record NewProject(String name, String slug, String description) {}
