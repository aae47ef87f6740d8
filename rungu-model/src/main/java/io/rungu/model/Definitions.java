package io.rungu.model;

import java.util.List;

/**
 * A board with everything a client needs to show its posts: its statuses and categories in order, and its tags
 * by name.
 */
public record Definitions(Project project, List<BoardStatus> statuses, List<BoardCategory> categories,
                          List<Tag> tags) {}
