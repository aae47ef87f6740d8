package io.rungu.store.internal.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one text form of a timestamp in SQLite: UTC, fixed width, microseconds ({@code 2026-06-27T10:00:00.123456Z}),
 * so that text order is time order. PostgreSQL stores TIMESTAMPTZ, which also keeps microseconds.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The instant cut to the microsecond precision both databases keep. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Text form for SQLite. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * A timestamp column of either database: the text form on SQLite, a TIMESTAMPTZ on PostgreSQL; null for NULL.
     * Row mappers use this instead of {@code parse(rs.getString(..))}, so the same mapper serves both dialects.
     */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        return fromColumn(rs.getObject(column));
    }

    /** As {@link #read(ResultSet, String)}, by column position (1-based). */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        return fromColumn(rs.getObject(column));
    }

    private static Instant fromColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return parse(text);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        throw new IllegalStateException("Not a timestamp column: a " + value.getClass().getName());
    }

    /** Parses the text form; fails loudly on anything else rather than guessing. */
    public static Instant parse(String text) {
        return text == null ? null : Instant.from(FORMAT.parse(text));
    }
}
