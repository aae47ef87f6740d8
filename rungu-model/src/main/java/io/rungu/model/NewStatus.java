package io.rungu.model;

/**
 * Input to add a status to a board.
 *
 * @param slug     optional; derived from the name when null or blank
 * @param color    {@code #rrggbb}; optional, grey when null
 * @param kind     optional, {@link StatusKind#ACTIVE} when null
 * @param position optional 1-based place; last when null
 */
public record NewStatus(String slug, String name, String color, StatusKind kind, Integer position) {}
