package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rungu.store.DataTransfer;
import io.rungu.store.RunguStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database, its WAL files and backups are readable by their owner only. */
class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void a_new_database_and_its_wal_files_are_created_0600() throws Exception {
        Path db = dir.resolve("data/rungu.db");
        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + db)) {
            store.checkHealth();
            assertThat(permissions(db)).isEqualTo("rw-------");
            assertThat(permissions(dir.resolve("data/rungu.db-wal"))).isEqualTo("rw-------");
            assertThat(permissions(dir.resolve("data/rungu.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void a_backup_is_created_0600() throws Exception {
        Path backup = dir.resolve("backup.db");
        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + dir.resolve("rungu.db"))) {
            DataTransfer.backup(store, backup);
        }
        assertThat(permissions(backup)).isEqualTo("rw-------");
        try (RunguStore copy = RunguStore.open(c -> c.url = "jdbc:sqlite:" + backup)) {
            copy.checkHealth();
        }
    }
}
