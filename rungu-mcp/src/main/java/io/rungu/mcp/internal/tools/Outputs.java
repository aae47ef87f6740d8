package io.rungu.mcp.internal.tools;

import io.rungu.model.Role;
import io.rungu.wire.Nullable;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * What tools return: always a JSON object, around the same {@link Wire} records REST sends in {@code data}, so a
 * post is the same JSON in both. The output schemas are generated from these records.
 */
public final class Outputs {
    private Outputs() {}

    public record ProjectList(List<Wire.Project> projects, Wire.Pagination pagination) {}

    public record ProjectResult(Wire.Project project) {}

    /** A board with its statuses, categories and tags. */
    public record ProjectDetailResult(Wire.ProjectDetail project) {}

    public record PostList(List<Wire.PostDetail> posts, Wire.Pagination pagination) {}

    public record PostResult(Wire.PostDetail post) {}

    /** A post with, when asked, the first page of its comments. */
    public record PostWithComments(Wire.PostDetail post, @Nullable List<Wire.CommentDetail> comments,
                                   @Nullable Wire.Pagination commentsPagination) {}

    public record CommentList(List<Wire.CommentDetail> comments, Wire.Pagination pagination) {}

    public record CommentResult(Wire.CommentDetail comment) {}

    /** Posts, best first (trending, similar). */
    public record PostsOut(List<Wire.PostDetail> posts) {}

    public record AttachmentList(List<Wire.Attachment> attachments, Wire.Pagination pagination) {}

    /** The acting account; the email is the caller's own. */
    public record WhoAmI(boolean authenticated, @Nullable String id, @Nullable String name, @Nullable String email,
                         @Nullable Role role, @Nullable String channel, boolean canWrite) {}

    /** The vote after the call, with the post it is on. */
    public record VoteOut(String postId, boolean voted, long voteCount) {}

    /** Whether the agent's account follows the post after the call. */
    public record SubscriptionOut(String postId, boolean subscribed) {}

    /** Whether the agent's account follows a post ({@code target} post) or a board (project), after the call. */
    public record SubscriptionState(String target, String id, boolean subscribed) {}

    /** The account's email switches. */
    public record NotificationSettingsResult(Wire.NotificationSettings settings) {}

    /** An account as tools show it: REST's User without the email (no tool result holds another user's email). */
    public record UserSummary(String id, @Nullable String name, Role role, java.time.Instant createdAt,
                              @Nullable java.time.Instant lastLogin, boolean blocked) {}

    public record UserList(List<UserSummary> users, Wire.Pagination pagination) {}

    public record UserResult(UserSummary user) {}

    public record Deleted(boolean deleted, String kind, String id) {}

    /** A page of a board's members. */
    public record MemberList(List<Wire.ProjectMember> members, Wire.Pagination pagination) {}

    /** One board member. */
    public record MemberResult(Wire.ProjectMember member) {}

    /** Whether a user is a board's member after a change. */
    public record MemberOut(String slug, String user, boolean member) {}
}
