package io.rungu.mcp.internal.tools;

import io.rungu.mcp.internal.tools.Outputs.CommentResult;
import io.rungu.mcp.internal.tools.Outputs.Deleted;
import io.rungu.model.Limits;
import io.rungu.model.PageRequest;
import io.rungu.model.Range;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.User;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * The tools for what a person does about their own account and what they follow, and what an admin does about
 * users: the REST routes of subscriptions, notification settings, the profile, users and comment edits.
 */
public final class AccountTools {
    private AccountTools() {}

    private static final Param SLUG = Param.string("slug", "Board slug, e.g. \"my-app\" (list_projects shows them)")
            .asRequired().maxLength(Limits.SLUG_MAX).asAddress();
    private static final Param USER_ID = Param.string("user_id", "The account's id (list_users or whoami)")
            .asRequired().asAddress();
    private static final Param PAGE = Param.counted(Range.PAGE, "1-based page number", 1);
    private static final Param PER_PAGE = Param.counted(Range.PER_PAGE, "Items per page", Limits.PER_PAGE_DEFAULT);

    /** The read tools first, then the writes. */
    public static List<ToolSpec> all(Board board) {
        return List.of(
                ToolSpec.read("get_subscription", "Do I follow this?",
                        "Whether your account follows a post (give id) or a board (give slug), i.e. gets emails about "
                                + "it. Use before subscribe_post/subscribe_project to avoid telling the user twice.",
                        List.of(Param.string("id", "Post id, for a post's subscription"),
                                Param.string("slug", "Board slug, for a board's subscription")
                                        .maxLength(Limits.SLUG_MAX)),
                        Outputs.SubscriptionState.class,
                        (actor, a) -> {
                            String id = a.string("id");
                            String slug = a.string("slug");
                            if ((id == null) == (slug == null)) {
                                throw RunguException.invalid("id", "Give either id (a post) or slug (a board)");
                            }
                            return id != null
                                    ? new Outputs.SubscriptionState("post", id, board.isSubscribed(actor, id))
                                    : new Outputs.SubscriptionState("project", slug,
                                            board.isSubscribedToProject(actor, slug));
                        }),
                ToolSpec.read("get_notification_settings", "Get my email settings",
                        "Which kinds of emails your account gets: status changes and comments on posts you follow, "
                                + "replies to your comments, new posts on boards you follow (each true or false).",
                        List.of(), Outputs.NotificationSettingsResult.class,
                        (actor, a) -> new Outputs.NotificationSettingsResult(
                                Wire.notificationSettings(board.notificationSettings(actor)))),
                ToolSpec.read("list_users", "List users",
                        "Every account, newest first (admins only): id, name, role, when created and last signed in, "
                                + "and whether blocked. Emails are left out, as in every tool result; use the ids with "
                                + "update_user, delete_user or add_project_member. query narrows the list to names "
                                + "or emails containing it, ignoring case.",
                        List.of(Param.string("query", "Text found in the user's name or email, ignoring case")
                                .maxLength(Limits.USER_QUERY_MAX), PAGE, PER_PAGE), Outputs.UserList.class,
                        (actor, a) -> {
                            var page = board.listUsers(actor, a.string("query"),
                                    PageRequest.of(a.integer("page"), a.integer("per_page")));
                            return new Outputs.UserList(page.items().stream().map(AccountTools::summary).toList(),
                                    Wire.pagination(page));
                        }),

                ToolSpec.write("subscribe_project", "Follow a board",
                        "Follow a board (admins only): your account is emailed about each new post on it, when its "
                                + "new_posts email setting is on. Repeating it changes nothing.", false, true,
                        List.of(SLUG), Outputs.SubscriptionState.class,
                        (actor, a) -> {
                            board.subscribeProject(actor, a.string("slug"));
                            return new Outputs.SubscriptionState("project", a.string("slug"), true);
                        }),
                ToolSpec.write("unsubscribe_project", "Stop following a board",
                        "Stop following a board: no more emails about its new posts. Repeating it changes nothing.",
                        false, true, List.of(SLUG), Outputs.SubscriptionState.class,
                        (actor, a) -> {
                            board.unsubscribeProject(actor, a.string("slug"));
                            return new Outputs.SubscriptionState("project", a.string("slug"), false);
                        }),
                ToolSpec.write("update_notification_settings", "Change my email settings",
                        "Turn kinds of emails for your account on or off; omitted kinds keep their value. Returns all "
                                + "four settings after the change.", false, true,
                        List.of(Param.bool("status_changes", "Emails when a followed post changes status"),
                                Param.bool("comments", "Emails about new comments on followed posts"),
                                Param.bool("replies", "Emails about replies to your comments"),
                                Param.bool("new_posts", "Emails about new posts on followed boards")),
                        Outputs.NotificationSettingsResult.class,
                        (actor, a) -> new Outputs.NotificationSettingsResult(Wire.notificationSettings(
                                board.updateNotificationSettings(actor, new io.rungu.model.NotificationSettingsEdit(
                                        a.bool("status_changes"), a.bool("comments"), a.bool("replies"),
                                        a.bool("new_posts")))))),
                ToolSpec.write("update_profile", "Set my display name",
                        "Set your account's display name, shown with your posts and comments.", true, true,
                        List.of(Param.string("name", "The new display name").asRequired().maxLength(Limits.USER_NAME_MAX)),
                        Outputs.UserResult.class,
                        (actor, a) -> new Outputs.UserResult(summary(board.updateProfile(actor, a.string("name"))))),
                ToolSpec.write("edit_comment", "Edit a comment",
                        "Replace the text of one of your own comments; it is marked edited (edited_at).", true, true,
                        List.of(Param.string("comment_id", "Comment id (from list_comments)").asRequired().asAddress(),
                                Param.string("content", "The new text, Markdown allowed").asRequired()
                                        .maxLength(Limits.COMMENT_MAX)),
                        CommentResult.class,
                        (actor, a) -> new CommentResult(Wire.comment(board.editComment(actor, a.string("comment_id"),
                                a.string("content"))))),
                ToolSpec.write("update_user", "Change a user's role or block",
                        "Change an account's role (member or admin), or block a member (they keep reading but can no "
                                + "longer post, vote or comment) or unblock them (admins only). The last admin cannot "
                                + "be demoted. Give role, blocked or both.", true, true,
                        List.of(USER_ID, Param.oneOf("role", "The new role", Role.class),
                                Param.bool("blocked", "true blocks the member, false unblocks")),
                        Outputs.UserResult.class,
                        (actor, a) -> {
                            String role = a.string("role");
                            Boolean blocked = a.bool("blocked");
                            if (role == null && blocked == null) {
                                throw RunguException.invalid("role", "Give a role or blocked");
                            }
                            User user = null;
                            if (role != null) {
                                user = board.setRole(actor, a.string("user_id"), Role.parse(role));
                            }
                            if (blocked != null) {
                                user = board.setBlocked(actor, a.string("user_id"), blocked);
                            }
                            return new Outputs.UserResult(summary(user));
                        }),
                ToolSpec.write("delete_attachment", "Delete an attachment",
                        "Delete an image attached to a post (its uploader or an admin). Cannot be undone.", true, true,
                        List.of(Param.string("attachment_id", "Attachment id (from list_attachments)").asRequired()
                                .asAddress()),
                        Deleted.class,
                        (actor, a) -> {
                            board.deleteAttachment(actor, a.string("attachment_id"));
                            return new Deleted(true, "attachment", a.string("attachment_id"));
                        }));
    }

    private static Outputs.UserSummary summary(User u) {
        Wire.User w = Wire.user(u);
        return new Outputs.UserSummary(w.id(), w.name(), w.role(), w.createdAt(), w.lastLogin(), w.blocked());
    }
}
