package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Range;
import io.rungu.model.VoteResult;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.wire.PostCsv;
import io.rungu.wire.Wire;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rungu post list|show|create|edit|status|delete|vote}: posts through the Board. Reads see what an anonymous
 * visitor (or the {@code --as} user) sees; writes act as {@code --as}, by default the first admin.
 */
@Command(name = "post", description = "List, show, create, edit, vote on and delete posts.",
        subcommands = {PostCommand.ListPosts.class, PostCommand.Show.class, PostCommand.Create.class,
            PostCommand.Edit.class, PostCommand.Status.class, PostCommand.Delete.class, PostCommand.Vote.class,
            PostModeration.Merge.class, PostModeration.Unmerge.class, PostModeration.Pin.class, PostModeration.Lock.class,
            PostModeration.Hide.class, PostModeration.Restore.class, PostModeration.Approve.class,
            PostModeration.Reject.class, PostModeration.Pending.class})
final class PostCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code --as EMAIL} of a read: whose view (voted state) to show. */
    static final class ReadAs {
        @Option(names = "--as", paramLabel = "EMAIL",
                description = "Read as this user (their votes show); default: an anonymous visitor.")
        String email;
    }

    /** {@code --as EMAIL} of a write. */
    static final class WriteAs {
        @Option(names = "--as", paramLabel = "EMAIL", description = "Act as this user; default: the first admin.")
        String email;
    }

    /** {@code --page} and {@code --per-page}, checked by the model's one rule for counted values. */
    static final class Paging {
        @Option(names = "--page", paramLabel = "N", description = "Page number, from 1 (default 1).")
        String page;

        @Option(names = "--per-page", paramLabel = "N",
                description = "Items per page, 1.." + Limits.PER_PAGE_MAX + " (default " + Limits.PER_PAGE_DEFAULT + ").")
        String perPage;

        PageRequest request() {
            return PageRequest.of(Range.PAGE.parse(page), Range.PER_PAGE.parse(perPage));
        }

        /**
         * The first read of a stream ({@code --jsonl}, {@code --csv}), which goes on to the last page: page 1, of
         * {@code --per-page} items or the most a page holds. A page number would contradict that.
         */
        PageRequest streamStart(String option) {
            if (page != null) {
                throw new CliException(ExitCode.USAGE, option + " writes every page; leave out --page");
            }
            return new PageRequest(1, Range.PER_PAGE.orDefault(Range.PER_PAGE.parse(perPage), Limits.PER_PAGE_MAX));
        }
    }

    /** How a list is written: a table (default), {@code --json}, {@code --jsonl} or {@code --csv}. */
    static final class ListFormat {
        @Option(names = "--json", description = "Print the page as a JSON array of the REST API's records.")
        boolean json;

        @Option(names = "--jsonl", description = "Print every item of every page, one JSON record per line.")
        boolean jsonl;
    }

    /** The formats of {@code post list}: those of every list, and {@code --csv}. */
    static final class PostListFormat {
        @Option(names = "--json", description = "Print the page as a JSON array of the REST API's records.")
        boolean json;

        @Option(names = "--jsonl", description = "Print every post of every page, one JSON record per line.")
        boolean jsonl;

        @Option(names = "--csv", description = "Print every post of every page as CSV, as the API's posts.csv.")
        boolean csv;
    }

    @Command(name = "list", description = "List a board's posts, newest first, one page at a time.")
    static final class ListPosts implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--status", description = "Only posts with this status: a slug of the board's statuses "
                + "(rungu status list SLUG).")
        String status;

        @Option(names = "--category", description = "Only posts of this category: a slug of the board's categories.")
        String category;

        @Option(names = "--tag", description = "Only posts with this tag: a slug of the board's tags.")
        String tag;

        @Option(names = "--sort", description = "newest (default), oldest, most_votes, least_votes, recently_updated, trending, "
                + "or relevance (the default with --search).")
        String sort;

        @Option(names = "--search", paramLabel = "WORDS", description = "Search words, matched by prefix.")
        String search;

        @Mixin
        Paging paging;

        @Mixin
        ReadAs as;

        @ArgGroup(exclusive = true)
        PostListFormat format = new PostListFormat();

        ListPosts(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            boolean stream = format.jsonl || format.csv;
            // The model's parsers, so a bad value gets the REST API's message (exit 4).
            PostSort parsedSort = blank(sort) ? null : PostSort.parse(sort);
            PostStatus parsedStatus = blank(status) ? null : PostStatus.parse(status);
            PostCategory parsedCategory = blank(category) ? null : PostCategory.parse(category);
            PageRequest first = stream ? paging.streamStart(format.csv ? "--csv" : "--jsonl") : paging.request();
            try (RunguStore store = context.openStore()) {
                Board board = store.board();
                Actor viewer = CliAccounts.viewer(store, as.email);
                if (format.jsonl) {
                    Pages.each(first, page -> board.listPosts(viewer, slug,
                            new PostQuery(parsedSort, parsedStatus, parsedCategory, search, page, blank(tag) ? null : tag)),
                            view -> context.out.println(Json.line(Wire.post(view))));
                    return ExitCode.OK;
                }
                if (format.csv) {
                    // Opened with the first row: a missing board fails before anything is printed.
                    Writer out = new OutputStreamWriter(context.out, StandardCharsets.UTF_8);
                    PostCsv csv = new PostCsv(() -> out, PostCsv.boardUrl(publicUrl(context), slug));
                    Pages.each(first, page -> board.listPosts(viewer, slug,
                            new PostQuery(parsedSort, parsedStatus, parsedCategory, search, page, blank(tag) ? null : tag)), csv::row);
                    csv.finish();
                    return ExitCode.OK;
                }
                Page<PostView> page = board.listPosts(viewer, slug,
                        new PostQuery(parsedSort, parsedStatus, parsedCategory, search, first, blank(tag) ? null : tag));
                if (format.json) {
                    context.out.println(Json.write(Wire.posts(page.items())));
                } else {
                    printTable(page);
                }
            }
            return ExitCode.OK;
        }

        private void printTable(Page<PostView> page) {
            if (page.items().isEmpty()) {
                context.out.println(page.total() == 0 ? "No posts found." : "No posts on page " + page.page()
                        + "; there are " + page.totalPages() + " pages.");
                return;
            }
            Table table = new Table("ID", "STATUS", "CATEGORY", "VOTES", "COMMENTS", "TITLE");
            for (PostView v : page.items()) {
                var p = v.post();
                table.row(p.id(), p.status().wire(), p.category().wire(), p.voteCount() + (v.votedByViewer() ? "*" : ""),
                        p.commentCount(), p.title());
            }
            table.print(context.out);
            context.out.println(Pages.footer(page, "post", "posts"));
        }
    }

    @Command(name = "show", description = "Show one post.")
    static final class Show implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Mixin
        ReadAs as;

        @Option(names = "--json", description = "Print the REST API's record of the post.")
        boolean json;

        Show(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                PostView view = store.board().getPost(CliAccounts.viewer(store, as.email), id);
                if (json) {
                    context.out.println(Json.write(Wire.post(view)));
                } else {
                    print(context, view);
                }
            }
            return ExitCode.OK;
        }

        static void print(Context context, PostView view) {
            var p = view.post();
            var out = context.out;
            out.println(p.title());
            out.println("  id:        " + p.id());
            out.println("  status:    " + p.status().wire());
            out.println("  category:  " + p.category().wire());
            out.println("  votes:     " + p.voteCount() + (view.votedByViewer() ? " (including yours)" : ""));
            out.println("  comments:  " + p.commentCount());
            out.println("  author:    " + (view.creator() == null ? "-" : view.creator().name()));
            out.println("  created:   " + Table.cell(p.createdAt()));
            out.println("  updated:   " + Table.cell(p.updatedAt()));
            if (p.doneAt() != null) {
                out.println("  done:      " + Table.cell(p.doneAt()));
            }
            if (p.description() != null && !p.description().isBlank()) {
                out.println();
                out.println(p.description());
            }
        }
    }

    /** {@code --json} of a write: print the changed post's record instead of a sentence. */
    static final class WriteJson {
        @Option(names = "--json", description = "Print the REST API's record of the post.")
        boolean json;
    }

    @Command(name = "create", description = "Create a post on a board.")
    static final class Create implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--title", required = true, description = "The post's title.")
        String title;

        @Option(names = "--description", description = "The post's text (Markdown).")
        String description;

        @Option(names = "--category", description = "feedback (default), bug, feature or question.")
        String category;

        @Mixin
        WriteAs as;

        @Mixin
        WriteJson output;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PostCategory parsed = blank(category) ? null : PostCategory.parse(category);
            try (RunguStore store = context.openStore()) {
                PostView created = store.board().createPost(CliAccounts.actingAs(store, as.email), slug,
                        new NewPost(title, description, parsed));
                report(context, output, created, "Created post " + created.post().id() + ": " + created.post().title());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", description = "Change a post's title, description or category.")
    static final class Edit implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Option(names = "--title", description = "The new title.")
        String title;

        @Option(names = "--description", description = "The new text (Markdown).")
        String description;

        @Option(names = "--category", description = "feedback, bug, feature or question.")
        String category;

        @Mixin
        WriteAs as;

        @Mixin
        WriteJson output;

        Edit(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PostCategory parsed = blank(category) ? null : PostCategory.parse(category);
            try (RunguStore store = context.openStore()) {
                PostView edited = store.board().editPost(CliAccounts.actingAs(store, as.email), id,
                        new PostEdit(title, description, parsed, null));
                report(context, output, edited, "Updated post " + edited.post().id() + ": " + edited.post().title());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "status", description = "Change a post's status (admins).")
    static final class Status implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Parameters(index = "1", paramLabel = "STATUS", description = "A status of the post's board (open, planned, "
                + "in_progress, done or declined on a new board; rungu status list SLUG).")
        String status;

        @Option(names = "--response", paramLabel = "TEXT",
                description = "An official response given with the change (Markdown, like a comment).")
        String response;

        @Mixin
        WriteAs as;

        @Mixin
        WriteJson output;

        Status(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PostStatus parsed = PostStatus.parse(status);
            try (RunguStore store = context.openStore()) {
                PostView changed = store.board().editPost(CliAccounts.actingAs(store, as.email), id,
                        PostEdit.status(parsed, response));
                report(context, output, changed, "Post " + changed.post().id() + " is now "
                        + changed.post().status().wire() + ": " + changed.post().title());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a post with its votes, comments and attachments.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Mixin
        WriteAs as;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().deletePost(CliAccounts.actingAs(store, as.email), id);
                context.out.println("Deleted post " + id);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "vote", description = "Vote for a post as a user (or take the vote back with --remove).")
    static final class Vote implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "The voter.")
        String email;

        @Option(names = "--remove", description = "Take the vote back instead.")
        boolean remove;

        @Option(names = "--json", description = "Print the REST API's vote record.")
        boolean json;

        Vote(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                VoteResult result = store.board().setVote(CliAccounts.actingAs(store, email), id, !remove);
                if (json) {
                    context.out.println(Json.write(Wire.vote(result)));
                } else {
                    context.out.println((result.voted() ? "Voted for post " : "No vote on post ") + id + "; it has "
                            + votes(result.voteCount()) + ".");
                }
            }
            return ExitCode.OK;
        }
    }

    /** "1 vote", "2 votes". */
    static String votes(long n) {
        return n + (n == 1 ? " vote" : " votes");
    }

    static void report(Context context, WriteJson output, PostView post, String sentence) {
        context.out.println(output.json ? Json.write(Wire.post(post)) : sentence);
    }

    /**
     * The public URL for links: {@code RUNGU_BASE_URL} (or {@code APP_URL}), else the server running on this
     * database, else the default, as {@code login-link} finds it.
     */
    static String publicUrl(Context context) {
        if (context.env.get("RUNGU_BASE_URL").isEmpty() && context.env.get("APP_URL").isEmpty()) {
            DatabaseLocation database = context.database();
            var running = RunningServer.find(database.dataDir(), database.displayName());
            if (running.isPresent()) {
                return running.get().url();
            }
        }
        return ServerSettings.resolve(context.env, null, null, null, null).baseUrl();
    }

    static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
