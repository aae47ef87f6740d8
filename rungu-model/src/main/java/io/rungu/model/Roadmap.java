package io.rungu.model;

import java.util.List;

/**
 * The planned, in-progress and done posts of a board, each bucket most-voted first, with exact totals.
 *
 * @param limit the per-bucket limit that was applied
 */
public record Roadmap(List<PostView> planned, long plannedTotal, List<PostView> inProgress, long inProgressTotal,
                      List<PostView> done, long doneTotal, int limit) {}
