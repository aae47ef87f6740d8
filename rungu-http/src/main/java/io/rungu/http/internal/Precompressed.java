package io.rungu.http.internal;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a file of the web app in the best form the client accepts: the build writes {@code name.br} and
 * {@code name.gz} beside each compressible file (webapp/precompress.ts), and Brotli is preferred, then gzip, else
 * the file itself. The Content-Encoding set here keeps Javalin's own compression from compressing it again.
 */
final class Precompressed {
    /** A form of a file: the Accept-Encoding token, the suffix of its copy, and the tag added to its ETag. */
    private enum Coding {
        BR("br", ".br"), GZIP("gzip", ".gz");

        final String token;
        final String suffix;

        Coding(String token, String suffix) {
            this.token = token;
            this.suffix = suffix;
        }
    }

    private final ClasspathFiles files;
    /** Keyed by files that exist, so bounded by the jar's contents like ClasspathFiles' own cache. */
    private final Map<String, Optional<byte[]>> copies = new ConcurrentHashMap<>();
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    Precompressed(ClasspathFiles files) {
        this.files = files;
    }

    /**
     * Sends {@code dir/relative} with its Content-Type, an ETag per form and {@code Vary: Accept-Encoding}, or answers
     * false when there is no such file. Cache-Control and other headers are the caller's.
     */
    boolean send(Context ctx, String dir, String relative) {
        Optional<byte[]> file = files.read(dir, relative);
        if (file.isEmpty()) {
            return false;
        }
        String name = dir + "/" + relative;
        String accepted = ctx.header("Accept-Encoding");
        Coding coding = null;
        byte[] body = file.get();
        for (Coding c : List.of(Coding.BR, Coding.GZIP)) {
            Optional<byte[]> copy = accepts(accepted, c.token) ? copy(dir, relative, c) : Optional.empty();
            if (copy.isPresent()) {
                coding = c;
                body = copy.get();
                break;
            }
        }
        String etag = "\"" + hashes.computeIfAbsent(name, n -> sha256(file.get())) + (coding == null ? "" : "-" + coding.token)
                + "\"";
        String vary = ctx.res().getHeader("Vary"); // Origin, when cross-origin callers are allowed
        ctx.header("Vary", vary == null || vary.isBlank() ? "Accept-Encoding" : vary + ", Accept-Encoding");
        ctx.header("ETag", etag);
        ctx.contentType(ClasspathFiles.contentType(relative));
        if (Feeds.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return true;
        }
        if (coding != null) {
            ctx.header("Content-Encoding", coding.token);
            ctx.header("Content-Length", Integer.toString(body.length));
        }
        ctx.result(body);
        return true;
    }

    private Optional<byte[]> copy(String dir, String relative, Coding coding) {
        return copies.computeIfAbsent(dir + "/" + relative + coding.suffix, n -> files.read(dir, relative + coding.suffix));
    }

    /**
     * Whether an Accept-Encoding header allows a coding: named (or {@code *}) with a q-value above 0 (RFC 9110
     * §12.5.3). An absent header allows only the file itself.
     */
    static boolean accepts(String header, String token) {
        if (header == null) {
            return false;
        }
        Boolean wildcard = null;
        for (String part : header.split(",")) {
            String[] fields = part.split(";");
            String name = fields[0].strip().toLowerCase(Locale.ROOT);
            boolean allowed = quality(fields) > 0;
            if (name.equals(token)) {
                return allowed;
            }
            if (name.equals("*")) {
                wildcard = allowed;
            }
        }
        return Boolean.TRUE.equals(wildcard);
    }

    private static double quality(String[] fields) {
        for (int i = 1; i < fields.length; i++) {
            String p = fields[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
