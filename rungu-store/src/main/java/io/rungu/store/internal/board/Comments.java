package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.CommentView;
import io.rungu.model.NewComment;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Threaded comments. Triggers keep posts.comment_count exact, including when deleting a comment removes its
 * whole subtree through the foreign-key cascade.
 */
final class Comments {
    private final Context cx;

    Comments(Context cx) {
        this.cx = cx;
    }

    Page<CommentView> list(String postId, PageRequest page) {
        return cx.db().read(h -> {
            long total = h.createQuery("SELECT comment_count FROM posts WHERE id = :id").bind("id", postId)
                    .mapTo(Long.class).findOne()
                    .orElseThrow(() -> RunguException.notFound("Post not found"));
            var items = h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.post_id = :post "
                            + "ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
                    .bind("post", postId).bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(Rows.COMMENT_VIEW).list();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    CommentView add(Actor actor, String postId, NewComment input) {
        Actor.Account account = Permissions.writer(actor);
        String content = CommentRules.content(input.content());
        String id = cx.newId();
        Instant now = cx.now();
        return cx.db().write(h -> {
            String projectId = Lookups.projectOfPost(h, postId);
            if (input.parentId() != null) {
                String parentPost = h.createQuery("SELECT post_id FROM comments WHERE id = :id")
                        .bind("id", input.parentId()).mapTo(String.class).findOne()
                        .orElseThrow(() -> RunguException.invalid("parent_id", "Parent comment not found"));
                if (!parentPost.equals(postId)) {
                    throw RunguException.invalid("parent_id", "Parent comment does not belong to this post");
                }
            }
            Lookups.requireAccount(h, account.userId());
            h.createUpdate("INSERT INTO comments (id, post_id, parent_id, content, created_by, created_at) "
                            + "VALUES (:id, :post, :parent, :content, :user, :now)")
                    .bind("id", id).bind("post", postId).bind("parent", input.parentId())
                    .bind("content", content).bind("user", account.userId()).bind("now", now)
                    .execute();
            h.createUpdate("UPDATE posts SET updated_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", postId).execute();
            Subscriptions.add(h, postId, account.userId(), now);
            cx.event(h, account, BoardEvent.Type.COMMENT_CREATED, projectId, postId, id,
                    Changes.of().added("content", content));
            return byId(h, id);
        });
    }

    CommentView edit(Actor actor, String commentId, String content) {
        Actor.Account account = Permissions.writer(actor);
        String valid = CommentRules.content(content);
        Instant now = cx.now();
        return cx.db().write(h -> {
            CommentView comment = byId(h, commentId);
            if (!comment.comment().createdBy().equals(account.userId())) {
                throw RunguException.forbidden("You can only edit your own comments");
            }
            h.createUpdate("UPDATE comments SET content = :content, edited_at = :now WHERE id = :id")
                    .bind("content", valid).bind("now", now).bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_EDITED, Lookups.projectOfPost(h, comment.comment().postId()),
                    comment.comment().postId(), commentId,
                    Changes.of().field("content", comment.comment().content(), valid));
            return byId(h, commentId);
        });
    }

    void delete(Actor actor, String commentId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            CommentView comment = byId(h, commentId);
            Permissions.ownerOrAdmin(account, comment.comment().createdBy(), "You can only delete your own comments");
            String projectId = Lookups.projectOfPost(h, comment.comment().postId());
            h.createUpdate("DELETE FROM comments WHERE id = :id").bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_DELETED, projectId, comment.comment().postId(), commentId,
                    Changes.of().removed("post_id", comment.comment().postId())
                            .removed("content", comment.comment().content())
                            .removed("created_by", comment.comment().createdBy()));
        });
    }

    private static CommentView byId(Handle h, String commentId) {
        return h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.id = :id").bind("id", commentId)
                .map(Rows.COMMENT_VIEW).findOne()
                .orElseThrow(() -> RunguException.notFound("Comment not found"));
    }
}
