package io.rungu.model;

/** A change to a board; a null field is left as it is. The slug never changes. */
public record ProjectEdit(String name, String description) {
    /** True when nothing would change. */
    public boolean isEmpty() { return name == null && description == null; }
}
