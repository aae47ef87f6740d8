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

    static void requirePost(Handle h, String postId) {
        h.createQuery("SELECT 1 FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Integer.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }

    static long voteCount(Handle h, String postId) {
        return h.createQuery("SELECT vote_count FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
    }
}
