package io.rungu.store.internal.audit;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import java.time.Instant;
import java.util.Locale;

/**
 * One audit entry to write.
 *
 * @param actorId   the acting user, or null for a system change
 * @param channel   how the actor reached Rungu, or null
 * @param client    the MCP client's or API token's name, or null
 * @param projectId the board it belongs to, or null for account-level entries
 */
public record AuditRecord(Instant at, String actorId, Actor.Channel channel, String client, String action,
        String targetType, String targetId, String projectId, Changes changes) {

    /** An entry of a write that has no event, made by {@code actor} (null: a system change). */
    public static AuditRecord of(Instant at, Actor.Account actor, String action, String targetType, String targetId,
            String projectId, Changes changes) {
        return new AuditRecord(at, actor == null ? null : actor.userId(), actor == null ? null : actor.channel(),
                actor == null ? null : actor.client(), action, targetType, targetId, projectId, changes);
    }

    /**
     * The entry of a board event: its action from the event's type ({@code POST_STATUS_CHANGED} is
     * {@code post.status_changed}), so a type added later is recorded without further work; its target from the
     * most specific id the event carries, unless {@code changes} names one.
     */
    public static AuditRecord of(BoardEvent event, String client, Changes changes) {
        Changes c = changes == null ? Changes.of() : changes;
        String type = event.type().name().toLowerCase(Locale.ROOT);
        int cut = type.indexOf('_');
        String noun = cut < 0 ? type : type.substring(0, cut);
        String action = cut < 0 ? type : noun + "." + type.substring(cut + 1);
        String targetType;
        String targetId;
        if (c.targetType() != null) {
            targetType = c.targetType();
            targetId = c.targetId();
        } else if (event.commentId() != null) {
            targetType = noun;
            targetId = event.commentId();
        } else if (event.postId() != null) {
            targetType = "post";
            targetId = event.postId();
        } else {
            targetType = "project";
            targetId = event.projectId();
        }
        return new AuditRecord(event.at(), event.actorId(), event.channel(), event.actorId() == null ? null : client,
                action, targetType, targetId, event.projectId(), c);
    }
}
