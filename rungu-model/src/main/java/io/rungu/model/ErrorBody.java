package io.rungu.model;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one error body every HTTP adapter sends: {@code {"error": "<message>", "code": "<code>", "fields": {...}}}
 * with status {@link #status()}. Built here, in one place, so the REST API and the sign-in routes cannot drift.
 *
 * @param error  a message safe to show to the caller
 * @param code   {@link ErrorCode#wire()}
 * @param fields input field name to its problem; empty when none
 */
public record ErrorBody(String error, String code, Map<String, String> fields) {
    public ErrorBody {
        fields = Map.copyOf(fields);
    }

    /** The body for a domain failure. */
    public static ErrorBody of(RunguException e) {
        return new ErrorBody(e.getMessage(), e.code().wire(), e.fields());
    }

    /** The body for a failure of the given kind with a message of the adapter's own. */
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(message, code.wire(), Map.of());
    }

    /**
     * The one 500 body every HTTP adapter sends for a bug: the error shape plus the {@code request_id} that finds
     * the stack trace in the log, e.g. {@code {"error":"Internal server error","code":"internal","fields":{},
     * "request_id":"..."}}.
     */
    public static String internalJson(String requestId) {
        String json = of(ErrorCode.INTERNAL, "Internal server error").toJson();
        StringBuilder out = new StringBuilder(json.length() + 64).append(json, 0, json.length() - 1);
        out.append(",\"request_id\":");
        quote(out, requestId);
        return out.append('}').toString();
    }

    /** The HTTP status that goes with this body. */
    public int status() {
        return ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)).httpStatus();
    }

    /** This body as JSON text (fields in name order), for adapters that render without a JSON library. */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + error.length());
        out.append("{\"error\":");
        quote(out, error);
        out.append(",\"code\":");
        quote(out, code);
        out.append(",\"fields\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, e.getKey());
            out.append(':');
            quote(out, e.getValue());
        }
        return out.append("}}").toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
