package io.rungu.store.internal.events;

import io.rungu.model.BoardEvent;
import io.rungu.model.PostStatus;
import io.rungu.store.internal.db.Dialect;
import org.jdbi.v3.core.Handle;

/** Appends events to the outbox inside the caller's write transaction, so they commit or roll back with it. */
public final class Outbox {
    private Outbox() {}

    /** Appends {@code event}; its sequence number is assigned by the database. */
    public static void append(Handle h, Dialect dialect, BoardEvent event) {
        dialect.outboxLock().ifPresent(h::execute);
        h.attach(OutboxDao.class).append(event.type().name(), event.at(), event.actorId(),
                event.channel() == null ? null : event.channel().name(), event.projectId(), event.postId(),
                event.commentId(), wire(event.fromStatus()), wire(event.toStatus()), event.response(),
                event.targetPostId());
    }

    private static String wire(PostStatus status) {
        return status == null ? null : status.wire();
    }
}
