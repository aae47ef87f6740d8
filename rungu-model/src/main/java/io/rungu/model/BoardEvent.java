package io.rungu.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that changed on a board, recorded in the same transaction as the change itself, so an event exists
 * exactly when its write committed. Ids name what the event is about; a consumer reads anything else it needs
 * (a title, a comment's text) from the Board, because the thing may have changed or gone since.
 *
 * @param sequence   position in the store's event log: increasing, never reused, gaps possible
 * @param type       what happened
 * @param at         when, from the store's clock
 * @param actorId    the acting user's id, or null for a system change
 * @param channel    how the actor reached Rungu; null with a null actor (but an import by the operator names the
 *                   channel it came through), and for a one-click unsubscribe link, which carries no credentials
 * @param projectId  the board's id (always set)
 * @param postId     the post's id, or null for a board-level event
 * @param commentId  the comment's id for comment events, the attachment's id for attachment events, the member's
 *                   user id for {@link Type#PROJECT_MEMBER_ADDED} and {@link Type#PROJECT_MEMBER_REMOVED}, the
 *                   status's, category's or tag's id for their definition events, else null
 * @param fromStatus the previous status's slug for {@link Type#POST_STATUS_CHANGED}, the unchanged one for
 *                   {@link Type#POST_RESPONDED}, else null
 * @param toStatus   the new status's slug for {@link Type#POST_STATUS_CHANGED}, the unchanged one for
 *                   {@link Type#POST_RESPONDED}, the status's own slug for the status definition events, else null
 * @param response   the official response given with a status change (or alone, {@link Type#POST_RESPONDED}),
 *                   or null when none
 * @param targetPostId the post a duplicate was merged into for {@link Type#POST_MERGED} and
 *                   {@link Type#POST_UNMERGED} ({@code postId} is the duplicate), else null
 * @param unlisted   for {@link Type#POST_DELETED}: the post was hidden or waiting for approval when it was
 *                   deleted, so only admins (and, for a waiting post, its author) knew of it; else false
 */
public record BoardEvent(long sequence, Type type, Instant at, String actorId, Actor.Channel channel,
        String projectId, String postId, String commentId, PostStatus fromStatus, PostStatus toStatus,
        String response, String targetPostId, boolean unlisted) {

    /** An event about a post that was listed, or about no post. */
    public BoardEvent(long sequence, Type type, Instant at, String actorId, Actor.Channel channel, String projectId,
            String postId, String commentId, PostStatus fromStatus, PostStatus toStatus, String response,
            String targetPostId) {
        this(sequence, type, at, actorId, channel, projectId, postId, commentId, fromStatus, toStatus, response,
                targetPostId, false);
    }

    /** An event about no second post. */
    public BoardEvent(long sequence, Type type, Instant at, String actorId, Actor.Channel channel, String projectId,
            String postId, String commentId, PostStatus fromStatus, PostStatus toStatus, String response) {
        this(sequence, type, at, actorId, channel, projectId, postId, commentId, fromStatus, toStatus, response, null);
    }

    public BoardEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(projectId, "projectId");
    }

    /** The kinds of events. Consumers must ignore kinds they do not know: later versions add more. */
    public enum Type {
        PROJECT_CREATED, PROJECT_EDITED, PROJECT_DELETED,
        POST_CREATED, POST_EDITED, POST_STATUS_CHANGED, POST_DELETED,
        COMMENT_CREATED, COMMENT_EDITED, COMMENT_DELETED,
        VOTE_ADDED, VOTE_REMOVED,
        ATTACHMENT_ADDED, ATTACHMENT_DELETED,
        POST_SUBSCRIBED, POST_UNSUBSCRIBED,
        PROJECT_SUBSCRIBED, PROJECT_UNSUBSCRIBED,
        /** An official response given without a status change. */
        POST_RESPONDED,
        POST_MERGED, POST_UNMERGED, POST_PINNED, POST_UNPINNED, POST_LOCKED, POST_UNLOCKED,
        POST_HIDDEN, POST_RESTORED, COMMENT_HIDDEN, COMMENT_RESTORED,
        /** A post left the approval queue and is now listed (its board's followers are told of it then). */
        POST_APPROVED,
        /** A post waiting for approval was rejected and deleted. */
        POST_REJECTED,
        PROJECT_MEMBER_ADDED, PROJECT_MEMBER_REMOVED,
        /** A board's status, category or tag was added, changed or removed; {@code commentId} holds its id. */
        STATUS_CREATED, STATUS_EDITED, STATUS_DELETED,
        CATEGORY_CREATED, CATEGORY_EDITED, CATEGORY_DELETED,
        TAG_CREATED, TAG_EDITED, TAG_DELETED,
        /** The tags of a post were set. */
        POST_TAGS_CHANGED,
        /**
         * Posts were imported into the board (a Rungu archive or another board's export): one event per import and
         * board, in place of an event per imported record, so an import sends no notifications.
         */
        PROJECT_IMPORTED
    }
}
