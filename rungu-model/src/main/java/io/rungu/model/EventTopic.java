package io.rungu.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The public names of board events, as webhooks and the live event stream carry them ({@code "post.created"}).
 * Several store-level {@link BoardEvent.Type}s share one topic: a pin, a lock, an edit or new tags are all
 * {@link #POST_UPDATED}. Types with no topic (subscriptions, definitions, members) are not published.
 */
public enum EventTopic {
    POST_CREATED, POST_UPDATED, POST_STATUS_CHANGED, POST_DELETED, POST_MERGED,
    COMMENT_CREATED, COMMENT_DELETED, VOTE_CHANGED, PROJECT_CREATED, PROJECT_DELETED,
    /** Posts were imported into a board: a consumer re-reads the board rather than one event per post. */
    PROJECT_IMPORTED;

    /** The wire name: {@code post.created}, {@code vote.changed}, ... */
    public String wire() {
        String name = name().toLowerCase(Locale.ROOT);
        int split = name.indexOf('_');
        return name.substring(0, split) + "." + name.substring(split + 1);
    }

    /** The topic of a wire name, or empty when there is none. */
    public static Optional<EventTopic> fromWire(String wire) {
        return Arrays.stream(values()).filter(topic -> topic.wire().equals(wire)).findFirst();
    }

    /** The topic a store event is published under, or empty for events that are not published. */
    public static Optional<EventTopic> of(BoardEvent.Type type) {
        return Optional.ofNullable(switch (type) {
            case POST_CREATED -> POST_CREATED;
            case POST_EDITED, POST_RESPONDED, POST_UNMERGED, POST_PINNED, POST_UNPINNED, POST_LOCKED, POST_UNLOCKED,
                    POST_HIDDEN, POST_RESTORED, POST_APPROVED, POST_TAGS_CHANGED,
                    ATTACHMENT_ADDED, ATTACHMENT_DELETED -> POST_UPDATED;
            case POST_STATUS_CHANGED -> POST_STATUS_CHANGED;
            case POST_DELETED, POST_REJECTED -> POST_DELETED;
            case POST_MERGED -> POST_MERGED;
            case COMMENT_CREATED -> COMMENT_CREATED;
            case COMMENT_DELETED -> COMMENT_DELETED;
            case VOTE_ADDED, VOTE_REMOVED -> VOTE_CHANGED;
            case PROJECT_CREATED -> PROJECT_CREATED;
            case PROJECT_DELETED -> PROJECT_DELETED;
            case PROJECT_IMPORTED -> PROJECT_IMPORTED;
            default -> null;
        });
    }
}
