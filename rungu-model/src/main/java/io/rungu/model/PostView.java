package io.rungu.model;

/**
 * A post as one viewer sees it.
 *
 * @param creator        the author's public summary
 * @param votedByViewer  whether the viewing actor has voted for it (false for anonymous viewers)
 */
public record PostView(Post post, UserSummary creator, boolean votedByViewer) {}
