package io.rungu.store.internal.board;

import io.rungu.model.Comment;
import io.rungu.model.CommentView;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostMerge;
import io.rungu.model.PostStatus;
import io.rungu.model.StatusChange;
import io.rungu.model.TimelineItem;
import io.rungu.model.UserSummary;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A post's status history and official responses, and its timeline (comments interleaved with status changes).
 * A change is written in the transaction of the edit that makes it; the post keeps its latest response in its own
 * row so lists read it without a query per post.
 */
final class StatusHistory {
    /**
     * Comments, status changes and merges of one post in one ordered list, each branch served by its (post_id,
     * created_at, id) index. Comment rows carry their text in {@code content}, status rows their response. A merge
     * shows on the duplicate's timeline and on its target's. Internal notes and hidden comments only for admins.
     */
    static String timelineSql(boolean admin) {
        return "SELECT t.* FROM ("
                + "SELECT 'comment' AS kind, c.id, c.created_at, c.created_by, u.name AS creator_name, "
                + "u.avatar_url AS creator_avatar, c.parent_id, c.content, c.edited_at, "
                + "NULL AS from_status, NULL AS to_status, c.internal, c.merged_from, NULL AS merge_post, "
                + "NULL AS merge_into, CAST(NULL AS INTEGER) AS undone, NULL AS post_title, NULL AS into_title, "
                + "c.hidden "
                + "FROM comments c JOIN users u ON u.id = c.created_by WHERE c.post_id = :post"
                + (admin ? "" : " AND c.internal = 0 AND c.hidden = 0") + " "
                + "UNION ALL "
                + "SELECT 'status', s.id, s.created_at, s.created_by, u.name, u.avatar_url, NULL, s.response, NULL, "
                + "s.from_status, s.to_status, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0 "
                + "FROM post_status_changes s JOIN users u ON u.id = s.created_by WHERE s.post_id = :post "
                + "UNION ALL " + MERGE_BRANCH + "m.post_id = :post "
                + "UNION ALL " + MERGE_BRANCH + "m.into_id = :post"
                + ") t ORDER BY t.created_at, t.id LIMIT :limit OFFSET :offset";
    }

    private static final String MERGE_BRANCH = "SELECT 'merge', m.id, m.created_at, m.created_by, u.name, "
            + "u.avatar_url, NULL, NULL, NULL, NULL, NULL, 0, NULL, m.post_id, m.into_id, m.undone, mp.title, mi.title, "
            + "0 FROM post_merges m JOIN users u ON u.id = m.created_by JOIN posts mp ON mp.id = m.post_id "
            + "JOIN posts mi ON mi.id = m.into_id WHERE ";

    private StatusHistory() {}

    /**
     * Records a change from {@code from} to {@code to} (equal for a response alone) with an optional response, and
     * keeps a given response as the post's latest. Runs inside the caller's write transaction.
     */
    static void record(Handle h, String id, String postId, PostStatus from, PostStatus to, String response,
            String actorId, Instant now) {
        h.createUpdate("INSERT INTO post_status_changes (id, post_id, from_status, to_status, response, created_by, "
                        + "created_at) VALUES (:id, :post, :from, :to, :response, :user, :now)")
                .bind("id", id).bind("post", postId).bind("from", from.wire()).bind("to", to.wire())
                .bind("response", response).bind("user", actorId).bind("now", now)
                .execute();
        if (response != null) {
            h.createUpdate("UPDATE posts SET response_text = :response, response_by = :user, response_at = :now "
                            + "WHERE id = :post")
                    .bind("response", response).bind("user", actorId).bind("now", now).bind("post", postId)
                    .execute();
        }
    }

    /**
     * One page of the post's timeline, oldest first; the total counts comments, status changes and merges.
     * Internal notes and hidden comments are in it (and its total) only for an admin.
     */
    static Page<TimelineItem> timeline(Handle h, String postId, PageRequest page, boolean admin) {
        long comments = Comments.visibleCount(h, postId, admin);
        long changes = h.createQuery("SELECT count(*) FROM post_status_changes WHERE post_id = :post")
                .bind("post", postId).mapTo(Long.class).one();
        long merges = h.createQuery("SELECT (SELECT count(*) FROM post_merges WHERE post_id = :post) "
                        + "+ (SELECT count(*) FROM post_merges WHERE into_id = :post)")
                .bind("post", postId).mapTo(Long.class).one();
        List<TimelineItem> items = h.createQuery(timelineSql(admin))
                .bind("post", postId).bind("limit", page.perPage()).bind("offset", page.offset())
                .map((rs, ctx) -> {
                    UserSummary who = new UserSummary(rs.getString("created_by"), rs.getString("creator_name"),
                            rs.getString("creator_avatar"));
                    Instant at = Rows.instant(rs, "created_at");
                    String kind = rs.getString("kind");
                    if ("comment".equals(kind)) {
                        return (TimelineItem) new TimelineItem.CommentItem(new CommentView(new Comment(
                                rs.getString("id"), postId, rs.getString("parent_id"), rs.getString("content"),
                                who.id(), at, Rows.instant(rs, "edited_at"), rs.getInt("internal") != 0,
                                rs.getString("merged_from"), rs.getInt("hidden") != 0), who));
                    }
                    if ("merge".equals(kind)) {
                        return new TimelineItem.MergeItem(new PostMerge(rs.getString("id"),
                                rs.getString("merge_post"), rs.getString("post_title"), rs.getString("merge_into"),
                                rs.getString("into_title"), rs.getInt("undone") != 0, who, at));
                    }
                    return new TimelineItem.StatusItem(new StatusChange(rs.getString("id"), postId,
                            new PostStatus(rs.getString("from_status")), new PostStatus(rs.getString("to_status")),
                            rs.getString("content"), who, at));
                })
                .list();
        return new Page<>(items, page.page(), page.perPage(), comments + changes + merges);
    }
}
