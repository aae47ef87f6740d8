package io.rungu.model;

/** Where a post stands in its board's approval queue. */
public enum Approval implements WireValue {
    /** Listed for everyone who may see the board. */
    APPROVED("approved"),
    /** Waiting for an admin: only admins and its author see it. */
    PENDING("pending");

    private final String wire;

    Approval(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static Approval parse(String value) { return WireValue.parse(Approval.class, value, "approval"); }
}
