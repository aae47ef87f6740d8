package io.rungu.mcp.internal.content;

import io.rungu.mcp.internal.rpc.RpcException;
import io.rungu.mcp.internal.rpc.Wire;
import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.Project;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import java.util.List;
import java.util.Map;

/** Boards and posts as readable Markdown resources: {@code rungu://projects/{slug}} and {@code rungu://posts/{id}}. */
public final class BoardResources {
    static final String PROJECTS = "rungu://projects/";
    static final String POSTS = "rungu://posts/";
    private static final String MARKDOWN = "text/markdown";
    private static final int LIST_PAGE_SIZE = 50;
    private static final int TOP_OPEN = 20;

    private final Board board;

    public BoardResources(Board board) {
        this.board = board;
    }

    /** One page of boards; the cursor is the next page number. */
    public Wire.ListResourcesResult list(Actor actor, String cursor) {
        int page = 1;
        if (cursor != null) {
            try {
                page = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw RpcException.invalidParams("Invalid cursor: pass the nextCursor of a previous resources/list");
            }
            if (page < 2 || page > Limits.PAGE_MAX) {
                throw RpcException.invalidParams("Invalid cursor: pass the nextCursor of a previous resources/list");
            }
        }
        Page<Project> projects = board.listProjects(actor, new PageRequest(page, LIST_PAGE_SIZE));
        List<Wire.Resource> resources = projects.items().stream()
                .map(p -> new Wire.Resource(PROJECTS + p.slug(), p.slug(), p.name(),
                        "Feedback board \"" + Markdown.oneLine(p.name()) + "\" (" + p.postCount() + " posts)"
                                + (p.description() == null || p.description().isBlank() ? ""
                                : ": " + Markdown.excerpt(p.description(), 200)),
                        MARKDOWN))
                .toList();
        String next = page < projects.totalPages() ? Integer.toString(page + 1) : null;
        return new Wire.ListResourcesResult(resources, next);
    }

    public Wire.ListResourceTemplatesResult templates() {
        return new Wire.ListResourceTemplatesResult(List.of(
                new Wire.ResourceTemplate(PROJECTS + "{slug}", "board", "Feedback board",
                        "A board in Markdown: description, counts by status, most-voted open posts and the roadmap.",
                        MARKDOWN),
                new Wire.ResourceTemplate(POSTS + "{id}", "post", "Post",
                        "A post in Markdown: status, category, votes, description and its comment thread.", MARKDOWN)));
    }

    public Wire.ReadResourceResult read(Actor actor, String uri) {
        try {
            String text;
            if (uri.startsWith(PROJECTS) && uri.length() > PROJECTS.length()) {
                text = board(actor, uri.substring(PROJECTS.length()));
            } else if (uri.startsWith(POSTS) && uri.length() > POSTS.length() && uri.indexOf('/', POSTS.length()) < 0) {
                text = post(actor, uri.substring(POSTS.length()));
            } else {
                throw notFound(uri);
            }
            return new Wire.ReadResourceResult(List.of(new Wire.TextResourceContents(uri, MARKDOWN, text)));
        } catch (RunguException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw notFound(uri);
            }
            throw RpcException.invalidParams(e.getMessage());
        }
    }

    private String board(Actor actor, String slug) {
        Project project = board.getProject(actor, slug);
        var stats = board.stats(actor, slug);
        var open = board.listPosts(actor, slug,
                new PostQuery(PostSort.MOST_VOTES, firstOpen(actor, slug), null, null, new PageRequest(1, TOP_OPEN)));
        var roadmap = board.roadmap(actor, slug, Limits.ROADMAP_LIMIT_DEFAULT);
        return Markdown.board(project, stats, open, roadmap);
    }

    private String post(Actor actor, String id) {
        var post = board.getPost(actor, id);
        var comments = board.listComments(actor, id, new PageRequest(1, Limits.PER_PAGE_MAX));
        return Markdown.post(post, comments);
    }

    private static RpcException notFound(String uri) {
        return new RpcException(RpcException.RESOURCE_NOT_FOUND, "Resource not found: " + uri, Map.of("uri", uri));
    }

    /** The status new posts of the board get: its first of kind open ("open" on a board left as created). */
    private PostStatus firstOpen(Actor actor, String slug) {
        return board.listStatuses(actor, slug).stream()
                .filter(s -> s.kind() == io.rungu.model.StatusKind.OPEN).findFirst()
                .map(io.rungu.model.BoardStatus::value).orElse(PostStatus.OPEN);
    }
}
