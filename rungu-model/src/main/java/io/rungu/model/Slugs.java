package io.rungu.model;

import java.util.Locale;

/** The slug rules: lower-case ASCII letters, digits and inner hyphens, 1–{@value Limits#SLUG_MAX} characters. */
public final class Slugs {
    private Slugs() {}

    /**
     * Derives a slug from a name: lower-cased, every run of characters other than ASCII letters and digits
     * becomes one hyphen, no hyphen at either end, cut to the maximum length. May return "" (no usable characters).
     * Examples: "My App! @#$" → {@code my-app}, "Café Résumé" → {@code caf-r-sum}.
     */
    public static String slugify(String name) {
        StringBuilder out = new StringBuilder();
        boolean pendingHyphen = false;
        for (char c : name.trim().toLowerCase(Locale.ROOT).toCharArray()) {
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (keep) {
                if (pendingHyphen && out.length() > 0) {
                    out.append('-');
                }
                pendingHyphen = false;
                out.append(c);
            } else {
                pendingHyphen = true;
            }
        }
        String slug = out.length() > Limits.SLUG_MAX ? out.substring(0, Limits.SLUG_MAX) : out.toString();
        while (slug.endsWith("-")) {
            slug = slug.substring(0, slug.length() - 1);
        }
        return slug;
    }

    /** True for a valid slug: {@code [a-z0-9-]}, not starting or ending with a hyphen, 1–80 characters. */
    public static boolean isValid(String slug) {
        if (slug == null || slug.isEmpty() || slug.length() > Limits.SLUG_MAX) {
            return false;
        }
        if (slug.startsWith("-") || slug.endsWith("-")) {
            return false;
        }
        for (char c : slug.toCharArray()) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
