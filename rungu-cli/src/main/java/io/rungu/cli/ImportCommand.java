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
    "Read an archive of `rungu export`, a Fider backup, a Canny export or a CSV of posts into the database.",
    "The database (SQLite or PostgreSQL) is created when missing. People are matched by email. A board whose slug",
    "is taken is refused unless --rename (it becomes SLUG-2) or --into-project names the board to add its posts to."})
final class ImportCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "The archive to read (for --format canny, a directory of Canny's API answers or one file).")
    Path file;

    @Option(names = "--into-project", paramLabel = "SLUG",
            description = "Put the posts of an archive of one board into this board (created when missing).")
    String intoProject;

    @Option(names = "--rename", description = "Give an imported board whose slug is taken a free one (SLUG-2).")
    boolean rename;

    /** What kind of file {@code --from} is. */
    enum Format { rungu, fider, canny, csv }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "rungu",
            description = "rungu (an archive of rungu export, the default), fider (Fider's backup.zip), canny (Canny's "
                    + "API answers, docs/data-format.md) or csv (posts).")
    Format format;

    @Option(names = "--as", paramLabel = "EMAIL",
            description = "The account the import's audit entries name (default: none, the operator at the CLI).")
    String as;

    @Option(names = "--map", paramLabel = "FIELD=COLUMN", split = ",",
            description = "For --format csv: the column of each field (title, description, status, category, "
                    + "author_email, author_name, created_at, response), e.g. title=Title,description=Details.")
    java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();

    ImportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        BoardArchive.Summary summary;
        if (format != Format.csv && !columns.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--map goes with --format csv");
        }
        if (format != Format.rungu && (intoProject == null || intoProject.isBlank())) {
            throw new CliException(ExitCode.USAGE, "--format " + format + " needs --into-project SLUG, the board to "
                    + "import into");
        }
        boolean directory = format == Format.canny && Files.isDirectory(file);
        if (!Files.isRegularFile(file) && !directory) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file: " + file);
        }
        try (InputStream in = directory ? InputStream.nullInputStream() : Files.newInputStream(file);
             RunguStore store = context.openStore(false)) {
            ProgressBar bar = new ProgressBar(context.err, System.console() != null);
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.intoProject = intoProject;
            options.rename = rename;
            options.progress = bar::update;
            options.channel = io.rungu.model.Actor.Channel.CLI;
            options.actor = as == null ? null : CliAccounts.existing(store, as, io.rungu.model.Actor.Channel.CLI, false);
            try {
                summary = switch (format) {
                    case rungu -> BoardArchive.importFrom(store, in, options);
                    case fider -> BoardArchive.importFider(store, file, options);
                    case canny -> BoardArchive.importCanny(store, file, options);
                    case csv -> BoardArchive.importCsv(store, file, columns, options);
                };
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
