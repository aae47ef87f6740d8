package io.rungu.model;

/** What a board's status means, whatever it is called. */
public enum StatusKind implements WireValue {
    /** Not yet acted on; a new post gets the board's first status of this kind. */
    OPEN("open"),
    /** Being worked on: each status of this kind is a roadmap column. */
    ACTIVE("active"),
    /** Shipped: posts with it are in the changelog, ordered by when they got it. */
    DONE("done"),
    /** Declined or otherwise closed; the web app's default view hides these posts. */
    CLOSED("closed");

    private final String wire;

    StatusKind(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static StatusKind parse(String value) { return WireValue.parse(StatusKind.class, value, "kind"); }
}
