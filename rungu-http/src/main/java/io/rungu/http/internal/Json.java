package io.rungu.http.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import io.rungu.wire.WireJson;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's JSON: the wire mapper ({@link WireJson}) with rendered posts kept, and the bounded request mapper.
 * Separate from the host's Javalin mapper so neither changes the other.
 */
public final class Json {
    private static final Logger LOG = LoggerFactory.getLogger("io.rungu.http");

    private final ObjectMapper requests = WireJson.newRequestMapper();
    private final ObjectMapper mapper;
    private final PostJsonCache posts;

    /** A mapper keeping 16 MiB of rendered posts. */
    public Json() {
        this(16L * 1024 * 1024);
    }

    /** A mapper keeping up to {@code postJsonCacheBytes} of rendered posts (see {@link PostJsonCache}). */
    public Json(long postJsonCacheBytes) {
        this.posts = new PostJsonCache(WireJson.newMapper(), postJsonCacheBytes);
        this.mapper = WireJson.newMapper().registerModule(new SimpleModule("rungu-posts").addSerializer(posts));
    }

    /** How many rendered posts are kept (for tests). */
    int keptPosts() {
        return posts.size();
    }

    /** Posts written from the kept JSON, posts rendered anew, and posts kept now: for metrics. */
    public long[] postCacheStats() {
        return new long[] {posts.hits(), posts.misses(), posts.size()};
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
     * {@value WireJson#MAX_REQUEST_DEPTH} levels or holding a number longer than
     * {@value WireJson#MAX_REQUEST_NUMBER_LENGTH} characters.
     */
    public JsonNode parse(byte[] body) {
        try {
            JsonNode node = requests.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new RunguException(ErrorCode.INVALID, "Request body is empty; expected a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            String why = e.getMessage().contains("nesting depth")
                    ? "JSON is nested more than " + WireJson.MAX_REQUEST_DEPTH + " levels deep"
                    : e.getMessage().contains("Number value length")
                    ? "JSON holds a number longer than " + WireJson.MAX_REQUEST_NUMBER_LENGTH + " characters"
                    : "JSON holds a value past the size limits";
            LOG.info("Refused a request body: {}", why);
            throw new RunguException(ErrorCode.INVALID, why);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RunguException(ErrorCode.INVALID, at == null ? "Malformed JSON"
                    : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        } catch (IOException e) {
            throw new RunguException(ErrorCode.INVALID, "Unreadable request body");
        }
    }

    /** The underlying mapper, for building JSON trees (the OpenAPI document). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
