package io.rungu.model;

/** The kinds of failure a caller can cause or meet. Each adapter maps them in one exhaustive switch. */
public enum ErrorCode implements WireValue {
    /** The thing asked for does not exist (HTTP 404). */
    NOT_FOUND,
    /** The caller must sign in first (HTTP 401). */
    UNAUTHENTICATED,
    /** The caller is known but not allowed (HTTP 403). */
    FORBIDDEN,
    /** The input breaks a rule; {@link RunguException#fields()} says which (HTTP 400). */
    INVALID,
    /** The input clashes with existing data, e.g. a taken slug (HTTP 409). */
    CONFLICT,
    /** The input is larger than its limit (HTTP 413). */
    TOO_LARGE,
    /** The resource exists but not with this HTTP method (HTTP 405). */
    METHOD_NOT_ALLOWED,
    /** The media type is not accepted (HTTP 415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** The caller sent too many requests (HTTP 429). */
    RATE_LIMITED,
    /** A dependency such as the database is not reachable right now (HTTP 503). */
    UNAVAILABLE,
    /** A bug: logged with a request id, reported without details (HTTP 500). */
    INTERNAL;

    /** The HTTP status every HTTP adapter answers this code with. */
    public int httpStatus() {
        return switch (this) {
            case NOT_FOUND -> 404;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case INVALID -> 400;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case METHOD_NOT_ALLOWED -> 405;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /** The lower-case code sent to clients, e.g. {@code not_found}. */
    @Override
    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
