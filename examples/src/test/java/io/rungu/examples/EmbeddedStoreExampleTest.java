package io.rungu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreExampleTest {
    @TempDir
    Path dir;

    @Test
    void the_example_runs_against_a_fresh_database() throws Exception {
        Path db = dir.resolve("example.db");

        EmbeddedStoreExample.main(new String[] {db.toString()});

        assertThat(db).exists();
    }
}
