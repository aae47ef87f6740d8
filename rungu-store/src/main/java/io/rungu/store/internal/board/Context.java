package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Post;
import io.rungu.model.PostStatus;
import io.rungu.store.internal.audit.AuditLog;
import io.rungu.store.internal.audit.AuditRecord;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.events.Outbox;
import io.rungu.store.internal.db.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** What every part of the Board needs: the database, the clock, the id source and what is kept between requests. */
record Context(Database db, Clock clock, Supplier<String> ids, KeptReads kept) {
    /** The current time at the precision the database keeps. */
    Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    String newId() {
        return ids.get();
    }

    /** Records an event of this write in its transaction ({@code commentId} also names an attachment). */
    void event(Handle h, Actor.Account actor, BoardEvent.Type type, String projectId, String postId,
            String commentId) {
        event(h, actor, type, projectId, postId, commentId, null);
    }

    /**
     * As above, with what the write changed for its audit entry (the entry is written with the event, in the same
     * transaction; null records no fields).
     */
    void event(Handle h, Actor.Account actor, BoardEvent.Type type, String projectId, String postId,
            String commentId, Changes changes) {
        Outbox.append(h, db.dialect(), new BoardEvent(0, type, now(), actor.userId(), actor.channel(), projectId,
                postId, commentId, null, null, null), actor.client(), changes);
    }

    /** Records the deletion of {@code post}, marked unlisted when it was hidden or waiting for approval. */
    void deleted(Handle h, Actor.Account actor, Post post, Changes changes) {
        Outbox.append(h, db.dialect(), new BoardEvent(0, BoardEvent.Type.POST_DELETED, now(), actor.userId(),
                actor.channel(), post.projectId(), post.id(), null, null, null, null, null,
                post.hidden() || post.approval() == io.rungu.model.Approval.PENDING), actor.client(), changes);
    }

    /** Records an official response given to {@code post} without a status change. */
    void responded(Handle h, Actor.Account actor, Post post, String response) {
        Outbox.append(h, db.dialect(), new BoardEvent(0, BoardEvent.Type.POST_RESPONDED, now(),
                actor.userId(), actor.channel(), post.projectId(), post.id(), null, post.status(), post.status(),
                response), actor.client(), Changes.of().added("response", response));
    }

    /** Records a status change of {@code post} to {@code to}, with the official response given, if any. */
    void statusChanged(Handle h, Actor.Account actor, Post post, PostStatus to, String response) {
        Outbox.append(h, db.dialect(), new BoardEvent(0, BoardEvent.Type.POST_STATUS_CHANGED, now(),
                actor.userId(), actor.channel(), post.projectId(), post.id(), null, post.status(), to, response),
                actor.client(), Changes.of().field("status", post.status(), to).added("response", response));
    }

    /**
     * Records a write that has no event (a role change, a deleted account) in the audit log; {@code projectId} is
     * the board it belongs to, or null for an account-level write.
     */
    void audit(Handle h, Actor.Account actor, String action, String targetType, String targetId, String projectId,
            Changes changes) {
        AuditLog.append(h, AuditRecord.of(now(), actor, action, targetType, targetId, projectId, changes));
    }

    /**
     * Records a change to a board's status, category or tag definition; the definition's id goes in
     * {@code commentId}, a status's slug in {@code toStatus} (null for categories and tags).
     */
    void definitionChanged(Handle h, Actor.Account actor, BoardEvent.Type type, String projectId, String id,
            PostStatus status) {
        Outbox.append(h, db.dialect(), new BoardEvent(0, type, now(), actor.userId(), actor.channel(), projectId,
                null, id, null, status, null), actor.client(), null);
    }
}
