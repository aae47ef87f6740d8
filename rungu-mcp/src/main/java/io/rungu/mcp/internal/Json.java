package io.rungu.mcp.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rungu.model.WireValue;
import java.io.IOException;
import java.time.Instant;

/** The server's own ObjectMapper: wire enums as their strings, instants as RFC 3339 UTC, nulls omitted unless asked. */
public final class Json {
    /** JSON-RPC messages nest a few levels (message, params, arguments, a value); deeper ones are refused, as REST does. */
    static final int MAX_DEPTH = 32;
    /** Longest number in a message, in characters (a long has 19 digits). */
    static final int MAX_NUMBER_LENGTH = 50;

    private Json() {}

    /**
     * A mapper for reading messages from clients: past {@value #MAX_DEPTH} levels of nesting or a number longer than
     * {@value #MAX_NUMBER_LENGTH} characters it fails as malformed JSON, so the message is a JSON-RPC parse error.
     */
    public static ObjectMapper requestMapper() {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
                .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("rungu-mcp");
        module.addSerializer(WireValue.class, new JsonSerializer<>() {
            @Override
            public void serialize(WireValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.wire());
            }
        });
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return new ObjectMapper()
                .registerModule(module)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
