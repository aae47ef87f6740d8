package io.rungu.mcp.internal.content;

import io.rungu.mcp.internal.rpc.RpcException;
import io.rungu.mcp.internal.rpc.Wire;
import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import java.util.List;
import java.util.Map;

/** Prompt templates that put a board's posts in front of the agent with a task. */
public final class BoardPrompts {
    private static final int POSTS_IN_PROMPT = Limits.PER_PAGE_MAX;
    private static final int EXCERPT = 280;

    private static final Wire.PromptArgument SLUG = new Wire.PromptArgument("slug", "Board slug, e.g. my-app", true);

    private static final int WEEK_DAYS = 7;

    private final Board board;
    private final java.time.Clock clock;

    public BoardPrompts(Board board, java.time.Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    public Wire.ListPromptsResult list() {
        return new Wire.ListPromptsResult(List.of(
                new Wire.Prompt("triage_board", "Triage a board",
                        "Review a board's open posts: suggest a status for each, find duplicates and posts that need an answer.",
                        List.of(SLUG)),
                new Wire.Prompt("summarize_feedback", "Summarize feedback",
                        "Summarize what users ask for on a board: themes, top requests, bugs and suggested next steps.",
                        List.of(SLUG,
                                new Wire.PromptArgument("status", "Only posts with this status: open, planned, in_progress, done, declined", false),
                                new Wire.PromptArgument("category", "Only posts of this category: feedback, bug, feature, question", false))),
                new Wire.Prompt("find_duplicates", "Find duplicates and propose merges",
                        "Look for posts of a board that ask for the same thing and propose which to merge into which.",
                        List.of(SLUG)),
                new Wire.Prompt("draft_response", "Draft an official response",
                        "Draft the official response to a post from its description and discussion, for an admin to "
                                + "approve.",
                        List.of(new Wire.PromptArgument("id", "Post id", true),
                                new Wire.PromptArgument("status", "The status the response goes with, e.g. planned "
                                        + "(default: the post's current status)", false))),
                new Wire.Prompt("weekly_changes", "Summarise what changed this week",
                        "What happened on a board in the last 7 days: new posts, what shipped, and what to look at.",
                        List.of(SLUG))));
    }

    public Wire.GetPromptResult get(Actor actor, String name, Map<String, String> arguments) {
        try {
            return switch (name) {
                case "triage_board" -> triage(actor, required(arguments, "slug"));
                case "summarize_feedback" -> summarize(actor, required(arguments, "slug"),
                        blankToNull(arguments.get("status")), blankToNull(arguments.get("category")));
                case "find_duplicates" -> duplicates(actor, required(arguments, "slug"));
                case "draft_response" -> draftResponse(actor, required(arguments, "id"),
                        blankToNull(arguments.get("status")));
                case "weekly_changes" -> weekly(actor, required(arguments, "slug"));
                default -> throw RpcException.invalidParams("Unknown prompt: " + name + " (prompts/list shows the prompts)");
            };
        } catch (RunguException e) {
            throw RpcException.invalidParams(e.getMessage());
        }
    }

    private Wire.GetPromptResult triage(Actor actor, String slug) {
        Project project = board.getProject(actor, slug);
        Page<PostView> open = board.listPosts(actor, slug,
                new PostQuery(PostSort.MOST_VOTES, firstOpen(actor, slug), null, null, new PageRequest(1, POSTS_IN_PROMPT)));
        String text = "You are triaging the feedback board \"" + Markdown.oneLine(project.name()) + "\" (slug `" + slug
                + "`) in Rungu.\n\n"
                + "Here are its open posts, most-voted first (" + open.items().size() + " of " + open.total() + "):\n\n"
                + listing(open)
                + "\nFor each post:\n"
                + "1. Suggest a status (keep open, planned, in_progress, done or declined) with a one-line reason.\n"
                + "2. Group likely duplicates (the same request in other words) and say which post should stay.\n"
                + "3. Note posts that need a clarifying question to their author.\n\n"
                + "Use get_post with include_comments=true when you need the discussion, and search_posts to look for "
                + "duplicates beyond this list. Do not change anything until the user confirms; then apply statuses with "
                + "update_post_status (admins only) and explain decisions with add_comment.";
        return new Wire.GetPromptResult("Triage of the open posts of " + slug,
                List.of(new Wire.PromptMessage("user", new Wire.TextContent(text))));
    }

    private Wire.GetPromptResult summarize(Actor actor, String slug, String status, String category) {
        Project project = board.getProject(actor, slug);
        PostStatus st = status == null ? null : PostStatus.parse(status);
        PostCategory ca = category == null ? null : PostCategory.parse(category);
        Page<PostView> posts = board.listPosts(actor, slug,
                new PostQuery(PostSort.MOST_VOTES, st, ca, null, new PageRequest(1, POSTS_IN_PROMPT)));
        String scope = (st == null ? "" : " with status " + st.wire()) + (ca == null ? "" : " in category " + ca.wire());
        String text = "Summarize the feedback on the Rungu board \"" + Markdown.oneLine(project.name()) + "\" (slug `" + slug
                + "`).\n\n"
                + "Posts" + scope + ", most-voted first (" + posts.items().size() + " of " + posts.total() + "):\n\n"
                + listing(posts)
                + "\nWrite a short summary for the product team:\n"
                + "- the main themes, each with the posts (ids) behind it and their combined votes;\n"
                + "- the top requests and the most serious bugs;\n"
                + "- the overall sentiment;\n"
                + "- three suggested next steps.\n\n"
                + "Use list_comments or get_post with include_comments=true where the discussion matters. "
                + "Do not change any data.";
        return new Wire.GetPromptResult("Summary of the feedback on " + slug + scope,
                List.of(new Wire.PromptMessage("user", new Wire.TextContent(text))));
    }

    private Wire.GetPromptResult duplicates(Actor actor, String slug) {
        Project project = board.getProject(actor, slug);
        Page<PostView> posts = board.listPosts(actor, slug,
                new PostQuery(PostSort.MOST_VOTES, null, null, null, new PageRequest(1, POSTS_IN_PROMPT)));
        String text = "Find duplicate posts on the Rungu board \"" + Markdown.oneLine(project.name()) + "\" (slug `"
                + slug + "`).\n\n"
                + "Its posts, most-voted first (" + posts.items().size() + " of " + posts.total() + "):\n\n"
                + listing(posts)
                + "\nGroup the posts that ask for the same thing in other words. For each group, propose one merge per "
                + "duplicate: `merge_posts` with id = the duplicate and into = the post that stays (usually the one "
                + "with more votes or the clearer description), and say why in one line. Use find_similar_posts with "
                + "a post's title to find duplicates beyond this list, and get_post with include_comments=true when "
                + "unsure. Merging moves votes, comments and followers to the post that stays and notifies the "
                + "followers; unmerge_post undoes it. Merge nothing until the user confirms (admins only).";
        return new Wire.GetPromptResult("Duplicates on " + slug,
                List.of(new Wire.PromptMessage("user", new Wire.TextContent(text))));
    }

    private Wire.GetPromptResult draftResponse(Actor actor, String id, String status) {
        PostView post = board.getPost(actor, id);
        var comments = board.listComments(actor, id, new PageRequest(1, Limits.PER_PAGE_MAX));
        String target = status == null ? "its current status (" + post.post().status().wire() + ")"
                : "the status " + PostStatus.parse(status).wire();
        String text = "Draft the official response of the product team to this Rungu post, to be shown at the top of "
                + "the post and emailed to its followers with " + target + ".\n\n"
                + Markdown.post(post, comments)
                + "\nWrite 2 to 5 sentences, in the language of the post: thank the author, answer what they asked "
                + "(the decision and, when known, what happens next), and reply to the main points of the discussion. "
                + "Make no promises of dates the discussion does not support. Show the draft to the user; when they "
                + "approve it, publish it with update_post_status (id `" + id + "`, status "
                + (status == null ? post.post().status().wire() : PostStatus.parse(status).wire())
                + ", response = the text; admins only).";
        return new Wire.GetPromptResult("Official response to " + Markdown.oneLine(post.post().title()),
                List.of(new Wire.PromptMessage("user", new Wire.TextContent(text))));
    }

    private Wire.GetPromptResult weekly(Actor actor, String slug) {
        Project project = board.getProject(actor, slug);
        java.time.Instant since = clock.instant().minus(java.time.Duration.ofDays(WEEK_DAYS));
        List<PostView> created = board.trending(actor, slug,
                io.rungu.model.TrendingQuery.of(WEEK_DAYS, Limits.TRENDING_LIMIT_MAX));
        Page<PostView> shipped = board.changelog(actor, slug,
                new io.rungu.model.ChangelogQuery(since, new PageRequest(1, POSTS_IN_PROMPT)));
        String text = "Summarise what changed this week on the Rungu board \"" + Markdown.oneLine(project.name())
                + "\" (slug `" + slug + "`), from " + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " to now.\n\n"
                + "New posts of the last " + WEEK_DAYS + " days, most-voted first (" + created.size() + "):\n\n"
                + listing(new Page<>(created, 1, Math.max(1, created.size()), created.size()))
                + "\nPosts that shipped (reached a done-kind status) in that time (" + shipped.items().size() + " of "
                + shipped.total() + "):\n\n"
                + listing(shipped)
                + "\nWrite a short weekly digest for the product team: what is new and most wanted, what shipped, "
                + "and what needs attention (popular posts without an answer, likely duplicates). Admins can add "
                + "get_audit_log with since=7d and project=" + slug + " for status changes, merges and moderation. "
                + "Do not change any data.";
        return new Wire.GetPromptResult("This week on " + slug,
                List.of(new Wire.PromptMessage("user", new Wire.TextContent(text))));
    }

    private static String listing(Page<PostView> posts) {
        if (posts.items().isEmpty()) {
            return "(no posts)\n";
        }
        StringBuilder out = new StringBuilder();
        for (PostView v : posts.items()) {
            out.append(Markdown.postLine(v)).append('\n');
            String d = v.post().description();
            if (d != null && !d.isBlank()) {
                out.append("  ").append(Markdown.excerpt(d, EXCERPT)).append('\n');
            }
        }
        return out.toString();
    }

    private static String required(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        if (value == null || value.isBlank()) {
            throw RpcException.invalidParams("Missing required argument '" + name + "'");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The status new posts of the board get: its first of kind open ("open" on a board left as created). */
    private PostStatus firstOpen(Actor actor, String slug) {
        return board.listStatuses(actor, slug).stream()
                .filter(s -> s.kind() == io.rungu.model.StatusKind.OPEN).findFirst()
                .map(io.rungu.model.BoardStatus::value).orElse(PostStatus.OPEN);
    }
}
