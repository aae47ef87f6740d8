package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A plain-JSON archive being written section by section. */
final class ArchiveOut implements AutoCloseable {
    private final JsonGenerator json;
    private boolean inSection;

    ArchiveOut(OutputStream out, Instant now) {
        try {
            json = ArchiveWriter.JSON.createGenerator(out, JsonEncoding.UTF8);
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("format", ArchiveWriter.BOARD_FORMAT);
            json.writeNumberField("version", ArchiveWriter.VERSION);
            json.writeStringField("generator", ArchiveWriter.generator());
            json.writeStringField("exported_at", Timestamps.format(now));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void section(String name) {
        try {
            if (inSection) {
                json.writeEndArray();
            }
            json.writeArrayFieldStart(name);
            inSection = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one record from name, value pairs (booleans and longs as such, else strings); nulls are left out. */
    void record(Object... fields) {
        try {
            json.writeStartObject();
            for (int i = 0; i < fields.length; i += 2) {
                Object value = fields[i + 1];
                if (value instanceof Boolean flag) {
                    json.writeBooleanField((String) fields[i], flag);
                } else if (value instanceof Long number) {
                    json.writeNumberField((String) fields[i], number);
                } else if (value != null) {
                    json.writeStringField((String) fields[i], value.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (inSection) {
                json.writeEndArray();
            }
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
