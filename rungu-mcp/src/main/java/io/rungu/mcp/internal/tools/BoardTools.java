package io.rungu.mcp.internal.tools;

import io.rungu.mcp.internal.tools.Outputs.AttachmentList;
import io.rungu.mcp.internal.tools.Outputs.CommentList;
import io.rungu.mcp.internal.tools.Outputs.CommentResult;
import io.rungu.mcp.internal.tools.Outputs.Deleted;
import io.rungu.mcp.internal.tools.Outputs.PostList;
import io.rungu.mcp.internal.tools.Outputs.PostResult;
import io.rungu.mcp.internal.tools.Outputs.PostWithComments;
import io.rungu.mcp.internal.tools.Outputs.ProjectList;
import io.rungu.mcp.internal.tools.Outputs.ProjectResult;
import io.rungu.mcp.internal.tools.Outputs.PostsOut;
import io.rungu.mcp.internal.tools.Outputs.SubscriptionOut;
import io.rungu.mcp.internal.tools.Outputs.VoteOut;
import io.rungu.mcp.internal.tools.Outputs.WhoAmI;
import io.rungu.model.Actor;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.CommentView;
import io.rungu.model.BoardVisibility;
import io.rungu.model.Limits;
import io.rungu.model.Moderation;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Range;
import io.rungu.model.TrendingQuery;
import io.rungu.model.User;
import io.rungu.model.VoteResult;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.Locale;

/** The tool catalogue: each tool parses its arguments, calls one Board method and renders the REST shape. */
public final class BoardTools {
    private BoardTools() {}

    private static final Param SLUG = Param.string("slug", "Board slug, e.g. \"my-app\" (list_projects shows them)")
            .asRequired().maxLength(Limits.SLUG_MAX).asAddress();
    private static final Param ID = Param.string("id", "Post id (from list_posts, search_posts or get_post)").asRequired()
            .asAddress();
    private static final Param POST_ID = Param.string("post_id", "Post id (from list_posts or search_posts)").asRequired()
            .asAddress();
    private static final Param PAGE = Param.counted(Range.PAGE, "1-based page number", 1);
    private static final Param PER_PAGE = Param.counted(Range.PER_PAGE, "Items per page", Limits.PER_PAGE_DEFAULT);
    private static final Param STATUS_FILTER = Param.string("status",
            "Only posts with this status, or any of several separated by commas (open,planned): slugs of the "
                    + "board's statuses (get_project lists them)")
            .maxLength((Limits.DEFINITION_SLUG_MAX + 1) * Limits.STATUSES_PER_BOARD_MAX);
    private static final Param EXCLUDE_CLOSED = Param.bool("exclude_closed",
            "Leave out posts whose status is of the closed kind (e.g. declined)").withDefault(false);
    private static final Param AUTHOR_FILTER = Param.string("author",
            "\"me\": only your own posts").maxLength(2);
    private static final Param VOTED_BY_FILTER = Param.string("voted_by",
            "\"me\": only the posts you voted for").maxLength(2);
    private static final Param CATEGORY_FILTER = Param.string("category",
            "Only posts of this category: a slug of the board's categories (get_project lists them)")
            .maxLength(Limits.DEFINITION_SLUG_MAX);
    private static final Param TAG_FILTER = Param.string("tag",
            "Only posts with this tag: a slug of the board's tags (get_project lists them)")
            .maxLength(Limits.DEFINITION_SLUG_MAX);
    private static final Param SORT = Param.oneOf("sort",
            "Order of the list: newest by default, relevance (best match first) by default when a query is given; "
                    + "trending: posts of the last " + Limits.TRENDING_DAYS_DEFAULT + " days most-voted first, "
                    + "then older ones most-voted first",
            PostSort.class);
    private static final Param QUERY = Param.string("query",
            "Search words matched by prefix in titles and descriptions; any text is safe").maxLength(Limits.SEARCH_QUERY_MAX);

    /** Every tool over the given board, read tools first; {@code readOnlyServer} only informs whoami,
     * {@code basePath} prefixes attachment URLs as in REST. */
    public static List<ToolSpec> all(Board board, boolean readOnlyServer, String basePath) {
        return List.of(
                ToolSpec.read("list_projects", "List boards",
                        "List the feedback boards (projects), newest first. Use a board's slug with the other tools.",
                        List.of(PAGE, PER_PAGE), ProjectList.class,
                        (actor, a) -> {
                            var page = board.listProjects(actor, pageOf(a));
                            return new ProjectList(page.items().stream().map(Wire::project).toList(), Wire.pagination(page));
                        }),
                ToolSpec.read("get_project", "Get a board",
                        "Get one board by slug, with its post count, its statuses in order (slug, name, colour and "
                                + "kind: open, active = a roadmap column, done = in the changelog, closed), its "
                                + "categories and its tags.",
                        List.of(SLUG), Outputs.ProjectDetailResult.class,
                        (actor, a) -> new Outputs.ProjectDetailResult(Wire.projectDetail(
                                board.definitions(actor, a.string("slug"))))),
                ToolSpec.read("list_posts", "List posts",
                        "List the posts of a board with optional filters (status, category, tag), a search query and "
                                + "a sort order. Each post has its vote and comment counts, its tags and whether you "
                                + "voted.",
                        List.of(SLUG, SORT, STATUS_FILTER, CATEGORY_FILTER, TAG_FILTER, EXCLUDE_CLOSED, AUTHOR_FILTER,
                                VOTED_BY_FILTER, QUERY, PAGE, PER_PAGE),
                        PostList.class,
                        (actor, a) -> postList(board.listPosts(actor, a.string("slug"), postQuery(a)))),
                ToolSpec.read("get_post", "Get a post",
                        "Get one post by id; with include_comments=true also its first "
                                + Limits.PER_PAGE_MAX + " comments, oldest first (list_comments pages through more).",
                        List.of(ID, Param.bool("include_comments", "Also return the post's comments").withDefault(false)),
                        PostWithComments.class,
                        (actor, a) -> {
                            Wire.PostDetail post = Wire.post(board.getPost(actor, a.string("id")));
                            if (!Boolean.TRUE.equals(a.bool("include_comments"))) {
                                return new PostWithComments(post, null, null);
                            }
                            Page<CommentView> comments = board.listComments(actor, post.id(),
                                    PageRequest.of(1, Limits.PER_PAGE_MAX));
                            return new PostWithComments(post, Wire.comments(comments.items()),
                                    Wire.pagination(comments));
                        }),
                ToolSpec.read("get_post_timeline", "Get a post's timeline",
                        "A post's comments and status changes interleaved, oldest first: each entry is a comment "
                                + "(type comment) or a status change with who made it, from, to and the official "
                                + "response given with it (type status_change), or a merge of a duplicate into this "
                                + "post or of this post into another (type merge; undone for an unmerge).",
                        List.of(ID, PAGE, PER_PAGE), Wire.TimelinePage.class,
                        (actor, a) -> Wire.timeline(board.timeline(actor, a.string("id"), pageOf(a)))),
                ToolSpec.read("search_posts", "Search posts",
                        "Full-text search in one board's post titles and descriptions, best match first. Words match "
                                + "by prefix (\"dark mo\" finds \"dark mode\"); punctuation is treated as text.",
                        List.of(SLUG, QUERY.asRequired(), STATUS_FILTER, CATEGORY_FILTER, SORT, PAGE, PER_PAGE),
                        PostList.class,
                        (actor, a) -> postList(board.listPosts(actor, a.string("slug"), postQuery(a)))),
                ToolSpec.read("find_similar_posts", "Find similar posts",
                        "Posts of one board most like a text, best first: to spot a duplicate before creating a post, "
                                + "or to find the duplicates of a post while triaging (the post itself is found "
                                + "too). Any word but common ones (\"the\", \"please\", \"add\") matches, the last "
                                + "by prefix; posts sharing more and rarer words, in the title, rank higher.",
                        List.of(SLUG, Param.string("text", "A title or short text, e.g. \"Please add dark mode\"")
                                        .asRequired().maxLength(Limits.SEARCH_QUERY_MAX),
                                Param.counted(Range.SIMILAR_LIMIT, "Most posts to return", Limits.SIMILAR_LIMIT_DEFAULT)),
                        PostsOut.class,
                        (actor, a) -> new PostsOut(Wire.posts(board.similarPosts(actor, a.string("slug"),
                                a.string("text"), a.integer("limit", Limits.SIMILAR_LIMIT_DEFAULT))))),
                ToolSpec.read("list_comments", "List comments",
                        "List the comments of a post, oldest first; replies carry their parent's id in parent_id.",
                        List.of(POST_ID, PAGE, PER_PAGE), CommentList.class,
                        (actor, a) -> {
                            var page = board.listComments(actor, a.string("post_id"), pageOf(a));
                            return new CommentList(Wire.comments(page.items()), Wire.pagination(page));
                        }),
                ToolSpec.read("get_roadmap", "Get the roadmap",
                        "The board's roadmap: a column per active status in the board's order (columns; planned "
                                + "and in_progress repeat the default ones) and the done posts, most-voted first, at "
                                + "most `limit` per column, with the exact total of each column.",
                        List.of(SLUG, Param.counted(Range.ROADMAP_LIMIT, "Posts per column", Limits.ROADMAP_LIMIT_DEFAULT)),
                        Wire.Roadmap.class,
                        (actor, a) -> Wire.roadmap(board.roadmap(actor, a.string("slug"),
                                a.integer("limit", Limits.ROADMAP_LIMIT_DEFAULT)))),
                ToolSpec.read("get_changelog", "Get the changelog",
                        "Posts with a done-kind status, most recently shipped first; `since` keeps only posts done "
                                + "at or after that moment.",
                        List.of(SLUG, Param.string("since", "RFC 3339 timestamp, e.g. 2026-01-31T00:00:00Z"), PAGE, PER_PAGE),
                        PostList.class,
                        (actor, a) -> postList(board.changelog(actor, a.string("slug"),
                                new ChangelogQuery(ChangelogQuery.parseSince(a.string("since")), pageOf(a))))),
                ToolSpec.read("get_stats", "Get board statistics",
                        "Exact counts for a board: posts in total, by status and by category, votes and comments.",
                        List.of(SLUG), Wire.Stats.class,
                        (actor, a) -> Wire.stats(board.stats(actor, a.string("slug")))),
                ToolSpec.read("get_trending", "Get trending posts",
                        "The most-voted posts created in the last `days` days (default "
                                + Limits.TRENDING_DAYS_DEFAULT + "), any status.",
                        List.of(SLUG,
                                Param.counted(Range.TRENDING_DAYS, "Window in days", Limits.TRENDING_DAYS_DEFAULT),
                                Param.counted(Range.TRENDING_LIMIT, "Most posts to return", Limits.TRENDING_LIMIT_DEFAULT)),
                        PostsOut.class,
                        (actor, a) -> {
                            var query = TrendingQuery.of(a.integer("days"), a.integer("limit"));
                            return new PostsOut(Wire.posts(board.trending(actor, a.string("slug"), query)));
                        }),
                ToolSpec.read("list_attachments", "List attachments",
                        "List the images attached to a post (metadata only), oldest first.",
                        List.of(POST_ID, PAGE, PER_PAGE), AttachmentList.class,
                        (actor, a) -> {
                            var page = board.listAttachments(actor, a.string("post_id"), pageOf(a));
                            return new AttachmentList(page.items().stream().map(Wire.attachment(basePath + "/api")).toList(),
                                    Wire.pagination(page));
                        }),
                ToolSpec.read("whoami", "Who am I",
                        "The account this agent acts as: its role (member or admin) and whether it may write. Members "
                                + "create posts, vote, comment and edit their own posts; admins also set statuses and "
                                + "manage boards.",
                        List.of(), WhoAmI.class,
                        (actor, a) -> whoami(board, actor, readOnlyServer)),

                ToolSpec.write("create_post", "Create a post",
                        "Create a post on a board as your account; it starts with the board's first open status.",
                        false, false,
                        List.of(SLUG,
                                Param.string("title", "Short summary").asRequired().maxLength(Limits.TITLE_MAX),
                                Param.string("description", "Details, Markdown allowed").maxLength(Limits.POST_DESCRIPTION_MAX),
                                Param.string("category", "A slug of the board's categories (default: its first, "
                                        + "feedback on a new board)").maxLength(Limits.DEFINITION_SLUG_MAX)),
                        PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.createPost(actor, a.string("slug"),
                                new NewPost(a.string("title"), a.string("description"), category(a.string("category"))))))),
                ToolSpec.write("update_post", "Edit a post",
                        "Change a post's title, description or category (its author or an admin), or pin it (shown "
                                + "first in lists) or lock its comments (admins only). Omitted fields stay as they are.",
                        true, true,
                        List.of(ID,
                                Param.string("title", "New title").maxLength(Limits.TITLE_MAX),
                                Param.string("description", "New description").maxLength(Limits.POST_DESCRIPTION_MAX),
                                Param.string("category", "New category: a slug of the board's categories")
                                        .maxLength(Limits.DEFINITION_SLUG_MAX),
                                Param.bool("pinned", "Admins: true pins the post first in lists, false unpins it"),
                                Param.bool("locked", "Admins: true locks its comments (votes still count), false "
                                        + "unlocks")),
                        PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.editPost(actor, a.string("id"),
                                new PostEdit(a.string("title"), a.string("description"), category(a.string("category")),
                                        null, null, a.bool("pinned"), a.bool("locked")))))),
                ToolSpec.write("merge_posts", "Merge a duplicate into another post",
                        "Merge a duplicate post (id) into another post (into), admins only, across boards too: its "
                                + "votes move (a person who voted for both keeps one vote), its comments and followers "
                                + "move to the target, and it becomes a read-only pointer (merged_into). Its followers "
                                + "are notified. unmerge_post undoes it exactly. Returns the target.", true, false,
                        List.of(ID, Param.string("into", "Id of the post to merge into").asRequired().asAddress()),
                        PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.mergePost(actor, a.string("id"), a.string("into"))))),
                ToolSpec.write("unmerge_post", "Undo a merge",
                        "Undo the merge of a post (admins only): it gets back its votes, comments and followers, and "
                                + "the target loses the votes and followers the merge added. Returns the post.",
                        true, false, List.of(ID), PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.unmergePost(actor, a.string("id"))))),
                ToolSpec.write("update_post_status", "Set a post's status",
                        "Move a post to any status of its board (admins only; a new board has open, planned, "
                                + "in_progress, done and declined; get_project lists them), optionally with an "
                                + "official response that is shown at the top of the post and in lists (the post's "
                                + "latest response). Posts with a done-kind status appear in the changelog; active "
                                + "statuses are roadmap columns. Giving the current status with a response only "
                                + "responds.",
                        true, true,
                        List.of(ID, Param.string("status", "New status: a slug of the board's statuses").asRequired()
                                        .maxLength(Limits.DEFINITION_SLUG_MAX),
                                Param.string("response", "Official response, Markdown, e.g. \"Shipped in 2.3\"")
                                        .maxLength(Limits.COMMENT_MAX)),
                        PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.editPost(actor, a.string("id"),
                                PostEdit.status(PostStatus.parse(a.string("status")), a.string("response")))))),
                ToolSpec.write("delete_post", "Delete a post",
                        "Delete a post with its votes, comments and attachments (its author or an admin). Cannot be undone.",
                        true, true, List.of(ID), Deleted.class,
                        (actor, a) -> {
                            board.deletePost(actor, a.string("id"));
                            return new Deleted(true, "post", a.string("id"));
                        }),
                ToolSpec.write("vote_post", "Vote for a post",
                        "Toggle your vote on a post, or set it with voted=true/false (repeating a set changes nothing). "
                                + "Returns the exact vote count.", false, false,
                        List.of(ID, Param.bool("voted", "true to vote, false to remove your vote; omit to toggle")),
                        VoteOut.class,
                        (actor, a) -> {
                            Boolean voted = a.bool("voted");
                            VoteResult r = voted == null ? board.toggleVote(actor, a.string("id"))
                                    : board.setVote(actor, a.string("id"), voted);
                            return new VoteOut(a.string("id"), r.voted(), r.voteCount());
                        }),
                ToolSpec.write("subscribe_post", "Follow a post",
                        "Follow a post: your account is emailed about its status changes and new comments. Authors, "
                                + "voters and commenters follow a post already. Repeating it changes nothing.",
                        false, true, List.of(ID), SubscriptionOut.class,
                        (actor, a) -> {
                            board.subscribe(actor, a.string("id"));
                            return new SubscriptionOut(a.string("id"), true);
                        }),
                ToolSpec.write("unsubscribe_post", "Stop following a post",
                        "Stop following a post: no more emails about it for your account. Repeating it changes nothing.",
                        false, true, List.of(ID), SubscriptionOut.class,
                        (actor, a) -> {
                            board.unsubscribe(actor, a.string("id"));
                            return new SubscriptionOut(a.string("id"), false);
                        }),
                ToolSpec.write("add_comment", "Comment on a post",
                        "Add a comment to a post as your account, or reply to a comment with parent_id. Admins can "
                                + "add an internal note (internal=true), seen by admins only and never emailed to "
                                + "members.", false, false,
                        List.of(POST_ID,
                                Param.string("content", "Comment text").asRequired().maxLength(Limits.COMMENT_MAX),
                                Param.string("parent_id", "Id of the comment this replies to (same post)"),
                                Param.bool("internal", "Admins: an internal note, seen by admins only")
                                        .withDefault(false)),
                        CommentResult.class,
                        (actor, a) -> new CommentResult(Wire.comment(board.addComment(actor, a.string("post_id"),
                                new NewComment(a.string("content"), a.string("parent_id"),
                                        Boolean.TRUE.equals(a.bool("internal"))))))),
                ToolSpec.write("delete_comment", "Delete a comment",
                        "Delete a comment and every reply under it (its author or an admin). Cannot be undone.", true, true,
                        List.of(Param.string("comment_id", "Comment id (from list_comments)").asRequired().asAddress()),
                        Deleted.class,
                        (actor, a) -> {
                            board.deleteComment(actor, a.string("comment_id"));
                            return new Deleted(true, "comment", a.string("comment_id"));
                        }),
                ToolSpec.write("create_project", "Create a board",
                        "Create a feedback board (admins only). The slug is derived from the name when omitted and "
                                + "can never change.", false, false,
                        List.of(Param.string("name", "Board name").asRequired().maxLength(Limits.PROJECT_NAME_MAX),
                                Param.string("slug", "URL name: lower-case letters, digits and inner hyphens")
                                        .maxLength(Limits.SLUG_MAX),
                                Param.string("description", "What the board collects feedback about")
                                        .maxLength(Limits.PROJECT_DESCRIPTION_MAX)),
                        ProjectResult.class,
                        (actor, a) -> new ProjectResult(Wire.project(board.createProject(actor,
                                new NewProject(a.string("name"), a.string("slug"), a.string("description")))))),
                ToolSpec.write("update_project", "Edit a board",
                        "Rename a board, change its description, who may see it (visibility: public, signed_in, or "
                                + "members: only its members and admins) or whether members' new posts wait for "
                                + "approval (moderation: none or new_posts) (admins only). The slug stays.", true, true,
                        List.of(SLUG, Param.string("name", "New name").maxLength(Limits.PROJECT_NAME_MAX),
                                Param.string("description", "New description").maxLength(Limits.PROJECT_DESCRIPTION_MAX),
                                Param.oneOf("visibility", "Who may see the board", BoardVisibility.class),
                                Param.oneOf("moderation", "Whether members' new posts wait for approval",
                                        Moderation.class)),
                        ProjectResult.class,
                        (actor, a) -> new ProjectResult(Wire.project(board.updateProject(actor, a.string("slug"),
                                new ProjectEdit(a.string("name"), a.string("description"),
                                        a.string("visibility") == null ? null : BoardVisibility.parse(a.string("visibility")),
                                        a.string("moderation") == null ? null : Moderation.parse(a.string("moderation"))))))),
                ToolSpec.write("delete_project", "Delete a board",
                        "Delete a board with all its posts, votes, comments and attachments (admins only). Cannot be undone.",
                        true, true, List.of(SLUG), Deleted.class,
                        (actor, a) -> {
                            board.deleteProject(actor, a.string("slug"));
                            return new Deleted(true, "project", a.string("slug"));
                        }),
                ToolSpec.write("delete_user", "Erase a user account",
                        "Erase an account for good (GDPR; admins, or the user themself): their posts and comments stay "
                                + "as \"Deleted user\", their votes are removed (counts stay exact), their sessions, "
                                + "tokens, sign-in identities and subscriptions are deleted and their email and name "
                                + "scrubbed. The last admin cannot be erased. Cannot be undone.",
                        true, true,
                        List.of(Param.string("user_id", "The account's id (whoami, or GET /api/users)").asRequired()
                                .asAddress()),
                        Deleted.class,
                        (actor, a) -> {
                            board.deleteUser(actor, a.string("user_id"));
                            return new Deleted(true, "user", a.string("user_id"));
                        }));
    }

    private static PostList postList(Page<PostView> page) {
        return new PostList(Wire.posts(page.items()), Wire.pagination(page));
    }

    private static PageRequest pageOf(Args a) {
        return PageRequest.of(a.integer("page"), a.integer("per_page"));
    }

    private static PostQuery postQuery(Args a) {
        String sort = a.string("sort");
        // An empty filter means "no filter": agents often send "" for "any".
        return new PostQuery(sort == null ? null : PostSort.parse(sort), null,
                category(blankToNull(a.string("category"))), a.string("query"), pageOf(a), blankToNull(a.string("tag")),
                PostQuery.parseStatuses(a.string("status")), Boolean.TRUE.equals(a.bool("exclude_closed")),
                PostQuery.parseMe("author", a.string("author")), PostQuery.parseMe("voted_by", a.string("voted_by")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static PostCategory category(String value) {
        return value == null ? null : PostCategory.parse(value);
    }

    private static WhoAmI whoami(Board board, Actor actor, boolean readOnlyServer) {
        if (!(actor instanceof Actor.Account account)) {
            return new WhoAmI(false, null, null, null, null, null, false);
        }
        User me = board.me(actor);
        return new WhoAmI(true, me.id(), me.name(), me.email(), me.role(),
                account.channel().name().toLowerCase(Locale.ROOT), account.canWrite() && !readOnlyServer);
    }
}
