package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.Post;
import io.rungu.model.RunguException;
import org.jdbi.v3.core.Handle;

/**
 * Finding the rows a use case starts from, as the actor may see them ({@link Access}), failing with the NOT_FOUND
 * message a caller sees; a board or post the actor may not see fails the same way as one that does not exist.
 */
final class Lookups {
    private Lookups() {}

    /** The id of a board the actor may see. */
    static String projectId(Handle h, Actor actor, String slug) {
        return Access.board(h, actor, slug).id();
    }

    /** A post the actor may see. */
    static Post post(Handle h, Actor actor, String postId) {
        return Access.require(h, actor, anyPost(h, postId));
    }

    /** A post whatever its board or state (admin use cases, and checks made afterwards). */
    static Post anyPost(Handle h, String postId) {
        return h.createQuery("SELECT * FROM posts WHERE id = :id").bind("id", postId)
                .map((rs, ctx) -> Rows.post(rs)).findOne()
                .orElseThrow(() -> RunguException.notFound(Access.NO_POST));
    }

    /** The board of a post the actor may see. */
    static String projectOfPost(Handle h, Actor actor, String postId) {
        return post(h, actor, postId).projectId();
    }

    /**
     * A post the actor may see and is about to write to (a vote, a comment, an attachment): NOT_FOUND as
     * {@link #post}, CONFLICT when it was merged into another post (it is then a read-only pointer).
     */
    static Post writablePost(Handle h, Actor actor, String postId) {
        Post post = post(h, actor, postId);
        if (post.mergedInto() != null) {
            throw merged();
        }
        return post;
    }

    /** The refusal of a write to a merged post. */
    static RunguException merged() {
        return RunguException.conflict("This post was merged into another post and is read-only; "
                + "vote and comment on that post instead");
    }

    /** Fails with NOT_FOUND unless the actor may see the post. */
    static void requirePost(Handle h, Actor actor, String postId) {
        post(h, actor, postId);
    }

    /**
     * Fails with UNAUTHENTICATED when the acting account no longer exists, e.g. a host-built actor for a removed
     * user, instead of a foreign-key error from the insert that follows.
     */
    static void requireAccount(Handle h, String userId) {
        h.createQuery("SELECT 1 FROM users WHERE id = :id").bind("id", userId)
                .mapTo(Integer.class).findOne()
                .orElseThrow(Lookups::noAccount);
    }

    /** The refusal of a write by an account that no longer exists. */
    static RunguException noAccount() {
        return new RunguException(io.rungu.model.ErrorCode.UNAUTHENTICATED,
                "This account no longer exists; sign in again");
    }

    static long voteCount(Handle h, String postId) {
        return h.createQuery("SELECT vote_count FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> RunguException.notFound(Access.NO_POST));
    }
}
