package io.rungu.store.internal.audit;

import io.rungu.model.AuditEntry;
import io.rungu.model.WireValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a write changed, for its audit entry: fields before and after, and optionally the target when the event's
 * ids do not name it. Build one per write: {@code Changes.of().field("title", old, new)}. Values are kept as their
 * wire strings ({@link WireValue#wire()} for enums); a field whose value did not change is left out.
 */
public final class Changes {
    /** Most characters of one value kept; a longer one is cut and ends with an ellipsis. */
    public static final int VALUE_MAX = 20_000;

    private final List<AuditEntry.Change> fields = new ArrayList<>();
    private String targetType;
    private String targetId;

    private Changes() {}

    /** No changes yet. */
    public static Changes of() {
        return new Changes();
    }

    /** {@code name} went from {@code before} to {@code after}; nothing is recorded when both are equal. */
    public Changes field(String name, Object before, Object after) {
        String b = text(before);
        String a = text(after);
        if (!Objects.equals(b, a)) {
            fields.add(new AuditEntry.Change(Objects.requireNonNull(name, "name"), b, a));
        }
        return this;
    }

    /** {@code name} had {@code value} and the thing is gone (a deletion). */
    public Changes removed(String name, Object value) {
        return field(name, value, null);
    }

    /** {@code name} has {@code value} on a new thing (a creation). */
    public Changes added(String name, Object value) {
        return field(name, null, value);
    }

    /** Names the target when the event's ids do not (e.g. a board's status by its slug). */
    public Changes target(String type, String id) {
        this.targetType = Objects.requireNonNull(type, "type");
        this.targetId = id;
        return this;
    }

    List<AuditEntry.Change> fields() {
        return fields;
    }

    String targetType() {
        return targetType;
    }

    String targetId() {
        return targetId;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value instanceof WireValue w ? w.wire() : value.toString();
        return s.length() > VALUE_MAX ? s.substring(0, VALUE_MAX - 1) + "…" : s;
    }
}
