package io.rungu.model;

/** The state after a vote change: whether the actor now votes for the post, and its exact count. */
public record VoteResult(boolean voted, long voteCount) {}
