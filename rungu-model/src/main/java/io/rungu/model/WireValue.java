package io.rungu.model;

/** An enum constant with a fixed lower-case string used on the wire and in the database. */
public interface WireValue {
    /** The exact string stored and sent for this value, e.g. {@code in_progress}. */
    String wire();

    /**
     * Finds the constant of {@code type} whose wire string is {@code value}.
     *
     * @throws RunguException {@link ErrorCode#INVALID} naming {@code field} and the accepted values
     */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.wire().equals(value)) {
                    return e;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.wire());
        }
        throw RunguException.invalid(field, "Invalid " + field + " '" + value + "'; expected one of: " + allowed);
    }
}
