package io.rungu.mcp.internal.content;

import io.rungu.model.BoardStats;
import io.rungu.model.CommentView;
import io.rungu.model.Page;
import io.rungu.model.Post;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.Roadmap;
import io.rungu.wire.WireJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders boards and posts as Markdown for agents (resources and prompts). */
final class Markdown {
    private Markdown() {}

    static String board(Project project, BoardStats stats, Page<PostView> topOpen, Roadmap roadmap) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(project.name())).append("\n\n");
        if (project.description() != null && !project.description().isBlank()) {
            md.append(project.description().trim()).append("\n\n");
        }
        md.append("- Slug: `").append(project.slug()).append("`\n");
        md.append("- Posts: ").append(stats.totalPosts()).append(" · Votes: ").append(stats.totalVotes())
                .append(" · Comments: ").append(stats.totalComments()).append('\n');
        md.append("- By status:");
        md.append(stats.byStatus().entrySet().stream().map(e -> " " + e.getKey().wire() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(","))).append('\n');
        md.append("\n## Most-voted open posts\n\n");
        if (topOpen.items().isEmpty()) {
            md.append("None.\n");
        }
        for (PostView v : topOpen.items()) {
            md.append(postLine(v)).append('\n');
        }
        if (topOpen.total() > topOpen.items().size()) {
            md.append("\n(").append(topOpen.total() - topOpen.items().size())
                    .append(" more open posts: use the list_posts tool.)\n");
        }
        md.append("\n## Roadmap\n");
        bucket(md, "Planned", roadmap.planned(), roadmap.plannedTotal());
        bucket(md, "In progress", roadmap.inProgress(), roadmap.inProgressTotal());
        bucket(md, "Done", roadmap.done(), roadmap.doneTotal());
        return md.toString();
    }

    private static void bucket(StringBuilder md, String title, List<PostView> posts, long total) {
        md.append("\n### ").append(title).append(" (").append(total).append(")\n\n");
        if (posts.isEmpty()) {
            md.append("None.\n");
        }
        for (PostView v : posts) {
            md.append(postLine(v)).append('\n');
        }
    }

    /** One list line: title, id, counts, category and status. */
    static String postLine(PostView v) {
        Post p = v.post();
        return "- **" + oneLine(p.title()) + "** (id `" + p.id() + "`): " + p.status().wire() + ", " + p.category().wire()
                + ", " + p.voteCount() + (p.voteCount() == 1 ? " vote, " : " votes, ") + p.commentCount()
                + (p.commentCount() == 1 ? " comment" : " comments");
    }

    static String post(PostView view, Page<CommentView> comments) {
        Post p = view.post();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(p.title())).append("\n\n");
        md.append("- Id: `").append(p.id()).append("`\n");
        md.append("- Status: ").append(p.status().wire()).append(" · Category: ").append(p.category().wire()).append('\n');
        md.append("- Votes: ").append(p.voteCount()).append(" · Comments: ").append(p.commentCount())
                .append(view.votedByViewer() ? " · You voted for it" : "").append('\n');
        md.append("- By ").append(name(view.creator().name())).append(" on ").append(WireJson.timestamp(p.createdAt()))
                .append(" · Updated ").append(WireJson.timestamp(p.updatedAt())).append('\n');
        if (p.doneAt() != null) {
            md.append("- Done on ").append(WireJson.timestamp(p.doneAt())).append('\n');
        }
        if (p.mergedInto() != null) {
            md.append("- Merged into `").append(p.mergedInto()).append("` (read-only: vote and comment there)\n");
        }
        if (p.pinned() || p.locked()) {
            md.append("- ").append(p.pinned() ? "Pinned" : "").append(p.pinned() && p.locked() ? " · " : "")
                    .append(p.locked() ? "Locked: no new comments" : "").append('\n');
        }
        md.append('\n');
        md.append(p.description() == null || p.description().isBlank() ? "_No description._" : p.description().trim());
        md.append("\n\n## Comments\n\n");
        if (comments.items().isEmpty()) {
            md.append("None.\n");
        }
        Map<String, Integer> depth = new HashMap<>();
        for (CommentView c : threaded(comments.items())) {
            int d = c.comment().parentId() == null ? 0 : depth.getOrDefault(c.comment().parentId(), -1) + 1;
            depth.put(c.comment().id(), d);
            String indent = "  ".repeat(d);
            md.append(indent).append("- **").append(name(c.creator().name())).append("** (")
                    .append(WireJson.timestamp(c.comment().createdAt())).append(", id `").append(c.comment().id()).append("`")
                    .append(c.comment().internal() ? ", internal note for admins" : "").append("): ")
                    .append(c.comment().content().trim().replace("\n", "\n" + indent + "  ")).append('\n');
        }
        if (comments.total() > comments.items().size()) {
            md.append("\n(").append(comments.total() - comments.items().size())
                    .append(" more comments: use the list_comments tool.)\n");
        }
        return md.toString();
    }

    /** Orders comments so each reply follows its parent; replies whose parent is not in the list stay top level. */
    private static List<CommentView> threaded(List<CommentView> flat) {
        Map<String, List<CommentView>> children = new LinkedHashMap<>();
        Map<String, CommentView> byId = new HashMap<>();
        for (CommentView c : flat) {
            byId.put(c.comment().id(), c);
        }
        List<CommentView> roots = new ArrayList<>();
        for (CommentView c : flat) {
            String parent = c.comment().parentId();
            if (parent != null && byId.containsKey(parent)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
            } else {
                roots.add(c);
            }
        }
        List<CommentView> out = new ArrayList<>();
        List<CommentView> stack = new ArrayList<>(roots);
        java.util.Collections.reverse(stack);
        while (!stack.isEmpty()) {
            CommentView c = stack.remove(stack.size() - 1);
            out.add(c);
            List<CommentView> kids = new ArrayList<>(children.getOrDefault(c.comment().id(), List.of()));
            java.util.Collections.reverse(kids);
            stack.addAll(kids);
        }
        return out;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    static String name(String name) {
        return name == null || name.isBlank() ? "someone" : oneLine(name);
    }

    static String excerpt(String text, int max) {
        String t = oneLine(text);
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
