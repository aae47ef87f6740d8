package io.rungu.store.internal.board;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Keeps a board's statuses or categories numbered 1..n in their order. */
final class Ordering {
    /** The ordered tables; a constant, never input, is put into the statements. */
    enum Table { STATUSES, CATEGORIES }

    private Ordering() {}

    /** Puts row {@code id} at {@code position} (1-based) and renumbers the board's rows 1..n. */
    static void place(Handle h, Table table, String projectId, String id, int position) {
        List<String> ids = new ArrayList<>(ids(h, table, projectId));
        ids.remove(id);
        ids.add(Math.min(position - 1, ids.size()), id);
        renumber(h, table, ids);
    }

    /** Renumbers the board's rows 1..n keeping their order (after a delete). */
    static void compact(Handle h, Table table, String projectId) {
        renumber(h, table, ids(h, table, projectId));
    }

    private static List<String> ids(Handle h, Table table, String projectId) {
        return h.createQuery("SELECT id FROM " + name(table) + " WHERE project_id = :project ORDER BY position, slug")
                .bind("project", projectId).mapTo(String.class).list();
    }

    private static void renumber(Handle h, Table table, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            h.createUpdate("UPDATE " + name(table) + " SET position = :position WHERE id = :id AND position <> :position")
                    .bind("position", i + 1).bind("id", ids.get(i)).execute();
        }
    }

    private static String name(Table table) {
        return switch (table) {
            case STATUSES -> "statuses";
            case CATEGORIES -> "categories";
        };
    }
}
