package io.rungu.http.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.rungu.store.internal.cache.BoundedCache;
import io.rungu.wire.Wire;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a post's JSON, keeping it by the post's value: the same post seen again (a board's front page read by
 * many people) is copied instead of rendered. Rendering a post (escaping its description, formatting three
 * instants) is most of the JSON work of a list. The key is the whole {@link Wire.PostDetail}, every field and the
 * viewer's vote included, so a kept text is never out of date; a changed post is simply a new key.
 */
final class PostJsonCache extends StdSerializer<Wire.PostDetail> {
    private final ObjectMapper renderer;
    // The text and its UTF-8 bytes (made on first write) are both kept: about 3 bytes per char.
    private final BoundedCache<Wire.PostDetail, SerializedString> kept;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param renderer renders a post the first time; it must not use this serializer
     * @param maxBytes estimated heap for the kept texts; the least recently used go first
     */
    PostJsonCache(ObjectMapper renderer, long maxBytes) {
        super(Wire.PostDetail.class);
        this.renderer = renderer;
        this.kept = BoundedCache.ofBytes(maxBytes, json -> 3L * json.charLength());
    }

    @Override
    public void serialize(Wire.PostDetail post, JsonGenerator gen, SerializerProvider provider) throws IOException {
        SerializedString json = kept.get(post);
        if (json != null) {
            hits.increment();
        } else {
            misses.increment();
            json = new SerializedString(renderer.writeValueAsString(post));
            kept.put(post, json);
        }
        gen.writeRawValue(json);
    }

    int size() {
        return kept.size();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }
}
