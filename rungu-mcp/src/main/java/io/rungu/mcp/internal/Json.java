package io.rungu.mcp.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
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
    private Json() {}

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
