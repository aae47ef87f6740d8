package io.rungu.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads files shipped in jars. Jar contents never change while the server runs, so each file is read once and
 * kept; only names that exist are cached, so the cache is bounded by what the jars contain.
 */
public final class ClasspathFiles {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final ClassLoader loader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public ClasspathFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** The bytes of {@code dir/relative}, or empty when absent or when the name tries to leave the directory. */
    public Optional<byte[]> read(String dir, String relative) {
        if (relative.isEmpty() || relative.contains("..") || relative.contains("\\") || relative.startsWith("/")
                || relative.contains("//")) {
            return Optional.empty();
        }
        String name = dir + "/" + relative;
        byte[] cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            // a directory entry or an unreadable jar entry: treat as absent
            if (e.getMessage() != null && e.getMessage().contains("directory")) {
                return Optional.empty();
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The Content-Type for a file name. */
    public static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
