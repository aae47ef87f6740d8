package io.rungu.http.internal;

import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Compressor;
import io.javalin.http.Context;
import io.rungu.store.internal.cache.BoundedCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The bytes of the answers read most (a board's list pages, a post), kept by the answer's value: the JSON and, for
 * each encoding the server compresses with, the compressed JSON, so the same page answered again is neither rendered
 * nor compressed. As {@link PostJsonCache}, the key is the whole answer (every post with the viewer's vote marks), so
 * kept bytes are never out of date: a changed post or another viewer's marks make another key, and viewers whose
 * marks are the same share one entry.
 *
 * <p>Compression follows the host's Javalin settings ({@link CompressionStrategy}): the same encodings, levels,
 * smallest size and content types, chosen from {@code Accept-Encoding} by Javalin's own rule, and Javalin leaves an
 * answer that already names its {@code Content-Encoding} as it is.
 */
final class KeptAnswers {
    static final String JSON = "application/json; charset=utf-8";

    private final CompressionStrategy compression;
    private final boolean compressJson;
    private final BoundedCache<Object, Answer> kept;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param compression the server's compression (null or {@link CompressionStrategy#NONE}: answers kept plain, and
     *                    Javalin compresses them as any other)
     * @param maxBytes    estimated heap for the kept answers; the least recently used go first
     */
    KeptAnswers(CompressionStrategy compression, long maxBytes) {
        this.compression = compression;
        this.compressJson = compression != null && !compression.getCompressors().isEmpty() && allows(compression, JSON);
        this.kept = BoundedCache.ofBytes(maxBytes, Answer::weight);
    }

    /** Answers 200 with the value's JSON, compressed when the client accepts one of the server's encodings. */
    void send(Context ctx, Object value, Function<Object, byte[]> render) {
        Answer answer = kept.get(value);
        if (answer != null) {
            hits.increment();
        } else {
            misses.increment();
            answer = answer(render.apply(value));
            kept.put(value, answer);
        }
        ctx.status(200);
        ctx.contentType(JSON);
        String accepted = answer.encoded.isEmpty() ? null : ctx.header("Accept-Encoding");
        Compressor compressor = accepted == null ? null : compression.findMatchingCompressor(accepted);
        byte[] encoded = compressor == null ? null : answer.encoded.get(compressor.encoding());
        if (encoded != null) {
            ctx.header("Content-Encoding", compressor.encoding());
            ctx.result(encoded);
        } else {
            ctx.result(answer.plain);
        }
    }

    private Answer answer(byte[] plain) {
        Map<String, byte[]> encoded = new HashMap<>();
        if (compressJson && plain.length >= compression.getDefaultMinSizeForCompression()) {
            for (Compressor c : compression.getCompressors()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3);
                try (OutputStream z = c.compress(out)) {
                    z.write(plain);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                encoded.put(c.encoding(), out.toByteArray());
            }
        }
        return new Answer(plain, Map.copyOf(encoded));
    }

    /** Javalin's rule: a listed allowed type, or a type that contains none of the excluded ones. */
    private static boolean allows(CompressionStrategy compression, String contentType) {
        String type = contentType.replace("; ", ";").toLowerCase(java.util.Locale.ROOT); // as the servlet reports it
        return compression.getAllowedMimeTypes().contains(type) || compression.getExcludedMimeTypes().stream()
                .noneMatch(excluded -> type.contains(excluded.toLowerCase(java.util.Locale.ROOT)));
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    int size() {
        return kept.size();
    }

    /** The JSON and its encodings by name; the key (the answer's value) is counted at about the JSON's size. */
    private record Answer(byte[] plain, Map<String, byte[]> encoded) {
        long weight() {
            long bytes = 2L * plain.length + 256;
            for (byte[] e : encoded.values()) {
                bytes += e.length;
            }
            return bytes;
        }
    }
}
