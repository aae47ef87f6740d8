package io.rungu.cli;

import io.rungu.store.BoardArchive;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu import --from FILE}: reads a portable archive into the database. */
@Command(name = "import", description = {
    "Read an archive of `rungu export` into the database.",
    "The database (SQLite or PostgreSQL) is created when missing. People are matched by email. A board whose slug",
    "is taken is refused unless --rename (it becomes SLUG-2) or --into-project names the board to add its posts to."})
final class ImportCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The archive to read.")
    Path file;

    @Option(names = "--into-project", paramLabel = "SLUG",
            description = "Put the posts of an archive of one board into this board (created when missing).")
    String intoProject;

    @Option(names = "--rename", description = "Give an imported board whose slug is taken a free one (SLUG-2).")
    boolean rename;

    ImportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        BoardArchive.Summary summary;
        try (InputStream in = Files.newInputStream(file); RunguStore store = context.openStore(false)) {
            ProgressBar bar = new ProgressBar(context.err, System.console() != null);
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.intoProject = intoProject;
            options.rename = rename;
            options.progress = bar::update;
            try {
                summary = BoardArchive.importFrom(store, in, options);
            } finally {
                bar.finish();
            }
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file: " + file, e);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        StringBuilder boards = new StringBuilder();
        summary.boards().forEach((from, to) -> boards.append(boards.length() == 0 ? "" : ", ")
                .append(from.equals(to) ? to : from + " as " + to));
        context.out.println(String.format(Locale.ROOT, "Imported %s into %s in %.1f s (boards: %s): %s", file,
                context.database().displayName(), (System.nanoTime() - start) / 1e9, boards,
                ExportCommand.summary(summary.records())));
        return ExitCode.OK;
    }
}
