package io.rungu.mcp.internal.tools;

import io.rungu.mcp.internal.tools.Outputs.CommentResult;
import io.rungu.mcp.internal.tools.Outputs.Deleted;
import io.rungu.mcp.internal.tools.Outputs.MemberList;
import io.rungu.mcp.internal.tools.Outputs.MemberOut;
import io.rungu.mcp.internal.tools.Outputs.MemberResult;
import io.rungu.mcp.internal.tools.Outputs.PostList;
import io.rungu.mcp.internal.tools.Outputs.PostResult;
import io.rungu.model.Limits;
import io.rungu.model.PageRequest;
import io.rungu.model.Range;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * The admin tools of private boards, hiding and the approval queue (docs/administration.md); the Board enforces
 * that only admins may use them. A board's visibility and moderation are set with {@code update_project}.
 */
public final class ModerationTools {
    private ModerationTools() {}

    private static final Param SLUG = Param.string("slug", "Board slug, e.g. \"my-app\" (list_projects shows them)")
            .asRequired().maxLength(Limits.SLUG_MAX).asAddress();
    private static final Param ID = Param.string("id", "Post id (from list_posts or list_pending_posts)").asRequired()
            .asAddress();
    private static final Param COMMENT_ID = Param.string("comment_id", "Comment id (from list_comments)").asRequired()
            .asAddress();
    private static final Param USER = Param.string("user", "The user's id or email address").asRequired()
            .maxLength(Limits.EMAIL_MAX).asAddress();
    private static final Param PAGE = Param.counted(Range.PAGE, "1-based page number", 1);
    private static final Param PER_PAGE = Param.counted(Range.PER_PAGE, "Items per page", Limits.PER_PAGE_DEFAULT);

    /** The read tools first, then the writes. */
    public static List<ToolSpec> all(Board board) {
        return List.of(
                ToolSpec.read("list_pending_posts", "List posts waiting for approval",
                        "The approval queue of a board (admins only): posts waiting for approval, oldest first. On a "
                                + "board with moderation new_posts, members' new posts wait here, seen only by admins "
                                + "and their author, until approve_post or reject_post.",
                        List.of(SLUG, PAGE, PER_PAGE), PostList.class,
                        (actor, a) -> {
                            var page = board.approvalQueue(actor, a.string("slug"), pageOf(a));
                            return new PostList(Wire.posts(page.items()), Wire.pagination(page));
                        }),
                ToolSpec.read("list_project_members", "List a board's members",
                        "The members of a board (admins only), oldest first: on a board with visibility members only "
                                + "they and admins see it.",
                        List.of(SLUG, PAGE, PER_PAGE), MemberList.class,
                        (actor, a) -> {
                            var page = board.listProjectMembers(actor, a.string("slug"), pageOf(a));
                            return new MemberList(page.items().stream().map(Wire::projectMember).toList(),
                                    Wire.pagination(page));
                        }),

                ToolSpec.write("add_project_member", "Add a board member",
                        "Add a user, by id or email address, to a board's members (admins only). Repeating it changes "
                                + "nothing.", false, true, List.of(SLUG, USER), MemberResult.class,
                        (actor, a) -> new MemberResult(Wire.projectMember(
                                board.addProjectMember(actor, a.string("slug"), a.string("user"))))),
                ToolSpec.write("remove_project_member", "Remove a board member",
                        "Remove a user, by id or email address, from a board's members (admins only); they stop "
                                + "following its posts. Repeating it changes nothing.", true, true,
                        List.of(SLUG, USER), MemberOut.class,
                        (actor, a) -> {
                            board.removeProjectMember(actor, a.string("slug"), a.string("user"));
                            return new MemberOut(a.string("slug"), a.string("user"), false);
                        }),
                ToolSpec.write("hide_post", "Hide a post",
                        "Hide a post from everyone but admins (admins only): it leaves every list, search, count and "
                                + "feed; admins still see it with hidden=true. restore_post undoes it.", true, true,
                        List.of(ID), PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.hidePost(actor, a.string("id"))))),
                ToolSpec.write("restore_post", "Restore a hidden post",
                        "Show a hidden post to everyone who may see its board again (admins only).", false, true,
                        List.of(ID), PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.restorePost(actor, a.string("id"))))),
                ToolSpec.write("hide_comment", "Hide a comment",
                        "Hide a comment and every reply under it from everyone but admins (admins only); the post's "
                                + "comment count leaves them out. restore_comment undoes it.", true, true,
                        List.of(COMMENT_ID), CommentResult.class,
                        (actor, a) -> new CommentResult(Wire.comment(board.hideComment(actor, a.string("comment_id"))))),
                ToolSpec.write("restore_comment", "Restore a hidden comment",
                        "Show a hidden comment and every reply under it again (admins only).", false, true,
                        List.of(COMMENT_ID), CommentResult.class,
                        (actor, a) -> new CommentResult(Wire.comment(
                                board.restoreComment(actor, a.string("comment_id"))))),
                ToolSpec.write("approve_post", "Approve a waiting post",
                        "List a post waiting for approval (admins only); its board's followers are told of it now.",
                        false, false, List.of(ID), PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.approvePost(actor, a.string("id"))))),
                ToolSpec.write("reject_post", "Reject a waiting post",
                        "Reject a post waiting for approval (admins only): it is deleted. Cannot be undone.", true, false,
                        List.of(ID), Deleted.class,
                        (actor, a) -> {
                            board.rejectPost(actor, a.string("id"));
                            return new Deleted(true, "post", a.string("id"));
                        }));
    }

    private static PageRequest pageOf(Args a) {
        return PageRequest.of(a.integer("page"), a.integer("per_page"));
    }
}
