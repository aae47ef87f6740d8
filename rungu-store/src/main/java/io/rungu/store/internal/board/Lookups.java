package io.rungu.store.internal.board;

import io.rungu.model.Post;
import io.rungu.model.RunguException;
import org.jdbi.v3.core.Handle;

/** Finding the rows a use case starts from, failing with the NOT_FOUND message a caller sees. */
final class Lookups {
    private Lookups() {}

    static String projectId(Handle h, String slug) {
        return h.createQuery("SELECT id FROM projects WHERE slug = :slug").bind("slug", slug)
                .mapTo(String.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Project not found"));
    }

    static Post post(Handle h, String postId) {
        return h.createQuery("SELECT * FROM posts WHERE id = :id").bind("id", postId)
                .map((rs, ctx) -> Rows.post(rs)).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }

    /** The board of a post, failing with NOT_FOUND when the post does not exist. */
    static String projectOfPost(Handle h, String postId) {
        return h.createQuery("SELECT project_id FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(String.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }

    /** What a write to a post checks before it writes. */
    record PostState(String projectId, String mergedInto, boolean locked) {}

    /**
     * The state of a post about to be written to (a vote, a comment, an attachment): NOT_FOUND when it does not
     * exist, CONFLICT when it was merged into another post (it is then a read-only pointer).
     */
    static PostState writablePost(Handle h, String postId) {
        PostState state = h.createQuery("SELECT project_id, merged_into, locked FROM posts WHERE id = :id")
                .bind("id", postId)
                .map((rs, ctx) -> new PostState(rs.getString(1), rs.getString(2), rs.getInt(3) != 0)).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
        if (state.mergedInto() != null) {
            throw merged();
        }
        return state;
    }

    /** The refusal of a write to a merged post. */
    static RunguException merged() {
        return RunguException.conflict("This post was merged into another post and is read-only; "
                + "vote and comment on that post instead");
    }

    static void requirePost(Handle h, String postId) {
        h.createQuery("SELECT 1 FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Integer.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }

    /**
     * Fails with UNAUTHENTICATED when the acting account no longer exists, e.g. a host-built actor for a removed
     * user, instead of a foreign-key error from the insert that follows.
     */
    static void requireAccount(Handle h, String userId) {
        h.createQuery("SELECT 1 FROM users WHERE id = :id").bind("id", userId)
                .mapTo(Integer.class).findOne()
                .orElseThrow(() -> new RunguException(io.rungu.model.ErrorCode.UNAUTHENTICATED,
                        "This account no longer exists; sign in again"));
    }

    static long voteCount(Handle h, String postId) {
        return h.createQuery("SELECT vote_count FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }
}
