package io.rungu.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.rungu.wire.Wire;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a post's JSON, keeping it by the post's value: the same post seen again (a board's front page read by
 * many people) is copied instead of rendered. Rendering a post (escaping its description, formatting three
 * instants) is most of the JSON work of a list. The key is the whole {@link Wire.PostDetail}, every field and the
 * viewer's vote included, so a kept text is never out of date; a changed post is simply a new key.
 */
final class PostJsonCache extends StdSerializer<Wire.PostDetail> {
    private final ObjectMapper renderer;
    private final long maxBytes;
    private final ConcurrentHashMap<Wire.PostDetail, SerializedString> kept = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param renderer renders a post the first time; it must not use this serializer
     * @param maxBytes estimated heap for the kept texts; when full, everything is dropped and kept again as seen
     */
    PostJsonCache(ObjectMapper renderer, long maxBytes) {
        super(Wire.PostDetail.class);
        this.renderer = renderer;
        this.maxBytes = maxBytes;
    }

    @Override
    public void serialize(Wire.PostDetail post, JsonGenerator gen, SerializerProvider provider) throws IOException {
        SerializedString json = kept.get(post);
        if (json == null) {
            json = new SerializedString(renderer.writeValueAsString(post));
            keep(post, json);
        }
        gen.writeRawValue(json);
    }

    int size() {
        return kept.size();
    }

    private void keep(Wire.PostDetail post, SerializedString json) {
        // The text and its UTF-8 bytes (made on first write) are both kept.
        long size = 3L * json.charLength();
        if (size > maxBytes) {
            return;
        }
        // Dropping everything at once keeps the bound without tracking recency; the count is approximate under
        // concurrent writers, which only moves the moment of the next drop.
        if (bytes.addAndGet(size) > maxBytes) {
            kept.clear();
            bytes.set(size);
        }
        kept.put(post, json);
    }
}
