package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.BoardVisibility;
import io.rungu.model.Moderation;
import io.rungu.model.RunguException;
import io.rungu.model.VoteResult;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * One vote per user and post. Triggers keep posts.vote_count in the same transaction as the vote row, and the
 * answer's count is the one the transaction leaves (read back after the write on PostgreSQL, where other voters'
 * transactions commit meanwhile: {@link #countAfter}), so it is exact under any concurrency. Votes are the most
 * frequent write, so they go through group commit ({@link io.rungu.store.internal.db.Database#writeGrouped}), and
 * everything a toggle checks is read in one statement ({@link #TARGET}).
 */
final class Votes {
    /**
     * The post with its board's access columns, the voter's blocked flag (null: no such account) and whether the
     * voter's vote is there.
     */
    private static final String TARGET = "SELECT p.project_id, p.state, p.created_by, p.merged_into, p.vote_count, "
            + "pr.slug, pr.visibility, pr.moderation, (SELECT u.blocked FROM users u WHERE u.id = :user), "
            + "EXISTS (SELECT 1 FROM votes v WHERE v.user_id = :user AND v.post_id = p.id) "
            + "FROM posts p JOIN projects pr ON pr.id = p.project_id WHERE p.id = :post";

    private final Context cx;

    Votes(Context cx) {
        this.cx = cx;
    }

    /** What a vote checks, as {@link #TARGET} reads it. */
    private record Target(String projectId, long voteCount, boolean voted, boolean accountExists) {}

    VoteResult toggle(Actor actor, String postId) {
        Actor.Account account = Permissions.contributor(actor);
        Instant now = cx.now();
        return cx.db().writeGrouped(h -> {
            Target target = target(h, account, postId);
            boolean voted = !target.voted();
            return new VoteResult(voted, countAfter(h, target, postId, write(h, account, target, postId, voted, now)));
        });
    }

    VoteResult set(Actor actor, String postId, boolean voted) {
        Actor.Account account = Permissions.contributor(actor);
        Instant now = cx.now();
        return cx.db().writeGrouped(h -> {
            Target target = target(h, account, postId);
            if (target.voted() == voted) {
                return new VoteResult(voted, target.voteCount());
            }
            return new VoteResult(voted, countAfter(h, target, postId, write(h, account, target, postId, voted, now)));
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

    /**
     * The post a vote is for, checked in the order and with the messages of every other write to a post: NOT_FOUND
     * unless the voter may see it ({@link Access}), CONFLICT when it was merged, FORBIDDEN when the voter is
     * blocked (an account that no longer exists is refused when a vote would be written: {@link #insert}).
     */
    private static Target target(Handle h, Actor.Account account, String postId) {
        Row row = h.createQuery(TARGET).bind("post", postId).bind("user", account.userId())
                .map((rs, ctx) -> new Row(rs.getString(2), rs.getString(3), rs.getString(4),
                        new Access.BoardAccess(rs.getString(1), rs.getString(6),
                                BoardVisibility.parse(rs.getString(7)), Moderation.parse(rs.getString(8))),
                        rs.getInt(9) != 0,
                        new Target(rs.getString(1), rs.getLong(5), rs.getBoolean(10), rs.getObject(9) != null)))
                .findOne().orElseThrow(() -> RunguException.notFound(Access.NO_POST));
        if (!Access.canSeeOnBoard(account, "hidden".equals(row.state()), "pending".equals(row.state()),
                row.createdBy()) || !Access.canSee(h, account, row.board())) {
            throw RunguException.notFound(Access.NO_POST);
        }
        if (row.mergedInto() != null) {
            throw Lookups.merged();
        }
        if (row.blocked()) {
            throw RunguException.forbidden(Permissions.BLOCKED_MESSAGE);
        }
        return row.target();
    }

    /** A row of {@link #TARGET}. */
    private record Row(String state, String createdBy, String mergedInto, Access.BoardAccess board, boolean blocked,
                       Target target) {}

    /**
     * The post's vote count after this write: where no other writer can commit inside this transaction, the count
     * {@link #TARGET} read moved by the row this write {@code changed} (+1, -1 or 0); elsewhere it is read again.
     */
    private long countAfter(Handle h, Target target, String postId, int changed) {
        return cx.db().dialect().writesOneAtATime() ? target.voteCount() + changed : Lookups.voteCount(h, postId);
    }

    /**
     * Adds or removes the vote, and when that changed a row records it: voters follow the post they voted for
     * (taking the vote back leaves the subscription as it is), and one event. A row already as wanted (on
     * PostgreSQL the same voter's toggle on another server committed first) records nothing.
     *
     * @return how the write moved the post's vote count: 1, -1, or 0 when no row changed
     */
    private int write(Handle h, Actor.Account account, Target target, String postId, boolean voted, Instant now) {
        int changed = voted ? insert(h, target, account.userId(), postId, now) : delete(h, account.userId(), postId);
        if (changed == 0) {
            return 0;
        }
        if (voted) {
            Subscriptions.add(h, postId, account.userId(), now);
        }
        cx.event(h, account, voted ? BoardEvent.Type.VOTE_ADDED : BoardEvent.Type.VOTE_REMOVED, target.projectId(),
                postId, null);
        return voted ? 1 : -1;
    }

    private int insert(Handle h, Target target, String userId, String postId, Instant now) {
        if (!target.accountExists()) {
            throw Lookups.noAccount();
        }
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
