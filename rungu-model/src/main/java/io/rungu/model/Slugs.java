package io.rungu.model;

import java.text.Normalizer;
import java.util.Map;

/**
 * The slug rules: lower-case letters of any script, digits, and inner hyphens, 1–{@value Limits#SLUG_MAX} code
 * points, in Unicode normal form NFKC. ASCII slugs ({@code my-app}) are what they always were; a slug with other
 * letters ({@code 日本語ボード}) is percent-encoded in URLs.
 */
public final class Slugs {
    /** Latin letters that do not decompose into a base letter and accents. */
    private static final Map<Integer, String> LATIN = Map.ofEntries(
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'æ', "ae"), Map.entry((int) 'œ', "oe"),
            Map.entry((int) 'ø', "o"), Map.entry((int) 'ł', "l"), Map.entry((int) 'đ', "d"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'þ', "th"), Map.entry((int) 'ı', "i"),
            Map.entry((int) 'ħ', "h"), Map.entry((int) 'ŧ', "t"), Map.entry((int) 'ŋ', "n"),
            Map.entry((int) 'ĸ', "k"), Map.entry((int) 'ſ', "s"), Map.entry((int) 'ƒ', "f"));

    private Slugs() {}

    /**
     * Derives a slug from a name: lower-cased; Latin letters lose their accents ("Café Résumé" → {@code cafe-resume},
     * "Straße" → {@code strasse}, "Łódź" → {@code lodz}); letters and digits of other scripts are kept
     * ("日本語ボード" → {@code 日本語ボード}); every run of anything else becomes one hyphen, none at either end;
     * cut to the maximum length. ASCII names give the slugs they always gave ("My App! @#$" → {@code my-app}).
     * May return "" (no letters or digits).
     */
    public static String slugify(String name) {
        StringBuilder out = new StringBuilder();
        int length = 0;
        boolean pendingHyphen = false;
        boolean afterKept = false;
        String text = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
        for (int i = 0; i < text.length() && length < Limits.SLUG_MAX; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                // A mark belongs to the letter before it: kept with a kept non-Latin letter, else dropped.
                if (afterKept && !pendingHyphen) {
                    out.appendCodePoint(cp);
                    length++;
                }
                continue;
            }
            String piece = fold(cp);
            afterKept = false;
            if (piece.isEmpty()) {
                pendingHyphen = true;
                continue;
            }
            if (pendingHyphen && out.length() > 0) {
                out.append('-');
                length++;
            }
            pendingHyphen = false;
            for (int j = 0; j < piece.length() && length < Limits.SLUG_MAX; ) {
                int c = piece.codePointAt(j);
                j += Character.charCount(c);
                out.appendCodePoint(c);
                length++;
            }
            afterKept = Character.isLetter(cp) && !isLatin(cp);
        }
        String slug = out.toString();
        while (slug.endsWith("-")) {
            slug = slug.substring(0, slug.length() - 1);
        }
        return Normalizer.normalize(slug, Normalizer.Form.NFKC);
    }

    /**
     * True for a valid slug: lower-case letters (any script), digits, marks that follow a letter, and hyphens, not
     * starting or ending with a hyphen, 1–{@value Limits#SLUG_MAX} code points, in NFKC form.
     */
    public static boolean isValid(String slug) {
        if (slug == null || slug.isEmpty() || slug.codePointCount(0, slug.length()) > Limits.SLUG_MAX) {
            return false;
        }
        if (slug.startsWith("-") || slug.endsWith("-") || isMark(slug.codePointAt(0))
                || !Normalizer.isNormalized(slug, Normalizer.Form.NFKC)) {
            return false;
        }
        return slug.codePoints().allMatch(c -> c == '-' || isMark(c) || isLowerLetterOrDigit(c));
    }

    /** The slug form of one code point (lower-cased, Latin accents removed), or "" for a separator. */
    private static String fold(int cp) {
        if (cp < 0x80) {
            int c = Character.toLowerCase(cp);
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? Character.toString(c) : "";
        }
        if (!Character.isLetterOrDigit(cp)) {
            return "";
        }
        int lower = Character.toLowerCase(cp);
        if (!isLatin(lower)) {
            return Character.toString(lower);
        }
        String special = LATIN.get(lower);
        if (special != null) {
            return special;
        }
        StringBuilder base = new StringBuilder();
        Normalizer.normalize(Character.toString(lower), Normalizer.Form.NFD).codePoints()
                .filter(c -> !isMark(c)).forEach(base::appendCodePoint);
        return base.toString();
    }

    private static boolean isLowerLetterOrDigit(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
        }
        return (Character.isLetter(cp) && Character.toLowerCase(cp) == cp && !Character.isTitleCase(cp))
                || Character.isDigit(cp);
    }

    private static boolean isLatin(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
