package io.rungu.store.internal.archive;

/** One field of an archive record: its name in the file, how its value is written, and the SQL that reads it. */
record Field(String name, Kind kind, String sql) {
    /** How a value is read from a row and written as JSON. */
    enum Kind { TEXT, INTEGER, BOOLEAN, TIME, BYTES }

    static Field of(String spec) {
        String[] parts = spec.split(":");
        Kind kind = parts.length > 1 ? Kind.valueOf(parts[1]) : Kind.TEXT;
        String sql = parts.length > 2 ? parts[2] : "t." + parts[0];
        return new Field(parts[0], kind, sql);
    }
}
