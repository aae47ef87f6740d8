package io.rungu.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception Rungu's domain code throws. Its message is written for the person or agent that caused
 * it and is safe to show; it never contains SQL, paths or stack traces.
 */
public final class RunguException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, String> fields;

    /**
     * @param code   what kind of failure this is
     * @param message a sentence the caller can act on
     * @param fields  input field name to the problem with it; may be empty, never null
     */
    public RunguException(ErrorCode code, String message, Map<String, String> fields) {
        super(message);
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    /** A failure without field details. */
    public RunguException(ErrorCode code, String message) { this(code, message, Map.of()); }

    /** What kind of failure this is. */
    public ErrorCode code() { return code; }

    /** Input field name to the problem with it; empty when the failure concerns no single field. */
    public Map<String, String> fields() { return fields; }

    /** {@link ErrorCode#NOT_FOUND} with the given message, e.g. "Post not found". */
    public static RunguException notFound(String message) { return new RunguException(ErrorCode.NOT_FOUND, message); }

    /** {@link ErrorCode#FORBIDDEN} with the given message. */
    public static RunguException forbidden(String message) { return new RunguException(ErrorCode.FORBIDDEN, message); }

    /** {@link ErrorCode#UNAUTHENTICATED}: "Sign in to do this". */
    public static RunguException unauthenticated() {
        return new RunguException(ErrorCode.UNAUTHENTICATED, "Sign in to do this");
    }

    /** The one message for a write with credentials that may only read (an API token or agent with read scope). */
    public static final String READ_ONLY_MESSAGE =
            "These credentials can only read; use a token with write scope to change data";

    /** {@link ErrorCode#FORBIDDEN} for a write with read-only credentials, with {@link #READ_ONLY_MESSAGE}. */
    public static RunguException readOnly() { return forbidden(READ_ONLY_MESSAGE); }

    /**
     * {@link ErrorCode#INVALID} for an input field nobody asked for, in every adapter the same:
     * "Unknown field 'status'; allowed: category, description, title" (allowed names sorted, "none" when empty).
     */
    public static RunguException unknownField(String field, java.util.Collection<String> allowed) {
        java.util.List<String> names = allowed.stream().sorted().toList();
        return invalid(field, "Unknown field '" + field + "'; allowed: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    /** Refuses the first of {@code given} that is not in {@code allowed} with {@link #unknownField}. */
    public static void requireKnownFields(Iterable<String> given, java.util.Collection<String> allowed) {
        for (String name : given) {
            if (!allowed.contains(name)) {
                throw unknownField(name, allowed);
            }
        }
    }

    /** {@link ErrorCode#CONFLICT} with the given message. */
    public static RunguException conflict(String message) { return new RunguException(ErrorCode.CONFLICT, message); }

    /** {@link ErrorCode#INVALID} for one field; the message also becomes that field's problem. */
    public static RunguException invalid(String field, String message) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(field, message);
        return new RunguException(ErrorCode.INVALID, message, f);
    }

    /** {@link ErrorCode#TOO_LARGE} for one field. */
    public static RunguException tooLarge(String field, String message) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(field, message);
        return new RunguException(ErrorCode.TOO_LARGE, message, f);
    }
}
