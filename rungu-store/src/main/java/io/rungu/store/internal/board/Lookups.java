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
