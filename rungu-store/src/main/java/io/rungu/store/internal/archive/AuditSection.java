package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The {@code audit_log} section: one record per entry, oldest first, with the fields it changed nested as
 * {@code changes}. Read by one ordered query joining the entries to their changes, so memory stays flat.
 */
final class AuditSection {
    static final String NAME = "audit_log";
    private static final int FETCH_SIZE = 1000;

    private final String where;

    /** All entries of an installation, or those of the exported boards. */
    AuditSection(boolean everything) {
        this.where = everything ? "1 = 1" : "a.project_id IN (<projects>)";
    }

    String count() {
        return "SELECT count(*) FROM audit_log a WHERE " + where;
    }

    String select() {
        return "SELECT a.seq, a.at, a.actor_id, a.channel, a.client, a.action, a.target_type, a.target_id, "
                + "a.project_id, c.field, c.old_value, c.new_value FROM audit_log a "
                + "LEFT JOIN audit_changes c ON c.entry_seq = a.seq WHERE " + where + " ORDER BY a.seq, c.position";
    }

    /** Writes the section; returns the number of entries. */
    long write(Handle h, JsonGenerator json, List<String> projectIds, long total, ArchiveWriter.Progress progress)
            throws IOException {
        json.writeArrayFieldStart(NAME);
        progress.update(NAME, 0, total);
        Writer writer = new Writer(json, total, progress);
        var query = h.createQuery(select());
        if (where.contains("<projects>")) {
            query.bindList("projects", projectIds.isEmpty() ? List.of("") : projectIds);
        }
        try (var rows = query.setFetchSize(FETCH_SIZE).map((rs, ctx) -> writer.row(rs)).iterator()) {
            while (rows.hasNext()) {
                rows.next();
            }
        }
        writer.close();
        progress.update(NAME, writer.entries, total);
        json.writeEndArray();
        return writer.entries;
    }

    /** Turns the joined rows into records: a new entry starts when the sequence number changes. */
    private static final class Writer {
        private final JsonGenerator json;
        private final long total;
        private final ArchiveWriter.Progress progress;
        private long seq = -1;
        private boolean inChanges;
        private long entries;

        Writer(JsonGenerator json, long total, ArchiveWriter.Progress progress) {
            this.json = json;
            this.total = total;
            this.progress = progress;
        }

        Boolean row(ResultSet rs) {
            try {
                long next = rs.getLong("seq");
                if (next != seq) {
                    close();
                    seq = next;
                    json.writeStartObject();
                    Instant at = Timestamps.read(rs, "at");
                    json.writeStringField("at", Timestamps.format(at));
                    for (String field : List.of("actor_id", "channel", "client", "action", "target_type", "target_id",
                            "project_id")) {
                        String value = rs.getString(field);
                        if (value != null) {
                            json.writeStringField(field, value);
                        }
                    }
                    if (++entries % FETCH_SIZE == 0) {
                        progress.update(NAME, entries, total);
                    }
                }
                String field = rs.getString("field");
                if (field != null) {
                    if (!inChanges) {
                        json.writeArrayFieldStart("changes");
                        inChanges = true;
                    }
                    json.writeStartObject();
                    json.writeStringField("field", field);
                    String before = rs.getString("old_value");
                    String after = rs.getString("new_value");
                    if (before != null) {
                        json.writeStringField("before", before);
                    }
                    if (after != null) {
                        json.writeStringField("after", after);
                    }
                    json.writeEndObject();
                }
                return Boolean.TRUE;
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the audit log: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            if (seq < 0) {
                return;
            }
            if (inChanges) {
                json.writeEndArray();
                inChanges = false;
            }
            json.writeEndObject();
        }
    }
}
