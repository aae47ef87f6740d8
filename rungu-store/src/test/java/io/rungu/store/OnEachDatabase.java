package io.rungu.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the store tests that run once on each {@link TestDatabase}: every test gets a new store {@link #t} on
 * a new, empty database, with its {@link #board}, and the store is closed after the test. Subclasses add their own
 * {@code @BeforeEach}, which runs after the store is open, and {@code @AfterEach}, which runs before it is closed.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
public abstract class OnEachDatabase {
    @Parameter
    protected TestDatabase database;
    @TempDir
    protected Path dir;
    protected TestStores t;
    protected Board board;

    @BeforeEach
    final void openStore() {
        t = TestStores.open(database, dir, this::configure);
        board = t.board();
    }

    @AfterEach
    final void closeStore() {
        t.close();
    }

    /** More store settings for this class, applied after the URL and clock. */
    protected void configure(StoreConfig config) {
    }
}
