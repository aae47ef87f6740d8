package io.rungu.store.internal.board;

import io.rungu.model.RunguException;

/** Length rules on text, counted in Unicode code points as {@link io.rungu.model.Limits} promises. */
final class Text {
    private Text() {}

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The trimmed, non-blank value; INVALID with {@code requiredMessage} when blank. */
    static String required(String field, String value, String requiredMessage) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw RunguException.invalid(field, requiredMessage);
        }
        return trimmed;
    }

    /** INVALID "<label> must be <max> characters or less" past the limit. */
    static String atMost(String field, String value, int max, String label) {
        if (value != null && length(value) > max) {
            throw RunguException.invalid(field, label + " must be " + max + " characters or less");
        }
        return value;
    }

    /** The first {@code max} code points. */
    static String cut(String s, int max) {
        return length(s) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }
}
