package io.rungu.oauth.internal;

/**
 * A sign-in that cannot finish. {@link #code()} is what the browser sees ({@code /login?error=<code>}); the
 * message, which may quote the provider, goes only to the log.
 */
public final class LoginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public LoginFailure(String code, String logMessage) {
        super(logMessage);
        this.code = code;
    }

    public LoginFailure(String code, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.code = code;
    }

    /** The error code shown to the browser. */
    public String code() {
        return code;
    }
}
