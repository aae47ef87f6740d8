package io.rungu.store.internal.archive;

import io.rungu.store.internal.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;

/**
 * Rows waiting to be written, flushed as one write transaction per {@link #ROWS} rows or {@link #BYTES} bytes of
 * attachment content, so an import of any size holds one batch in memory at a time.
 */
final class Batch<R> {
    static final int ROWS = 1000;
    static final long BYTES = 32L * 1024 * 1024;

    private final Database db;
    private final BiConsumer<Handle, List<R>> write;
    private final List<R> rows = new ArrayList<>();
    private long bytes;
    private long written;

    Batch(Database db, BiConsumer<Handle, List<R>> write) {
        this.db = db;
        this.write = write;
    }

    /** Adds a row; true when that flushed the batch. */
    boolean add(R row, long size) {
        rows.add(row);
        bytes += size;
        if (rows.size() >= ROWS || bytes >= BYTES) {
            flush();
            return true;
        }
        return false;
    }

    void flush() {
        if (rows.isEmpty()) {
            return;
        }
        db.writeVoid(h -> write.accept(h, rows));
        written += rows.size();
        rows.clear();
        bytes = 0;
    }

    long written() {
        return written;
    }
}
