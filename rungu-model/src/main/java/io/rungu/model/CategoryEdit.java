package io.rungu.model;

/** A change to a board's category; a null field is left as it is. The slug never changes. */
public record CategoryEdit(String name, Integer position) {
    /** True when nothing would change. */
    public boolean isEmpty() { return name == null && position == null; }
}
