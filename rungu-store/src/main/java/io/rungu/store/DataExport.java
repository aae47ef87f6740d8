package io.rungu.store;

import java.io.OutputStream;

/**
 * A download prepared by the {@link Board} once the caller's permission was checked: written on demand, straight
 * to the given stream, so nothing of it is held in memory. Write it once.
 */
public interface DataExport {
    /** A file name for it, such as {@code rungu-export-20261206-134500.json.gz}. */
    String fileName();

    /** Its media type: {@code application/gzip} for an archive, {@code application/json} for personal data. */
    String contentType();

    /** Writes it to {@code out}, which is flushed, not closed. */
    void writeTo(OutputStream out);
}
