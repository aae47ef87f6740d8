package io.rungu.model;

/** A change to a board; a null field is left as it is. The slug never changes. */
public record ProjectEdit(String name, String description, BoardVisibility visibility, Moderation moderation) {
    /** A change of name or description only. */
    public ProjectEdit(String name, String description) {
        this(name, description, null, null);
    }

    /** True when nothing would change. */
    public boolean isEmpty() { return name == null && description == null && visibility == null && moderation == null; }
}
