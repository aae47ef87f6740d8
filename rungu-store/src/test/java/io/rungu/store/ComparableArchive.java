package io.rungu.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * An archive as the lossless round trip compares it: without its {@code exported_at}, and without the audit entries
 * that record the imports themselves ({@code project.imported}, one per import and board, which the next export
 * rightly carries), so the count of audit entries is left out too. Streamed, for archives of any size.
 */
public final class ComparableArchive {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ComparableArchive() {}

    /** The comparable text of a gzip-compressed archive. */
    public static String text(InputStream gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(gzip, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the comparable form of a gzip-compressed archive to {@code out}. */
    public static void write(InputStream gzip, OutputStream out) {
        try (JsonParser in = JSON.createParser(new GZIPInputStream(gzip, 64 * 1024));
             JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            in.nextToken();
            json.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "exported_at" -> { }
                    case "counts" -> {
                        json.writeObjectFieldStart("counts");
                        while (in.nextToken() == JsonToken.FIELD_NAME) {
                            String section = in.currentName();
                            in.nextToken();
                            if (!section.equals("audit_log")) {
                                json.writeNumberField(section, in.getLongValue());
                            }
                        }
                        json.writeEndObject();
                    }
                    case "audit_log" -> auditLog(in, json);
                    default -> {
                        json.writeFieldName(field);
                        json.copyCurrentStructure(in);
                    }
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void auditLog(JsonParser in, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("audit_log");
        while (in.nextToken() == JsonToken.START_OBJECT) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            try (JsonGenerator one = JSON.createGenerator(entry, JsonEncoding.UTF8)) {
                one.copyCurrentStructure(in);
            }
            String text = entry.toString(StandardCharsets.UTF_8);
            if (!text.contains("\"action\":\"project.imported\"")) {
                json.writeRawValue(text);
            }
        }
        json.writeEndArray();
    }
}
