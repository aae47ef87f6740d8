package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.CommentView;
import io.rungu.model.NewComment;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.RunguException;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Threaded comments. Triggers keep posts.comment_count exact, including when deleting a comment removes its
 * whole subtree through the foreign-key cascade and when a merge moves comments to another post. The count is of
 * what members see: internal notes (admins only) are left out of it, and out of every read but an admin's.
 */
final class Comments {
    private final Context cx;

    Comments(Context cx) {
        this.cx = cx;
    }

    Page<CommentView> list(Actor actor, String postId, PageRequest page) {
        boolean admin = actor.isAdmin();
        return cx.db().read(h -> {
            long total = visibleCount(h, postId, admin);
            var items = h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.post_id = :post "
                            + (admin ? "" : "AND c.internal = 0 ")
                            + "ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
                    .bind("post", postId).bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(Rows.COMMENT_VIEW).list();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    /** The number of a post's comments the viewer sees: internal notes count for admins only. */
    static long visibleCount(Handle h, String postId, boolean admin) {
        long visible = h.createQuery("SELECT comment_count FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
        if (!admin) {
            return visible;
        }
        return visible + h.createQuery("SELECT count(*) FROM comments WHERE post_id = :post AND internal = 1")
                .bind("post", postId).mapTo(Long.class).one();
    }

    CommentView add(Actor actor, String postId, NewComment input) {
        Actor.Account account = Permissions.writer(actor);
        if (input.internal() && !account.isAdmin()) {
            throw RunguException.forbidden("Only admins can add internal notes");
        }
        String content = CommentRules.content(input.content());
        String id = cx.newId();
        Instant now = cx.now();
        return cx.db().write(h -> {
            Lookups.PostState post = Lookups.writablePost(h, postId);
            String projectId = post.projectId();
            boolean internal = input.internal();
            if (input.parentId() != null) {
                var parent = h.createQuery("SELECT post_id, internal FROM comments WHERE id = :id")
                        .bind("id", input.parentId())
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2) != 0)).findOne()
                        .filter(p -> account.isAdmin() || !p.getValue())
                        .orElseThrow(() -> RunguException.invalid("parent_id", "Parent comment not found"));
                if (!parent.getKey().equals(postId)) {
                    throw RunguException.invalid("parent_id", "Parent comment does not belong to this post");
                }
                internal = internal || parent.getValue(); // a reply to an internal note stays internal
            }
            Lookups.requireAccount(h, account.userId());
            Permissions.notBlocked(h, account);
            if (post.locked() && !account.isAdmin()) {
                throw RunguException.conflict("This post is locked: it takes no new comments");
            }
            h.createUpdate("INSERT INTO comments (id, post_id, parent_id, content, created_by, created_at, internal) "
                            + "VALUES (:id, :post, :parent, :content, :user, :now, :internal)")
                    .bind("id", id).bind("post", postId).bind("parent", input.parentId())
                    .bind("content", content).bind("user", account.userId()).bind("now", now)
                    .bind("internal", internal ? 1 : 0)
                    .execute();
            h.createUpdate("UPDATE posts SET updated_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", postId).execute();
            Subscriptions.add(h, postId, account.userId(), now);
            cx.event(h, account, BoardEvent.Type.COMMENT_CREATED, projectId, postId, id);
            return byId(h, id);
        });
    }

    CommentView edit(Actor actor, String commentId, String content) {
        Actor.Account account = Permissions.writer(actor);
        String valid = CommentRules.content(content);
        Instant now = cx.now();
        return cx.db().write(h -> {
            CommentView comment = visible(h, commentId, account);
            Permissions.notBlocked(h, account);
            if (!comment.comment().createdBy().equals(account.userId())) {
                throw RunguException.forbidden("You can only edit your own comments");
            }
            h.createUpdate("UPDATE comments SET content = :content, edited_at = :now WHERE id = :id")
                    .bind("content", valid).bind("now", now).bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_EDITED, Lookups.projectOfPost(h, comment.comment().postId()),
                    comment.comment().postId(), commentId);
            return byId(h, commentId);
        });
    }

    void delete(Actor actor, String commentId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            CommentView comment = visible(h, commentId, account);
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, comment.comment().createdBy(), "You can only delete your own comments");
            String projectId = Lookups.projectOfPost(h, comment.comment().postId());
            h.createUpdate("DELETE FROM comments WHERE id = :id").bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_DELETED, projectId, comment.comment().postId(), commentId);
        });
    }

    /** A comment the actor may see: an internal note is NOT_FOUND for anyone but an admin. */
    private static CommentView visible(Handle h, String commentId, Actor actor) {
        CommentView comment = byId(h, commentId);
        if (comment.comment().internal() && !actor.isAdmin()) {
            throw RunguException.notFound("Comment not found");
        }
        return comment;
    }

    private static CommentView byId(Handle h, String commentId) {
        return h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.id = :id").bind("id", commentId)
                .map(Rows.COMMENT_VIEW).findOne()
                .orElseThrow(() -> RunguException.notFound("Comment not found"));
    }
}
