package io.rungu.model;

import java.util.List;

/**
 * A claimed, due email to one person about one post, with everything that happened on the post for them since
 * the last one. It carries the recipient's address, so it is for a sender only, never for a response body.
 *
 * @param id               the pending notification's id, for reporting the outcome
 * @param attempts         how many times it has been claimed, this time included
 * @param recipientId      the user to tell
 * @param recipientEmail   where to send it
 * @param recipientName    the recipient's display name (may be empty)
 * @param projectSlug      the board's slug, for links
 * @param projectName      the board's name
 * @param postId           the post it is about
 * @param postTitle        the post's current title
 * @param unsubscribeToken the token of the recipient's subscription, for the one-click unsubscribe link
 * @param items            what happened, oldest first, never empty
 */
public record Notification(long id, int attempts, String recipientId, String recipientEmail, String recipientName,
        String projectSlug, String projectName, String postId, String postTitle, String unsubscribeToken,
        List<Item> items) {

    public Notification {
        items = List.copyOf(items);
    }

    /**
     * One thing that happened.
     *
     * @param event          the event (a status change, a new comment or a merge)
     * @param actorName      who did it (display name; may be empty)
     * @param commentContent the comment's text for a new comment, else null
     * @param targetTitle    the title of the post a duplicate was merged into for a merge, else null
     */
    public record Item(BoardEvent event, String actorName, String commentContent, String targetTitle) {
        /** An item about no second post. */
        public Item(BoardEvent event, String actorName, String commentContent) {
            this(event, actorName, commentContent, null);
        }
    }
}
