package io.rungu.store.internal.events;

import io.rungu.model.BoardEvent;
import io.rungu.model.PostStatus;
import io.rungu.store.internal.audit.AuditLog;
import io.rungu.store.internal.audit.AuditRecord;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Dialect;
import org.jdbi.v3.core.Handle;

/** Appends events to the outbox inside the caller's write transaction, so they commit or roll back with it. */
public final class Outbox {
    private static final String APPEND = "INSERT INTO outbox (type, created_at, actor_id, channel, project_id, "
            + "post_id, comment_id, from_status, to_status, response, target_post_id, post_unlisted) VALUES (:type, :at, "
            + ":actor, :channel, :project, :post, :comment, :from, :to, :response, :target, :unlisted)";

    private Outbox() {}

    /**
     * Appends {@code event}, and its audit entry with no client and no field changes; its sequence number is
     * assigned by the database.
     */
    public static void append(Handle h, Dialect dialect, BoardEvent event) {
        append(h, dialect, event, null, null);
    }

    /**
     * Appends {@code event} and its audit entry, naming the actor's {@code client} (may be null) and what the write
     * {@code changes} (may be null), in the same transaction.
     */
    public static void append(Handle h, Dialect dialect, BoardEvent event, String client, Changes changes) {
        dialect.outboxLock().ifPresent(h::execute);
        AuditLog.append(h, AuditRecord.of(event, client, changes));
        // A plain statement rather than the OutboxDao: attaching a SQL object costs more than the insert, and
        // this runs inside every event-writing transaction (on SQLite, on the single writer).
        h.createUpdate(APPEND).bind("type", event.type().name()).bind("at", event.at())
                .bind("actor", event.actorId()).bind("channel", event.channel() == null ? null : event.channel().name())
                .bind("project", event.projectId()).bind("post", event.postId()).bind("comment", event.commentId())
                .bind("from", wire(event.fromStatus())).bind("to", wire(event.toStatus()))
                .bind("response", event.response()).bind("target", event.targetPostId())
                .bind("unlisted", event.unlisted() ? 1 : 0)
                .execute();
        dialect.outboxNotify().ifPresent(h::execute);
    }

    private static String wire(PostStatus status) {
        return status == null ? null : status.wire();
    }
}
