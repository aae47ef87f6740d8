package io.rungu.store.internal.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A new board's statuses or categories: written over the defaults the board was given when it was placed, and the
 * defaults the archive's board no longer had are removed once the section is read.
 */
final class DefinitionSink implements RecordSink {
    private final ImportContext cx;
    private final String table;
    private final RowSink rows;
    private final Map<String, List<String>> slugs = new HashMap<>();

    DefinitionSink(ImportContext cx, String table, String sql, Function<Map<String, Object>, Object[]> row) {
        this.cx = cx;
        this.table = table;
        this.rows = new RowSink(cx.db, sql, row);
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        slugs.computeIfAbsent(cx.project(record), k -> new ArrayList<>()).add(Values.text(record, "slug"));
        return rows.accept(record);
    }

    @Override
    public void finish() {
        rows.finish();
        cx.db.writeVoid(h -> slugs.forEach((project, kept) -> h.createUpdate("DELETE FROM " + table
                        + " WHERE project_id = :project AND slug NOT IN (<kept>)")
                .bind("project", project).bindList("kept", kept).execute()));
    }

    @Override
    public long written() {
        return rows.written();
    }
}
