package io.rungu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rungu.wire.WireJson;
import java.io.UncheckedIOException;

/**
 * The {@code --json} output: the same {@link io.rungu.wire.Wire} records and mapper as the REST API and MCP,
 * indented for people, one document per run.
 */
final class Json {
    private static final ObjectWriter WRITER = WireJson.newMapper().writerWithDefaultPrettyPrinter();
    private static final ObjectWriter LINE = WireJson.newMapper().writer();

    private Json() {}

    static String write(Object value) {
        return write(WRITER, value);
    }

    /** One record on one line, for {@code --jsonl} streams. */
    static String line(Object value) {
        return write(LINE, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
