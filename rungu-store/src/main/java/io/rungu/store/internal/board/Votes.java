package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.VoteResult;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * One vote per user and post. Triggers keep posts.vote_count in the same transaction as the vote row, and the
 * count is read back inside that transaction, so the answer is exact under any concurrency. Votes are the most
 * frequent write, so they go through group commit ({@link io.rungu.store.internal.db.Database#writeGrouped}).
 */
final class Votes {
    private final Context cx;

    Votes(Context cx) {
        this.cx = cx;
    }

    VoteResult toggle(Actor actor, String postId) {
        Actor.Account account = Permissions.contributor(actor);
        Instant now = cx.now();
        return cx.db().writeGrouped(h -> {
            String projectId = Lookups.writablePost(h, account, postId).projectId();
            Permissions.notBlocked(h, account);
            boolean voted = delete(h, account.userId(), postId) == 0;
            if (voted) {
                insert(h, account.userId(), postId, now);
            }
            recordVote(h, account, projectId, postId, voted, now);
            return new VoteResult(voted, Lookups.voteCount(h, postId));
        });
    }

    VoteResult set(Actor actor, String postId, boolean voted) {
        Actor.Account account = Permissions.contributor(actor);
        Instant now = cx.now();
        return cx.db().writeGrouped(h -> {
            String projectId = Lookups.writablePost(h, account, postId).projectId();
            Permissions.notBlocked(h, account);
            boolean changed = voted
                    ? insert(h, account.userId(), postId, now) > 0
                    : delete(h, account.userId(), postId) > 0;
            if (changed) {
                recordVote(h, account, projectId, postId, voted, now);
            }
            return new VoteResult(voted, Lookups.voteCount(h, postId));
        });
    }

    VoteResult state(Actor actor, String postId) {
        return cx.db().read(h -> {
            Lookups.requirePost(h, actor, postId);
            long count = Lookups.voteCount(h, postId);
            boolean voted = actor.userId() != null && h.createQuery(
                            "SELECT 1 FROM votes WHERE user_id = :user AND post_id = :post")
                    .bind("user", actor.userId()).bind("post", postId)
                    .mapTo(Integer.class).findOne().isPresent();
            return new VoteResult(voted, count);
        });
    }

    /** Voters follow the post they voted for; taking the vote back leaves the subscription as it is. */
    private void recordVote(Handle h, Actor.Account account, String projectId, String postId, boolean voted,
            Instant now) {
        if (voted) {
            Subscriptions.add(h, postId, account.userId(), now);
        }
        cx.event(h, account, voted ? BoardEvent.Type.VOTE_ADDED : BoardEvent.Type.VOTE_REMOVED, projectId, postId,
                null);
    }

    private int insert(Handle h, String userId, String postId, Instant now) {
        Lookups.requireAccount(h, userId);
        return h.createUpdate(cx.db().dialect().insertVoteIfAbsent())
                .bind("user", userId).bind("post", postId).bind("now", now)
                .execute();
    }

    private static int delete(Handle h, String userId, String postId) {
        return h.createUpdate("DELETE FROM votes WHERE user_id = :user AND post_id = :post")
                .bind("user", userId).bind("post", postId)
                .execute();
    }
}
