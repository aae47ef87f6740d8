package io.rungu.model;

/** What an API token may do: a {@link #READ} token can never write. */
public enum TokenScope implements WireValue {
    READ("read"), WRITE("write");

    private final String wire;

    TokenScope(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static TokenScope parse(String value) { return WireValue.parse(TokenScope.class, value, "scope"); }
}
