package io.rungu.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.rungu.model.RunguException;
import java.io.IOException;
import java.time.Instant;

/**
 * Rungu's own JSON mapper: snake_case names, instants as RFC 3339 UTC with {@code Z}, null fields written as
 * {@code null}. Kept separate from the host's Javalin mapper so neither changes the other.
 */
public final class Json {
    private final ObjectMapper mapper;
    private final PostJsonCache posts;

    /** A mapper keeping 16 MiB of rendered posts. */
    public Json() {
        this(16L * 1024 * 1024);
    }

    /** A mapper keeping up to {@code postJsonCacheBytes} of rendered posts (see {@link PostJsonCache}). */
    public Json(long postJsonCacheBytes) {
        this.posts = new PostJsonCache(configured(), postJsonCacheBytes);
        this.mapper = configured().registerModule(new SimpleModule("rungu-posts").addSerializer(posts));
    }

    private static ObjectMapper configured() {
        SimpleModule instants = new SimpleModule("rungu-instants");
        instants.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .registerModule(instants);
    }

    /** How many rendered posts are kept (for tests). */
    int keptPosts() {
        return posts.size();
    }

    /** The value as UTF-8 JSON bytes. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Parses a request body; malformed JSON is a 400 with a short reason. */
    public JsonNode parse(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new RunguException(io.rungu.model.ErrorCode.INVALID, "Request body is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RunguException(io.rungu.model.ErrorCode.INVALID,
                    "Malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, "Unreadable request body");
        }
    }

    /** The underlying mapper, for building JSON trees (the OpenAPI document). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
