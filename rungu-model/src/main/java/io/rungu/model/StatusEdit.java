package io.rungu.model;

/** A change to a board's status; a null field is left as it is. The slug never changes. */
public record StatusEdit(String name, String color, StatusKind kind, Integer position) {
    /** True when nothing would change. */
    public boolean isEmpty() { return name == null && color == null && kind == null && position == null; }
}
