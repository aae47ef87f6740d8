package io.rungu.model;

/** A change to a board's tag; a null field is left as it is. The slug never changes. */
public record TagEdit(String name, String color) {
    /** True when nothing would change. */
    public boolean isEmpty() { return name == null && color == null; }
}
