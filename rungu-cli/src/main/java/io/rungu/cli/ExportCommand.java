package io.rungu.cli;

import io.rungu.store.BoardArchive;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu export --to FILE [--project SLUG]...}: the portable archive (docs/data-format.md). */
@Command(name = "export", description = {
    "Write a portable archive of every board and account, or of the boards given with --project.",
    "The archive is gzip-compressed JSON (docs/data-format.md): users without secrets, boards, posts, votes,",
    "comments, status history, attachments, subscriptions and notification settings.",
    "`rungu import` reads it into any database."})
final class ExportCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The archive to write (.json.gz).")
    Path file;

    @Option(names = {"-p", "--project"}, paramLabel = "SLUG",
            description = "Export only this board and its people (repeatable). Default: everything.")
    List<String> projects = new ArrayList<>();

    @Option(names = {"--replace", "--force"}, description = "Overwrite FILE when it exists.")
    boolean replace;

    ExportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target) && !replace) {
            throw new CliException(ExitCode.INVALID, target + " already exists (--replace overwrites it)");
        }
        long start = System.nanoTime();
        BoardArchive.Summary summary;
        try (RunguStore store = context.openStore(true)) {
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            ProgressBar bar = new ProgressBar(context.err, System.console() != null);
            BoardArchive.ExportOptions options = new BoardArchive.ExportOptions();
            options.projects = projects;
            options.progress = bar::update;
            try {
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                try (OutputStream out = Files.newOutputStream(partial)) {
                    summary = BoardArchive.export(store, out, options);
                } finally {
                    bar.finish();
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILURE, "cannot write " + target + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the message above says what went wrong; a leftover .partial file is harmless
                }
            }
        }
        context.out.println(String.format(Locale.ROOT, "Exported %s to %s (%,d bytes) in %.1f s: %s",
                context.database().displayName(), target, size(target), (System.nanoTime() - start) / 1e9,
                summary(summary.records())));
        return ExitCode.OK;
    }

    static String summary(Map<String, Long> records) {
        StringBuilder s = new StringBuilder();
        records.forEach((section, n) -> s.append(s.length() == 0 ? "" : ", ").append(section).append(' ')
                .append(String.format(Locale.ROOT, "%,d", n)));
        return s.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
