package io.rungu.model;

/** A user's role on the whole installation. */
public enum Role implements WireValue {
    MEMBER("member"), ADMIN("admin");

    private final String wire;

    Role(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static Role parse(String value) { return WireValue.parse(Role.class, value, "role"); }
}
