package io.rungu.model;

import java.util.Locale;

/**
 * How email addresses are compared. Only ASCII {@code A-Z} are lower-cased: Unicode case mapping turns other
 * characters into ASCII letters (the Kelvin sign U+212A lower-cases to {@code k}, the long s U+017F upper-cases to
 * {@code S}), which would let one address pass for another. Addresses that change under such mapping are refused
 * instead of being linked to anyone.
 */
public final class Emails {
    private Emails() {}

    /** The address stripped, with {@code A-Z} lower-cased and every other character kept as it is. */
    public static String normalize(String email) {
        String s = email.strip();
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * True when Unicode case mapping (lower, or upper then lower) changes the address beyond what
     * {@link #normalize} does, so that a provider or a mail system might treat it as another address.
     */
    public static boolean changesUnderCaseFolding(String email) {
        String ascii = normalize(email);
        return !ascii.equals(ascii.toLowerCase(Locale.ROOT))
                || !ascii.equals(ascii.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
    }

    /**
     * {@link #normalize normalized}, refusing an address that {@link #changesUnderCaseFolding changes under Unicode
     * case mapping}: such an address is never linked to an account, mailed or compared with another.
     *
     * @throws RunguException {@code invalid} on field {@code email} for such an address
     */
    public static String normalizeSafely(String email) {
        String normalized = normalize(email);
        if (changesUnderCaseFolding(normalized)) {
            String shown = email.length() > 60 ? email.substring(0, 60) + "…" : email;
            throw RunguException.invalid("email", "'" + shown + "' contains letters that change under Unicode case "
                    + "mapping, so it could pass for another address; use a plain address");
        }
        return normalized;
    }
}
