package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Post;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.store.internal.events.Outbox;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Merging a duplicate post into another, and undoing it. A merge moves the duplicate's votes (a person who voted
 * for both keeps one vote), comments and followers to the target and leaves the duplicate as a read-only pointer;
 * it records what it moved (merged_votes, merged_subscriptions, comments.merged_from), so an unmerge restores both
 * posts exactly. Counts follow the rows through the vote and comment triggers.
 */
final class Merges {
    private final Context cx;

    Merges(Context cx) {
        this.cx = cx;
    }

    /** Merges {@code postId} into {@code intoId} (admin) and returns the target. */
    PostView merge(Actor actor, String postId, String intoId) {
        Actor.Account account = Permissions.admin(actor);
        if (intoId == null || intoId.isBlank()) {
            throw RunguException.invalid("into", "The post to merge into is required");
        }
        if (intoId.equals(postId)) {
            throw RunguException.invalid("into", "A post cannot be merged into itself");
        }
        Instant now = cx.now();
        String mergeId = cx.newId();
        return cx.db().write(h -> {
            Post duplicate = Lookups.post(h, account, postId);
            Post target = h.createQuery("SELECT * FROM posts WHERE id = :id").bind("id", intoId)
                    .map((rs, ctx) -> Rows.post(rs)).findOne()
                    .orElseThrow(() -> RunguException.invalid("into", "The post to merge into does not exist"));
            if (duplicate.mergedInto() != null) {
                throw RunguException.conflict("This post is already merged into another post; unmerge it first");
            }
            if (target.mergedInto() != null) {
                throw RunguException.conflict("That post is itself merged into another post; merge into that one");
            }
            if (h.createQuery("SELECT 1 FROM posts WHERE merged_into = :id").bind("id", postId)
                    .mapTo(Integer.class).findFirst().isPresent()) {
                throw RunguException.conflict("Other posts are merged into this one; unmerge them first");
            }
            moveVotes(h, postId, intoId);
            h.createUpdate("UPDATE comments SET post_id = :target, merged_from = :dup WHERE post_id = :dup")
                    .bind("target", intoId).bind("dup", postId).execute();
            moveSubscriptions(h, postId, intoId, now);
            h.createUpdate("UPDATE posts SET merged_into = :target, pinned = 0 WHERE id = :dup")
                    .bind("target", intoId).bind("dup", postId).execute();
            h.createUpdate("UPDATE posts SET updated_at = :now WHERE id = :target")
                    .bind("now", now).bind("target", intoId).execute();
            record(h, mergeId, postId, intoId, false, account.userId(), now);
            event(h, account, BoardEvent.Type.POST_MERGED, duplicate, intoId);
            return PostReads.require(h, intoId, account.userId());
        });
    }

    /** Undoes the merge of {@code postId} (admin) and returns it, as it was before the merge. */
    PostView unmerge(Actor actor, String postId) {
        Actor.Account account = Permissions.admin(actor);
        Instant now = cx.now();
        String mergeId = cx.newId();
        return cx.db().write(h -> {
            Post duplicate = Lookups.post(h, account, postId);
            String target = duplicate.mergedInto();
            if (target == null) {
                throw RunguException.conflict("This post is not merged into another post");
            }
            h.createUpdate("UPDATE comments SET post_id = :dup, merged_from = NULL "
                            + "WHERE merged_from = :dup AND post_id = :target")
                    .bind("dup", postId).bind("target", target).execute();
            // Replies written on the target under a moved comment go back with their thread.
            while (h.createUpdate("UPDATE comments SET post_id = :dup WHERE post_id = :target AND parent_id IN "
                            + "(SELECT id FROM (SELECT id FROM comments WHERE post_id = :dup) moved)")
                    .bind("dup", postId).bind("target", target).execute() > 0) {
                // until no reply is left on the target
            }
            h.createUpdate("DELETE FROM votes WHERE post_id = :target AND user_id IN "
                            + "(SELECT user_id FROM merged_votes WHERE post_id = :dup AND on_target = 1)")
                    .bind("target", target).bind("dup", postId).execute();
            h.createUpdate("INSERT INTO votes (user_id, post_id, created_at) "
                            + "SELECT user_id, post_id, created_at FROM merged_votes WHERE post_id = :dup")
                    .bind("dup", postId).execute();
            h.createUpdate("DELETE FROM merged_votes WHERE post_id = :dup").bind("dup", postId).execute();
            h.createUpdate("DELETE FROM post_subscriptions WHERE post_id = :target AND user_id IN "
                            + "(SELECT user_id FROM merged_subscriptions WHERE post_id = :dup)")
                    .bind("target", target).bind("dup", postId).execute();
            h.createUpdate("DELETE FROM merged_subscriptions WHERE post_id = :dup").bind("dup", postId).execute();
            h.createUpdate("UPDATE posts SET merged_into = NULL WHERE id = :dup").bind("dup", postId).execute();
            record(h, mergeId, postId, target, true, account.userId(), now);
            event(h, account, BoardEvent.Type.POST_UNMERGED, duplicate, target);
            return PostReads.require(h, postId, account.userId());
        });
    }

    /** Records each vote of the duplicate, adds to the target the votes it lacks, and removes the duplicate's. */
    private static void moveVotes(Handle h, String dup, String target) {
        h.createUpdate("DELETE FROM merged_votes WHERE post_id = :dup").bind("dup", dup).execute();
        h.createUpdate("INSERT INTO merged_votes (post_id, user_id, created_at, on_target) "
                        + "SELECT v.post_id, v.user_id, v.created_at, CASE WHEN EXISTS (SELECT 1 FROM votes t "
                        + "WHERE t.post_id = :target AND t.user_id = v.user_id) THEN 0 ELSE 1 END "
                        + "FROM votes v WHERE v.post_id = :dup")
                .bind("dup", dup).bind("target", target).execute();
        h.createUpdate("INSERT INTO votes (user_id, post_id, created_at) "
                        + "SELECT user_id, :target, created_at FROM merged_votes WHERE post_id = :dup AND on_target = 1")
                .bind("dup", dup).bind("target", target).execute();
        h.createUpdate("DELETE FROM votes WHERE post_id = :dup").bind("dup", dup).execute();
    }

    /** The duplicate's followers follow the target too; the ones this adds are recorded for an unmerge. */
    private static void moveSubscriptions(Handle h, String dup, String target, Instant now) {
        h.createUpdate("DELETE FROM merged_subscriptions WHERE post_id = :dup").bind("dup", dup).execute();
        List<String> users = h.createQuery("SELECT s.user_id FROM post_subscriptions s WHERE s.post_id = :dup "
                        + "AND NOT EXISTS (SELECT 1 FROM post_subscriptions t WHERE t.post_id = :target "
                        + "AND t.user_id = s.user_id)")
                .bind("dup", dup).bind("target", target).mapTo(String.class).list();
        for (String user : users) {
            Subscriptions.add(h, target, user, now);
            h.createUpdate("INSERT INTO merged_subscriptions (post_id, user_id) VALUES (:dup, :user)")
                    .bind("dup", dup).bind("user", user).execute();
        }
    }

    private static void record(Handle h, String id, String dup, String target, boolean undone, String userId,
            Instant now) {
        h.createUpdate("INSERT INTO post_merges (id, post_id, into_id, undone, created_by, created_at) "
                        + "VALUES (:id, :dup, :target, :undone, :user, :now)")
                .bind("id", id).bind("dup", dup).bind("target", target).bind("undone", undone ? 1 : 0)
                .bind("user", userId).bind("now", now).execute();
    }

    private void event(Handle h, Actor.Account actor, BoardEvent.Type type, Post duplicate, String target) {
        Outbox.append(h, cx.db().dialect(), new BoardEvent(0, type, cx.now(), actor.userId(), actor.channel(),
                duplicate.projectId(), duplicate.id(), null, null, null, null, target), actor.client(),
                io.rungu.store.internal.audit.Changes.of().field("merged_into", duplicate.mergedInto(),
                        type == BoardEvent.Type.POST_MERGED ? target : null));
    }
}
