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

    private final Board board;

    public BoardPrompts(Board board) {
        this.board = board;
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
                                new Wire.PromptArgument("category", "Only posts of this category: feedback, bug, feature, question", false)))));
    }

    public Wire.GetPromptResult get(Actor actor, String name, Map<String, String> arguments) {
        try {
            return switch (name) {
                case "triage_board" -> triage(actor, required(arguments, "slug"));
                case "summarize_feedback" -> summarize(actor, required(arguments, "slug"),
                        blankToNull(arguments.get("status")), blankToNull(arguments.get("category")));
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
