package io.rungu.model;

/** Whether a board's new posts wait for an admin's approval before anyone else sees them. */
public enum Moderation implements WireValue {
    /** New posts are listed at once (the default). */
    NONE("none"),
    /** New posts of members wait in the approval queue; admins' posts skip it. */
    NEW_POSTS("new_posts");

    private final String wire;

    Moderation(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static Moderation parse(String value) { return WireValue.parse(Moderation.class, value, "moderation"); }
}
