package io.rungu.model;

/**
 * What credentials may do: a {@link #READ} token can never write; a {@link #WIDGET} token (the embeddable feedback
 * widget's short-lived token) may read, vote, post and comment, and nothing else, whatever its user's role.
 */
public enum TokenScope implements WireValue {
    READ("read"), WRITE("write"), WIDGET("widget");

    private final String wire;

    TokenScope(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static TokenScope parse(String value) { return WireValue.parse(TokenScope.class, value, "scope"); }
}
