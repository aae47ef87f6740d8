package io.rungu.store.internal.board;

import io.rungu.model.DefinitionSlugs;
import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of the names, slugs, colours and places of a board's statuses, categories and tags. */
final class DefinitionRules {
    static final String DEFAULT_COLOR = "#6b7280";
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private DefinitionRules() {}

    /** Trimmed, 1..{@link Limits#DEFINITION_NAME_MAX} characters. */
    static String name(String raw) {
        String name = Text.required("name", raw, "Name is required");
        return Text.atMost("name", name, Limits.DEFINITION_NAME_MAX, "Name");
    }

    /** The given slug, checked, or one derived from the (valid) name. */
    static String slug(String given, String name) {
        if (given != null && !given.isBlank()) {
            return DefinitionSlugs.require("slug", given.strip());
        }
        String derived = DefinitionSlugs.fromName(name);
        if (derived.isEmpty()) {
            throw RunguException.invalid("slug", "Give a slug: the name has no ASCII letters or digits to make one from");
        }
        return derived;
    }

    /** {@code #rrggbb} in lower case; {@code fallback} when null. */
    static String color(String raw, String fallback) {
        if (raw == null) {
            return fallback;
        }
        String color = raw.strip();
        if (!COLOR.matcher(color).matches()) {
            throw RunguException.invalid("color", "Colour must be #rrggbb, e.g. #3b82f6");
        }
        return color.toLowerCase(Locale.ROOT);
    }

    /** A 1-based place among {@code count} items (a new one may go at {@code count}). */
    static int position(Integer position, int count) {
        if (position != null && (position < 1 || position > count)) {
            throw RunguException.invalid("position", "position must be between 1 and " + count);
        }
        return position == null ? count : position;
    }
}
