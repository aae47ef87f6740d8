package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.CommentView;
import io.rungu.model.NewComment;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu comment list|add}: a post's comments through the Board. */
@Command(name = "comment", description = "List a post's comments or add one.",
        subcommands = {CommentCommand.ListComments.class, CommentCommand.Add.class})
final class CommentCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "list", description = "List a post's comments, oldest first, replies indented.")
    static final class ListComments implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "POST_ID", description = "The post.")
        String postId;

        @Mixin
        PostCommand.Paging paging;

        @Mixin
        PostCommand.ReadAs as;

        @ArgGroup(exclusive = true)
        PostCommand.ListFormat format = new PostCommand.ListFormat();

        ListComments(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PageRequest first = format.jsonl ? paging.streamStart("--jsonl") : paging.request();
            try (RunguStore store = context.openStore()) {
                Actor viewer = CliAccounts.viewer(store, as.email);
                if (format.jsonl) {
                    Pages.each(first, page -> store.board().listComments(viewer, postId, page),
                            c -> context.out.println(Json.line(Wire.comment(c))));
                    return ExitCode.OK;
                }
                Page<CommentView> page = store.board().listComments(viewer, postId, first);
                if (format.json) {
                    context.out.println(Json.write(Wire.comments(page.items())));
                } else {
                    print(page);
                }
            }
            return ExitCode.OK;
        }

        private void print(Page<CommentView> page) {
            if (page.items().isEmpty()) {
                context.out.println(page.total() == 0 ? "No comments." : "No comments on page " + page.page() + ".");
                return;
            }
            // Replies follow their parent (oldest first), so a parent on this page is already indented.
            Map<String, Integer> depth = new HashMap<>();
            for (CommentView v : page.items()) {
                var c = v.comment();
                int d = c.parentId() == null ? 0 : depth.getOrDefault(c.parentId(), 0) + 1;
                depth.put(c.id(), d);
                String indent = "  ".repeat(d);
                context.out.println(indent + (v.creator() == null ? "-" : v.creator().name()) + "  "
                        + Table.cell(c.createdAt()) + "  " + c.id());
                c.content().lines().forEach(line -> context.out.println(indent + "  " + line));
            }
            context.out.println(Pages.footer(page, "comment", "comments"));
        }
    }

    @Command(name = "add", description = "Comment on a post, or reply to a comment, as a user.")
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "POST_ID", description = "The post.")
        String postId;

        @Parameters(index = "1", paramLabel = "TEXT", description = "The comment (Markdown).")
        String text;

        @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "The comment's author.")
        String email;

        @Option(names = "--parent", paramLabel = "ID", description = "The comment this replies to.")
        String parent;

        @Option(names = "--internal", description = "An internal note, seen by admins only (admins).")
        boolean internal;

        @Option(names = "--json", description = "Print the REST API's record of the comment.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                CommentView added = store.board().addComment(CliAccounts.actingAs(store, email), postId,
                        new NewComment(text, parent, internal));
                context.out.println(json ? Json.write(Wire.comment(added))
                        : "Added comment " + added.comment().id() + " to post " + postId);
            }
            return ExitCode.OK;
        }
    }
}
