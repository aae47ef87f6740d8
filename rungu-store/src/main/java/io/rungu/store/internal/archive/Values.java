package io.rungu.store.internal.archive;

import java.util.List;
import java.util.Map;

/** Reading the values of one archive record, with the defaults older archives rely on. */
final class Values {
    private Values() {}

    static String text(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value == null ? null : value.toString();
    }

    /** A switch that is on unless the record turns it off (a missing notification setting is on). */
    static Long flag(Map<String, Object> record, String field) {
        return Boolean.FALSE.equals(record.get(field)) ? 0L : 1L;
    }

    /** A whole number of the record, 0 when missing. */
    static Long number(Map<String, Object> record, String field) {
        return record.get(field) instanceof Long n ? n : 0L;
    }

    /** A flag that is off unless the record sets it (archives older than the flag lack it). */
    static Long set(Map<String, Object> record, String field) {
        return Boolean.TRUE.equals(record.get(field)) ? 1L : 0L;
    }

    /** A known value, else the first (the default). */
    static String oneOf(String value, List<String> known) {
        return value != null && known.contains(value) ? value : known.get(0);
    }

    static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
