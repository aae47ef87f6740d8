package io.rungu.cli;

import io.rungu.store.DataTransfer;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu backup --to FILE}: a consistent copy of a live SQLite database. */
@Command(name = "backup", description = {
    "Write a consistent copy of the SQLite database to FILE while the server keeps running (VACUUM INTO).",
    "For PostgreSQL use pg_dump."})
final class BackupCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file to create.")
    Path file;

    @Option(names = {"--replace", "--force"}, description = "Overwrite FILE when it exists.")
    boolean replace;

    BackupCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path target = file.toAbsolutePath().normalize();
        long start = System.nanoTime();
        // The database first: a mistyped --db must neither create an empty database nor cost an old backup.
        try (RunguStore store = context.openStore(true)) {
            prepare(target);
            DataTransfer.backup(store, target);
        } catch (UnsupportedOperationException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
        context.out.println(String.format(Locale.ROOT, "Backed up %s to %s (%,d bytes) in %.1f s",
                context.database().displayName(), target, size(target), (System.nanoTime() - start) / 1e9));
        return ExitCode.OK;
    }

    private void prepare(Path target) {
        try {
            if (Files.exists(target)) {
                if (!replace) {
                    throw new CliException(ExitCode.INVALID, target + " already exists (--replace overwrites it)");
                }
                Files.delete(target);
            }
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
