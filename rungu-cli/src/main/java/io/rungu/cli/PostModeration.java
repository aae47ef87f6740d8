package io.rungu.cli;

import io.rungu.model.PostView;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu post hide|restore|approve|reject ID} and {@code rungu post pending SLUG}: moderation by admins. */
final class PostModeration {
    private PostModeration() {}

    /** One moderation write on a post, as the acting admin. */
    abstract static class PostWrite implements Callable<Integer> {
        final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Mixin
        PostCommand.WriteAs as;

        @Mixin
        PostCommand.WriteJson output;

        PostWrite(Context context) {
            this.context = context;
        }

        abstract PostView apply(Board board, io.rungu.model.Actor.Account admin);

        abstract String done();

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                PostView post = apply(store.board(), CliAccounts.actingAs(store, as.email));
                PostCommand.report(context, output, post, done() + " post " + post.post().id() + ": "
                        + post.post().title());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "hide", description = "Hide a post from everyone but admins (admins).")
    static final class Hide extends PostWrite {
        Hide(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.hidePost(admin, id);
        }

        @Override
        String done() {
            return "Hid";
        }
    }

    @Command(name = "restore", description = "Show a hidden post again (admins).")
    static final class Restore extends PostWrite {
        Restore(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.restorePost(admin, id);
        }

        @Override
        String done() {
            return "Restored";
        }
    }

    @Command(name = "approve", description = "Approve a post waiting for approval: it is listed (admins).")
    static final class Approve extends PostWrite {
        Approve(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.approvePost(admin, id);
        }

        @Override
        String done() {
            return "Approved";
        }
    }

    @Command(name = "reject", description = "Reject a post waiting for approval: it is deleted (admins).")
    static final class Reject implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Mixin
        PostCommand.WriteAs as;

        Reject(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().rejectPost(CliAccounts.actingAs(store, as.email), id);
                context.out.println("Rejected post " + id);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "pending", description = "List the posts of a board waiting for approval, oldest first (admins).")
    static final class Pending implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Mixin
        PostCommand.WriteAs as;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        Pending(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                var admin = CliAccounts.actingAs(store, as.email);
                List<PostView> posts = Pages.all(page -> store.board().approvalQueue(admin, slug, page));
                if (json) {
                    context.out.println(Json.write(Wire.posts(posts)));
                } else if (posts.isEmpty()) {
                    context.out.println("No posts waiting for approval.");
                } else {
                    posts.forEach(p -> context.out.println("  " + p.post().id() + "  " + p.post().title()));
                }
            }
            return ExitCode.OK;
        }
    }
}
