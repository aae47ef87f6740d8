package io.rungu.store.internal.db;

import java.time.Instant;
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

    /** Parses the text form; fails loudly on anything else rather than guessing. */
    public static Instant parse(String text) {
        return text == null ? null : Instant.from(FORMAT.parse(text));
    }
}
