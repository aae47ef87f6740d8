package io.rungu.cli;

import io.rungu.store.DemoData;
import io.rungu.store.RunguStore;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu seed}: generated boards, users, posts, votes and comments, e.g. for benchmarks. */
@Command(name = "seed", description = {
    "Fill the database with generated boards, users, posts, votes and comments.",
    "Running it again adds another, separate dataset."})
final class SeedCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--projects", defaultValue = "5", description = "Boards (default: ${DEFAULT-VALUE}).")
    int projects;

    @Option(names = "--posts", defaultValue = "10000", description = "Posts over all boards (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--votes", defaultValue = "50000", description = "Votes, at most half of users x posts (default: ${DEFAULT-VALUE}).")
    int votes;

    @Option(names = "--comments", defaultValue = "20000", description = "Comments, about a third of them replies (default: ${DEFAULT-VALUE}).")
    int comments;

    @Option(names = "--users", defaultValue = "1000", description = "Members who post, vote and comment (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generator; the same seed gives the same text (default: ${DEFAULT-VALUE}).")
    long seed;

    SeedCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DemoData.Options options;
        try {
            options = new DemoData.Options(projects, posts, votes, comments, users, seed);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
        return generate(context, options);
    }

    /** Generates {@code options} into the configured database with a progress bar; shared with {@code demo}. */
    static int generate(Context context, DemoData.Options options) {
        try (RunguStore store = context.openStore()) {
            ProgressBar bar = new ProgressBar(context.err, System.console() != null);
            DemoData.Result result = DemoData.generate(store, options, bar::update);
            bar.finish();
            context.out.println(String.format(Locale.ROOT,
                    "Seeded %s: %,d boards, %,d users, %,d posts, %,d votes, %,d comments in %.1f s",
                    context.database().displayName(), result.projects(), result.users(), result.posts(),
                    result.votes(), result.comments(), result.elapsed().toMillis() / 1000.0));
        }
        return ExitCode.OK;
    }
}
