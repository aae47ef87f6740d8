package io.rungu.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.rungu.model.WireValue;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON mapper factory of Rungu's wire format, used by REST, MCP, the sign-in routes and the CLI:
 * snake_case names, null fields written as {@code null}, enums as their wire strings, and instants as UTC with
 * exactly three fraction digits and {@code Z} ({@code 2026-12-06T09:32:32.402Z}).
 */
public final class WireJson {
    /** The one timestamp format: always milliseconds, always UTC {@code Z}; finer digits are cut, not rounded. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Requests are shallow (a body, or a JSON-RPC message with its arguments); anything deeper is refused. */
    public static final int MAX_REQUEST_DEPTH = 32;
    /** Longest number a request may hold, in characters (a long has 19 digits). */
    public static final int MAX_REQUEST_NUMBER_LENGTH = 50;

    private WireJson() {}

    /**
     * A mapper for reading what clients send (REST bodies, MCP messages): past {@value #MAX_REQUEST_DEPTH} levels of
     * nesting or a number longer than {@value #MAX_REQUEST_NUMBER_LENGTH} characters it fails with Jackson's
     * {@code StreamConstraintsException} before the input can cost stack or time; trailing tokens are malformed.
     */
    public static ObjectMapper newRequestMapper() {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_REQUEST_DEPTH).maxNumberLength(MAX_REQUEST_NUMBER_LENGTH).build())
                .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * A new mapper with the wire settings. Each caller gets its own instance, so a caller that registers more
     * (a cache of rendered posts) changes nobody else's, and a host's mapper never changes Rungu's format.
     */
    public static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("rungu-wire");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(timestamp(value));
            }
        });
        module.addSerializer(WireValue.class, new StdSerializer<>(WireValue.class) {
            @Override
            public void serialize(WireValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.wire());
            }
        });
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .registerModule(module);
    }

    /** An instant in the wire format, e.g. {@code 2025-12-06T08:33:43.000Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
