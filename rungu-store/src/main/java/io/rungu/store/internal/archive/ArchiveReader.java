package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import io.rungu.model.Slugs;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import io.rungu.store.internal.events.Outbox;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads an archive (gzip-compressed or plain JSON) into a database, record by record, each section through its
 * {@link RecordSink} ({@link SectionSinks}). When it is done, every board it created or added to gets one
 * {@code PROJECT_IMPORTED} event and audit entry naming the import's source and record counts; the records
 * themselves write no events, so an import mails nobody.
 */
public final class ArchiveReader {
    private final ImportContext cx;
    private final ArchiveWriter.Progress progress;
    private final Who who;
    private final Map<String, Long> totals = new HashMap<>();
    private final Map<String, Long> imported = new LinkedHashMap<>();

    /**
     * Who an import's events name: the acting account (null: the store's operator), the channel it came through
     * (null when unknown), and the source format ({@code rungu}, {@code fider}, {@code canny}, {@code csv}).
     */
    public record Who(Actor.Account actor, Actor.Channel channel, String source) {}

    public ArchiveReader(Database db, Supplier<String> ids, Supplier<Instant> now, String intoProject, boolean rename,
            ArchiveWriter.Progress progress, Who who) {
        if (intoProject != null && !Slugs.isValid(intoProject)) {
            throw RunguException.invalid("into_project", "Slug must be 1-" + Limits.SLUG_MAX
                    + " lowercase letters, numbers, and inner hyphens");
        }
        this.cx = new ImportContext(db, ids, now, intoProject, rename);
        this.progress = progress == null ? (s, d, t) -> {} : progress;
        this.who = who == null ? new Who(null, null, "rungu") : who;
    }

    /** What an import did: records per section, and each board's slug in the archive and here. */
    public record Result(Map<String, Long> imported, Map<String, String> boards) {}

    public Result read(InputStream input) {
        try (JsonParser json = ArchiveWriter.JSON.createParser(decompressed(input))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw notAnArchive("it does not start with a JSON object");
            }
            boolean format = false;
            SectionSinks sinks = new SectionSinks(cx);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!ArchiveWriter.BOARD_FORMAT.equals(json.getValueAsString())) {
                            throw notAnArchive("its format is " + json.getText() + ", not "
                                    + ArchiveWriter.BOARD_FORMAT);
                        }
                        format = true;
                    }
                    case "version" -> {
                        int version = json.getValueAsInt(0);
                        if (version < 1 || version > ArchiveWriter.VERSION) {
                            throw RunguException.invalid("archive", "This archive is version " + json.getText()
                                    + "; this Rungu reads versions 1 to " + ArchiveWriter.VERSION
                                    + ": import it with a newer Rungu");
                        }
                    }
                    case "counts" -> readCounts(json);
                    default -> {
                        if (!format) {
                            throw notAnArchive("its first field is not \"format\": \"" + ArchiveWriter.BOARD_FORMAT
                                    + "\"");
                        }
                        section(json, field, sinks.of(field));
                    }
                }
            }
            if (!format) {
                throw notAnArchive("it has no \"format\" field");
            }
            cx.db.writeVoid(h -> cx.db.dialect().afterBulkInsert().forEach(h::execute));
            recordImport();
            return new Result(imported, cx.boardSlugs);
        } catch (JsonProcessingException e) {
            throw notAnArchive(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the archive failed: " + e.getMessage(), e);
        }
    }

    /** One event (and audit entry) per board the import created or added to, with what it brought. */
    private void recordImport() {
        Instant at = Timestamps.truncate(cx.now.get());
        String actorId = who.actor() == null ? null : who.actor().userId();
        String client = who.actor() == null ? null : who.actor().client();
        cx.db.writeVoid(h -> {
            for (var board : cx.boardSlugs.entrySet()) {
                String projectId = h.createQuery("SELECT id FROM projects WHERE slug = ?").bind(0, board.getValue())
                        .mapTo(String.class).one();
                Changes changes = Changes.of().added("source", who.source());
                if (!board.getKey().equals(board.getValue())) {
                    changes.field("slug", board.getKey(), board.getValue());
                }
                imported.forEach((section, n) -> {
                    if (n > 0) {
                        changes.added(section, n);
                    }
                });
                Outbox.append(h, cx.db.dialect(), new BoardEvent(0, BoardEvent.Type.PROJECT_IMPORTED, at, actorId,
                        who.channel(), projectId, null, null, null, null, null), client, changes);
            }
        });
    }

    private static InputStream decompressed(InputStream input) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
    }

    private static RunguException notAnArchive(String why) {
        return RunguException.invalid("archive", "Not a Rungu archive: " + why);
    }

    private void readCounts(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String section = json.currentName();
            json.nextToken();
            totals.put(section, json.getValueAsLong(-1));
        }
    }

    private void section(JsonParser json, String name, RecordSink sink) throws IOException {
        if (sink == null || json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        long total = totals.getOrDefault(name, -1L);
        progress.update(name, 0, total);
        while (json.nextToken() == JsonToken.START_OBJECT) {
            if (sink.accept(record(json, sink.binaryField(), sink.listField()))) {
                progress.update(name, sink.written(), total);
            }
        }
        sink.finish();
        progress.update(name, sink.written(), total);
        imported.put(name, sink.written());
    }

    /**
     * One record's fields; nested values are skipped (later versions may add them), but for the sink's list field,
     * an array of flat objects.
     */
    private static Map<String, Object> record(JsonParser json, String binaryField, String listField)
            throws IOException {
        Map<String, Object> record = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (token) {
                case VALUE_STRING -> record.put(field, field.equals(binaryField) ? json.getBinaryValue()
                        : json.getText());
                case VALUE_NUMBER_INT -> record.put(field, json.getLongValue());
                case VALUE_TRUE -> record.put(field, Boolean.TRUE);
                case VALUE_FALSE -> record.put(field, Boolean.FALSE);
                case START_ARRAY -> {
                    if (field.equals(listField)) {
                        List<Map<String, Object>> items = new ArrayList<>();
                        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
                            if (item == JsonToken.START_OBJECT) {
                                items.add(record(json, null, null));
                            } else {
                                json.skipChildren();
                            }
                        }
                        record.put(field, items);
                    } else {
                        json.skipChildren();
                    }
                }
                case START_OBJECT -> json.skipChildren();
                default -> { }
            }
        }
        return record;
    }
}
