package io.rungu.model;

/** A comment with its author's public summary. */
public record CommentView(Comment comment, UserSummary creator) {}
