package io.rungu.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rungu.model.RunguException;
import io.rungu.wire.WireJson;
import java.io.IOException;

/**
 * The plugin's JSON: the wire mapper ({@link WireJson}) with rendered posts kept. Separate from the host's Javalin
 * mapper so neither changes the other.
 */
public final class Json {
    /** Heap kept for rendered posts (see {@link PostJsonCache}). */
    private static final long POST_JSON_CACHE_BYTES = 16L * 1024 * 1024;

    private final ObjectMapper mapper;
    private final PostJsonCache posts;

    public Json() {
        this.posts = new PostJsonCache(WireJson.newMapper(), POST_JSON_CACHE_BYTES);
        this.mapper = WireJson.newMapper().registerModule(new SimpleModule("rungu-posts").addSerializer(posts));
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
