package io.rungu.cli;

import io.rungu.store.RunguStore;
import io.rungu.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens the store at a {@link DatabaseLocation} and turns every failure a user can cause with {@code --db} (a
 * directory, a path through a file, an unwritable place, a file that is not a database, an unreachable server)
 * into one line that names the database, with exit code {@link ExitCode#DATABASE}.
 */
final class StoreOpener {
    private StoreOpener() {}

    /**
     * @param mustExist refuse a SQLite file that does not exist yet instead of creating it
     */
    static RunguStore open(DatabaseLocation location, boolean mustExist, Consumer<StoreConfig> configure) {
        location.sqliteFile().ifPresent(file -> checkFile(file, mustExist));
        try {
            return RunguStore.open(configure);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.DATABASE, describe(location, e), e);
        }
    }

    /** Applies the pending migrations of the database at {@code location}; the file names applied, in order. */
    static java.util.List<String> migrate(DatabaseLocation location, Consumer<StoreConfig> configure) {
        location.sqliteFile().ifPresent(file -> checkFile(file, false));
        try {
            return RunguStore.migrate(configure);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.DATABASE, describe(location, e), e);
        }
    }

    /** What the file system already tells us, before SQLite would create a directory or an empty file. */
    private static void checkFile(Path file, boolean mustExist) {
        if (Files.isDirectory(file)) {
            throw failure(file + " is a directory, not a database file; give a file such as "
                    + file.resolve(DatabaseLocation.FILE_NAME));
        }
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw failure("cannot use database " + file + ": " + dir + " is a file, not a directory");
                }
                break;
            }
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw failure(file + " is not a regular file, so it cannot be a database");
            }
            if (!Files.isReadable(file) || !Files.isWritable(file)) {
                throw failure("database " + file + " is not readable and writable by this user; fix its owner or "
                        + "permissions");
            }
        } else if (mustExist) {
            throw failure("no database at " + file + "; check --db, RUNGU_DB and RUNGU_DATA_DIR (rungu serve "
                    + "creates it)");
        }
    }

    /** One line for a failure of the database itself, from SQLite's result code where there is one. */
    static String describe(DatabaseLocation location, RuntimeException e) {
        Optional<Path> file = location.sqliteFile();
        if (file.isEmpty()) {
            return "cannot open database " + location.displayName() + ": " + rootMessage(e);
        }
        Path f = file.get();
        String code = sqliteCode(e);
        if (code.isEmpty() && causedByFileSystem(e)) {
            // The store creates the file itself (owner-only) before SQLite opens it: the same failure, found earlier.
            code = "SQLITE_CANTOPEN";
        }
        return switch (code) {
            case "SQLITE_CANTOPEN" -> "cannot open or create database " + f
                    + ": check that its directory exists and is writable by this user";
            case "SQLITE_NOTADB" -> f + " is not a database file (SQLite cannot read it); check --db and RUNGU_DB";
            case "SQLITE_READONLY" -> "database " + f + " is read-only for this user; fix its owner, its permissions "
                    + "or those of its directory";
            case "SQLITE_CORRUPT" -> "database " + f + " is damaged (" + rootMessage(e) + "); restore a backup";
            case "SQLITE_FULL" -> "cannot write database " + f + ": the disk is full";
            case "SQLITE_BUSY", "SQLITE_LOCKED" -> "database " + f + " is locked by another process; try again";
            default -> "cannot open database " + f + ": " + rootMessage(e);
        };
    }

    /**
     * The SQLite result code ({@code SQLITE_NOTADB}) from the messages of the cause chain, or "". By name, because
     * only the store may depend on the driver.
     */
    private static String sqliteCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf("[SQLITE_");
            if (at >= 0) {
                int end = message.indexOf(']', at);
                String code = end < 0 ? "" : message.substring(at + 1, end);
                int extended = code.indexOf('_', "SQLITE_".length());
                return extended < 0 ? code : code.substring(0, extended);
            }
        }
        return "";
    }

    private static boolean causedByFileSystem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.FileSystemException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }

    private static CliException failure(String message) {
        return new CliException(ExitCode.DATABASE, message);
    }
}
