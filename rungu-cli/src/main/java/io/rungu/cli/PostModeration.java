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

/**
 * {@code rungu post hide|restore|approve|reject|merge|unmerge|pin|lock ID} and {@code rungu post pending SLUG}:
 * moderation by admins.
 */
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

        /** The past tense of the write ("Hid"), for the default sentence. */
        String done() {
            return "Changed";
        }

        /** What the write did, for people (with --json the post is printed instead). */
        String sentence(PostView post) {
            return done() + " post " + post.post().id() + ": " + post.post().title();
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                PostView post = apply(store.board(), CliAccounts.actingAs(store, as.email));
                PostCommand.report(context, output, post, sentence(post));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "merge", description = "Merge a duplicate post into another (admins); unmerge undoes it.")
    static final class Merge extends PostWrite {
        @Option(names = "--into", required = true, paramLabel = "ID", description = "The post to merge it into.")
        String into;

        Merge(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.mergePost(admin, id, into);
        }

        @Override
        String sentence(PostView target) {
            return "Merged post " + id + " into " + target.post().id() + ": " + target.post().title() + " ("
                    + PostCommand.votes(target.post().voteCount()) + ")";
        }
    }

    @Command(name = "unmerge", description = "Undo the merge of a post (admins): both posts as they were.")
    static final class Unmerge extends PostWrite {
        Unmerge(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.unmergePost(admin, id);
        }

        @Override
        String sentence(PostView post) {
            return "Unmerged post " + id + ": " + post.post().title() + " ("
                    + PostCommand.votes(post.post().voteCount()) + ")";
        }
    }

    /** A switch of a post that {@code --off} turns back (pin, lock). */
    abstract static class PostSwitch extends PostWrite {
        @Option(names = "--off", description = "Turn it off instead.")
        boolean off;

        PostSwitch(Context context) {
            super(context);
        }

        /** The past tense when switched on ("Pinned") and off ("Unpinned"). */
        abstract String[] words();

        @Override
        String sentence(PostView post) {
            return (off ? words()[1] : words()[0]) + " post " + id;
        }
    }

    @Command(name = "pin", description = "Pin a post first in its board's lists (admins), or unpin it with --off.")
    static final class Pin extends PostSwitch {
        Pin(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.editPost(admin, id, io.rungu.model.PostEdit.moderation(!off, null));
        }

        @Override
        String[] words() {
            return new String[] {"Pinned", "Unpinned"};
        }
    }

    @Command(name = "lock", description = "Lock a post's comments (admins), or unlock them with --off.")
    static final class Lock extends PostSwitch {
        Lock(Context context) {
            super(context);
        }

        @Override
        PostView apply(Board board, io.rungu.model.Actor.Account admin) {
            return board.editPost(admin, id, io.rungu.model.PostEdit.moderation(null, !off));
        }

        @Override
        String[] words() {
            return new String[] {"Locked", "Unlocked"};
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
