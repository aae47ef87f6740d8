package io.rungu.store.internal.db;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the files that hold the board's data readable and writable by their owner only ({@code 0600}), whatever
 * the process umask: SQLite then gives its {@code -wal} and {@code -shm} files the same permissions. On file
 * systems without POSIX permissions the file is created as usual.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /** Creates an empty {@code file} with owner-only permissions unless it exists. */
    static void createIfMissing(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first: it is theirs to have created
        } catch (IOException e) {
            // Left to SQLite, which then fails to open the same path with its own result code (SQLITE_CANTOPEN),
            // the one failure every caller already explains to its user.
        }
    }
}
