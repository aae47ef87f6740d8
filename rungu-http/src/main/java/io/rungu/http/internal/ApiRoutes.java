package io.rungu.http.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Param;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.AttachmentContent;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.Limits;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Range;
import io.rungu.model.Role;
import io.rungu.model.TrendingQuery;
import io.rungu.model.User;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The REST resources of the contract. Each handler parses, makes one Board call and renders; every rule and
 * permission lives in the Board.
 */
public final class ApiRoutes {
    // The fields each JSON body may have; any other is refused with RunguException.unknownField.
    private static final List<String> NEW_PROJECT = List.of("name", "slug", "description");
    private static final List<String> PROJECT_EDIT = List.of("name", "description", "visibility", "moderation");
    private static final List<String> NEW_POST = List.of("title", "description", "category");
    private static final List<String> POST_EDIT = List.of("title", "description", "category", "status", "response",
            "pinned", "locked");
    private static final List<String> SET_VOTE = List.of("voted");
    private static final List<String> NEW_COMMENT = List.of("content", "parent_id", "internal");
    private static final List<String> COMMENT_EDIT = List.of("content");
    private static final List<String> USER_EDIT = List.of("role", "blocked");
    private static final List<String> MERGE = List.of("into");
    private static final List<String> PROFILE_EDIT = List.of("name");
    private static final List<String> NOTIFICATION_SETTINGS = List.of("status_changes", "comments", "replies",
            "new_posts");

    static final List<Param> PAGING = List.of(
            new Param("page", "integer", "1-based page number (default 1)"),
            new Param("per_page", "integer", "items per page, 1..100 (default 20)"));

    private final Board board;
    private final Requests requests;
    private final Guard guard;
    private final int maxUploadBytes;

    public ApiRoutes(Board board, Requests requests, Guard guard, int maxUploadBytes) {
        this.board = board;
        this.requests = requests;
        this.guard = guard;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void register(RouteTable t) {
        // boards
        t.add(GET, "/api/projects", this::listProjects).doc("projects", "List boards, newest first", Access.PUBLIC)
                .query(PAGING).reply(200, Shape.PAGE, "Project").done();
        t.add(POST, "/api/projects", this::createProject).doc("projects", "Create a board", Access.ADMIN)
                .json("NewProject").reply(201, Shape.DATA, "Project").done();
        t.add(GET, "/api/projects/{slug}", ctx -> ok(ctx, Wire.projectDetail(board.definitions(actor(ctx), ctx.pathParam("slug")))))
                .doc("projects", "Get a board with its statuses, categories and tags", Access.PUBLIC)
                .reply(200, Shape.DATA, "ProjectDetail").done();
        t.add(PATCH, "/api/projects/{slug}", this::updateProject)
                .doc("projects", "Rename or re-describe a board, or set its visibility or moderation", Access.ADMIN)
                .json("ProjectEdit").reply(200, Shape.DATA, "Project").done();
        t.add(DELETE, "/api/projects/{slug}", ctx -> {
            board.deleteProject(actor(ctx), ctx.pathParam("slug"));
            ctx.status(204);
        }).doc("projects", "Delete a board with everything on it", Access.ADMIN).reply(204, Shape.NONE, null).done();

        // posts of a board
        t.add(GET, "/api/projects/{slug}/posts", this::listPosts).doc("posts", "List, filter and search posts", Access.PUBLIC)
                .query(new Param("sort", "string", "order (default newest, or relevance with q); trending: posts of the "
                                + "last " + Limits.TRENDING_DAYS_DEFAULT + " days most-voted first, then older posts "
                                + "most-voted first", wires(PostSort.values())),
                        new Param("status", "string", "only posts with this status, or any of several separated by "
                                + "commas, e.g. open,planned (slugs of the board's statuses)"),
                        new Param("exclude_closed", "boolean", "true: leave out posts whose status is of the closed "
                                + "kind (default false: every status)"),
                        new Param("author", "string", "me: only the signed-in viewer's own posts"),
                        new Param("voted_by", "string", "me: only the posts the signed-in viewer voted for"),
                        new Param("category", "string", "only posts of this category (a slug of the board's categories)"),
                        new Param("tag", "string", "only posts with this tag (a slug of the board's tags)"),
                        new Param("q", "string", "search words, matched by prefix (at most " + Limits.SEARCH_QUERY_MAX + " characters)"))
                .query(PAGING).reply(200, Shape.PAGE, "PostDetail").done();
        t.add(GET, "/api/projects/{slug}/posts/similar", this::similarPosts)
                .doc("posts", "Posts like a text, best first (duplicate suggestions)", Access.PUBLIC)
                .query(new Param("q", "string", "the text, e.g. a new post's title: any word but common ones matches, "
                                + "the last by prefix (at most " + Limits.SEARCH_QUERY_MAX + " characters)"),
                        new Param("limit", "integer", "most posts, 1.." + Limits.SIMILAR_LIMIT_MAX + " (default "
                                + Limits.SIMILAR_LIMIT_DEFAULT + ")"))
                .reply(200, Shape.LIST, "PostDetail").done();
        t.add(POST, "/api/projects/{slug}/posts", this::createPost).doc("posts", "Create a post", Access.SIGNED_IN)
                .json("NewPost").reply(201, Shape.DATA, "PostDetail").done();
        t.add(GET, "/api/projects/{slug}/roadmap", this::roadmap).doc("boards", "A column per active status, and the done posts", Access.PUBLIC)
                .query(new Param("limit", "integer", "posts per bucket, 1..50 (default 10)")).reply(200, Shape.DATA, "Roadmap").done();
        t.add(GET, "/api/projects/{slug}/changelog", this::changelog).doc("boards", "Shipped posts, latest first", Access.PUBLIC)
                .query(new Param("since", "string", "RFC 3339 instant; only posts done at or after it"))
                .query(PAGING).reply(200, Shape.PAGE, "PostDetail").done();
        t.add(GET, "/api/projects/{slug}/stats", ctx -> ok(ctx, Wire.stats(board.stats(actor(ctx), ctx.pathParam("slug")))))
                .doc("boards", "Exact counts of a board", Access.PUBLIC).reply(200, Shape.DATA, "Stats").done();
        t.add(GET, "/api/projects/{slug}/trending", this::trending).doc("boards", "Most-voted recent posts", Access.PUBLIC)
                .query(new Param("days", "integer", "window in days, 1..365 (default 7)"),
                        new Param("limit", "integer", "most posts, 1..100 (default 10)"))
                .reply(200, Shape.LIST, "PostDetail").done();

        // one post
        t.add(GET, "/api/posts/{id}", ctx -> guard.sendKept(ctx, new Wire.Data<>(Wire.post(board.getPost(actor(ctx), ctx.pathParam("id"))))))
                .doc("posts", "Get a post", Access.PUBLIC).reply(200, Shape.DATA, "PostDetail").done();
        t.add(PATCH, "/api/posts/{id}", this::editPost)
                .doc("posts", "Edit a post (author or admin; status and official response: admin only)", Access.SIGNED_IN)
                .json("PostEdit").reply(200, Shape.DATA, "PostDetail").done();
        t.add(DELETE, "/api/posts/{id}", ctx -> {
            board.deletePost(actor(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).doc("posts", "Delete a post (author or admin)", Access.SIGNED_IN).reply(204, Shape.NONE, null).done();

        t.add(POST, "/api/posts/{id}/merge", ctx -> ok(ctx, Wire.post(board.mergePost(actor(ctx), ctx.pathParam("id"),
                Requests.string(requests.object(ctx, MERGE), "into")))))
                .doc("posts", "Merge a duplicate into another post: votes, comments and followers move; answers the "
                        + "target", Access.ADMIN)
                .json("MergeRequest").reply(200, Shape.DATA, "PostDetail").done();
        t.add(POST, "/api/posts/{id}/unmerge", ctx -> ok(ctx, Wire.post(board.unmergePost(actor(ctx),
                ctx.pathParam("id")))))
                .doc("posts", "Undo a merge: both posts as they were before it; answers the duplicate", Access.ADMIN)
                .reply(200, Shape.DATA, "PostDetail").done();

        t.add(GET, "/api/posts/{id}/timeline", ctx -> ok(ctx, Wire.listing(
                board.timeline(actor(ctx), ctx.pathParam("id"), page(ctx)), Wire::timelineEntry)))
                .doc("posts", "Comments and status changes (with official responses) of a post, oldest first",
                        Access.PUBLIC)
                .query(PAGING).reply(200, Shape.PAGE, "TimelineEntry").done();

        // votes
        t.add(POST, "/api/posts/{id}/vote", ctx -> ok(ctx, Wire.vote(board.toggleVote(actor(ctx), ctx.pathParam("id")))))
                .doc("votes", "Toggle the caller's vote", Access.SIGNED_IN).reply(200, Shape.DATA, "Vote").done();
        t.add(GET, "/api/posts/{id}/vote", ctx -> ok(ctx, Wire.vote(board.voteState(actor(ctx), ctx.pathParam("id")))))
                .doc("votes", "The caller's vote on a post", Access.PUBLIC).reply(200, Shape.DATA, "Vote").done();
        t.add(PUT, "/api/posts/{id}/vote", ctx -> {
            boolean voted = Requests.requiredBoolean(requests.object(ctx, SET_VOTE), "voted");
            ok(ctx, Wire.vote(board.setVote(actor(ctx), ctx.pathParam("id"), voted)));
        }).doc("votes", "Set the caller's vote (idempotent)", Access.SIGNED_IN).json("SetVote")
                .reply(200, Shape.DATA, "Vote").done();

        // subscriptions
        t.add(GET, "/api/projects/{slug}/subscription", ctx -> ok(ctx, new Wire.Subscription(
                board.isSubscribedToProject(actor(ctx), ctx.pathParam("slug")))))
                .doc("subscriptions", "Whether the caller follows a board", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "Subscription").done();
        t.add(PUT, "/api/projects/{slug}/subscription", ctx -> {
            board.subscribeProject(actor(ctx), ctx.pathParam("slug"));
            ok(ctx, new Wire.Subscription(true));
        }).doc("subscriptions", "Follow a board: an email for each new post (admins; idempotent)", Access.ADMIN)
                .reply(200, Shape.DATA, "Subscription").done();
        t.add(DELETE, "/api/projects/{slug}/subscription", ctx -> {
            board.unsubscribeProject(actor(ctx), ctx.pathParam("slug"));
            ok(ctx, new Wire.Subscription(false));
        }).doc("subscriptions", "Stop following a board (idempotent)", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "Subscription").done();
        t.add(GET, "/api/posts/{id}/subscription", ctx -> ok(ctx, new Wire.Subscription(
                board.isSubscribed(actor(ctx), ctx.pathParam("id")))))
                .doc("subscriptions", "Whether the caller follows a post", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "Subscription").done();
        t.add(PUT, "/api/posts/{id}/subscription", ctx -> {
            board.subscribe(actor(ctx), ctx.pathParam("id"));
            ok(ctx, new Wire.Subscription(true));
        }).doc("subscriptions", "Follow a post: notifications of its status changes and comments (idempotent)",
                Access.SIGNED_IN).reply(200, Shape.DATA, "Subscription").done();
        t.add(DELETE, "/api/posts/{id}/subscription", ctx -> {
            board.unsubscribe(actor(ctx), ctx.pathParam("id"));
            ok(ctx, new Wire.Subscription(false));
        }).doc("subscriptions", "Stop following a post (idempotent)", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "Subscription").done();

        // comments
        t.add(GET, "/api/posts/{id}/comments", ctx -> ok(ctx, Wire.listing(
                board.listComments(actor(ctx), ctx.pathParam("id"), page(ctx)), Wire::comment)))
                .doc("comments", "Comments of a post, oldest first, flat with parent_id", Access.PUBLIC)
                .query(PAGING).reply(200, Shape.PAGE, "CommentDetail").done();
        t.add(POST, "/api/posts/{id}/comments", ctx -> {
            JsonNode body = requests.object(ctx, NEW_COMMENT);
            var input = new NewComment(Requests.string(body, "content"), Requests.string(body, "parent_id"),
                    Boolean.TRUE.equals(Requests.optionalBoolean(body, "internal")));
            created(ctx, Wire.comment(board.addComment(actor(ctx), ctx.pathParam("id"), input)));
        }).doc("comments", "Comment on a post or reply to a comment", Access.SIGNED_IN).json("NewComment")
                .reply(201, Shape.DATA, "CommentDetail").done();
        t.add(PATCH, "/api/comments/{id}", ctx -> {
            String content = Requests.string(requests.object(ctx, COMMENT_EDIT), "content");
            ok(ctx, Wire.comment(board.editComment(actor(ctx), ctx.pathParam("id"), content)));
        }).doc("comments", "Edit a comment (its author)", Access.SIGNED_IN).json("CommentEdit")
                .reply(200, Shape.DATA, "CommentDetail").done();
        t.add(DELETE, "/api/comments/{id}", ctx -> {
            board.deleteComment(actor(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).doc("comments", "Delete a comment and its replies (author or admin)", Access.SIGNED_IN)
                .reply(204, Shape.NONE, null).done();

        // attachments
        t.add(GET, "/api/posts/{id}/attachments", ctx -> ok(ctx, Wire.listing(
                board.listAttachments(actor(ctx), ctx.pathParam("id"), page(ctx)), Wire.attachment(guard.base(ctx) + "/api"))))
                .doc("attachments", "Images attached to a post", Access.PUBLIC).query(PAGING)
                .reply(200, Shape.PAGE, "Attachment").done();
        t.add(POST, "/api/posts/{id}/attachments", this::upload)
                .doc("attachments", "Attach an image (PNG, JPEG, WebP or GIF, at most 10 MiB; post author or admin)",
                        Access.SIGNED_IN)
                .multipart("Upload").reply(201, Shape.DATA, "Attachment").done();
        t.add(GET, "/api/attachments/{id}", this::download).doc("attachments", "The image bytes", Access.PUBLIC)
                .reply(200, Shape.BINARY, null).done();
        t.add(DELETE, "/api/attachments/{id}", ctx -> {
            board.deleteAttachment(actor(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).doc("attachments", "Delete an attachment (uploader or admin)", Access.SIGNED_IN).reply(204, Shape.NONE, null).done();

        // users
        t.add(GET, "/api/users", ctx -> ok(ctx, Wire.listing(board.listUsers(actor(ctx), ctx.queryParam("q"), page(ctx)),
                        Wire::user)))
                .doc("users", "All users, newest first", Access.ADMIN)
                .query(new Param("q", "string", "only users whose name or email contains this text, ignoring case (at most "
                        + Limits.USER_QUERY_MAX + " characters)"))
                .query(PAGING).reply(200, Shape.PAGE, "User").done();
        t.add(PATCH, "/api/users/{id}", this::editUser)
                .doc("users", "Change a user's role, or block or unblock a member", Access.ADMIN).json("UserEdit")
                .reply(200, Shape.DATA, "User").done();
        t.add(DELETE, "/api/users/{id}", ctx -> {
            board.deleteUser(actor(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).doc("users", "Erase a user's account (GDPR); their posts and comments stay as \"Deleted user\"", Access.ADMIN)
                .reply(204, Shape.NONE, null).done();
        t.add(DELETE, "/api/me", ctx -> {
            board.deleteUser(actor(ctx), actor(ctx).userId());
            ctx.status(204);
        }).doc("users", "Erase your own account (GDPR); your posts and comments stay as \"Deleted user\"",
                Access.SIGNED_IN).reply(204, Shape.NONE, null).done();
        t.add(PATCH, "/api/me", ctx -> ok(ctx, Wire.user(board.updateProfile(actor(ctx),
                        Requests.string(requests.object(ctx, PROFILE_EDIT), "name")))))
                .doc("users", "Set your own display name", Access.SIGNED_IN).json("ProfileEdit")
                .reply(200, Shape.DATA, "User").done();
        t.add(GET, "/api/me/notifications", ctx -> ok(ctx, Wire.notificationSettings(
                board.notificationSettings(actor(ctx)))))
                .doc("subscriptions", "Which emails you get, one switch per kind: status changes, comments, "
                        + "replies to you, new posts on followed boards", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "NotificationSettings").done();
        t.add(PATCH, "/api/me/notifications", ctx -> {
            JsonNode body = requests.object(ctx, NOTIFICATION_SETTINGS);
            ok(ctx, Wire.notificationSettings(board.updateNotificationSettings(actor(ctx),
                    new io.rungu.model.NotificationSettingsEdit(Requests.optionalBoolean(body, "status_changes"),
                            Requests.optionalBoolean(body, "comments"), Requests.optionalBoolean(body, "replies"),
                            Requests.optionalBoolean(body, "new_posts")))));
        }).doc("subscriptions", "Turn kinds of emails on or off (a missing field keeps its value)", Access.SIGNED_IN)
                .json("NotificationSettingsEdit").reply(200, Shape.DATA, "NotificationSettings").done();
        registerModeration(t);
        registerAudit(t);
    }

    /** Members of private boards, hiding and restoring, and the approval queue (docs/administration.md). */
    private void registerModeration(RouteTable t) {
        t.add(GET, "/api/projects/{slug}/members", ctx -> ok(ctx, Wire.listing(
                board.listProjectMembers(actor(ctx), ctx.pathParam("slug"), page(ctx)), Wire::projectMember)))
                .doc("moderation", "The members of a board, oldest first", Access.ADMIN).query(PAGING)
                .reply(200, Shape.PAGE, "ProjectMember").done();
        t.add(PUT, "/api/projects/{slug}/members/{user}", ctx -> ok(ctx, Wire.projectMember(
                board.addProjectMember(actor(ctx), ctx.pathParam("slug"), ctx.pathParam("user")))))
                .doc("moderation", "Add a user (id or email address) to a board's members (idempotent)", Access.ADMIN)
                .reply(200, Shape.DATA, "ProjectMember").done();
        t.add(DELETE, "/api/projects/{slug}/members/{user}", ctx -> {
            board.removeProjectMember(actor(ctx), ctx.pathParam("slug"), ctx.pathParam("user"));
            ctx.status(204);
        }).doc("moderation", "Remove a user (id or email address) from a board's members (idempotent)", Access.ADMIN)
                .reply(204, Shape.NONE, null).done();
        t.add(GET, "/api/projects/{slug}/posts/pending", ctx -> ok(ctx, Wire.listing(
                board.approvalQueue(actor(ctx), ctx.pathParam("slug"), page(ctx)), Wire::post)))
                .doc("moderation", "The approval queue: posts waiting for approval, oldest first", Access.ADMIN)
                .query(PAGING).reply(200, Shape.PAGE, "PostDetail").done();
        t.add(POST, "/api/posts/{id}/hide", ctx -> ok(ctx, Wire.post(board.hidePost(actor(ctx), ctx.pathParam("id")))))
                .doc("moderation", "Hide a post from everyone but admins (idempotent)", Access.ADMIN)
                .reply(200, Shape.DATA, "PostDetail").done();
        t.add(POST, "/api/posts/{id}/restore", ctx -> ok(ctx, Wire.post(board.restorePost(actor(ctx),
                ctx.pathParam("id"))))).doc("moderation", "Show a hidden post again (idempotent)", Access.ADMIN)
                .reply(200, Shape.DATA, "PostDetail").done();
        t.add(POST, "/api/posts/{id}/approve", ctx -> ok(ctx, Wire.post(board.approvePost(actor(ctx),
                ctx.pathParam("id"))))).doc("moderation", "Approve a waiting post: it is listed", Access.ADMIN)
                .reply(200, Shape.DATA, "PostDetail").done();
        t.add(POST, "/api/posts/{id}/reject", ctx -> {
            board.rejectPost(actor(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).doc("moderation", "Reject a waiting post: it is deleted", Access.ADMIN).reply(204, Shape.NONE, null).done();
        t.add(POST, "/api/comments/{id}/hide", ctx -> ok(ctx, Wire.comment(board.hideComment(actor(ctx),
                ctx.pathParam("id"))))).doc("moderation", "Hide a comment and its replies from everyone but admins",
                Access.ADMIN).reply(200, Shape.DATA, "CommentDetail").done();
        t.add(POST, "/api/comments/{id}/restore", ctx -> ok(ctx, Wire.comment(board.restoreComment(actor(ctx),
                ctx.pathParam("id"))))).doc("moderation", "Show a hidden comment and its replies again", Access.ADMIN)
                .reply(200, Shape.DATA, "CommentDetail").done();
    }

    /** The audit log (admins). */
    private void registerAudit(RouteTable t) {
        t.add(GET, "/api/audit", ctx -> ok(ctx, Wire.listing(board.auditLog(actor(ctx), new io.rungu.model.AuditQuery(
                        ctx.queryParam("project"), ctx.queryParam("actor"), ctx.queryParam("action"),
                        ctx.queryParam("since"), page(ctx))), Wire::auditEntry)))
                .doc("audit", "The audit log, newest first: every write with who, how, what and the fields changed",
                        Access.ADMIN)
                .query(new Param("project", "string", "a board's slug: only its entries"),
                        new Param("actor", "string", "a user's id: only their writes"),
                        new Param("action", "string", "an action (post.edited) or a target type (post)"),
                        new Param("since", "string", "RFC 3339 instant, or a duration back from now (24h, 7d, PT1H)"))
                .query(PAGING).reply(200, Shape.PAGE, "AuditEntry").done();
    }

    /**
     * With a host's own login there are no sign-in routes, but the web app still asks who is signed in and which
     * providers exist: answer both from the host's actor (no providers); /auth/session also answers anonymous callers.
     */
    public void registerHostSignInInfo(RouteTable t) {
        t.add(GET, "/auth/me", ctx -> {
            ok(ctx, Wire.me(board.me(actor(ctx))));
        }).doc("auth", "The signed-in user (from the host application's login)", Access.SIGNED_IN)
                .reply(200, Shape.DATA, "Me").done();
        t.add(GET, "/auth/session", ctx -> {
            io.rungu.model.Actor actor = actor(ctx);
            guard.send(ctx, 200, new Wire.Session(actor.userId() == null ? null : Wire.me(board.me(actor))));
        }).doc("auth", "Who is signed in (from the host application's login): {\"user\": null} when nobody is",
                Access.PUBLIC).reply(200, Shape.JSON, "Session").done();
    }

    private void listProjects(Context ctx) {
        ok(ctx, Wire.listing(board.listProjects(actor(ctx), page(ctx)), Wire::project));
    }

    private void createProject(Context ctx) {
        JsonNode body = requests.object(ctx, NEW_PROJECT);
        var input = new NewProject(Requests.string(body, "name"), Requests.string(body, "slug"),
                Requests.string(body, "description"));
        created(ctx, Wire.project(board.createProject(actor(ctx), input)));
    }

    private void updateProject(Context ctx) {
        JsonNode body = requests.object(ctx, PROJECT_EDIT);
        var edit = new ProjectEdit(Requests.string(body, "name"), Requests.string(body, "description"),
                Requests.wire(body, "visibility", io.rungu.model.BoardVisibility::parse),
                Requests.wire(body, "moderation", io.rungu.model.Moderation::parse));
        ok(ctx, Wire.project(board.updateProject(actor(ctx), ctx.pathParam("slug"), edit)));
    }

    private void listPosts(Context ctx) {
        var query = new PostQuery(Requests.wireParam(ctx, "sort", PostSort::parse), null,
                Requests.wireParam(ctx, "category", PostCategory::parse),
                ctx.queryParam("q"), page(ctx), Requests.wireParam(ctx, "tag", s -> s),
                PostQuery.parseStatuses(ctx.queryParam("status")), Requests.booleanParam(ctx, "exclude_closed"),
                PostQuery.parseMe("author", ctx.queryParam("author")),
                PostQuery.parseMe("voted_by", ctx.queryParam("voted_by")));
        guard.sendKept(ctx, Wire.listing(board.listPosts(actor(ctx), ctx.pathParam("slug"), query), Wire::post));
    }

    private void similarPosts(Context ctx) {
        int limit = Range.SIMILAR_LIMIT.orDefault(Requests.rangeParam(ctx, Range.SIMILAR_LIMIT),
                Limits.SIMILAR_LIMIT_DEFAULT);
        ok(ctx, Wire.posts(board.similarPosts(actor(ctx), ctx.pathParam("slug"), ctx.queryParam("q"), limit)));
    }

    private void createPost(Context ctx) {
        JsonNode body = requests.object(ctx, NEW_POST);
        var input = new NewPost(Requests.string(body, "title"), Requests.string(body, "description"),
                Requests.wire(body, "category", PostCategory::parse));
        created(ctx, Wire.post(board.createPost(actor(ctx), ctx.pathParam("slug"), input)));
    }

    private void editPost(Context ctx) {
        JsonNode body = requests.object(ctx, POST_EDIT);
        var edit = new PostEdit(Requests.string(body, "title"), Requests.string(body, "description"),
                Requests.wire(body, "category", PostCategory::parse), Requests.wire(body, "status", PostStatus::parse),
                Requests.string(body, "response"), Requests.optionalBoolean(body, "pinned"),
                Requests.optionalBoolean(body, "locked"));
        ok(ctx, Wire.post(board.editPost(actor(ctx), ctx.pathParam("id"), edit)));
    }

    private void editUser(Context ctx) {
        JsonNode body = requests.object(ctx, USER_EDIT);
        Role role = Requests.wire(body, "role", Role::parse);
        Boolean blocked = Requests.optionalBoolean(body, "blocked");
        if (role == null && blocked == null) {
            throw io.rungu.model.RunguException.invalid("role", "Give a role or blocked");
        }
        User user = null;
        if (role != null) {
            user = board.setRole(actor(ctx), ctx.pathParam("id"), role);
        }
        if (blocked != null) {
            user = board.setBlocked(actor(ctx), ctx.pathParam("id"), blocked);
        }
        ok(ctx, Wire.user(user));
    }

    private void roadmap(Context ctx) {
        int n = Range.ROADMAP_LIMIT.orDefault(Requests.rangeParam(ctx, Range.ROADMAP_LIMIT), Limits.ROADMAP_LIMIT_DEFAULT);
        ok(ctx, Wire.roadmap(board.roadmap(actor(ctx), ctx.pathParam("slug"), n)));
    }

    private void changelog(Context ctx) {
        Instant from = ChangelogQuery.parseSince(ctx.queryParam("since"));
        ok(ctx, Wire.listing(board.changelog(actor(ctx), ctx.pathParam("slug"), new ChangelogQuery(from, page(ctx))),
                Wire::post));
    }

    private void trending(Context ctx) {
        var query = TrendingQuery.of(Requests.rangeParam(ctx, Range.TRENDING_DAYS),
                Requests.rangeParam(ctx, Range.TRENDING_LIMIT));
        ok(ctx, Wire.posts(board.trending(actor(ctx), ctx.pathParam("slug"), query)));
    }

    private void upload(Context ctx) {
        MultipartUpload.File file = requests.upload(ctx, maxUploadBytes, "file");
        String filename = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
        var input = new NewAttachment(filename, file.contentType(), file.bytes());
        created(ctx, Wire.attachment(guard.base(ctx) + "/api").apply(board.addAttachment(actor(ctx), ctx.pathParam("id"), input)));
    }

    private void download(Context ctx) {
        AttachmentContent content = board.getAttachment(actor(ctx), ctx.pathParam("id"));
        ctx.status(200);
        ctx.contentType(content.attachment().mime());
        ctx.header("Content-Disposition", ContentDisposition.inline(content.attachment().filename()));
        // Only what anyone may see goes to shared caches; a private board's image stays with the one who asked.
        ctx.header("Cache-Control", content.shared() ? "public, max-age=86400, immutable" : "private, no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(content.bytes());
    }

    private static io.rungu.model.Actor actor(Context ctx) {
        return Guard.actor(ctx);
    }

    static PageRequest page(Context ctx) {
        return PageRequest.of(Requests.rangeParam(ctx, Range.PAGE), Requests.rangeParam(ctx, Range.PER_PAGE));
    }

    private void ok(Context ctx, Object data) {
        guard.send(ctx, 200, data instanceof Wire.Listing ? data : new Wire.Data<>(data));
    }

    private void created(Context ctx, Object data) {
        guard.send(ctx, 201, new Wire.Data<>(data));
    }

    private static List<String> wires(io.rungu.model.WireValue[] values) {
        return Arrays.stream(values).map(io.rungu.model.WireValue::wire).toList();
    }
}
