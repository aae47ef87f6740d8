package io.rungu.model;

/**
 * Input to add a category to a board.
 *
 * @param slug     optional; derived from the name when null or blank
 * @param position optional 1-based place; last when null
 */
public record NewCategory(String slug, String name, Integer position) {}
