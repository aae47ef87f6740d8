package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.CommentView;
import io.rungu.model.NewComment;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
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
        return cx.db().read(h -> {
            Post post = Lookups.post(h, actor, postId);
            long total = post.commentCount() + (actor.isAdmin() ? adminOnlyCount(h, postId) : 0);
            var items = h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.post_id = :post AND "
                            + Access.commentsSql(actor) + " ORDER BY c.created_at, c.id LIMIT :limit OFFSET :offset")
                    .bind("post", postId).bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(Rows.COMMENT_VIEW).list();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    CommentView get(Actor actor, String commentId) {
        return cx.db().read(h -> byId(h, actor, commentId));
    }

    /** The number of a post's comments the viewer sees: the comment_count, plus for an admin the comments left out of it. */
    static long visibleCount(Handle h, String postId, boolean admin) {
        long visible = h.createQuery("SELECT comment_count FROM posts WHERE id = :id").bind("id", postId)
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Post not found"));
        return admin ? visible + adminOnlyCount(h, postId) : visible;
    }

    /** The number of a post's comments only admins see (internal notes and hidden comments: not in its comment_count). */
    static long adminOnlyCount(Handle h, String postId) {
        return h.createQuery("SELECT count(*) FROM comments WHERE post_id = :post AND (internal = 1 OR hidden = 1)")
                .bind("post", postId).mapTo(Long.class).one();
    }

    /** Hides a comment and the replies under it from everyone but admins (admin). */
    CommentView hide(Actor actor, String commentId) {
        return setHidden(actor, commentId, true, BoardEvent.Type.COMMENT_HIDDEN);
    }

    /** Shows a hidden comment and the replies under it again (admin). */
    CommentView restore(Actor actor, String commentId) {
        return setHidden(actor, commentId, false, BoardEvent.Type.COMMENT_RESTORED);
    }

    /**
     * Sets {@code hidden} on a comment and its whole subtree, so no reply is left under a comment others cannot
     * see; triggers keep the post's comment_count equal to its visible comments. Nothing to change: no event.
     */
    private CommentView setHidden(Actor actor, String commentId, boolean hidden, BoardEvent.Type type) {
        Actor.Account account = Permissions.admin(actor);
        return cx.db().write(h -> {
            CommentView comment = byId(h, account, commentId);
            String projectId = Lookups.projectOfPost(h, account, comment.comment().postId());
            int changed = h.createUpdate("WITH RECURSIVE thread(id) AS ("
                            + "SELECT id FROM comments WHERE id = :id "
                            + "UNION ALL SELECT c.id FROM comments c JOIN thread t ON c.parent_id = t.id) "
                            + "UPDATE comments SET hidden = :hidden WHERE id IN (SELECT id FROM thread) "
                            + "AND hidden <> :hidden")
                    .bind("id", commentId).bind("hidden", hidden ? 1 : 0).execute();
            if (changed > 0) {
                cx.event(h, account, type, projectId, comment.comment().postId(), commentId);
            }
            return byId(h, account, commentId);
        });
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
            Post post = Lookups.writablePost(h, account, postId);
            String projectId = post.projectId();
            boolean internal = input.internal();
            // A reply under a hidden comment (only admins can see one) is hidden with its thread.
            int hidden = 0;
            if (input.parentId() != null) {
                var parent = h.createQuery("SELECT c.post_id, c.internal, c.hidden FROM comments c WHERE c.id = :id AND "
                                + Access.commentsSql(account))
                        .bind("id", input.parentId())
                        .map((rs, ctx) -> new Parent(rs.getString(1), rs.getInt(2) != 0, rs.getInt(3))).findOne()
                        .orElseThrow(() -> RunguException.invalid("parent_id", "Parent comment not found"));
                if (!parent.postId().equals(postId)) {
                    throw RunguException.invalid("parent_id", "Parent comment does not belong to this post");
                }
                internal = internal || parent.internal(); // a reply to an internal note stays internal
                hidden = parent.hidden();
            }
            Lookups.requireAccount(h, account.userId());
            Permissions.notBlocked(h, account);
            if (post.locked() && !account.isAdmin()) {
                throw RunguException.conflict("This post is locked: it takes no new comments");
            }
            h.createUpdate("INSERT INTO comments (id, post_id, parent_id, content, created_by, created_at, internal, "
                            + "hidden) VALUES (:id, :post, :parent, :content, :user, :now, :internal, :hidden)")
                    .bind("id", id).bind("post", postId).bind("parent", input.parentId())
                    .bind("content", content).bind("user", account.userId()).bind("now", now)
                    .bind("internal", internal ? 1 : 0).bind("hidden", hidden)
                    .execute();
            h.createUpdate("UPDATE posts SET updated_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", postId).execute();
            Subscriptions.add(h, postId, account.userId(), now);
            cx.event(h, account, BoardEvent.Type.COMMENT_CREATED, projectId, postId, id,
                    Changes.of().added("content", content));
            return byId(h, account, id);
        });
    }

    CommentView edit(Actor actor, String commentId, String content) {
        Actor.Account account = Permissions.writer(actor);
        String valid = CommentRules.content(content);
        Instant now = cx.now();
        return cx.db().write(h -> {
            CommentView comment = byId(h, account, commentId);
            Permissions.notBlocked(h, account);
            if (!comment.comment().createdBy().equals(account.userId())) {
                throw RunguException.forbidden("You can only edit your own comments");
            }
            h.createUpdate("UPDATE comments SET content = :content, edited_at = :now WHERE id = :id")
                    .bind("content", valid).bind("now", now).bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_EDITED, Lookups.projectOfPost(h, account, comment.comment().postId()),
                    comment.comment().postId(), commentId,
                    Changes.of().field("content", comment.comment().content(), valid));
            return byId(h, account, commentId);
        });
    }

    void delete(Actor actor, String commentId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            CommentView comment = byId(h, account, commentId);
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, comment.comment().createdBy(), "You can only delete your own comments");
            String projectId = Lookups.projectOfPost(h, account, comment.comment().postId());
            h.createUpdate("DELETE FROM comments WHERE id = :id").bind("id", commentId).execute();
            cx.event(h, account, BoardEvent.Type.COMMENT_DELETED, projectId, comment.comment().postId(), commentId,
                    Changes.of().removed("post_id", comment.comment().postId())
                            .removed("content", comment.comment().content())
                            .removed("created_by", comment.comment().createdBy()));
        });
    }

    /** A reply's parent as the replier sees it. */
    private record Parent(String postId, boolean internal, int hidden) {}

    /**
     * A comment the actor may see (an internal note or a hidden comment only if an admin), on a post they may see;
     * else NOT_FOUND "Comment not found".
     */
    private static CommentView byId(Handle h, Actor actor, String commentId) {
        CommentView comment = h.createQuery(Rows.COMMENT_VIEW_SELECT + "WHERE c.id = :id AND "
                        + Access.commentsSql(actor)).bind("id", commentId)
                .map(Rows.COMMENT_VIEW).findOne()
                .orElseThrow(() -> RunguException.notFound("Comment not found"));
        if (!Access.canSee(h, actor, Lookups.anyPost(h, comment.comment().postId()))) {
            throw RunguException.notFound("Comment not found");
        }
        return comment;
    }
}
