package io.rungu.model;

/** Where a post stands. Only admins move a post out of {@link #OPEN} or between statuses. */
public enum PostStatus implements WireValue {
    OPEN("open"), PLANNED("planned"), IN_PROGRESS("in_progress"), DONE("done"), DECLINED("declined");

    private final String wire;

    PostStatus(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static PostStatus parse(String value) { return WireValue.parse(PostStatus.class, value, "status"); }
}
