package io.rungu.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rungu's own JSON mapper: snake_case names, instants as RFC 3339 UTC with {@code Z}, null fields written as
 * {@code null}. Kept separate from the host's Javalin mapper so neither changes the other.
 */
public final class Json {
    /** Request bodies are flat objects; anything deeper is refused before it can cost stack or time. */
    static final int MAX_DEPTH = 32;
    /** Longest number in a request body, in characters (a long has 19 digits). */
    static final int MAX_NUMBER_LENGTH = 50;
    private static final Logger LOG = LoggerFactory.getLogger("io.rungu.http");

    private final ObjectMapper requests = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

    /**
     * Parses a request body; malformed JSON is a 400 with a short reason, and so is JSON nested deeper than
     * {@value #MAX_DEPTH} levels or holding a number longer than {@value #MAX_NUMBER_LENGTH} characters.
     */
    public JsonNode parse(byte[] body) {
        try {
            JsonNode node = requests.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new RunguException(io.rungu.model.ErrorCode.INVALID, "Request body is empty; expected a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            String why = e.getMessage().contains("nesting depth")
                    ? "JSON is nested more than " + MAX_DEPTH + " levels deep"
                    : e.getMessage().contains("Number value length")
                    ? "JSON holds a number longer than " + MAX_NUMBER_LENGTH + " characters"
                    : "JSON holds a value past the size limits";
            LOG.info("Refused a request body: {}", why);
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, why);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, at == null ? "Malformed JSON"
                    : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, "Unreadable request body");
        }
    }

    /** The underlying mapper, for building JSON trees (the OpenAPI document). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
