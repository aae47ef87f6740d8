package io.rungu.cli;

import io.rungu.store.DataTransfer;
import io.rungu.store.RunguStore;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu migrate --from URL --to URL}: copies a whole board database, e.g. from SQLite to PostgreSQL. */
@Command(name = "migrate", description = {
    "Copy a whole board database to another one, e.g. from SQLite to PostgreSQL.",
    "Copies users, identities, sessions, sign-in links, tokens, projects, posts, votes, comments and",
    "attachments, between SQLite and PostgreSQL in either direction.",
    "The source may stay in use: it is read in one consistent snapshot. The target is created and migrated",
    "when needed and must be empty unless --replace is given."})
final class MigrateCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--from", required = true, paramLabel = "PATH_OR_URL",
            description = "Source: SQLite file, jdbc: URL or postgres://user:pass@host/db.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "PATH_OR_URL",
            description = "Target, in the same forms.")
    String to;

    @Option(names = {"--replace", "--force"},
            description = "Delete every row of a non-empty target before copying.")
    boolean replace;

    MigrateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DatabaseLocation source = DatabaseLocation.resolve(from, context.env);
        DatabaseLocation target = DatabaseLocation.resolve(to, context.env);
        if (source.jdbcUrl().equals(target.jdbcUrl())) {
            throw new CliException(ExitCode.INVALID, "--from and --to name the same database");
        }
        long start = System.nanoTime();
        Map<String, Long> copied;
        try (RunguStore in = open(source, true); RunguStore out = open(target, false)) {
            ProgressBar bar = new ProgressBar(context.err, System.console() != null);
            try {
                copied = DataTransfer.copy(in, out, replace, bar::update);
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().contains("not empty")) {
                    throw new CliException(ExitCode.INVALID, e.getMessage() + " (--replace deletes them first)", e);
                }
                throw e;
            } finally {
                bar.finish();
            }
        }
        long rows = copied.values().stream().mapToLong(Long::longValue).sum();
        context.out.println(String.format(Locale.ROOT, "Copied %,d rows from %s to %s in %.1f s: %s", rows,
                source.displayName(), target.displayName(), (System.nanoTime() - start) / 1e9, summary(copied)));
        return ExitCode.OK;
    }

    private static RunguStore open(DatabaseLocation location, boolean mustExist) {
        return StoreOpener.open(location, mustExist, cfg -> cfg.url = location.jdbcUrl());
    }

    private static String summary(Map<String, Long> copied) {
        StringBuilder s = new StringBuilder();
        copied.forEach((table, n) -> s.append(s.length() == 0 ? "" : ", ").append(table).append(' ')
                .append(String.format(Locale.ROOT, "%,d", n)));
        return s.toString();
    }
}
