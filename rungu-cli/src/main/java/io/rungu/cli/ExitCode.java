package io.rungu.cli;

import io.rungu.model.ErrorCode;

/** The exit codes of the rungu command (documented in docs/cli.md). */
final class ExitCode {
    /** Success. */
    static final int OK = 0;
    /** A runtime failure: database unreachable or unhealthy, server could not start, a bug. */
    static final int FAILURE = 1;
    /** The command line is wrong: unknown command or option, missing or malformed argument. */
    static final int USAGE = 2;
    /** The project, user or other thing named does not exist. */
    static final int NOT_FOUND = 3;
    /** The input breaks a rule or clashes with existing data (e.g. a taken slug). */
    static final int INVALID = 4;
    /** The acting account may not do this. */
    static final int NOT_ALLOWED = 5;
    /**
     * The database cannot be used: missing (healthcheck), a directory, not writable, not a database file,
     * unreachable.
     */
    static final int DATABASE = 6;

    private ExitCode() {}

    /** The exit code for a domain failure. */
    static int of(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> NOT_FOUND;
            case INVALID, CONFLICT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> INVALID;
            case UNAUTHENTICATED, FORBIDDEN -> NOT_ALLOWED;
            case METHOD_NOT_ALLOWED, RATE_LIMITED, UNAVAILABLE, INTERNAL -> FAILURE;
        };
    }
}
