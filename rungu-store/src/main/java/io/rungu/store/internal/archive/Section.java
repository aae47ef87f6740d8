package io.rungu.store.internal.archive;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A named array of records in an archive, read from the database by one ordered query. {@code where} may use
 * {@code <projects>} (the exported boards' ids) and {@code :user} (the person of a personal-data export).
 */
record Section(String name, List<Field> fields, String from, String orderJoin, String where, String order) {

    static Section of(String name, String from, String where, String order, String... fields) {
        return new Section(name, Arrays.stream(fields).map(Field::of).toList(), from, "", where, order);
    }

    Section orderedThrough(String join) {
        return new Section(name, fields, from, join, where, order);
    }

    String select() {
        return "SELECT " + fields.stream().map(Field::sql).collect(Collectors.joining(", ")) + " FROM " + from + " "
                + orderJoin + " WHERE " + where + " ORDER BY " + order;
    }

    String count() {
        return "SELECT count(*) FROM " + from + " WHERE " + where;
    }
}
