package io.rungu.model;

import java.util.regex.Pattern;

/**
 * The slug rule of a board's statuses, categories and tags: lower-case ASCII letters, digits, {@code _} and
 * {@code -}, starting with a letter or digit, 1–{@value Limits#DEFINITION_SLUG_MAX} characters ({@code in_progress},
 * {@code shipped-beta}). Narrower than board slugs, so they are safe in query strings and URLs as they are.
 */
public final class DefinitionSlugs {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (Limits.DEFINITION_SLUG_MAX - 1) + "}");

    private DefinitionSlugs() {}

    /** True when {@code slug} follows the rule. */
    public static boolean isValid(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    /** {@code value} when valid; INVALID naming {@code field} otherwise. */
    public static String require(String field, String value) {
        if (!isValid(value)) {
            throw RunguException.invalid(field, "Invalid " + field + " '" + value + "': use 1-"
                    + Limits.DEFINITION_SLUG_MAX + " lower-case letters, digits, '_' or '-'");
        }
        return value;
    }

    /** A slug derived from a name: lower-cased ASCII letters and digits, other runs become '-'; may be "". */
    public static String fromName(String name) {
        String slug = Slugs.slugify(name == null ? "" : name).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return slug.length() > Limits.DEFINITION_SLUG_MAX
                ? slug.substring(0, Limits.DEFINITION_SLUG_MAX).replaceAll("-$", "") : slug;
    }
}
