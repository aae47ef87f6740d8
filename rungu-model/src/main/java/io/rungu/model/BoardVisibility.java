package io.rungu.model;

/** Who may see a board and everything on it; anyone else gets NOT_FOUND, as for a board that does not exist. */
public enum BoardVisibility implements WireValue {
    /** Anyone, signed in or not (the default). */
    PUBLIC("public"),
    /** Any signed-in user. */
    SIGNED_IN("signed_in"),
    /** Only the users an admin added to the board, and admins. */
    MEMBERS("members");

    private final String wire;

    BoardVisibility(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static BoardVisibility parse(String value) {
        return WireValue.parse(BoardVisibility.class, value, "visibility");
    }
}
