package io.rungu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExampleTest {
    @TempDir
    Path dir;

    @Test
    void the_board_moves_to_the_new_database_through_the_archive() throws Exception {
        assertThat(ArchiveExample.run(dir)).containsEntry("projects", 1L).containsEntry("posts", 1L)
                .containsEntry("users", 1L);
    }
}
