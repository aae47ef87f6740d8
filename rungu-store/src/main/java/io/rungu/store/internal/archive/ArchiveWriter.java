package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Writes archives: the whole installation or some boards (gzip-compressed, docs/data-format.md), and one person's
 * data. Everything is read in one snapshot and written record by record, so memory stays flat at any size.
 */
public final class ArchiveWriter {
    /** The {@code format} of a board archive. */
    public static final String BOARD_FORMAT = "rungu-archive";
    /** The {@code format} of a personal-data export. */
    public static final String PERSONAL_FORMAT = "rungu-personal-data";
    /**
     * The archive version this code writes, and the newest it reads. Version 2 added merges and the audit log: a
     * reader of version 1 would have turned a merged duplicate into a live post without its votes, so it refuses them.
     */
    public static final int VERSION = 2;
    /** The version of the personal-data document. */
    public static final int PERSONAL_VERSION = 1;
    private static final int FETCH_SIZE = 1000;
    static final JsonFactory JSON = JsonFactory.builder().build();

    private final Database db;

    public ArchiveWriter(Database db) {
        this.db = db;
    }

    /** Receives progress per section; called from the writing thread. */
    @FunctionalInterface
    public interface Progress {
        void update(String section, long done, long total);
    }

    /**
     * Writes the boards with these ids (all boards when {@code projectIds} is null) as a gzip-compressed archive.
     * The stream is finished, not closed.
     *
     * @return records written per section, in file order
     */
    public Map<String, Long> writeBoards(List<String> projectIds, Instant exportedAt, String generator,
            OutputStream out, Progress progress) {
        Progress report = progress == null ? (s, d, t) -> {} : progress;
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
            Map<String, Long> written = db.snapshot(h -> {
                List<String> ids = projectIds != null ? projectIds
                        : h.createQuery("SELECT id FROM projects ORDER BY id").mapTo(String.class).list();
                List<Section> sections = Sections.board(projectIds == null);
                AuditSection audit = new AuditSection(projectIds == null);
                try (JsonGenerator json = JSON.createGenerator(gzip, JsonEncoding.UTF8)) {
                    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    json.writeStartObject();
                    json.writeStringField("format", BOARD_FORMAT);
                    json.writeNumberField("version", VERSION);
                    json.writeStringField("generator", generator);
                    json.writeStringField("exported_at", Timestamps.format(exportedAt));
                    json.writeFieldName("scope");
                    json.writeStartObject();
                    json.writeBooleanField("all_boards", projectIds == null);
                    json.writeEndObject();
                    Map<String, Long> totals = new LinkedHashMap<>();
                    for (Section section : sections) {
                        totals.put(section.name(), scoped(h, section.count(), ids, null)
                                .mapTo(Long.class).one());
                    }
                    totals.put(AuditSection.NAME, scoped(h, audit.count(), ids, null).mapTo(Long.class).one());
                    json.writeFieldName("counts");
                    json.writeStartObject();
                    for (var total : totals.entrySet()) {
                        json.writeNumberField(total.getKey(), total.getValue());
                    }
                    json.writeEndObject();
                    for (Section section : sections) {
                        writeSection(h, json, section, ids, null, totals.get(section.name()), report);
                    }
                    audit.write(h, json, ids, totals.get(AuditSection.NAME), report);
                    json.writeEndObject();
                    return totals;
                }
            });
            gzip.finish();
            gzip.flush();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes everything held about the user as one JSON document (not compressed). */
    public void writePersonal(String userId, Instant exportedAt, String generator, OutputStream out) {
        try {
            db.snapshot(h -> {
                try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    json.useDefaultPrettyPrinter();
                    json.writeStartObject();
                    json.writeStringField("format", PERSONAL_FORMAT);
                    json.writeNumberField("version", PERSONAL_VERSION);
                    json.writeStringField("generator", generator);
                    json.writeStringField("exported_at", Timestamps.format(exportedAt));
                    Section profile = Section.of("profile", "users t", "t.id = :user", "t.id",
                            Sections.PROFILE_FIELDS);
                    json.writeFieldName("profile");
                    boolean found = scoped(h, profile.select(), List.of(), userId).map((rs, ctx) -> {
                        writeRecord(json, profile.fields(), rs);
                        return Boolean.TRUE;
                    }).findOne().isPresent();
                    if (!found) {
                        json.writeNull();
                    }
                    for (Section section : Sections.personal()) {
                        writeSection(h, json, section, List.of(), userId, -1, (s, d, t) -> {});
                    }
                    json.writeEndObject();
                }
                return null;
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names the Rungu that wrote an archive. */
    public static String generator() {
        Package p = ArchiveWriter.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return "rungu " + (version == null ? "dev" : version);
    }

    private static Query scoped(Handle h, String sql, List<String> projectIds, String userId) {
        Query query = h.createQuery(sql);
        if (sql.contains("<projects>")) {
            // No board has the empty id: an installation without boards still gives a valid IN list.
            query.bindList("projects", projectIds.isEmpty() ? List.of("") : projectIds);
        }
        if (userId != null) {
            query.bind("user", userId);
        }
        return query;
    }

    private static void writeSection(Handle h, JsonGenerator json, Section section, List<String> projectIds,
            String userId, long total, Progress progress) throws IOException {
        json.writeArrayFieldStart(section.name());
        progress.update(section.name(), 0, total);
        long[] done = {0};
        try (var rows = scoped(h, section.select(), projectIds, userId).setFetchSize(FETCH_SIZE)
                .map((rs, ctx) -> {
                    writeRecord(json, section.fields(), rs);
                    if (++done[0] % FETCH_SIZE == 0) {
                        progress.update(section.name(), done[0], total);
                    }
                    return Boolean.TRUE;
                }).iterator()) {
            while (rows.hasNext()) {
                rows.next();
            }
        }
        progress.update(section.name(), done[0], total);
        json.writeEndArray();
    }

    private static void writeRecord(JsonGenerator json, List<Field> fields, ResultSet rs) {
        try {
            json.writeStartObject();
            for (int i = 0; i < fields.size(); i++) {
                Field field = fields.get(i);
                int column = i + 1;
                switch (field.kind()) {
                    case TEXT -> {
                        String value = rs.getString(column);
                        if (value != null) {
                            json.writeStringField(field.name(), value);
                        }
                    }
                    case INTEGER -> {
                        long value = rs.getLong(column);
                        if (!rs.wasNull()) {
                            json.writeNumberField(field.name(), value);
                        }
                    }
                    case BOOLEAN -> {
                        long value = rs.getLong(column);
                        if (!rs.wasNull()) {
                            json.writeBooleanField(field.name(), value != 0);
                        }
                    }
                    case TIME -> {
                        Instant value = Timestamps.read(rs, column);
                        if (value != null) {
                            json.writeStringField(field.name(), Timestamps.format(value));
                        }
                    }
                    case BYTES -> {
                        byte[] value = rs.getBytes(column);
                        if (value != null) {
                            json.writeFieldName(field.name());
                            json.writeBinary(value);
                        }
                    }
                }
            }
            json.writeEndObject();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + fields + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
