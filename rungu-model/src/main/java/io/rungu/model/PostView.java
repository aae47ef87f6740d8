package io.rungu.model;

/**
 * A post as one viewer sees it.
 *
 * @param creator        the author's public summary
 * @param votedByViewer  whether the viewing actor has voted for it (false for anonymous viewers)
 * @param response       the post's latest official response; null when none was given
 */
public record PostView(Post post, UserSummary creator, boolean votedByViewer, OfficialResponse response) {
    /** A post without an official response. */
    public PostView(Post post, UserSummary creator, boolean votedByViewer) {
        this(post, creator, votedByViewer, null);
    }

    /** The same post as seen by a viewer whose vote is {@code voted}. */
    public PostView withVoted(boolean voted) {
        return new PostView(post, creator, voted, response);
    }
}
