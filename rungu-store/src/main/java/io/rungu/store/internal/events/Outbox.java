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
        h.attach(OutboxDao.class).append(event.type().name(), event.at(), event.actorId(),
                event.channel() == null ? null : event.channel().name(), event.projectId(), event.postId(),
                event.commentId(), wire(event.fromStatus()), wire(event.toStatus()), event.response(),
                event.targetPostId());
        dialect.outboxNotify().ifPresent(h::execute);
    }

    private static String wire(PostStatus status) {
        return status == null ? null : status.wire();
    }
}
