package io.rungu.model;

/** What kind of feedback a post is. */
public enum PostCategory implements WireValue {
    FEEDBACK("feedback"), BUG("bug"), FEATURE("feature"), QUESTION("question");

    private final String wire;

    PostCategory(String wire) { this.wire = wire; }

    @Override public String wire() { return wire; }

    /** Parses a wire string, failing with {@link ErrorCode#INVALID} on anything else. */
    public static PostCategory parse(String value) { return WireValue.parse(PostCategory.class, value, "category"); }
}
