package io.rungu.oauth.internal;

/** Where a browser may be sent after sign-in: a path on this site, never another site. */
public final class RedirectTargets {
    private static final int MAX_LENGTH = 2048;

    private RedirectTargets() {}

    /**
     * True for a same-site path: starts with one {@code /}, no {@code //} prefix, no backslash, no control
     * characters (browsers drop tabs and newlines, which would turn {@code /\t/evil} into {@code //evil}).
     */
    public static boolean isSafe(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
            return false;
        }
        if (target.charAt(0) != '/' || target.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}
