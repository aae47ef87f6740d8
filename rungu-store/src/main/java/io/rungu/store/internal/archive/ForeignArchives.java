package io.rungu.store.internal.archive;

import io.rungu.store.internal.db.Timestamps;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the exports of other feedback boards into a Rungu archive, so one importer (matching people by email,
 * refusing taken slugs) serves them all: Fider's backup (a zip of one JSON array per table), Canny's API answers
 * and a CSV of posts with a column mapping. Ids are derived from the source's ids, so the same file gives the same archive.
 */
public final class ForeignArchives {
    /** The fields a CSV column can be mapped to, with the column taken when none is given. */
    public static final List<String> CSV_FIELDS = List.of("title", "description", "status", "category",
            "author_email", "author_name", "created_at", "response");

    private ForeignArchives() {}

    /** Writes the archive of an export assembled from Canny's REST API (a directory of JSON files, or one). */
    public static void canny(Path export, String slug, Instant now, OutputStream out) {
        CannyExport.write(export, slug, now, out);
    }

    /** Writes the archive of a Fider backup as the board {@code slug}. */
    public static void fider(Path backupZip, String slug, Instant now, OutputStream out) {
        FiderBackup.write(backupZip, slug, now, out);
    }

    /**
     * Writes the archive of a CSV of posts as the board {@code slug}; {@code mapping} names the column of each of
     * {@link #CSV_FIELDS}.
     */
    public static void csv(Path file, Map<String, String> mapping, String slug, Instant now, OutputStream out) {
        CsvPosts.write(file, mapping, slug, now, out);
    }

    // --- values ---

    static String id(String kind, Object sourceId) {
        return UUID.nameUUIDFromBytes((kind + ":" + sourceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String time(Object value, Instant fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback == null ? null : Timestamps.format(fallback);
        }
        try {
            return Timestamps.format(Timestamps.truncate(OffsetDateTime.parse(value.toString()).toInstant()));
        } catch (DateTimeParseException e) {
            return fallback == null ? null : Timestamps.format(fallback);
        }
    }

    static long number(Map<String, Object> record, String field) {
        Object value = record.get(field);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String text(Map<String, Object> record, String field, String fallback) {
        Object value = record.get(field);
        return value == null ? fallback : value.toString();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    static String orElse(String text, String fallback) {
        return text == null ? fallback : text;
    }
}
