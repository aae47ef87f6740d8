package io.rungu.store.internal.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
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
    private static final int CANONICAL_LENGTH = "2026-06-27T10:00:00.123456Z".length();

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
        if (text == null) {
            return null;
        }
        Instant fast = parseCanonical(text);
        return fast != null ? fast : Instant.from(FORMAT.parse(text));
    }

    /**
     * The stored form read digit by digit: a list maps three timestamps per row, and the general formatter
     * costs about as much CPU as the query itself. Null when the text is not exactly that form, so the
     * formatter then parses it or reports it.
     */
    private static Instant parseCanonical(String text) {
        if (text.length() != CANONICAL_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != '.' || text.charAt(26) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int micros = digits(text, 20, 26);
        if ((year | month | day | hour | minute | second | micros) < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year)) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, micros * 1_000L);
    }

    /** The number written by the ASCII digits in {@code [from, to)}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
