package io.rungu.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rungu.model.ErrorCode;
import io.rungu.model.Range;
import io.rungu.model.RunguException;
import io.rungu.model.WireValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads request input with a limit on everything: bodies are read from the raw stream with a byte bound (the
 * host's global {@code maxRequestSize} is neither used nor changed), query values are parsed strictly. A buffer
 * grows with the bytes that actually arrive, never from a declared length, and at most {@code maxConcurrentReads}
 * bodies are read at once: past that a request is answered 503 before its body is touched.
 */
public final class Requests {
    private final Json json;
    private final int maxJsonBytes;
    private final Semaphore reads;

    public Requests(Json json, int maxJsonBytes, int maxConcurrentReads) {
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
        this.reads = new Semaphore(maxConcurrentReads);
    }

    /**
     * The body as a JSON object with only {@code allowed} fields; 415 unless it is declared application/json, 413
     * past the limit, 400 if malformed or when it has a field not in {@code allowed}
     * ({@link RunguException#unknownField}, the message MCP gives for an unknown argument).
     */
    public JsonNode object(Context ctx, List<String> allowed) {
        JsonNode node = object(ctx);
        RunguException.requireKnownFields(node::fieldNames, allowed);
        return node;
    }

    /** A JSON object body whose unknown fields are kept for the caller to ignore (OAuth client metadata). */
    public JsonNode anyObject(Context ctx) {
        return object(ctx);
    }

    private JsonNode object(Context ctx) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new RunguException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as JSON with Content-Type: application/json");
        }
        JsonNode node = json.parse(bounded(ctx, maxJsonBytes, "JSON body"));
        if (!node.isObject()) {
            throw new RunguException(ErrorCode.INVALID, "Expected a JSON object");
        }
        return node;
    }

    /** Past this many bytes an oversized body is no longer read to the end; the connection is closed instead. */
    static final long DRAIN_MAX = 32L * 1024 * 1024;

    /**
     * The {@code field} file of a multipart/form-data upload of at most {@code max} bytes in all: 415 unless the body
     * is multipart, 413 past the limit, 400 when malformed or without the field.
     */
    public MultipartUpload.File upload(Context ctx, int max, String field) {
        String boundary = MultipartUpload.boundary(ctx.header("Content-Type"));
        return withPermit(ctx, () -> {
            long declared = ctx.req().getContentLengthLong();
            try (InputStream in = ctx.req().getInputStream()) {
                if (declared > max) {
                    drain(ctx, in, declared);
                    throw tooLarge("Upload", max);
                }
                return MultipartUpload.read(in, boundary, max, field);
            } catch (IOException e) {
                throw new RunguException(ErrorCode.INVALID, "Could not read the request body");
            }
        });
    }

    /**
     * Reads the whole body, refusing more than {@code max} bytes: at once from a declared Content-Length, else
     * while streaming. A refused body of moderate size is read to its end and discarded, so the client can read
     * the 413 answer instead of seeing its upload cut off.
     */
    public byte[] bounded(Context ctx, int max, String what) {
        return withPermit(ctx, () -> read(ctx, max, what));
    }

    private <T> T withPermit(Context ctx, Supplier<T> read) {
        if (!reads.tryAcquire()) {
            ctx.header("Retry-After", "1");
            ctx.header("Connection", "close");
            throw new RunguException(ErrorCode.UNAVAILABLE, "The server is busy reading other requests; retry in 1 s");
        }
        try {
            return read.get();
        } finally {
            reads.release();
        }
    }

    private static byte[] read(Context ctx, int max, String what) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                drain(ctx, in, declared);
                throw tooLarge(what, max);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
            byte[] buf = new byte[16 * 1024];
            int total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > max) {
                    drain(ctx, in, total);
                    throw tooLarge(what, max);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new RunguException(ErrorCode.INVALID, "Could not read the request body");
        }
    }

    private static void drain(Context ctx, InputStream in, long seen) throws IOException {
        if (seen > DRAIN_MAX) {
            ctx.header("Connection", "close");
            return;
        }
        long left = DRAIN_MAX - seen;
        byte[] buf = new byte[64 * 1024];
        for (int n; left > 0 && (n = in.read(buf)) > 0; ) {
            left -= n;
        }
        if (left <= 0) {
            ctx.header("Connection", "close");
        }
    }

    /**
     * After an error answer given without reading the body (a 404 for an unknown post, a 403 before the upload), a
     * signed-in caller's unread body of moderate size is read to its end and discarded: otherwise the server closes
     * the connection with bytes still arriving, the TCP reset can overtake the answer, and the client sees a broken
     * connection instead of the error. Larger or unreadable bodies close the connection as before.
     */
    public static void discardUnreadBody(Context ctx) {
        if (ctx.req().getContentLengthLong() == 0 || "close".equalsIgnoreCase(ctx.res().getHeader("Connection"))) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            drain(ctx, in, 0);
        } catch (IOException | IllegalStateException e) {
            ctx.header("Connection", "close"); // the body was taken as a reader, or the client went away
        }
    }

    private static RunguException tooLarge(String what, int max) {
        return RunguException.tooLarge("body", what + " is larger than " + max + " bytes");
    }

    /** An optional string field: absent or null gives null, any other non-string is INVALID. */
    public static String string(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RunguException.invalid(field, field + " must be a string");
        }
        return v.asText();
    }

    /** An optional enum field given by its wire string. */
    public static <E> E wire(JsonNode obj, String field, Function<String, E> parse) {
        String s = string(obj, field);
        return s == null ? null : parse.apply(s);
    }

    /** A required boolean field. */
    /** A boolean field that may be missing or null (then null). */
    public static Boolean optionalBoolean(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw RunguException.invalid(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    public static boolean requiredBoolean(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw RunguException.invalid(field, field + " is required");
        }
        if (!v.isBoolean()) {
            throw RunguException.invalid(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    /** An optional counted query parameter ({@code page}, {@code limit}, ...), checked by its {@link Range}. */
    public static Integer rangeParam(Context ctx, Range range) {
        return range.parse(ctx.queryParam(range.name()));
    }

    /** An optional boolean query parameter: true or false; absent or empty is false. */
    public static boolean booleanParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty() || v.equals("false")) {
            return false;
        }
        if (!v.equals("true")) {
            throw RunguException.invalid(name, name + " must be true or false");
        }
        return true;
    }

    /** An optional query parameter with a wire value such as {@code status=open}. */
    public static <E> E wireParam(Context ctx, String name, Function<String, E> parse) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : parse.apply(v);
    }

    /**
     * The body as a JSON object with only {@code allowed} fields, or an empty object when there is no body (a
     * DELETE whose body is optional).
     */
    public JsonNode optionalObject(Context ctx, List<String> allowed) {
        if (ctx.header("Content-Type") == null && ctx.req().getContentLengthLong() <= 0) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        return object(ctx, allowed);
    }

    /** An optional whole-number field: absent or null gives null, anything else but an int is INVALID. */
    public static Integer optionalInteger(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isInt()) {
            throw RunguException.invalid(field, field + " must be a whole number");
        }
        return v.intValue();
    }

    /** A required array of strings (at most 1000 read). */
    public static List<String> stringList(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw RunguException.invalid(field, field + " is required");
        }
        if (!v.isArray() || v.size() > 1000) {
            throw RunguException.invalid(field, field + " must be a list of strings");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw RunguException.invalid(field, field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
