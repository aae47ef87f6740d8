package io.rungu.model;

import java.util.Map;

/** Exact counts for one board, read from maintained counters. */
public record BoardStats(String projectSlug, long totalPosts, Map<PostStatus, Long> byStatus,
                         Map<PostCategory, Long> byCategory, long totalVotes, long totalComments) {}
